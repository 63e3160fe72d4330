//! Per language: how many of the needed messages it has, how far each file is reviewed
//! (the files' `### review:` status, as `check` reads it), and which messages of the
//! default language it lacks, each linked to a step that shows it.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::{page, respond};
use crate::studio::Studio;
use crate::studio::adapter;

pub async fn show(State(studio): State<Arc<Studio>>) -> Response {
    let ws = studio.workspace();
    let content = ws.current.document.content();
    let default = super::default_language(content);
    let model = content.texts.iter().find(|t| t.code == default);
    let body = html! {
        p { "How complete and how reviewed each language is. A machine-drafted file needs a native reader before people see it." }
        @for adapter::LanguageReview { code, present, needed, files } in adapter::review(&ws.current.report) {
            h2 { (code) }
            p { (present) " of " (needed) " needed messages" }
            ul { @for (file, status) in &files {
                li class=(if *status == "reviewed" { "" } else { "warning" }) { code { (file) } ": " (status) }
            } }
            @let texts = content.texts.iter().find(|t| t.code == code);
            @let missing: Vec<&String> = model.map(|m| m.sources.keys().filter(|id| !id.starts_with('-') && texts.is_none_or(|t| !t.sources.contains_key(*id))).collect()).unwrap_or_default();
            @if !missing.is_empty() {
                p.warning { "Missing here, present in " (default) ":" }
                ul { @for id in missing {
                    li { @match super::step_of(content, id) { Some(href) => a href=(format!("{href}?lang={code}")) { (id) }, None => code { (id) } } }
                } }
            }
        }
    };
    respond(StatusCode::OK, page("Review", ws.edited().len(), body))
}

//! Per language: how many of the needed messages it has, how far each file is reviewed
//! (the files' `### review:` status, as `check` reads it), and which messages of the
//! default language it lacks, each linked to a step that shows it. A reviewer marks
//! one message reviewed with a role: the record `signpost review import` would write,
//! kept in the draft like every other edit.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::{csrf, field, page, respond};
use crate::studio::Studio;
use crate::studio::adapter;
use crate::studio::editing::Workspace;
use crate::studio::server::security::CheckedForm;

pub(super) async fn show(State(studio): State<Arc<Studio>>) -> Response {
    let ws = studio.workspace();
    render(&studio, &ws, None)
}

/// Records one message of a language as reviewed by a role, in the draft.
pub(super) async fn mark(
    State(studio): State<Arc<Studio>>,
    CheckedForm(fields): CheckedForm,
) -> Response {
    let mut ws = studio.workspace();
    let (lang, id, role) = (
        field(&fields, "lang").unwrap_or_default(),
        field(&fields, "id").unwrap_or_default().trim(),
        field(&fields, "role").unwrap_or_default().trim(),
    );
    let notice = if id.is_empty() || role.is_empty() {
        (
            false,
            "Choose a message and write the reviewer's role.".to_string(),
        )
    } else {
        let texts = adapter::texts(&ws.current.document);
        match adapter::mark_reviewed(&texts, ws.locales(), lang, id, role, ws.today())
            .and_then(|file| ws.edit(vec![file]))
        {
            Ok(()) => (
                true,
                format!(
                    "{lang} {id}: recorded as reviewed by {role}, in the draft. Save it on the Changes page."
                ),
            ),
            Err(why) => (false, why),
        }
    };
    render(&studio, &ws, Some(notice))
}

fn render(studio: &Studio, ws: &Workspace, notice: Option<(bool, String)>) -> Response {
    let content = ws.current.document.content();
    let default = super::default_language(content);
    let model = content.texts.iter().find(|t| t.code == default);
    let body = html! {
        p { "How complete and how reviewed each language is. A machine-drafted file needs a native reader before people see it." }
        @if let Some((ok, text)) = &notice {
            p id="notice" class=(if *ok { "ok" } else { "warning" }) { (text) }
        }
        @for adapter::LanguageReview { code, present, needed, files, messages } in adapter::review(&ws.current.report) {
            h2 { (code) }
            p { (present) " of " (needed) " needed messages" }
            @if let Some((reviewed, stale, drafted)) = messages {
                p id=(format!("counts-{code}")) { "messages: " (reviewed) " reviewed, " (stale) " stale, " (drafted) " machine-drafted" }
            }
            @let texts = content.texts.iter().find(|t| t.code == code);
            @if let Some(texts) = texts {
                form method="post" action="/review" {
                    (csrf(studio))
                    input type="hidden" name="lang" value=(code);
                    label { "Message " select name="id" { @for id in texts.sources.keys() { option value=(id) { (id) } } } }
                    " " label { "reviewed by (a role) " input type="text" name="role" maxlength="100" placeholder="e.g. translator"; }
                    " " button type="submit" { "Mark reviewed" }
                }
            }
            ul { @for (file, status) in &files {
                li class=(if *status == "reviewed" { "" } else { "warning" }) { code { (file) } ": " (status) }
            } }
            @let missing: Vec<&String> = model.map(|m| m.sources.keys().filter(|id| !id.starts_with('-') && texts.is_none_or(|t| !t.sources.contains_key(*id))).collect()).unwrap_or_default();
            @if !missing.is_empty() {
                p.warning { "Missing here, present in " (default) ":" }
                ul { @for id in missing {
                    li { @match super::step_of(content, id) { Some(href) => a href=(format!("{href}?lang={code}")) { (id) }, None => code { (id) } } }
                } }
            }
        }
    };
    let status = match &notice {
        Some((false, _)) => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::OK,
    };
    respond(status, page("Review", ws.edited().len(), body))
}

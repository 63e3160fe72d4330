//! What the draft changes, as `signpost diff` shows it, and saving it: only when the set
//! has no errors, and never over a file someone changed on disk meanwhile.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::{csrf, findings, page, respond};
use crate::studio::Studio;
use crate::studio::editing::{Saved, Workspace};
use crate::studio::server::security::CheckedForm;

fn render(studio: &Studio, ws: &Workspace, notice: Option<(bool, String)>) -> Response {
    let edited = ws.edited();
    let report = &ws.current.report;
    let body = html! {
        @if let Some((good, text)) = &notice {
            p class=(if *good { "notice" } else { "notice bad" }) { (text) }
        }
        @if edited.is_empty() {
            p { "No edits waiting: the files on disk are what the studio shows." }
        } @else {
            p { "Edited, not saved: " @for p in &edited { code { (p.display()) } " " } }
            pre.diff { (ws.diff()) }
            @if report.errors() > 0 {
                p.error { "The draft has " (report.errors()) " error(s); it is kept here but cannot be saved until they are fixed:" }
                (findings(report.sorted().into_iter().filter(|d| d.severity == crate::studio::adapter::Severity::Error), Some(ws.current.document.content())))
            }
            form method="post" action="/save" { (csrf(studio)) button.primary type="submit" { "Save to the files" } }
            form method="post" action="/discard" { (csrf(studio)) p { button type="submit" { "Throw the draft away" } } }
        }
    };
    let status = match &notice {
        Some((false, _)) => StatusCode::CONFLICT,
        _ => StatusCode::OK,
    };
    respond(status, page("Changes", edited.len(), body))
}

pub(super) async fn show(State(studio): State<Arc<Studio>>) -> Response {
    let ws = studio.workspace();
    render(&studio, &ws, None)
}

pub(super) async fn save(
    State(studio): State<Arc<Studio>>,
    CheckedForm(_fields): CheckedForm,
) -> Response {
    let mut ws = studio.workspace();
    let notice = match ws.save() {
        Saved::Nothing => (true, "Nothing to save.".to_string()),
        Saved::Written(paths) => (
            true,
            format!(
                "Saved: {}. A running bot picks the files up by its live reload.",
                paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        Saved::HasErrors(n) => (
            false,
            format!("Not saved: the draft has {n} error(s). It is kept here; fix them first."),
        ),
        Saved::ChangedOnDisk(paths) => (
            false,
            format!(
                "Not saved: {} changed on disk since the studio opened it. Nothing was written, so that change is not lost; the draft is kept. Copy your edit, throw the draft away and make it again on the new file (or restart the studio).",
                paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        Saved::Failed(why) => (false, format!("Not saved: {why}")),
    };
    render(&studio, &ws, Some(notice))
}

pub(super) async fn discard(
    State(studio): State<Arc<Studio>>,
    CheckedForm(_fields): CheckedForm,
) -> Response {
    let mut ws = studio.workspace();
    ws.discard();
    render(
        &studio,
        &ws,
        Some((true, "The draft was thrown away.".to_string())),
    )
}

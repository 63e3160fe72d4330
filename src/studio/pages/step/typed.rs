//! A step's typed answers in the page: each route's words and examples per language,
//! shown, and saved in place in the flow file.

use crate::studio::Studio;
use crate::studio::editing::{Workspace, understanding};
use crate::studio::pages::{Fields, csrf};
use crate::studio::server::security::CheckedForm;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use maud::{Markup, html};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::*;

/// The file and routes of a step, as its flow file now stands in the draft.
pub(super) fn step_routes(
    ws: &Workspace,
    flow: &str,
    step: &str,
) -> Option<(PathBuf, Vec<understanding::Route>)> {
    let content = ws.current.document.content();
    let file = content.flows.iter().find(|f| f.id == flow)?.file.clone();
    let routes = understanding::routes(ws.text(&file)?, step)?;
    Some((file, routes))
}

/// The step's typed answers: each route's words and examples, one a line, in the
/// route's language (right to left where it is written so). After a refused edit the
/// form shows what was posted, so nothing typed is lost.
pub(super) fn typed_answers(
    studio: &Studio,
    ws: &Workspace,
    flow: &str,
    step: &str,
    lang: &str,
    at: &str,
    posted: Option<&Fields>,
) -> Markup {
    let Some((_, routes)) = step_routes(ws, flow, step) else {
        return html! {};
    };
    let rtl: BTreeMap<String, bool> = languages(ws).into_iter().collect();
    let value = |name: &str, list: &Option<Vec<String>>| -> String {
        posted
            .and_then(|p| crate::studio::pages::field(p, name))
            .map(str::to_string)
            .unwrap_or_else(|| list.as_ref().map(|l| l.join("\n")).unwrap_or_default())
    };
    html! {
        @if !routes.is_empty() {
            h2 id="typed-answers" { "Typed answers at this step" }
            p.args {
                "Words: one word or phrase a line, matched as whole words (" code { "*" } " stands for the rest of a word). "
                "Examples: one sentence a line, as a person would type it; the bot learns from them. "
                "After keeping them, the box beside the preview shows where a sentence goes now."
            }
            form method="post" action=(format!("/step/{flow}/{step}/routes?lang={lang}&at={at}")) {
                (csrf(studio))
                @for (i, route) in routes.iter().enumerate() {
                    @let code = route.lang.clone().unwrap_or_default();
                    @let dir = if rtl.get(&code).copied().unwrap_or(false) { "rtl" } else { "ltr" };
                    div.route {
                        h3 {
                            span.lang { (if code.is_empty() { "any language" } else { code.as_str() }) }
                            " → " (route.to)
                        }
                        @if let Some(pattern) = &route.pattern {
                            p.args { "pattern " code { (pattern) } " (edit it in the file)" }
                        }
                        div.grid {
                            @if route.words.is_some() || route.pattern.is_none() {
                                @let name = format!("w|{i}");
                                @let v = value(&name, &route.words);
                                div {
                                    label for=(name) { "words" }
                                    textarea id=(name) name=(name) rows=(rows(&v)) dir=(dir) lang=[route.lang.as_deref()] { (v) }
                                }
                            }
                            @if route.examples.is_some() || route.pattern.is_none() {
                                @let name = format!("e|{i}");
                                @let v = value(&name, &route.examples);
                                div {
                                    label for=(name) { "examples" }
                                    textarea id=(name) name=(name) rows=(rows(&v)) dir=(dir) lang=[route.lang.as_deref()] { (v) }
                                }
                            }
                        }
                    }
                }
                p { button.primary type="submit" { "Keep these typed answers" } " (in the draft; save them on the Changes page)" }
            }
        }
    }
}

/// The new text of the flow file with the posted words and examples; `None` when
/// nothing changed.
pub(super) fn apply_routes(
    ws: &Workspace,
    flow: &str,
    step: &str,
    fields: &Fields,
) -> Result<Option<(PathBuf, String)>, String> {
    let Some((file, routes)) = step_routes(ws, flow, step) else {
        return Err(format!(
            "step \"{step}\" of flow \"{flow}\" is not in its file"
        ));
    };
    let Some(old) = ws.text(&file) else {
        return Err(format!("{} was not read", file.display()));
    };
    let mut text = old.to_string();
    for (i, route) in routes.iter().enumerate() {
        let what = |kind: &str| {
            format!(
                "route {} ({}), {kind}",
                i + 1,
                route.lang.as_deref().unwrap_or("any language")
            )
        };
        let list = |kind: &str,
                    key: char,
                    had: &Option<Vec<String>>|
         -> Result<Option<Vec<String>>, String> {
            let Some(typed) = crate::studio::pages::field(fields, &format!("{key}|{i}")) else {
                return Ok(None);
            };
            let new = understanding::lines(typed);
            if had.as_ref() == Some(&new) || (had.is_none() && new.is_empty()) {
                return Ok(None);
            }
            understanding::judge(&new, &what(kind))?;
            Ok(Some(new))
        };
        let words = list("words", 'w', &route.words)?;
        let examples = list("examples", 'e', &route.examples)?;
        if words.is_none() && examples.is_none() {
            continue;
        }
        text = understanding::set_route(&text, step, i, words.as_deref(), examples.as_deref())?;
    }
    Ok((text != old).then_some((file, text)))
}

pub(crate) async fn routes(
    State(studio): State<Arc<Studio>>,
    Path((flow, step)): Path<(String, String)>,
    Query(q): Query<BTreeMap<String, String>>,
    CheckedForm(fields): CheckedForm,
) -> Response {
    let mut ws = studio.workspace();
    let change = apply_routes(&ws, &flow, &step, &fields);
    let (notice, posted) = keep(&mut ws, change, &fields);
    render(
        &studio,
        &ws,
        &flow,
        &step,
        q.get("lang").map(String::as_str),
        q.get("at").map(String::as_str),
        Some(notice),
        None,
        posted,
    )
}

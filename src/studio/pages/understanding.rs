//! The examples of a question or intent of `bot.toml` (`[questions.*]`, `[intents.*]`),
//! one sentence a line in each language (right to left where it is written so), and a
//! box to type a sentence and see where the bot goes with it and why, with the draft.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::step::keep;
use super::{Fields, csrf, field, findings, not_found, page, respond};
use crate::studio::Studio;
use crate::studio::adapter::{self, Owner};
use crate::studio::editing::Workspace;
use crate::studio::editing::understanding::{self, PerLanguage};
use crate::studio::server::security::CheckedForm;

/// `bot.toml`'s path and the examples of `[kind.id]` as the draft has them.
fn examples(ws: &Workspace, kind: &str, id: &str) -> Option<(PathBuf, PerLanguage)> {
    if !understanding::KINDS.contains(&kind) {
        return None;
    }
    let file = ws.current.document.content().settings_file.clone();
    let list = understanding::examples(ws.text(&file)?, kind, id)?;
    Some((file, list))
}

/// A sentence typed, and why it goes where it goes.
struct Typed {
    text: String,
    lang: String,
    why: Option<String>,
}

fn render(
    studio: &Studio,
    ws: &Workspace,
    kind: &str,
    id: &str,
    notice: Option<(bool, String)>,
    typed: Option<Typed>,
    posted: Option<&Fields>,
) -> Response {
    let Some((_, list)) = examples(ws, kind, id) else {
        return not_found(&format!("[{kind}.{id}] in bot.toml"));
    };
    let content = ws.current.document.content();
    let rtl: BTreeMap<&str, bool> = content
        .texts
        .iter()
        .map(|t| (t.code.as_str(), adapter::is_rtl(t)))
        .collect();
    let default = super::default_language(content);
    let typed_lang = typed.as_ref().map_or(default.as_str(), |t| t.lang.as_str());
    let body = html! {
        p { (content.settings_file.display()) ", " code { "[" (kind) "." (id) "]" } }
        @if let Some((good, text)) = &notice {
            p class=(if *good { "notice" } else { "notice bad" }) { (text) }
        }
        (findings(ws.current.report.sorted().into_iter().filter(|d| matches!(d.owner, Owner::Settings)), None))
        div.columns {
            div.edit {
                p.args { "One sentence a line, as a person would type it. The bot learns from them; the box beside shows where a sentence goes once they are kept." }
                form method="post" action=(format!("/understanding/{kind}/{id}")) {
                    (csrf(studio))
                    div.grid {
                        @for (code, sentences) in &list {
                            @let name = format!("x|{code}");
                            @let v = posted.and_then(|p| field(p, &name)).map(str::to_string).unwrap_or_else(|| sentences.join("\n"));
                            div {
                                label.lang for=(name) { (code) }
                                textarea id=(name) name=(name) rows=(v.lines().count().clamp(3, 20)) dir=(if rtl.get(code.as_str()).copied().unwrap_or(false) { "rtl" } else { "ltr" }) lang=(code) { (v) }
                            }
                        }
                    }
                    p { button.primary type="submit" { "Keep these examples" } " (in the draft; save them on the Changes page)" }
                }
            }
            div.phone {
                h2 { "Typed as a first message" }
                form method="post" action=(format!("/understanding/{kind}/{id}/typed")) {
                    (csrf(studio))
                    select name="lang" aria-label="language" { @for (code, _) in &list { option value=(code) selected[code == typed_lang] { (code) } } }
                    " "
                    input type="text" name="typed" placeholder="a sentence as a person would type it" aria-label="typed sentence" maxlength="4096" dir="auto" value=(typed.as_ref().map_or("", |t| t.text.as_str()));
                    " " button type="submit" { "Where does it go?" }
                }
                @if let Some(typed) = &typed {
                    @match &typed.why {
                        Some(why) => pre id="typed-why" dir="auto" { (why) },
                        None => p.note { "The set has errors, so the bot would not run it (see the start page)." },
                    }
                }
            }
        }
    };
    let status = match &notice {
        Some((false, _)) => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::OK,
    };
    respond(
        status,
        page(&format!("Examples of {kind}.{id}"), ws.edited().len(), body),
    )
}

pub(super) async fn show(
    State(studio): State<Arc<Studio>>,
    Path((kind, id)): Path<(String, String)>,
) -> Response {
    let ws = studio.workspace();
    render(&studio, &ws, &kind, &id, None, None, None)
}

pub(super) async fn typed(
    State(studio): State<Arc<Studio>>,
    Path((kind, id)): Path<(String, String)>,
    CheckedForm(fields): CheckedForm,
) -> Response {
    let ws = studio.workspace();
    let text = field(&fields, "typed").unwrap_or("").to_string();
    let default = super::default_language(ws.current.document.content());
    let lang = field(&fields, "lang").unwrap_or(&default).to_string();
    let typed = (!text.trim().is_empty()).then(|| Typed {
        why: ws
            .current
            .set
            .as_ref()
            .map(|set| adapter::understanding_at_start(set, &lang, &text)),
        text,
        lang,
    });
    render(&studio, &ws, &kind, &id, None, typed, None)
}

/// The new text of `bot.toml` with the posted examples; `None` when nothing changed.
fn apply(
    ws: &Workspace,
    kind: &str,
    id: &str,
    fields: &Fields,
) -> Result<Option<(PathBuf, String)>, String> {
    let Some((file, list)) = examples(ws, kind, id) else {
        return Err(format!("[{kind}.{id}] is not in bot.toml"));
    };
    let Some(old) = ws.text(&file) else {
        return Err(format!("{} was not read", file.display()));
    };
    let mut text = old.to_string();
    for (code, sentences) in &list {
        let Some(typed) = field(fields, &format!("x|{code}")) else {
            continue;
        };
        let new = understanding::lines(typed);
        if new != *sentences {
            understanding::judge(&new, &format!("{code} examples"))?;
            text = understanding::set_examples(&text, kind, id, code, &new)?;
        }
    }
    Ok((text != old).then_some((file, text)))
}

pub(super) async fn edit(
    State(studio): State<Arc<Studio>>,
    Path((kind, id)): Path<(String, String)>,
    Query(_q): Query<BTreeMap<String, String>>,
    CheckedForm(fields): CheckedForm,
) -> Response {
    let mut ws = studio.workspace();
    let change = apply(&ws, &kind, &id, &fields);
    let (notice, posted) = keep(&mut ws, change, &fields);
    render(&studio, &ws, &kind, &id, Some(notice), None, posted)
}

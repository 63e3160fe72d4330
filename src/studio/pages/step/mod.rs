//! One step: its words side by side in every language (right-to-left ones written so),
//! each message's Fluent arguments shown and required to stay, `check`'s findings on
//! the step and its messages, and a preview as the person would see it on Telegram, in
//! a chosen language at a chosen time.

mod typed;

pub(super) use typed::routes;
use typed::*;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};

use super::{Fields, csrf, findings, not_found, page, respond};
use crate::studio::Studio;
use crate::studio::adapter::{self, Owner, Reply, ReplyKind};
use crate::studio::editing::{Workspace, fluent};
use crate::studio::server::security::CheckedForm;

/// The time a preview or conversation is set at: `YYYY-MM-DDTHH:MM` in Sweden, or now.
pub(super) fn when(at: Option<&str>) -> (jiff::Timestamp, String) {
    let parsed = at
        .filter(|a| !a.is_empty())
        .and_then(|a| a.parse::<jiff::civil::DateTime>().ok())
        .and_then(|dt| dt.in_tz("Europe/Stockholm").ok());
    let zoned = parsed.or_else(|| jiff::Timestamp::now().in_tz("Europe/Stockholm").ok());
    match zoned {
        Some(z) => (z.timestamp(), z.strftime("%Y-%m-%dT%H:%M").to_string()),
        None => (jiff::Timestamp::now(), String::new()),
    }
}

/// Telegram-like bubbles for the engine's replies; with `press`, the last menu's
/// buttons are form buttons (the conversation page), else they are drawn only.
pub(super) fn bubbles(replies: &[Reply], rtl: bool, press: bool) -> Markup {
    let dir = if rtl { "rtl" } else { "ltr" };
    html! {
        @for reply in replies {
            div class=(match reply.kind { ReplyKind::Step => "bubble", ReplyKind::Signpost => "bubble signpost", ReplyKind::Notice => "bubble notice" }) dir=(dir) { (reply.text) }
            @if !reply.buttons.is_empty() {
                div.keys dir=(dir) {
                    @for row in &reply.buttons {
                        div.row { @for b in row {
                            @if press { button type="submit" name="press" value=(b.data) { (b.label) } }
                            @else { span { (b.label) } }
                        } }
                    }
                }
            }
        }
    }
}

/// Enough rows to show a text whole (about 40 characters a row in a column), at most 20.
fn rows(value: &str) -> usize {
    value
        .lines()
        .map(|l| 1 + l.chars().count() / 40)
        .sum::<usize>()
        .clamp(2, 20)
}

/// The ids of the messages a step shows: its texts, then its buttons.
fn message_ids(ws: &Workspace, flow: &str, step: &str) -> Option<Vec<String>> {
    let content = ws.current.document.content();
    let doc = content.flows.iter().find(|f| f.id == flow)?;
    let step = doc.steps.iter().find(|s| s.id == step)?;
    let mut ids: Vec<String> = Vec::new();
    for id in step
        .say
        .iter()
        .map(|t| &t.id)
        .chain(step.choices.iter().map(|c| &c.label.id))
    {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    Some(ids)
}

/// The languages in the order `bot.toml` lists them, then any other folder.
fn languages(ws: &Workspace) -> Vec<(String, bool)> {
    let content = ws.current.document.content();
    let mut langs: Vec<&adapter::LanguageTexts> = content.texts.iter().collect();
    let order = &content.settings.languages;
    langs.sort_by_key(|l| {
        order
            .iter()
            .position(|o| *o == l.code)
            .unwrap_or(usize::MAX)
    });
    langs
        .iter()
        .map(|l| (l.code.clone(), adapter::is_rtl(l)))
        .collect()
}

/// A sentence typed at the step, and what the engine made of it.
pub(super) struct Typed {
    text: String,
    turn: adapter::Turn,
    /// Why, as `signpost understand` says it.
    why: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn render(
    studio: &Studio,
    ws: &Workspace,
    flow: &str,
    step: &str,
    lang: Option<&str>,
    at: Option<&str>,
    notice: Option<(bool, String)>,
    typed: Option<Typed>,
    posted: Option<&Fields>,
) -> Response {
    let Some(ids) = message_ids(ws, flow, step) else {
        return not_found(&format!("step \"{step}\" of flow \"{flow}\""));
    };
    let current = &ws.current;
    let content = current.document.content();
    let langs = languages(ws);
    let default = super::default_language(content);
    let lang = lang
        .filter(|l| langs.iter().any(|(c, _)| c == l))
        .unwrap_or(&default)
        .to_string();
    let rtl = langs.iter().any(|(c, r)| *c == lang && *r);
    let (now, at) = when(at);
    let texts = |code: &str| content.texts.iter().find(|t| t.code == code);
    let owner_step = Owner::Step {
        flow: flow.to_string(),
        step: step.to_string(),
    };
    let preview = current
        .set
        .as_ref()
        .map(|set| adapter::step_preview(set, flow, step, &lang, now));
    let body = html! {
        p { a href=(format!("/flow/{flow}")) { "← flow " (flow) } }
        @if let Some((good, text)) = &notice {
            p class=(if *good { "notice" } else { "notice bad" }) { (text) }
        }
        (findings(current.report.sorted().into_iter().filter(|d| d.owner == owner_step), None))
        div.columns {
            div.edit {
            form method="post" action=(format!("/step/{flow}/{step}?lang={lang}&at={at}")) {
                (csrf(studio))
                @for id in &ids {
                    h2 { code { (id) } }
                    @let vars = texts(&default).and_then(|t| adapter::variables(t, id)).unwrap_or_default();
                    @if !vars.is_empty() {
                        p.args { "Arguments, to keep in every language: " @for v in &vars { code { "{ $" (v) " }" } " " } }
                    }
                    div.grid {
                        @for (code, is_rtl) in &langs {
                            @let source = texts(code).and_then(|t| t.sources.get(id));
                            div {
                                label.lang for=(format!("m|{code}|{id}")) { (code) }
                                @match source.map(|s| fluent::value_of(s)) {
                                    Some(None) => { pre { (source.map(String::as_str).unwrap_or("")) } p.args { "(has attributes: edit it in the file)" } }
                                    Some(Some(value)) => textarea rows=(rows(&value)) id=(format!("m|{code}|{id}")) name=(format!("m|{code}|{id}")) dir=(if *is_rtl { "rtl" } else { "ltr" }) lang=(code) { (value) },
                                    None => textarea id=(format!("m|{code}|{id}")) name=(format!("m|{code}|{id}")) dir=(if *is_rtl { "rtl" } else { "ltr" }) lang=(code) placeholder="missing in this language" {},
                                }
                                @let owner = Owner::Message { lang: code.clone(), id: id.clone() };
                                (findings(current.report.sorted().into_iter().filter(|d| d.owner == owner), None))
                            }
                        }
                    }
                }
                p { button.primary type="submit" { "Keep these words" } " (in the draft; save them on the Changes page)" }
            }
            (typed_answers(studio, ws, flow, step, &lang, &at, posted))
            }
            div.phone {
                h2 { "Preview" }
                form method="get" action=(format!("/step/{flow}/{step}")) {
                    select name="lang" { @for (code, _) in &langs { option value=(code) selected[*code == lang] { (code) } } }
                    " at " input type="datetime-local" name="at" value=(at);
                    " " button type="submit" { "Show" }
                }
                div.chat id="preview" lang=(lang) dir=(if rtl { "rtl" } else { "ltr" }) {
                    @match &preview {
                        None => p.note { "No preview: the set has errors (see above)." },
                        Some(None) => p.note { "No button leads here; this step is reached by typing. Try it on the Try page." },
                        Some(Some(replies)) => (bubbles(replies, rtl, false)),
                    }
                }
                h2 { "Typed at this step" }
                form method="post" action=(format!("/step/{flow}/{step}/typed?lang={lang}&at={at}")) {
                    (csrf(studio))
                    input type="text" name="typed" placeholder="a sentence as a person would type it" aria-label="typed sentence" maxlength="4096" dir="auto" value=(typed.as_ref().map_or("", |t| t.text.as_str()));
                    " " button type="submit" { "Where does it go?" }
                }
                @if let Some(typed) = &typed {
                    p id="typed-result" {
                        @match &typed.turn.session {
                            Some(s) if s.flow == flow && s.step == step => "It stays at this step.",
                            Some(s) => { "It goes to " a href=(format!("/step/{}/{}", s.flow, s.step)) { (s.flow) " / " (s.step) } "." },
                            None => "It ends the conversation (quick exit).",
                        }
                    }
                    @if let Some(why) = &typed.why {
                        p { "Why (as " code { "signpost understand" } " says it):" }
                        pre id="typed-why" dir="auto" { (why) }
                    }
                    div.chat dir=(if rtl { "rtl" } else { "ltr" }) {
                        div.bubble.person dir="auto" { (typed.text) }
                        @for note in &typed.turn.notes { p.note { "(" (note) ")" } }
                        (bubbles(&typed.turn.replies, rtl, false))
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
        page(&format!("Step {step}"), ws.edited().len(), body),
    )
}

pub(super) async fn show(
    State(studio): State<Arc<Studio>>,
    Path((flow, step)): Path<(String, String)>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Response {
    let ws = studio.workspace();
    render(
        &studio,
        &ws,
        &flow,
        &step,
        q.get("lang").map(String::as_str),
        q.get("at").map(String::as_str),
        None,
        None,
        None,
    )
}

pub(super) async fn typed(
    State(studio): State<Arc<Studio>>,
    Path((flow, step)): Path<(String, String)>,
    Query(q): Query<BTreeMap<String, String>>,
    CheckedForm(fields): CheckedForm,
) -> Response {
    let ws = studio.workspace();
    let lang = q.get("lang").map(String::as_str);
    let at = q.get("at").map(String::as_str);
    let text = fields
        .iter()
        .find(|(k, _)| k == "typed")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let default = super::default_language(ws.current.document.content());
    let typed = ws
        .current
        .set
        .as_ref()
        .filter(|_| !text.trim().is_empty())
        .map(|set| {
            let (now, _) = when(at);
            let lang = lang.unwrap_or(&default);
            Typed {
                turn: adapter::typed_at(set, &flow, &step, lang, &text, now),
                why: adapter::understanding(set, &flow, &step, lang, &text),
                text,
            }
        });
    render(&studio, &ws, &flow, &step, lang, at, None, typed, None)
}

pub(super) async fn edit(
    State(studio): State<Arc<Studio>>,
    Path((flow, step)): Path<(String, String)>,
    Query(q): Query<BTreeMap<String, String>>,
    CheckedForm(fields): CheckedForm,
) -> Response {
    let mut ws = studio.workspace();
    let notice = match apply(&ws, &fields) {
        Err(why) => (false, why),
        Ok(files) if files.is_empty() => (true, "Nothing changed.".to_string()),
        Ok(files) => match ws.edit(files) {
            Err(why) => (false, why),
            Ok(()) => kept(&ws),
        },
    };
    render(
        &studio,
        &ws,
        &flow,
        &step,
        q.get("lang").map(String::as_str),
        q.get("at").map(String::as_str),
        Some(notice),
        None,
        None,
    )
}

/// The new texts of the files the form changes: each changed message replaced by its
/// lines (from the bottom of a file up, so the line numbers above stay true), a new
/// translation added at the end of the language's file of the same name.
fn apply(ws: &Workspace, fields: &Fields) -> Result<Vec<(PathBuf, String)>, String> {
    let content = ws.current.document.content();
    let default = super::default_language(content);
    let mut replaced: BTreeMap<PathBuf, Vec<(usize, usize, String, String)>> = BTreeMap::new();
    let mut appended: BTreeMap<PathBuf, Vec<(String, String)>> = BTreeMap::new();
    for (name, value) in fields {
        let Some((code, id)) = name.strip_prefix("m|").and_then(|r| r.split_once('|')) else {
            continue;
        };
        let Some(texts) = content.texts.iter().find(|t| t.code == code) else {
            return Err(format!("there is no language \"{code}\""));
        };
        let value = value.replace("\r\n", "\n").trim().to_string();
        let old = texts.sources.get(id).and_then(|s| fluent::value_of(s));
        if old.as_deref() == Some(value.as_str()) || (old.is_none() && value.is_empty()) {
            continue;
        }
        if value.is_empty() {
            return Err(format!(
                "{code} {id}: a text cannot be emptied here; write it, or remove it in the file"
            ));
        }
        let model = old
            .clone()
            .or_else(|| {
                content
                    .texts
                    .iter()
                    .find(|t| t.code == default)
                    .and_then(|t| t.sources.get(id))
                    .and_then(|s| fluent::value_of(s))
            })
            .unwrap_or_default();
        let now = fluent::variables(&value);
        if let Some(lost) = fluent::variables(&model)
            .into_iter()
            .find(|v| !now.contains(v))
        {
            return Err(format!(
                "{code} {id}: keep {{ ${lost} }} in the text: it is where the bot puts a value"
            ));
        }
        match texts.places.iter().find(|(_, pid, _, _)| pid == id) {
            Some((file, _, first, last)) => replaced.entry(file.clone()).or_default().push((
                *first,
                *last,
                id.to_string(),
                value,
            )),
            None => {
                let file = content
                    .texts
                    .iter()
                    .find(|t| t.code == default)
                    .and_then(|t| t.places.iter().find(|(_, pid, _, _)| pid == id))
                    .and_then(|(f, _, _, _)| f.file_name().map(|n| texts.path.join(n)));
                let Some(file) = file else {
                    return Err(format!("{code} {id}: no file to add it to"));
                };
                appended
                    .entry(file)
                    .or_default()
                    .push((id.to_string(), value));
            }
        }
    }
    let mut files = Vec::new();
    let paths: Vec<PathBuf> = replaced.keys().chain(appended.keys()).cloned().collect();
    for path in paths {
        if files.iter().any(|(p, _): &(PathBuf, String)| *p == path) {
            continue;
        }
        let Some(mut text) = ws.text(&path).map(str::to_string) else {
            return Err(format!(
                "{} does not exist yet: add the file first",
                path.display()
            ));
        };
        let mut edits = replaced.remove(&path).unwrap_or_default();
        edits.sort_by_key(|e| std::cmp::Reverse(e.0));
        for (first, last, id, value) in edits {
            text = fluent::replace(&text, first, last, &id, &value).ok_or_else(|| {
                format!("{id}: its place in {} is not where it was", path.display())
            })?;
        }
        for (id, value) in appended.remove(&path).unwrap_or_default() {
            text = fluent::append(&text, &id, &value);
        }
        files.push((path, text));
    }
    Ok(files)
}

/// A form's one changed file put into the draft: what the page then says, and the
/// fields to show again when it was refused, so nothing typed is lost. `change` is
/// what the form made of the file (an error in words, nothing changed, or the new text).
pub(super) fn keep<'f>(
    ws: &mut Workspace,
    change: Result<Option<(PathBuf, String)>, String>,
    fields: &'f Fields,
) -> ((bool, String), Option<&'f Fields>) {
    match change {
        Err(why) => ((false, format!("Not kept: {why}.")), Some(fields)),
        Ok(None) => ((true, "Nothing changed.".to_string()), None),
        Ok(Some(file)) => match ws.edit(vec![file]) {
            Err(why) => ((false, why), Some(fields)),
            Ok(()) => (kept(ws), None),
        },
    }
}

/// What the page says after an edit went into the draft.
pub(super) fn kept(ws: &Workspace) -> (bool, String) {
    let errors = ws.current.report.errors();
    if errors > 0 {
        (
            false,
            format!(
                "Kept in the draft, not saved: the set now has {errors} error(s) (listed above); it cannot be saved until they are fixed."
            ),
        )
    } else {
        (
            true,
            "Kept in the draft. Save it on the Changes page.".to_string(),
        )
    }
}

//! Try the conversation in the page: the engine in this process, as `signpost chat`
//! runs it, in any language at any time. The conversation lives in the page: its
//! session and transcript travel in the form, are never stored and are gone when the
//! page is closed.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use serde::{Deserialize, Serialize};

use super::step::{bubbles, when};
use super::{csrf, field, page, respond};
use crate::studio::Studio;
use crate::studio::adapter::{self, Button, Reply, ReplyKind, Session};
use crate::studio::server::security::CheckedForm;

/// At most this many lines of transcript are kept in the page.
const MAX_LINES: usize = 200;

/// The conversation so far, as carried in the form.
#[derive(Default, Serialize, Deserialize)]
struct Conversation {
    session: Option<Session>,
    lines: Vec<Line>,
}

#[derive(Serialize, Deserialize)]
enum Line {
    Person(String),
    Note(String),
    Bot {
        kind: u8,
        text: String,
        buttons: Vec<Vec<(String, String)>>,
    },
}

fn line(reply: Reply) -> Line {
    Line::Bot {
        kind: match reply.kind {
            ReplyKind::Step => 0,
            ReplyKind::Signpost => 1,
            ReplyKind::Notice => 2,
        },
        text: reply.text,
        buttons: reply
            .buttons
            .into_iter()
            .map(|row| row.into_iter().map(|b| (b.label, b.data)).collect())
            .collect(),
    }
}

fn reply(kind: u8, text: &str, buttons: &[Vec<(String, String)>]) -> Reply {
    Reply {
        kind: match kind {
            1 => ReplyKind::Signpost,
            2 => ReplyKind::Notice,
            _ => ReplyKind::Step,
        },
        text: text.to_string(),
        buttons: buttons
            .iter()
            .map(|row| {
                row.iter()
                    .map(|(l, d)| Button {
                        label: l.clone(),
                        data: d.clone(),
                    })
                    .collect()
            })
            .collect(),
        protect_content: false,
    }
}

fn render(
    studio: &Studio,
    edited: usize,
    langs: &[(String, bool)],
    lang: &str,
    at: &str,
    talk: &Conversation,
    note: Option<&str>,
) -> Response {
    let rtl = langs.iter().any(|(c, r)| c == lang && *r);
    // Only the last menu's buttons can be pressed, as only they work on Telegram.
    let last_menu = talk
        .lines
        .iter()
        .rposition(|l| matches!(l, Line::Bot { buttons, .. } if !buttons.is_empty()));
    let state = serde_json::to_string(talk).unwrap_or_default();
    let transcript: Markup = html! {
        @for (i, l) in talk.lines.iter().enumerate() {
            @match l {
                Line::Person(text) => div.bubble.person dir="auto" { (text) },
                Line::Note(text) => p.note { "(" (text) ")" },
                Line::Bot { kind, text, buttons } => (bubbles(&[reply(*kind, text, buttons)], rtl, Some(i) == last_menu)),
            }
        }
    };
    let body = html! {
        @if let Some(note) = note { p.notice.bad { (note) } }
        form method="post" action="/try" {
            (csrf(studio))
            input type="hidden" name="state" value=(state);
            p {
                "Language " select name="lang" { @for (code, _) in langs { option value=(code) selected[code == lang] { (code) } } }
                " at " input type="datetime-local" name="at" value=(at);
                " " button type="submit" name="restart" value="1" { "Start again" }
            }
            div.columns { div.phone {
                div.chat id="conversation" lang=(lang) dir=(if rtl { "rtl" } else { "ltr" }) {
                    @if talk.lines.is_empty() { p.note { "Press “Start again” to begin." } }
                    (transcript)
                }
                p { input type="text" name="text" placeholder="Type a message" aria-label="message" maxlength="4096"; " " button.primary type="submit" name="send" value="1" { "Send" } }
            } }
        }
        p.args { "The draft is what answers here, unsaved edits included. Nothing of this conversation is stored." }
    };
    respond(StatusCode::OK, page("Try it", edited, body))
}

fn langs(studio: &Studio) -> (Vec<(String, bool)>, String) {
    let ws = studio.workspace();
    let content = ws.current.document.content();
    let order = &content.settings.languages;
    let mut langs: Vec<(String, bool)> = content
        .texts
        .iter()
        .map(|t| (t.code.clone(), adapter::is_rtl(t)))
        .collect();
    langs.sort_by_key(|(c, _)| order.iter().position(|o| o == c).unwrap_or(usize::MAX));
    (langs, super::default_language(content))
}

pub(super) async fn show(State(studio): State<Arc<Studio>>) -> Response {
    let (langs, default) = langs(&studio);
    let (_, at) = when(None);
    let edited = studio.workspace().edited().len();
    render(
        &studio,
        edited,
        &langs,
        &default,
        &at,
        &Conversation::default(),
        None,
    )
}

pub(super) async fn turn(
    State(studio): State<Arc<Studio>>,
    CheckedForm(fields): CheckedForm,
) -> Response {
    let (langs, default) = langs(&studio);
    let lang = field(&fields, "lang")
        .filter(|l| langs.iter().any(|(c, _)| c == l))
        .unwrap_or(&default)
        .to_string();
    let (now, at) = when(field(&fields, "at"));
    let mut talk: Conversation = field(&fields, "state")
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    let ws = studio.workspace();
    let edited = ws.edited().len();
    let Some(set) = ws.current.set.as_ref() else {
        return render(
            &studio,
            edited,
            &langs,
            &lang,
            &at,
            &talk,
            Some("The set has errors, so the bot would not start; fix them first (see Flows)."),
        );
    };
    let restart =
        field(&fields, "restart").is_some() || talk.session.is_none() && talk.lines.is_empty();
    let turn = if restart {
        talk = Conversation::default();
        adapter::start(set, Some(&lang), now)
    } else if let Some(data) = field(&fields, "press") {
        adapter::send(set, talk.session.take(), Some(&lang), None, Some(data), now)
    } else {
        let text = field(&fields, "text").unwrap_or("");
        if text.trim().is_empty() {
            return render(&studio, edited, &langs, &lang, &at, &talk, None);
        }
        talk.lines.push(Line::Person(text.to_string()));
        adapter::send(set, talk.session.take(), Some(&lang), Some(text), None, now)
    };
    talk.lines
        .extend(turn.notes.into_iter().map(|n| Line::Note(n.to_string())));
    talk.lines.extend(turn.replies.into_iter().map(line));
    talk.session = turn.session;
    if talk.lines.len() > MAX_LINES {
        talk.lines.drain(..talk.lines.len() - MAX_LINES);
    }
    render(&studio, edited, &langs, &lang, &at, &talk, None)
}

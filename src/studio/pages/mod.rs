//! The pages, rendered on the server with `maud` (every value escaped by construction).
//! No script: every action is a form posted to this page, so the studio works with
//! scripting off and the Content-Security-Policy can forbid it.

mod changes;
mod flows;
mod review;
mod service;
mod step;
mod try_it;
mod understanding;

use std::sync::Arc;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use maud::{DOCTYPE, Markup, html};

use super::Studio;
use super::adapter::{Content, Diagnostic, Owner, Severity};

pub(super) fn routes() -> Router<Arc<Studio>> {
    Router::new()
        .route("/", get(flows::home))
        .route("/studio.css", get(css))
        .route("/flow/{flow}", get(flows::flow))
        .route("/step/{flow}/{step}", get(step::show).post(step::edit))
        .route("/step/{flow}/{step}/typed", post(step::typed))
        .route("/step/{flow}/{step}/routes", post(step::routes))
        .route(
            "/understanding/{kind}/{id}",
            get(understanding::show).post(understanding::edit),
        )
        .route(
            "/understanding/{kind}/{id}/typed",
            post(understanding::typed),
        )
        .route("/review", get(review::show).post(review::mark))
        .route("/service/{id}", get(service::show).post(service::edit))
        .route("/try", get(try_it::show).post(try_it::turn))
        .route("/changes", get(changes::show))
        .route("/save", post(changes::save))
        .route("/discard", post(changes::discard))
}

async fn css() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("studio.css"),
    )
        .into_response()
}

/// A whole page: the menu, a notice when there is one, and the body.
fn page(title: &str, edited: usize, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · signpost studio" }
                link rel="stylesheet" href="/studio.css";
            }
            body {
                nav {
                    a href="/" { "Flows" }
                    a href="/try" { "Try it" }
                    a href="/review" { "Review" }
                    a href="/changes" {
                        "Changes"
                        @if edited > 0 { " (" (edited) " file" @if edited > 1 { "s" } " not saved)" }
                    }
                }
                main { h1 { (title) } (body) }
            }
        }
    }
}

/// The hidden field every form carries.
fn csrf(studio: &Studio) -> Markup {
    html! { input type="hidden" name="csrf" value=(studio.secrets.csrf); }
}

fn respond(status: StatusCode, markup: Markup) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        markup.into_string(),
    )
        .into_response()
}

fn not_found(what: &str) -> Response {
    respond(
        StatusCode::NOT_FOUND,
        page(
            "Not found",
            0,
            html! { p { (what) " does not exist." } a href="/" { "Back to the flows" } },
        ),
    )
}

/// Where the part a finding belongs to is edited (a message: at the first step that
/// shows it, in its language).
fn owner_link(owner: &Owner, content: &Content) -> Option<String> {
    match owner {
        Owner::Step { flow, step } => Some(format!("/step/{flow}/{step}")),
        Owner::Flow { flow } => Some(format!("/flow/{flow}")),
        Owner::Service { id } => Some(format!("/service/{id}")),
        Owner::Message { lang, id } => step_of(content, id).map(|s| format!("{s}?lang={lang}")),
        _ => None,
    }
}

/// The page of the first step that shows message `id` (as text or as a button).
fn step_of(content: &Content, id: &str) -> Option<String> {
    content.flows.iter().find_map(|f| {
        f.steps
            .iter()
            .find(|s| {
                s.say.iter().any(|t| t.id == id) || s.choices.iter().any(|c| c.label.id == id)
            })
            .map(|s| format!("/step/{}/{}", f.id, s.id))
    })
}

/// `check`'s findings, each with its place; with the content, linked to where each is
/// edited.
fn findings<'d>(
    list: impl IntoIterator<Item = &'d Diagnostic>,
    linked: Option<&Content>,
) -> Markup {
    let list: Vec<&Diagnostic> = list.into_iter().collect();
    html! {
        @if !list.is_empty() {
            ul.findings {
                @for d in list {
                    li class=(if d.severity == Severity::Error { "error" } else { "warning" }) {
                        @match linked.and_then(|c| owner_link(&d.owner, c)) {
                            Some(href) => a href=(href) { (d.to_string()) },
                            None => (d.to_string()),
                        }
                    }
                }
            }
        }
    }
}

/// A form's fields as (name, value) pairs.
type Fields = Vec<(String, String)>;

fn field<'f>(fields: &'f Fields, name: &str) -> Option<&'f str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The language `bot.toml` names as the default (empty when it names none).
fn default_language(content: &super::adapter::Content) -> String {
    content
        .settings
        .default_language
        .clone()
        .unwrap_or_default()
}

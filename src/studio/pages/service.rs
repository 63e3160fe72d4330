//! One service card: its contacts, opening hours (the usual week), languages, anonymity
//! and the source its facts were seen on. The facts are checked as `check` checks them:
//! a number that is not one, or a shown service without its source, is refused with
//! `check`'s own words and stays in the draft until fixed.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::{Fields, csrf, field, findings, not_found, page, respond};
use crate::studio::Studio;
use crate::studio::adapter::Owner;
use crate::studio::editing::Workspace;
use crate::studio::editing::service::{self, ServiceForm, WEEKDAYS};
use crate::studio::server::security;

const KINDS: [&str; 5] = ["phone", "web", "email", "chat", "visit"];
const ANONYMITY: [&str; 4] = ["anonymous", "confidential", "public-record", "unknown"];

fn render(studio: &Studio, ws: &Workspace, id: &str, notice: Option<(bool, String)>) -> Response {
    let content = ws.current.document.content();
    let Some(doc) = content.services.iter().find(|s| s.id == id) else {
        return not_found(&format!("service \"{id}\""));
    };
    let Some(form) = ws.text(&doc.file).and_then(|t| service::read(t, id)) else {
        return not_found(&format!("service \"{id}\" in {}", doc.file.display()));
    };
    let mut contacts = form.contacts.clone();
    contacts.push((String::new(), String::new()));
    let owner = Owner::Service { id: id.to_string() };
    let body = html! {
        p { (doc.file.display()) @if !doc.is_shown() { " · not shown to anyone until verified_on, verified_by and source are given" } }
        @if let Some((good, text)) = &notice {
            p class=(if *good { "notice" } else { "notice bad" }) { (text) }
        }
        (findings(ws.current.report.sorted().into_iter().filter(|d| d.owner == owner), None))
        form method="post" action=(format!("/service/{id}")) {
            (csrf(studio))
            h2 { "Contacts" }
            table.facts {
                @for (i, (kind, value)) in contacts.iter().enumerate() {
                    tr {
                        td { select name=(format!("kind{i}")) {
                            @for k in KINDS { option value=(k) selected[*kind == k] { (k) } }
                            @if !kind.is_empty() && !KINDS.contains(&kind.as_str()) { option value=(kind) selected { (kind) } }
                        } }
                        td { input type="text" name=(format!("value{i}")) value=(value) placeholder=(if value.is_empty() { "add a contact" } else { "" }) aria-label="contact"; }
                    }
                }
            }
            p.args { "Empty a contact's value to remove it." }
            h2 { "Opening hours (the usual week)" }
            p { label { input type="checkbox" name="always" value="1" checked[form.always]; " open day and night" } }
            table.facts {
                @for (i, day) in WEEKDAYS.iter().enumerate() {
                    tr { td { (day) } td { input type="text" name=(day) value=(form.days[i]) placeholder="e.g. 08:00-12:00, 13:00-16:00"; } }
                }
            }
            h2 { "Other hours for part of the year, and holidays" }
            p.args { "As written in the file: " code { "[{ from = \"06-01\", to = \"08-31\", mon = [\"08:00-16:00\"] }]" } " and " code { "[{ date = 2026-12-24, hours = [] }]" } " (closed that day). Leave empty for none." }
            table.facts {
                tr { td { label for="periods" { "periods" } } td { textarea id="periods" name="periods" rows="3" { (form.periods) } } }
                tr { td { label for="exceptions" { "exceptions" } } td { textarea id="exceptions" name="exceptions" rows="3" { (form.exceptions) } } }
            }
            h2 { "Who can use it" }
            table.facts {
                tr { td { "languages" } td { input type="text" name="languages" value=(form.languages); } }
                tr { td { "anonymity" } td { select name="anonymity" {
                    option value="" selected[form.anonymity.is_empty()] { "(not given)" }
                    @for a in ANONYMITY { option value=(a) selected[form.anonymity == a] { (a) } }
                } } }
            }
            h2 { "Where the facts come from" }
            table.facts {
                tr { td { "source page" } td { input type="url" name="source" value=(form.source); } }
                tr { td { "page's date" } td { input type="date" name="source_date" value=(form.source_date); } }
                tr { td { "verified on" } td { input type="date" name="verified_on" value=(form.verified_on); } }
                tr { td { "verified by" } td { input type="text" name="verified_by" value=(form.verified_by); } }
            }
            p { button.primary type="submit" { "Keep these facts" } " (in the draft; save them on the Changes page)" }
        }
    };
    let status = match &notice {
        Some((false, _)) => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::OK,
    };
    respond(
        status,
        page(
            &format!("Service {}", doc.name.as_deref().unwrap_or(id)),
            ws.edited().len(),
            body,
        ),
    )
}

pub async fn show(State(studio): State<Arc<Studio>>, Path(id): Path<String>) -> Response {
    let ws = studio.workspace();
    render(&studio, &ws, &id, None)
}

fn form_of(fields: &Fields) -> ServiceForm {
    let get = |name: &str| field(fields, name).unwrap_or("").to_string();
    let contacts = (0..64)
        .map_while(|i| {
            field(fields, &format!("kind{i}")).map(|k| (k.to_string(), get(&format!("value{i}"))))
        })
        .collect();
    ServiceForm {
        contacts,
        anonymity: get("anonymity"),
        languages: get("languages"),
        source: get("source"),
        source_date: get("source_date"),
        verified_on: get("verified_on"),
        verified_by: get("verified_by"),
        always: field(fields, "always") == Some("1"),
        days: WEEKDAYS.map(get),
        periods: get("periods"),
        exceptions: get("exceptions"),
    }
}

pub async fn edit(
    State(studio): State<Arc<Studio>>,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> Response {
    if !security::csrf_ok(&fields, &studio.secrets) {
        return security::csrf_refused();
    }
    let mut ws = studio.workspace();
    let Some(file) = ws
        .current
        .document
        .content()
        .services
        .iter()
        .find(|s| s.id == id)
        .map(|s| s.file.clone())
    else {
        return not_found(&format!("service \"{id}\""));
    };
    let text = ws.text(&file).unwrap_or("").to_string();
    let notice = match service::apply(&text, &id, &form_of(&fields)) {
        Err(why) => (false, why),
        Ok(new) if new == text => (true, "Nothing changed.".to_string()),
        Ok(new) => match ws.edit(vec![(file, new)]) {
            Err(why) => (false, why),
            Ok(()) => {
                let owner = Owner::Service { id: id.clone() };
                let own: Vec<String> = ws
                    .current
                    .report
                    .diagnostics
                    .iter()
                    .filter(|d| {
                        d.owner == owner && d.severity == crate::studio::adapter::Severity::Error
                    })
                    .map(|d| d.message.clone())
                    .collect();
                let errors = ws.current.report.errors();
                if !own.is_empty() {
                    (
                        false,
                        format!(
                            "Refused, as signpost check refuses it: {}. Kept in the draft only; fix it to save.",
                            own.join("; ")
                        ),
                    )
                } else if errors > 0 {
                    (
                        false,
                        format!("Kept in the draft, not saved: the set has {errors} error(s)."),
                    )
                } else {
                    (
                        true,
                        "Kept in the draft. Save it on the Changes page.".to_string(),
                    )
                }
            }
        },
    };
    render(&studio, &ws, &id, Some(notice))
}

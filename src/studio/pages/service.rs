//! One service card: its contacts, opening hours (the usual week, holidays and the days
//! before them, other hours for part of the year, dated exceptions), languages, anonymity
//! and the source its facts were seen on. The facts are checked as `check` checks them:
//! a number that is not one, or a shown service without its source, is refused with
//! `check`'s own words and stays in the draft until fixed.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::{Fields, csrf, field, findings, not_found, page, respond};
use crate::studio::Studio;
use crate::studio::adapter::Owner;
use crate::studio::editing::Workspace;
use crate::studio::editing::service::{
    self, ExceptionForm, PeriodForm, SPECIAL_DAYS, ServiceForm, WEEKDAYS,
};
use crate::studio::server::security::CheckedForm;

const KINDS: [&str; 5] = ["phone", "web", "email", "chat", "visit"];
const ANONYMITY: [&str; 4] = ["anonymous", "confidential", "public-record", "unknown"];

/// The card's page; after a refused edit, with the form as posted, so nothing typed is
/// lost.
fn render(
    studio: &Studio,
    ws: &Workspace,
    id: &str,
    notice: Option<(bool, String)>,
    posted: Option<ServiceForm>,
) -> Response {
    let content = ws.current.document.content();
    let Some(doc) = content.services.iter().find(|s| s.id == id) else {
        return not_found(&format!("service \"{id}\""));
    };
    let Some(form) = posted.or_else(|| ws.text(&doc.file).and_then(|t| service::read(t, id)))
    else {
        return not_found(&format!("service \"{id}\" in {}", doc.file.display()));
    };
    let mut contacts = form.contacts.clone();
    contacts.push((String::new(), String::new()));
    let mut periods = form.periods.clone();
    periods.push(PeriodForm::default());
    let mut exceptions = form.exceptions.clone();
    exceptions.push(ExceptionForm::default());
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
            h2 { "Holidays and the days before them" }
            p.args { "Each: " code { "closed" } ", times such as " code { "10:00-14:00" } ", or empty for no rule of its own (an eve that is also the day before a public holiday follows that rule; else the usual weekday's hours)." }
            table.facts {
                @for (i, key) in SPECIAL_DAYS.iter().enumerate() {
                    tr { td { label for=(format!("rule_{key}")) { (special_label(key)) } } td { input type="text" id=(format!("rule_{key}")) name=(format!("rule_{key}")) value=(form.special[i]) placeholder="no rule of its own"; } }
                }
            }
            h2 { "Other hours for part of every year" }
            @match &form.as_written {
                Some(why) => { p.args { (why) } input type="hidden" name="as_written" value="1"; }
                None => {
                    p.args { "From and to as month-day (" code { "06-01" } " to " code { "08-31" } "); each day's times as in the usual week, empty for closed. Fill in the empty row to add a period; empty a row to remove it." }
                    table.periods id="periods" {
                        tr { th { "from" } th { "to" } @for day in WEEKDAYS { th { (day) } } }
                        @for (i, period) in periods.iter().enumerate() {
                            tr {
                                td { input type="text" name=(format!("p{i}_from")) value=(period.from) placeholder="MM-DD" aria-label="from"; }
                                td { input type="text" name=(format!("p{i}_to")) value=(period.to) placeholder="MM-DD" aria-label="to"; }
                                @for (d, day) in WEEKDAYS.iter().enumerate() {
                                    td { input type="text" name=(format!("p{i}_{day}")) value=(period.days[d]) aria-label=(day); }
                                }
                            }
                        }
                    }
                    h2 { "Dated exceptions" }
                    p.args { "A date with its own times, or closed (times empty). Fill in the empty row to add one; empty its date to remove it." }
                    table.facts id="exceptions" {
                        tr { th { "date" } th { "times (empty: closed)" } }
                        @for (i, exception) in exceptions.iter().enumerate() {
                            tr {
                                td { input type="date" name=(format!("x{i}_date")) value=(exception.date) aria-label="date"; }
                                td { input type="text" name=(format!("x{i}_hours")) value=(exception.hours) aria-label="times"; }
                            }
                        }
                    }
                }
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

pub(super) async fn show(State(studio): State<Arc<Studio>>, Path(id): Path<String>) -> Response {
    let ws = studio.workspace();
    render(&studio, &ws, &id, None, None)
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
        special: SPECIAL_DAYS.map(|key| get(&format!("rule_{key}"))),
        periods: (0..64)
            .map_while(|i| {
                field(fields, &format!("p{i}_from")).map(|from| PeriodForm {
                    from: from.to_string(),
                    to: get(&format!("p{i}_to")),
                    days: WEEKDAYS.map(|day| get(&format!("p{i}_{day}"))),
                })
            })
            .collect(),
        exceptions: (0..64)
            .map_while(|i| {
                field(fields, &format!("x{i}_date")).map(|date| ExceptionForm {
                    date: date.to_string(),
                    hours: get(&format!("x{i}_hours")),
                })
            })
            .collect(),
        as_written: field(fields, "as_written").map(|_| String::new()),
    }
}

/// What a rule for a special day is called on the page.
fn special_label(key: &str) -> &'static str {
    match key {
        "holidays" => "public holidays",
        "holiday_eve" => "a weekday before one",
        "midsummer_eve" => "Midsummer Eve",
        "christmas_eve" => "Christmas Eve",
        "new_years_eve" => "New Year's Eve",
        _ => "another day",
    }
}

pub(super) async fn edit(
    State(studio): State<Arc<Studio>>,
    Path(id): Path<String>,
    CheckedForm(fields): CheckedForm,
) -> Response {
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
    let form = form_of(&fields);
    let notice = match service::apply(&text, &id, &form) {
        Err(why) => return render(&studio, &ws, &id, Some((false, why)), Some(form)),
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
    render(&studio, &ws, &id, Some(notice), None)
}

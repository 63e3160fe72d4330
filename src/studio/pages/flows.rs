//! The start page (every flow, service and finding) and one flow's picture, its steps
//! clickable.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{PreEscaped, html};

use super::{findings, not_found, page, respond};
use crate::studio::Studio;
use crate::studio::adapter::{self, Owner};

pub(super) async fn home(State(studio): State<Arc<Studio>>) -> Response {
    let ws = studio.workspace();
    let current = &ws.current;
    let content = current.document.content();
    let report = &current.report;
    let body = html! {
        p {
            "signpost check: " strong { (report.errors()) " error(s), " (report.warnings()) " warning(s)" }
            @if current.set.is_none() { " · the set has errors, so the bot would refuse it" }
        }
        h2 { "Flows" }
        ul { @for flow in &content.flows {
            li { a href=(format!("/flow/{}", flow.id)) { (flow.id) } " (" (flow.steps.len()) " steps)" }
        } }
        @let tables = ws.tables();
        @if !tables.is_empty() {
            h2 { "Typed understanding" }
            p { "The examples the bot learns from, heard at every step. A step's own typed answers are on the step's page." }
            ul id="understanding" { @for (kind, id) in tables {
                li { a href=(format!("/understanding/{kind}/{id}")) { (kind) " · " (id) } }
            } }
        }
        h2 { "Services" }
        ul { @for s in &content.services {
            li {
                a href=(format!("/service/{}", s.id)) { (s.name.as_deref().unwrap_or(&s.id)) }
                @if !s.is_shown() { " (not shown: no verification)" }
            }
        } }
        @let (areas, roles) = adapter::area_roles(content);
        @if !areas.is_empty() {
            h2 { "Roles per area" }
            p { "The service each role stands for where the person said they are. Elsewhere in Sweden, or not said, the role's fallback is used." }
            table id="area-roles" {
                tr { th { "role" } @for area in &areas { th { (area) } } }
                @for (role, cells) in &roles {
                    tr { th { "@" (role) } @for cell in cells { td { (cell) } } }
                }
            }
        }
        h2 { "What check found" }
        (findings(report.sorted(), Some(content)))
    };
    respond(StatusCode::OK, page("Flows", ws.edited().len(), body))
}

/// The SVG with each of the flow's own steps wrapped in a link to its page. The
/// picture draws node `i` as the `i`-th `<g><title>` group.
fn clickable(svg: &str, flow: &str, steps: &[Option<String>]) -> String {
    let mut out = String::with_capacity(svg.len() + steps.len() * 64);
    let mut rest = svg;
    for step in steps {
        let Some(at) = rest.find("<g><title>") else {
            break;
        };
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find("</g>").map_or(rest.len(), |e| e + 4);
        match step {
            Some(step) => {
                let href = format!("/step/{flow}/{step}");
                out.push_str(&format!(
                    "<a href=\"{}\">{}</a>",
                    html! { (href) }.into_string(),
                    &rest[..end]
                ));
            }
            None => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

pub(super) async fn flow(State(studio): State<Arc<Studio>>, Path(id): Path<String>) -> Response {
    let ws = studio.workspace();
    let current = &ws.current;
    let Some((svg, steps)) = adapter::flow_svg(&current.document, &current.report, &id) else {
        return not_found(&format!("flow \"{id}\""));
    };
    let content = current.document.content();
    let doc = content.flows.iter().find(|f| f.id == id);
    let body = html! {
        p { "Click a step to edit its words and see how it looks." }
        div.picture { (PreEscaped(clickable(&svg, &id, &steps))) }
        h2 { "Steps" }
        ul { @for step in doc.map(|d| d.steps.as_slice()).unwrap_or_default() {
            li {
                a href=(format!("/step/{id}/{}", step.id)) { (step.id) }
                @let n = current.report.diagnostics.iter().filter(|d| d.owner == Owner::Step { flow: id.clone(), step: step.id.clone() }).count();
                @if n > 0 { span.error { " · " (n) " finding(s)" } }
            }
        } }
        h2 { "What check found in this flow" }
        (findings(current.report.sorted().into_iter().filter(|d| match &d.owner {
            Owner::Flow { flow } | Owner::Step { flow, .. } => *flow == id,
            _ => false,
        }), Some(content)))
    };
    respond(
        StatusCode::OK,
        page(&format!("Flow {id}"), ws.edited().len(), body),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn steps_become_links_and_other_nodes_stay() {
        let svg = "<svg><path/><g><title>a</title><rect/></g><g><title>svc</title></g></svg>";
        let out = super::clickable(svg, "f", &[Some("a".into()), None]);
        assert_eq!(
            out,
            "<svg><path/><a href=\"/step/f/a\"><g><title>a</title><rect/></g></a><g><title>svc</title></g></svg>"
        );
    }
}

//! The report for staff and translators: one static HTML file with `check`'s report at
//! the top, then every flow (its picture, and every step with its texts in every
//! language side by side), the service directory (opening hours, anonymity, contacts,
//! verification dates) and the bot's own messages.
//!
//! The file stands alone: styles inline, pictures inline, no script, no fonts or images
//! from elsewhere. It is written with `maud`, so everything taken from the content is
//! HTML-escaped by construction; only the flow pictures (SVG that escapes its own text)
//! go in as they are.

use jiff::civil::Date;
use maud::{Markup, PreEscaped, html};

use super::graph::{self, FlowGraph};
use crate::load::content::{Content, LanguageTexts, RoleDoc, ServiceDoc, StepDoc};
use crate::load::{
    Diagnostic, Document, Owner, Report, Severity, Table, VERIFICATION_MAX_AGE_DAYS, review_name,
};
use crate::locale::Review;
use crate::model::{BUILTIN_MESSAGES, Text};

/// The whole report. `today` is the date `check` was run for (verification ages are
/// its, in the report); it heads the page.
pub fn html(document: &Document, check: &Report, today: Date) -> String {
    let content = document.content();
    let graphs = graph::graphs(document, check);
    let page = Page {
        content,
        check,
        languages: content
            .languages()
            .into_iter()
            .map(|code| Column::new(content, check, code))
            .collect(),
    };
    let body = html! {
        header {
            h1 { "Flows, texts and services" }
            p.meta {
                "As of " (today) ". Made by " code { "signpost report" }
                "; the findings are those of " code { "signpost check" } "."
            }
        }
        (page.contents(&graphs))
        (page.check_section())
        (page.key())
        @for (index, g) in graphs.iter().enumerate() {
            (page.flow_section(g, index))
        }
        (page.directory())
        (page.builtin())
    };
    let mut out = String::from(HEAD);
    out.push_str(&body.into_string());
    out.push_str("\n</body>\n</html>\n");
    out
}

/// One language's column in the text tables.
struct Column<'c> {
    code: &'c str,
    texts: Option<&'c LanguageTexts>,
    review: Review,
}

impl<'c> Column<'c> {
    fn new(content: &'c Content, check: &Report, code: &'c str) -> Self {
        // The review status as `check` read it.
        let review = check
            .completeness
            .iter()
            .find(|c| c.code == code)
            .map_or(Review::Unknown, |c| c.review);
        Column {
            code,
            texts: content.texts(code),
            review,
        }
    }

    fn rtl(&self) -> bool {
        self.texts.is_some_and(|t| t.language().is_rtl())
    }

    fn name(&self) -> String {
        self.texts
            .filter(|t| t.language().has("language-name"))
            .map(|t| t.language().format(&Text::plain("language-name")))
            .unwrap_or_default()
    }
}

struct Page<'c> {
    content: &'c Content,
    check: &'c Report,
    languages: Vec<Column<'c>>,
}

impl Page<'_> {
    fn contents(&self, graphs: &[FlowGraph]) -> Markup {
        html! {
            nav {
                h2 { "Contents" }
                ul {
                    li { a href="#check" { "signpost check" } }
                    li { a href="#key" { "How to read this" } }
                    li {
                        "Flows: "
                        @for (i, g) in graphs.iter().enumerate() {
                            @if i > 0 { ", " }
                            a href={ "#" (anchor("flow", &g.id, "")) } { (g.id) }
                        }
                    }
                    li { a href="#directory" { "Service directory" } }
                    li { a href="#bot-messages" { "The bot's own messages" } }
                }
            }
        }
    }

    fn check_section(&self) -> Markup {
        let (errors, warnings) = (self.check.errors(), self.check.warnings());
        let class = if errors > 0 {
            "bad"
        } else if warnings > 0 {
            "fair"
        } else {
            "good"
        };
        html! {
            section #check {
                h2 { "signpost check" }
                p class={ "summary " (class) } { (errors) " error(s), " (warnings) " warning(s)" }
                @if errors > 0 {
                    p { "The bot refuses this set until the errors are fixed; it keeps serving the last good one." }
                }
                (findings(&self.check.sorted()))
                @if !self.check.completeness.is_empty() {
                    h3 { "How complete each language is" }
                    pre.table { (Table(&self.check.completeness).to_string()) }
                    (self.review_table())
                }
            }
        }
    }

    /// Who has read each language's texts: the language's status (its least reviewed
    /// file) and every file's own, as their first lines state them.
    fn review_table(&self) -> Markup {
        html! {
            h3 #review { "Review status" }
            p {
                "A language counts as reviewed only when a person who speaks it has read \
                 every one of its files and marked each " code { "### review: reviewed" }
                ". Per message (" code { "review.toml" } ", filled in from "
                code { "signpost review export" } "'s sheet): reviewed against the Swedish \
                 text as it is, stale (the Swedish text changed since), or machine-drafted \
                 (no review recorded)."
            }
            table.review {
                tr {
                    th { "language" } th { "status" } th { "files" } th { "reviewed" }
                    th { "stale" } th { "machine-drafted" }
                }
                @for c in &self.check.completeness {
                    @let files: Vec<String> = c
                        .files
                        .iter()
                        .map(|(name, review)| format!("{name} ({})", review_name(*review)))
                        .collect();
                    @let counts = c.messages.map_or_else(
                        || ["", "", ""].map(str::to_string),
                        |m| [m.reviewed, m.stale, m.drafted].map(|n| n.to_string()),
                    );
                    tr {
                        td { (c.code) } td { (review_name(c.review)) } td { (files.join(", ")) }
                        td { (counts[0]) } td { (counts[1]) } td { (counts[2]) }
                    }
                }
            }
        }
    }

    fn key(&self) -> Markup {
        html! {
            section #key {
                h2 { "How to read this" }
                ul {
                    li { span.flag.missing { "missing" } " the language has no text for this message: the bot cannot use the set until it has." }
                    li { span.flag.mt { "machine-drafted" } " the language's texts were drafted by a machine and not yet checked by a native speaker (the first line of at least one of its files says so); its cells are tinted." }
                    li { span.flag.stale { "stale" } " the facts about a service were verified more than " (VERIFICATION_MAX_AGE_DAYS) " days ago; check them again." }
                    li { span.flag.unverified { "not verified" } " a service without a verification date is never shown to anyone." }
                    li {
                        "In the pictures: solid arrows are buttons, dashed ones typed answers, dotted ones "
                        code { "next" } " (the bot goes on at once), green ones services; red marks a step "
                        code { "check" } " found wrong (unreachable, a dead end, an error), orange a warning."
                    }
                }
            }
        }
    }

    fn flow_section(&self, g: &FlowGraph, index: usize) -> Markup {
        let Some(flow) = self.content.flows.iter().find(|f| f.file == g.file) else {
            return html! {};
        };
        html! {
            section.flow id=(anchor("flow", &g.id, "")) {
                h2 { "Flow “" (g.id) "”" }
                p.meta {
                    code { (g.file.display()) }
                    @if let Some(start) = &flow.start {
                        " · starts at " b { (start) }
                    }
                    @if !flow.deep_links.is_empty() {
                        " · deep links: "
                        @for (i, d) in flow.deep_links.iter().enumerate() {
                            @if i > 0 { ", " }
                            code { (d.code) }
                            @if let Some(lang) = &d.lang { " (" (lang) ")" }
                        }
                    }
                }
                (findings(&g.problems.iter().collect::<Vec<_>>()))
                // The picture is SVG made by `graph::svg`, which escapes its own text.
                div.picture { (PreEscaped(graph::svg(g, &format!("g{index}")))) }
                @for (s, step) in flow.steps.iter().enumerate() {
                    @let problems: Vec<&Diagnostic> = g
                        .nodes
                        .get(s)
                        .map(|n| n.problems.iter().collect())
                        .unwrap_or_default();
                    (self.step(&g.id, flow.start.as_deref(), step, &problems))
                }
            }
        }
    }

    fn step(
        &self,
        flow: &str,
        start: Option<&str>,
        step: &StepDoc,
        problems: &[&Diagnostic],
    ) -> Markup {
        let mark = graph::Mark::of(problems.iter().copied());
        let texts: Vec<(String, &Text)> = step
            .say
            .iter()
            .map(|t| ("says".to_string(), t))
            .chain(
                step.choices
                    .iter()
                    .map(|c| (format!("button → {}", c.to), &c.label)),
            )
            .collect();
        let has_paths =
            !step.routes.is_empty() || !step.signposts.is_empty() || step.next.is_some();
        html! {
            article.step id=(anchor("step", flow, &step.id)) {
                h3 {
                    (step.id)
                    @if start == Some(step.id.as_str()) { " " span.tag { "start" } }
                    @if step.end { " " span.tag { "end" } }
                    @if step.handover { " " span.tag { "offers a talk with a person" } }
                    @if let Some(mark) = mark {
                        " "
                        span class={ "flag " (if mark == graph::Mark::Warning { "warning" } else { "error" }) } { (mark.caption()) }
                    }
                }
                (findings(problems))
                @if has_paths {
                    ul.paths {
                        @for route in &step.routes {
                            li {
                                "typed (" (route.lang.as_deref().unwrap_or("any language")) ") "
                                bdi { code { (route.pattern) } } " → " (route.to)
                            }
                        }
                        @if !step.signposts.is_empty() {
                            // As the person gets it: one message (see `engine::group`).
                            li {
                                "signposts, in one message with the text and the buttons: "
                                @for (i, id) in step.signposts.iter().enumerate() {
                                    @if i > 0 { ", " }
                                    (self.signpost_link(id))
                                }
                            }
                        }
                        @if let Some(next) = &step.next {
                            li { "goes on at once to step “" (next) "”" }
                        }
                    }
                }
                (self.texts_table(&texts))
            }
        }
    }

    /// A signpost of a step as a link to its service. A role shows the service it stands
    /// for in the chosen area, and its own name, so the reader sees both what is shown
    /// and what to swap.
    fn signpost_link(&self, id: &str) -> Markup {
        let service = self.content.service(id);
        let name = service.and_then(|s| s.name.as_deref()).unwrap_or(id);
        let target = service.map_or(id, |s| s.id.as_str());
        html! {
            a href={ "#" (anchor("service", target, "")) } { (name) }
            @if id.starts_with('@') && service.is_some() { " (" (id) ")" }
        }
    }

    /// A table of messages, one row each, one column per language.
    fn texts_table(&self, rows: &[(String, &Text)]) -> Markup {
        if rows.is_empty() {
            return html! {};
        }
        html! {
            table.texts {
                thead {
                    tr {
                        th { "message" }
                        @for col in &self.languages {
                            th {
                                code { (col.code) } " "
                                span lang=(col.code) dir=[col.rtl().then_some("rtl")] { (col.name()) }
                                @match col.review {
                                    Review::Reviewed => {}
                                    Review::MachineDrafted => { " " span.flag.mt { "machine-drafted" } }
                                    Review::Unknown => { " " span.flag { "review not stated" } }
                                }
                            }
                        }
                    }
                }
                tbody {
                    @for (role, text) in rows {
                        tr {
                            th { code { (text.id) } br; small { (role) } }
                            @for col in &self.languages { (self.cell(col, text)) }
                        }
                    }
                }
            }
        }
    }

    fn cell(&self, col: &Column, text: &Text) -> Markup {
        let Some(value) = self.content.format(col.code, text) else {
            return html! { td.missing { span.flag.missing { "missing" } } };
        };
        let drafted = col.review == Review::MachineDrafted;
        html! {
            td lang=(col.code) dir=[col.rtl().then_some("rtl")] class=[drafted.then_some("mt")] { (value) }
        }
    }

    fn directory(&self) -> Markup {
        let areas = match self.content.settings.areas.as_slice() {
            [] => "none chosen".to_string(),
            areas => areas.join(", "),
        };
        html! {
            section #directory {
                h2 { "Service directory" }
                p.meta {
                    code { (self.content.services_file.display()) }
                    " · " (self.content.services.len()) " service(s) · area: " (areas)
                }
                @if !self.content.roles.is_empty() {
                    dl.roles {
                        @for role in &self.content.roles {
                            dt { "@" (role.name) }
                            dd { (self.stands_for(role)) }
                        }
                    }
                }
                @if !self.content.area_roles.is_empty() {
                    // With several areas: what each role stands for where the person said
                    // they are; "elsewhere" (or not said) is the list above.
                    @let (areas, rows) = area_roles(self.content);
                    table.area-roles {
                        caption { "Roles per area (a person elsewhere in Sweden, or who would rather not say, gets the fallbacks above)" }
                        tr {
                            th { "role" }
                            @for area in areas { th { (area) } }
                        }
                        @for (role, cells) in rows {
                            tr {
                                th { "@" (role) }
                                @for cell in cells { td { (cell) } }
                            }
                        }
                    }
                }
                @for service in &self.content.services {
                    (self.service(service))
                }
            }
        }
    }

    /// What a role stands for in the chosen area, or why nothing.
    fn stands_for(&self, role: &RoleDoc) -> String {
        match (&role.service, role.bound_by_area) {
            (Some(id), true) => format!("{id} (bound by the area)"),
            (Some(id), false) if !self.content.area_roles.is_empty() => {
                format!("{id} (fallback: elsewhere in Sweden, or not said)")
            }
            (Some(id), false) => format!("{id} (fallback: the area does not bind it)"),
            (None, _) => "nothing: not bound and no fallback".to_string(),
        }
    }

    fn service(&self, s: &ServiceDoc) -> Markup {
        let name = s.name.as_deref().unwrap_or(&s.id);
        // How old the verification is, and whether too old, is `check`'s finding.
        let stale = self
            .check
            .verifications
            .iter()
            .find(|v| v.file == s.file && v.id == s.id)
            .filter(|a| a.stale);
        let problems: Vec<&Diagnostic> = self
            .check
            .diagnostics
            .iter()
            .filter(|d| {
                d.file == s.file && matches!(&d.owner, Owner::Service { id } if *id == s.id)
            })
            .collect();
        let texts: Vec<Text> = s.messages().map(|(_, id)| Text::plain(id)).collect();
        let rows: Vec<(String, &Text)> = s
            .messages()
            .map(|(key, _)| key.to_string())
            .zip(texts.iter())
            .collect();
        html! {
            article.service id=(anchor("service", &s.id, "")) {
                h3 { (name) " " code { (s.id) } }
                p.verified {
                    @match (s.verified_on, &s.verified_by) {
                        (Some(on), by) => {
                            @let by = by.as_deref().map(|b| format!(" by {b}")).unwrap_or_default();
                            @if let Some(age) = stale {
                                span.flag.stale { "stale" }
                                " verified on " (on) (by) ", " (age.days) " days ago (more than "
                                (VERIFICATION_MAX_AGE_DAYS) ")"
                            } @else {
                                "Verified on " (on) (by)
                            }
                        }
                        (None, _) => {
                            span.flag.unverified { "not verified" }
                            " never shown to anyone until someone verifies its facts"
                        }
                    }
                }
                (findings(&problems))
                dl {
                    @for (term, value) in self.facts(s) {
                        dt { (term) } dd { (value) }
                    }
                }
                (self.texts_table(&rows))
            }
        }
    }

    /// A service's facts as the report lists them, in the default language.
    fn facts(&self, s: &ServiceDoc) -> [(&'static str, String); 11] {
        let default = self
            .content
            .default_language()
            .map(|t| t.code.clone())
            .unwrap_or_default();
        let say = |id: &str| {
            self.content
                .format(&default, &Text::plain(id))
                .unwrap_or_default()
        };
        let anonymity = match (&s.anonymity, &s.anonymity_note) {
            (Some(level), Some(note)) => format!("{level}: {}", say(note)),
            (Some(level), None) => level.clone(),
            _ => String::new(),
        };
        let contacts: Vec<String> = s
            .contacts
            .iter()
            .map(|(kind, value)| format!("{kind} {value}"))
            .collect();
        let shown_by: Vec<String> = self
            .content
            .flows
            .iter()
            .flat_map(|f| {
                f.steps
                    .iter()
                    .filter(|st| {
                        st.signposts.iter().any(|id| {
                            id == &s.id
                                || (id.starts_with('@')
                                    && self.content.service(id).is_some_and(|t| t.id == s.id))
                        })
                    })
                    .map(move |st| format!("{} › {}", f.id, st.id))
            })
            .collect();
        let source = match (&s.source, s.source_date) {
            (Some(url), Some(date)) => format!("{url} (copy of {date})"),
            (Some(url), None) => format!("{url} (undated)"),
            (None, _) => "none".to_string(),
        };
        [
            ("Source", source),
            (
                "Opening hours",
                s.hours.clone().unwrap_or_else(|| "not listed".to_string()),
            ),
            ("Anonymity", anonymity),
            ("Cost", s.cost.clone().unwrap_or_default()),
            ("Contacts", contacts.join("; ")),
            ("Languages spoken", s.languages.join(", ")),
            (
                "Interpreters",
                if s.interpreters { "yes" } else { "no" }.to_string(),
            ),
            ("Offers", s.offers.join(", ")),
            ("For", s.for_whom.join(", ")),
            ("Coverage", s.coverage.clone().unwrap_or_default()),
            (
                "Shown by",
                if shown_by.is_empty() {
                    "no step".to_string()
                } else {
                    shown_by.join(", ")
                },
            ),
        ]
    }

    fn builtin(&self) -> Markup {
        let texts: Vec<Text> = BUILTIN_MESSAGES
            .iter()
            .map(|(id, _)| Text::plain(*id))
            .collect();
        let rows: Vec<(String, &Text)> = texts.iter().map(|t| (String::new(), t)).collect();
        html! {
            section #bot-messages {
                h2 { "The bot's own messages" }
                p {
                    "Buttons and notices the bot shows on its own (see " code { "locales/README.md" }
                    "). Values such as " code { "{ $value }" } " are filled in by the bot."
                }
                (self.texts_table(&rows))
            }
        }
    }
}

/// What each role stands for in each area of the content: the areas (the columns), then
/// per role its name and one cell per area (the service, or why there is none).
pub(crate) fn area_roles(content: &Content) -> (Vec<&str>, Vec<(&str, Vec<String>)>) {
    let areas = content.area_roles.iter().map(|(a, _)| a.as_str()).collect();
    let rows = content
        .roles
        .iter()
        .enumerate()
        .map(|(index, role)| {
            let cells = content
                .area_roles
                .iter()
                .map(|(_, roles)| match roles.get(index) {
                    Some(RoleDoc {
                        service: Some(id),
                        bound_by_area: true,
                        ..
                    }) => id.clone(),
                    Some(RoleDoc {
                        service: Some(id), ..
                    }) => format!("{id} (fallback: the area does not bind it)"),
                    _ => "nothing: not bound and no fallback".to_string(),
                })
                .collect();
            (role.name.as_str(), cells)
        })
        .collect();
    (areas, rows)
}

/// `check`'s findings as a list, errors in red and warnings in orange.
fn findings(problems: &[&Diagnostic]) -> Markup {
    html! {
        @if !problems.is_empty() {
            ul.findings {
                @for d in problems {
                    li class=(match d.severity { Severity::Error => "error", Severity::Warning => "warning" }) {
                        (d.to_string())
                    }
                }
            }
        }
    }
}

/// An id for a link target, from names that may hold any character.
fn anchor(kind: &str, a: &str, b: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    if b.is_empty() {
        format!("{kind}-{}", clean(a))
    } else {
        format!("{kind}-{}-{}", clean(a), clean(b))
    }
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>signpost: flows, texts and services</title>
<style>
body { font-family: "DejaVu Sans", Verdana, system-ui, sans-serif; color: #202124; margin: 0 auto; padding: 1rem 2rem 4rem; max-width: 1400px; line-height: 1.45; }
h1 { margin-bottom: 0; }
h2 { border-bottom: 2px solid #dadce0; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { margin: 1.6rem 0 .4rem; }
.meta { color: #5f6368; margin-top: .2rem; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: .9em; background: #f1f3f4; padding: 0 .25em; border-radius: 3px; }
pre.table { background: #f8f9fa; padding: .6rem 1rem; display: inline-block; }
.summary { font-size: 1.2rem; font-weight: bold; }
.summary.good { color: #137333; } .summary.fair { color: #b06000; } .summary.bad { color: #c5221f; }
ul.findings { list-style: none; padding: 0; }
ul.findings li { font-family: "DejaVu Sans Mono", monospace; font-size: .85rem; padding: .2rem .5rem; margin: .15rem 0; border-left: 4px solid; white-space: pre-wrap; overflow-wrap: anywhere; }
ul.findings li.error { border-color: #c5221f; background: #fce8e6; }
ul.findings li.warning { border-color: #b06000; background: #fef7e0; }
.flag { display: inline-block; font-size: .75rem; font-weight: bold; text-transform: uppercase; letter-spacing: .03em; padding: .05rem .4rem; border-radius: 3px; background: #e8eaed; color: #3c4043; vertical-align: middle; }
.flag.missing, .flag.error { background: #c5221f; color: #fff; }
.flag.stale, .flag.warning { background: #b06000; color: #fff; }
.flag.unverified { background: #5f6368; color: #fff; }
.flag.mt { background: #fbbc04; color: #202124; }
.tag { font-size: .75rem; font-weight: normal; color: #5f6368; border: 1px solid #dadce0; border-radius: 3px; padding: 0 .3rem; vertical-align: middle; }
.picture { overflow-x: auto; border: 1px solid #dadce0; border-radius: 4px; margin: 1rem 0; }
.picture svg { display: block; }
ul.paths { color: #3c4043; font-size: .9rem; margin: .2rem 0 .6rem; }
table.texts { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .4rem 0 1rem; }
table.texts th, table.texts td { border: 1px solid #dadce0; padding: .35rem .5rem; vertical-align: top; text-align: start; white-space: pre-wrap; overflow-wrap: anywhere; }
table.texts thead th { background: #f1f3f4; white-space: normal; }
table.texts tbody th { width: 13rem; font-weight: normal; white-space: normal; }
table.texts td.mt { background: #fffbe6; }
table.texts td.missing { background: #fce8e6; }
td[dir="rtl"] { font-size: 1.05rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .4rem 0; }
dt { font-weight: bold; color: #3c4043; }
dd { margin: 0; overflow-wrap: anywhere; }
article.service { border-top: 1px solid #e8eaed; }
@media print { .picture { overflow: visible; } }
</style>
</head>
<body>
"#;

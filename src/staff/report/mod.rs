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
use crate::load::content::{Content, LanguageTexts, StepDoc};
use crate::load::{
    Diagnostic, Document, Report, Severity, Table, VERIFICATION_MAX_AGE_DAYS, review_name,
};
use crate::locale::Review;
use crate::model::{BUILTIN_MESSAGES, Text};

mod directory;

pub(crate) use directory::area_roles;

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
/// The page's head: its title and style sheet, inline.
const HEAD: &str = include_str!("head.html");

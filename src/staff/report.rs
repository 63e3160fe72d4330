//! The report for staff and translators: one static HTML file with `check`'s report at
//! the top, then every flow (its picture, and every step with its texts in every
//! language side by side), the service directory (opening hours, anonymity, contacts,
//! verification dates) and the bot's own messages.
//!
//! The file stands alone: styles inline, pictures inline, no script, no fonts or images
//! from elsewhere. Everything taken from the content is HTML-escaped.

use std::fmt::Write;

use jiff::civil::Date;

use super::graph::{self, FlowGraph};
use super::markup::escape;
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
    let mut out = String::new();
    out.push_str(HEAD);
    let _ = writeln!(
        out,
        "<header><h1>Flows, texts and services</h1><p class=\"meta\">As of {today}. Made by \
         <code>signpost report</code>; the findings are those of <code>signpost check</code>.</p></header>"
    );
    page.contents(&mut out, &graphs);
    page.check_section(&mut out);
    page.key(&mut out);
    for (index, g) in graphs.iter().enumerate() {
        page.flow_section(&mut out, g, index);
    }
    page.directory(&mut out);
    page.builtin(&mut out);
    out.push_str("</body>\n</html>\n");
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
    fn contents(&self, out: &mut String, graphs: &[FlowGraph]) {
        out.push_str("<nav><h2>Contents</h2><ul><li><a href=\"#check\">signpost check</a></li><li><a href=\"#key\">How to read this</a></li><li>Flows: ");
        let links: Vec<String> = graphs
            .iter()
            .map(|g| {
                format!(
                    "<a href=\"#{}\">{}</a>",
                    anchor("flow", &g.id, ""),
                    escape(&g.id)
                )
            })
            .collect();
        out.push_str(&links.join(", "));
        out.push_str("</li><li><a href=\"#directory\">Service directory</a></li><li><a href=\"#bot-messages\">The bot's own messages</a></li></ul></nav>\n");
    }

    fn check_section(&self, out: &mut String) {
        let (errors, warnings) = (self.check.errors(), self.check.warnings());
        let class = if errors > 0 {
            "bad"
        } else if warnings > 0 {
            "fair"
        } else {
            "good"
        };
        let _ = write!(
            out,
            "<section id=\"check\"><h2>signpost check</h2><p class=\"summary {class}\">{errors} error(s), {warnings} warning(s)</p>"
        );
        if errors > 0 {
            out.push_str("<p>The bot refuses this set until the errors are fixed; it keeps serving the last good one.</p>");
        }
        findings(out, &self.check.sorted());
        if !self.check.completeness.is_empty() {
            let table = Table(&self.check.completeness).to_string();
            let _ = write!(
                out,
                "<h3>How complete each language is</h3><pre class=\"table\">{}</pre>",
                escape(&table)
            );
            self.review_table(out);
        }
        out.push_str("</section>\n");
    }

    /// Who has read each language's texts: the language's status (its least reviewed
    /// file) and every file's own, as their first lines state them.
    fn review_table(&self, out: &mut String) {
        out.push_str(
            "<h3 id=\"review\">Review status</h3><p>A language counts as reviewed only when a \
             person who speaks it has read every one of its files and marked each \
             <code>### review: reviewed</code>. Per message (<code>review.toml</code>, \
             filled in from <code>signpost review export</code>'s sheet): reviewed against \
             the Swedish text as it is, stale (the Swedish text changed since), or \
             machine-drafted (no review recorded).</p><table class=\"review\"><tr>\
             <th>language</th><th>status</th><th>files</th><th>reviewed</th><th>stale</th>\
             <th>machine-drafted</th></tr>",
        );
        for c in &self.check.completeness {
            let files: Vec<String> = c
                .files
                .iter()
                .map(|(name, review)| format!("{} ({})", escape(name), review_name(*review)))
                .collect();
            let counts = c.messages.map_or_else(
                || ["", "", ""].map(str::to_string),
                |m| [m.reviewed, m.stale, m.drafted].map(|n| n.to_string()),
            );
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&c.code),
                review_name(c.review),
                files.join(", "),
                counts[0],
                counts[1],
                counts[2]
            );
        }
        out.push_str("</table>");
    }

    fn key(&self, out: &mut String) {
        out.push_str(
            "<section id=\"key\"><h2>How to read this</h2><ul>\
             <li><span class=\"flag missing\">missing</span> the language has no text for this message: the bot cannot use the set until it has.</li>\
             <li><span class=\"flag mt\">machine-drafted</span> the language's texts were drafted by a machine and not yet checked by a native speaker (the first line of at least one of its files says so); its cells are tinted.</li>\
             <li><span class=\"flag stale\">stale</span> the facts about a service were verified more than ",
        );
        let _ = write!(out, "{VERIFICATION_MAX_AGE_DAYS}");
        out.push_str(
            " days ago; check them again.</li>\
             <li><span class=\"flag unverified\">not verified</span> a service without a verification date is never shown to anyone.</li>\
             <li>In the pictures: solid arrows are buttons, dashed ones typed answers, dotted ones <code>next</code> (the bot goes on at once), green ones services; red marks a step <code>check</code> found wrong (unreachable, a dead end, an error), orange a warning.</li>\
             </ul></section>\n",
        );
    }

    fn flow_section(&self, out: &mut String, g: &FlowGraph, index: usize) {
        let Some(flow) = self.content.flows.iter().find(|f| f.file == g.file) else {
            return;
        };
        let _ = write!(
            out,
            "<section class=\"flow\" id=\"{}\"><h2>Flow “{}”</h2><p class=\"meta\"><code>{}</code>",
            anchor("flow", &g.id, ""),
            escape(&g.id),
            escape(&g.file.display().to_string())
        );
        if let Some(start) = &flow.start {
            let _ = write!(out, " · starts at <b>{}</b>", escape(start));
        }
        if !flow.deep_links.is_empty() {
            let links: Vec<String> = flow
                .deep_links
                .iter()
                .map(|d| match &d.lang {
                    Some(lang) => format!("<code>{}</code> ({})", escape(&d.code), escape(lang)),
                    None => format!("<code>{}</code>", escape(&d.code)),
                })
                .collect();
            let _ = write!(out, " · deep links: {}", links.join(", "));
        }
        out.push_str("</p>");
        findings(out, &g.problems.iter().collect::<Vec<_>>());
        let _ = write!(
            out,
            "<div class=\"picture\">{}</div>",
            graph::svg(g, &format!("g{index}"))
        );
        for (s, step) in flow.steps.iter().enumerate() {
            let problems: Vec<&Diagnostic> = g
                .nodes
                .get(s)
                .map(|n| n.problems.iter().collect())
                .unwrap_or_default();
            self.step(out, &g.id, flow.start.as_deref(), step, &problems);
        }
        out.push_str("</section>\n");
    }

    fn step(
        &self,
        out: &mut String,
        flow: &str,
        start: Option<&str>,
        step: &StepDoc,
        problems: &[&Diagnostic],
    ) {
        let mut tags = String::new();
        if start == Some(step.id.as_str()) {
            tags.push_str(" <span class=\"tag\">start</span>");
        }
        if step.end {
            tags.push_str(" <span class=\"tag\">end</span>");
        }
        if step.handover {
            tags.push_str(" <span class=\"tag\">offers a talk with a person</span>");
        }
        if let Some(mark) = graph::Mark::of(problems.iter().copied()) {
            let class = if mark == graph::Mark::Warning {
                "warning"
            } else {
                "error"
            };
            let _ = write!(
                tags,
                " <span class=\"flag {class}\">{}</span>",
                mark.caption()
            );
        }
        let _ = write!(
            out,
            "<article class=\"step\" id=\"{}\"><h3>{}{tags}</h3>",
            anchor("step", flow, &step.id),
            escape(&step.id)
        );
        findings(out, problems);
        let mut paths: Vec<String> = Vec::new();
        for route in &step.routes {
            let lang = route.lang.as_deref().unwrap_or("any language");
            paths.push(format!(
                "typed ({}) <bdi><code>{}</code></bdi> → {}",
                escape(lang),
                escape(&route.pattern),
                escape(&route.to.to_string())
            ));
        }
        if !step.signposts.is_empty() {
            let names: Vec<String> = step
                .signposts
                .iter()
                .map(|id| {
                    // A role shows the service it stands for in the chosen area, and its
                    // own name, so the reader sees both what is shown and what to swap.
                    let service = self.content.service(id);
                    let name = service
                        .and_then(|s| s.name.clone())
                        .unwrap_or_else(|| id.clone());
                    let target = service.map_or(id.as_str(), |s| s.id.as_str());
                    let role = if id.starts_with('@') && service.is_some() {
                        format!(" ({})", escape(id))
                    } else {
                        String::new()
                    };
                    format!(
                        "<a href=\"#{}\">{}</a>{role}",
                        anchor("service", target, ""),
                        escape(&name)
                    )
                })
                .collect();
            // As the person gets it: one message (see `engine::group`).
            paths.push(format!(
                "signposts, in one message with the text and the buttons: {}",
                names.join(", ")
            ));
        }
        if let Some(next) = &step.next {
            paths.push(format!("goes on at once to step “{}”", escape(next)));
        }
        if !paths.is_empty() {
            out.push_str("<ul class=\"paths\">");
            for p in paths {
                let _ = write!(out, "<li>{p}</li>");
            }
            out.push_str("</ul>");
        }
        let mut rows: Vec<(String, &Text)> =
            step.say.iter().map(|t| ("says".to_string(), t)).collect();
        rows.extend(
            step.choices
                .iter()
                .map(|c| (format!("button → {}", c.to), &c.label)),
        );
        self.texts_table(out, &rows);
        out.push_str("</article>\n");
    }

    /// A table of messages, one row each, one column per language.
    fn texts_table(&self, out: &mut String, rows: &[(String, &Text)]) {
        if rows.is_empty() {
            return;
        }
        out.push_str("<table class=\"texts\"><thead><tr><th>message</th>");
        for col in &self.languages {
            let dir = if col.rtl() { " dir=\"rtl\"" } else { "" };
            let flag = match col.review {
                Review::Reviewed => String::new(),
                Review::MachineDrafted => {
                    " <span class=\"flag mt\">machine-drafted</span>".to_string()
                }
                Review::Unknown => " <span class=\"flag\">review not stated</span>".to_string(),
            };
            let _ = write!(
                out,
                "<th><code>{}</code> <span lang=\"{}\"{dir}>{}</span>{flag}</th>",
                escape(col.code),
                escape(col.code),
                escape(&col.name())
            );
        }
        out.push_str("</tr></thead><tbody>");
        for (role, text) in rows {
            let _ = write!(
                out,
                "<tr><th><code>{}</code><br><small>{}</small></th>",
                escape(&text.id),
                escape(role)
            );
            for col in &self.languages {
                self.cell(out, col, text);
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }

    fn cell(&self, out: &mut String, col: &Column, text: &Text) {
        let Some(value) = self.content.format(col.code, text) else {
            out.push_str("<td class=\"missing\"><span class=\"flag missing\">missing</span></td>");
            return;
        };
        let class = if col.review == Review::MachineDrafted {
            " class=\"mt\""
        } else {
            ""
        };
        let dir = if col.rtl() { " dir=\"rtl\"" } else { "" };
        let _ = write!(
            out,
            "<td lang=\"{}\"{dir}{class}>{}</td>",
            escape(col.code),
            escape(&value)
        );
    }

    fn directory(&self, out: &mut String) {
        out.push_str("<section id=\"directory\"><h2>Service directory</h2>");
        let _ = write!(
            out,
            "<p class=\"meta\"><code>{}</code> · {} service(s) · area: {}</p>",
            escape(&self.content.services_file.display().to_string()),
            self.content.services.len(),
            escape(&match self.content.settings.areas.as_slice() {
                [] => "none chosen".to_string(),
                areas => areas.join(", "),
            })
        );
        if !self.content.roles.is_empty() {
            out.push_str("<dl class=\"roles\">");
            for role in &self.content.roles {
                let stands_for = match (&role.service, role.bound_by_area) {
                    (Some(id), true) => format!("{id} (bound by the area)"),
                    (Some(id), false) if !self.content.area_roles.is_empty() => {
                        format!("{id} (fallback: elsewhere in Sweden, or not said)")
                    }
                    (Some(id), false) => format!("{id} (fallback: the area does not bind it)"),
                    (None, _) => "nothing: not bound and no fallback".to_string(),
                };
                let _ = write!(
                    out,
                    "<dt>@{}</dt><dd>{}</dd>",
                    escape(&role.name),
                    escape(&stands_for)
                );
            }
            out.push_str("</dl>");
        }
        if !self.content.area_roles.is_empty() {
            // With several areas: what each role stands for where the person said they
            // are; "elsewhere" (or not said) is the list above.
            out.push_str(
                "<table class=\"area-roles\"><caption>Roles per area (a person elsewhere in \
                 Sweden, or who would rather not say, gets the fallbacks above)</caption>\
                 <tr><th>role</th>",
            );
            let (areas, rows) = area_roles(self.content);
            for area in areas {
                let _ = write!(out, "<th>{}</th>", escape(area));
            }
            out.push_str("</tr>");
            for (role, cells) in rows {
                let _ = write!(out, "<tr><th>@{}</th>", escape(role));
                for cell in cells {
                    let _ = write!(out, "<td>{}</td>", escape(&cell));
                }
                out.push_str("</tr>");
            }
            out.push_str("</table>");
        }
        for service in &self.content.services {
            self.service(out, service);
        }
        out.push_str("</section>\n");
    }

    fn service(&self, out: &mut String, s: &ServiceDoc) {
        let name = s.name.clone().unwrap_or_else(|| s.id.clone());
        let _ = write!(
            out,
            "<article class=\"service\" id=\"{}\"><h3>{} <code>{}</code></h3>",
            anchor("service", &s.id, ""),
            escape(&name),
            escape(&s.id)
        );
        // How old the verification is, and whether too old, is `check`'s finding.
        let age = self
            .check
            .verifications
            .iter()
            .find(|v| v.file == s.file && v.id == s.id);
        let verified = match (s.verified_on, &s.verified_by) {
            (Some(on), by) => {
                let by = by
                    .as_deref()
                    .map(|b| format!(" by {}", escape(b)))
                    .unwrap_or_default();
                if let Some(age) = age.filter(|a| a.stale) {
                    let age = age.days;
                    format!(
                        "<p class=\"verified\"><span class=\"flag stale\">stale</span> verified on {on}{by}, {age} days ago (more than {VERIFICATION_MAX_AGE_DAYS})</p>"
                    )
                } else {
                    format!("<p class=\"verified\">Verified on {on}{by}</p>")
                }
            }
            (None, _) => "<p class=\"verified\"><span class=\"flag unverified\">not verified</span> never shown to anyone until someone verifies its facts</p>".to_string(),
        };
        out.push_str(&verified);
        let problems: Vec<&Diagnostic> = self
            .check
            .diagnostics
            .iter()
            .filter(|d| {
                d.file == s.file && matches!(&d.owner, Owner::Service { id } if *id == s.id)
            })
            .collect();
        findings(out, &problems);

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
                    .map(move |st| (f.id.as_str(), st.id.as_str()))
            })
            .map(|(f, st)| format!("{f} › {st}"))
            .collect();
        let source = match (&s.source, s.source_date) {
            (Some(url), Some(date)) => format!("{url} (copy of {date})"),
            (Some(url), None) => format!("{url} (undated)"),
            (None, _) => "none".to_string(),
        };
        let facts = [
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
        ];
        out.push_str("<dl>");
        for (term, value) in facts {
            let _ = write!(out, "<dt>{term}</dt><dd>{}</dd>", escape(&value));
        }
        out.push_str("</dl>");
        let texts: Vec<Text> = s.messages().map(|(_, id)| Text::plain(id)).collect();
        let rows: Vec<(String, &Text)> = s
            .messages()
            .map(|(key, _)| key.to_string())
            .zip(texts.iter())
            .collect();
        self.texts_table(out, &rows);
        out.push_str("</article>\n");
    }

    fn builtin(&self, out: &mut String) {
        out.push_str("<section id=\"bot-messages\"><h2>The bot's own messages</h2><p>Buttons and notices the bot shows on its own (see <code>locales/README.md</code>). Values such as <code>{ $value }</code> are filled in by the bot.</p>");
        let texts: Vec<Text> = BUILTIN_MESSAGES
            .iter()
            .map(|(id, _)| Text::plain(*id))
            .collect();
        let rows: Vec<(String, &Text)> = texts.iter().map(|t| (String::new(), t)).collect();
        self.texts_table(out, &rows);
        out.push_str("</section>\n");
    }
}

/// `check`'s findings as a list, errors in red and warnings in orange.
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

fn findings(out: &mut String, problems: &[&Diagnostic]) {
    if problems.is_empty() {
        return;
    }
    out.push_str("<ul class=\"findings\">");
    for d in problems {
        let class = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = write!(out, "<li class=\"{class}\">{}</li>", escape(&d.to_string()));
    }
    out.push_str("</ul>");
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

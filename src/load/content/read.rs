//! The lenient readers: what is readable in a TOML table or a locale folder, the
//! rest skipped (a value of the wrong type is left out).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, ValueDeserializer};

use super::docs::*;
use super::{Content, LanguageTexts};
use crate::load::files::LocaleDir;
use crate::load::span::SourceFile;
use crate::model::{Arg, Text};

/// One value of a table in the type asked for, or `None` when it is absent or of
/// another type.
pub(super) fn get<T: DeserializeOwned>(table: &DeTable<'_>, key: &str) -> Option<T> {
    let value = table.get(key)?.clone();
    T::deserialize(ValueDeserializer::from(value)).ok()
}

/// A sub-table, or `None`.
pub(super) fn sub<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<&'t DeTable<'i>> {
    table.get(key)?.get_ref().as_table()
}

pub(super) fn settings(doc: &DeTable<'_>) -> SettingsDoc {
    let mut intents = Vec::new();
    if let Some(table) = sub(doc, "intents") {
        for (name, value) in table {
            let Some(intent) = value.get_ref().as_table() else {
                continue;
            };
            let mut lines = Vec::new();
            if let Some(matching) = get::<String>(intent, "match") {
                lines.push(format!("match = {matching}"));
            }
            let keywords: BTreeMap<String, Vec<String>> =
                get(intent, "keywords").unwrap_or_default();
            // `any` first, then the languages in alphabetical order.
            let mut keywords: Vec<(String, Vec<String>)> = keywords.into_iter().collect();
            keywords.sort_by_key(|(lang, _)| (lang != "any", lang.clone()));
            for (lang, words) in keywords {
                lines.push(format!("{lang}: {}", words.join(", ")));
            }
            intents.push((name.get_ref().to_string(), lines));
        }
    }
    SettingsDoc {
        main_flow: get(doc, "main_flow"),
        default_language: get(doc, "default_language"),
        languages: get(doc, "languages").unwrap_or_default(),
        emergency_service: get(doc, "emergency_service"),
        area: get(doc, "area"),
        areas: get::<Vec<String>>(doc, "areas")
            .or_else(|| get::<String>(doc, "area").map(|a| vec![a]))
            .unwrap_or_default(),
        intents,
    }
}

#[derive(Deserialize)]
struct LooseDeepLink {
    code: String,
    lang: Option<String>,
}

/// A message: `"id"` or `{ id = "id", args = { ... } }`.
#[derive(Deserialize)]
#[serde(untagged)]
enum LooseText {
    Plain(String),
    WithArgs {
        id: String,
        #[serde(default)]
        args: BTreeMap<String, LooseArg>,
    },
}

#[derive(Deserialize)]
#[serde(untagged)]
enum LooseArg {
    Str(String),
    Int(i64),
    Float(f64),
}

impl From<LooseText> for Text {
    fn from(text: LooseText) -> Text {
        match text {
            LooseText::Plain(id) => Text::plain(id),
            LooseText::WithArgs { id, args } => Text {
                id,
                args: args
                    .into_iter()
                    .map(|(name, value)| {
                        let value = match value {
                            LooseArg::Str(s) => Arg::Str(s),
                            LooseArg::Int(n) => Arg::Num(n as f64),
                            LooseArg::Float(n) => Arg::Num(n),
                        };
                        (name, value)
                    })
                    .collect(),
            },
        }
    }
}

#[derive(Deserialize)]
struct LooseChoice {
    label: LooseText,
    goto: Option<String>,
    flow: Option<String>,
}

#[derive(Deserialize)]
struct LooseRoute {
    lang: Option<String>,
    #[serde(rename = "match")]
    pattern: Option<String>,
    words: Option<Vec<String>>,
    goto: Option<String>,
    flow: Option<String>,
}

pub(super) fn flow(file: &SourceFile, name: &str, doc: &DeTable<'_>) -> FlowDoc {
    let id = get(doc, "id").unwrap_or_else(|| name.trim_end_matches(".toml").to_string());
    let deep_links: Vec<LooseDeepLink> = get(doc, "deep_links").unwrap_or_default();
    let mut steps = Vec::new();
    if let Some(table) = sub(doc, "steps") {
        for (key, value) in table {
            let Some(step) = value.get_ref().as_table() else {
                continue;
            };
            steps.push(self::step(key, step, file));
        }
    }
    steps.sort_by_key(|s| s.at);
    FlowDoc {
        file: file.path.clone(),
        id,
        start: get(doc, "start"),
        deep_links: deep_links
            .into_iter()
            .map(|d| DeepLinkDoc {
                code: d.code,
                lang: d.lang,
            })
            .collect(),
        steps,
    }
}

pub(super) fn step(
    key: &Spanned<std::borrow::Cow<'_, str>>,
    table: &DeTable<'_>,
    file: &SourceFile,
) -> StepDoc {
    let say: Vec<LooseText> = get(table, "say").unwrap_or_default();
    let choices: Vec<LooseChoice> = get(table, "choices").unwrap_or_default();
    let routes: Vec<LooseRoute> = get(table, "routes").unwrap_or_default();
    StepDoc {
        id: key.get_ref().to_string(),
        line: file.line_col(key.span().start).0,
        at: key.span().start,
        say: say.into_iter().map(Text::from).collect(),
        choices: choices
            .into_iter()
            .map(|c| ChoiceDoc {
                label: c.label.into(),
                to: Goto {
                    flow: c.flow,
                    step: c.goto,
                },
            })
            .collect(),
        routes: routes
            .into_iter()
            .map(|r| RouteDoc {
                lang: r.lang,
                // A route written as words is shown as its words.
                pattern: match (r.pattern, r.words) {
                    (Some(pattern), _) => pattern,
                    (None, Some(words)) => format!("words: {}", words.join(", ")),
                    (None, None) => String::new(),
                },
                to: Goto {
                    flow: r.flow,
                    step: r.goto,
                },
            })
            .collect(),
        signposts: get(table, "signposts").unwrap_or_default(),
        next: get(table, "next"),
        end: get(table, "end").unwrap_or(false),
        handover: get(table, "handover").unwrap_or(false),
    }
}

#[derive(Deserialize)]
struct LooseContact {
    kind: String,
    value: String,
}

/// The terms the loader makes from the directory (see `load::locales`), so texts that
/// name services read here as they do in the bot.
pub(super) fn directory_terms(content: &Content) -> String {
    let mut text = String::new();
    let mut term = |id: String, name: &str| {
        let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
        text.push_str(&format!("-{id} = {{ \"{quoted}\" }}\n"));
    };
    for s in content.services.iter().filter(|s| s.is_shown()) {
        term(format!("svc-{}", s.id), s.name.as_deref().unwrap_or(&s.id));
    }
    for r in &content.roles {
        if let Some(s) = r
            .service
            .as_deref()
            .and_then(|id| content.services.iter().find(|s| s.id == id))
            .filter(|s| s.is_shown())
        {
            term(
                format!("role-{}", r.name),
                s.name.as_deref().unwrap_or(&s.id),
            );
        }
    }
    text
}

/// Where the parts of a flow or directory file other than its steps or services begin:
/// every top-level key but `steps`, `services` and `roles`, and every role.
pub(super) fn others(file: &SourceFile, doc: &DeTable<'_>) -> Vec<(PathBuf, usize, usize)> {
    let mut keys: Vec<usize> = doc
        .iter()
        .filter(|(key, _)| !matches!(key.get_ref().as_ref(), "steps" | "services" | "roles"))
        .map(|(key, _)| key.span().start)
        .collect();
    if let Some(roles) = sub(doc, "roles") {
        keys.extend(roles.iter().map(|(key, _)| key.span().start));
    }
    keys.into_iter()
        .map(|at| (file.path.clone(), at, file.line_col(at).0))
        .collect()
}

/// `[roles.<name>]` of `services.toml`: each name with its fallback.
pub(super) fn roles(doc: &DeTable<'_>) -> Vec<(String, Option<String>)> {
    let Some(table) = sub(doc, "roles") else {
        return Vec::new();
    };
    table
        .iter()
        .map(|(key, value)| {
            let fallback = value
                .get_ref()
                .as_table()
                .and_then(|t| get::<String>(t, "fallback"));
            (key.get_ref().to_string(), fallback)
        })
        .collect()
}

pub(super) fn services(file: &SourceFile, doc: &DeTable<'_>) -> Vec<ServiceDoc> {
    let Some(table) = sub(doc, "services") else {
        return Vec::new();
    };
    let mut out: Vec<ServiceDoc> = table
        .iter()
        .filter_map(|(key, value)| {
            let s = value.get_ref().as_table()?;
            let contacts: Vec<LooseContact> = get(s, "contacts").unwrap_or_default();
            let verified_on: Option<toml::value::Datetime> = get(s, "verified_on");
            let source_date: Option<toml::value::Datetime> = get(s, "source_date");
            Some(ServiceDoc {
                file: file.path.clone(),
                id: key.get_ref().to_string(),
                line: file.line_col(key.span().start).0,
                at: key.span().start,
                name: get(s, "name"),
                about: get(s, "about"),
                offers: get(s, "offers").unwrap_or_default(),
                for_whom: get(s, "for_whom").unwrap_or_default(),
                coverage: get(s, "coverage"),
                contacts: contacts.into_iter().map(|c| (c.kind, c.value)).collect(),
                anonymity: get(s, "anonymity"),
                anonymity_note: get(s, "anonymity_note"),
                cost: get(s, "cost"),
                languages: get(s, "languages").unwrap_or_default(),
                interpreters: get(s, "interpreters").unwrap_or(false),
                meanwhile: get(s, "meanwhile"),
                hours: sub(s, "hours").map(hours_text),
                verified_on: verified_on.and_then(|d| d.to_string().parse().ok()),
                verified_by: get(s, "verified_by"),
                source: get(s, "source"),
                source_date: source_date.and_then(|d| d.to_string().parse().ok()),
            })
        })
        .collect();
    out.sort_by_key(|s| s.at);
    out
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

#[derive(Deserialize)]
struct LooseException {
    date: toml::value::Datetime,
    #[serde(default)]
    hours: Vec<String>,
}

/// Opening hours in words: `around the clock`, or days with their times, consecutive
/// days with the same times joined (`mon-fri 08:00-16:30; sat, sun closed`), then the
/// exceptions, the yearly periods and the rules for public holidays and their eves.
pub(super) fn hours_text(table: &DeTable<'_>) -> String {
    if get::<bool>(table, "always") == Some(true) {
        return "around the clock".to_string();
    }
    let days: Vec<Vec<String>> = DAYS
        .iter()
        .map(|d| get(table, d).unwrap_or_default())
        .collect();
    let mut parts = week_text(&days);
    let exceptions: Vec<LooseException> = get(table, "exceptions").unwrap_or_default();
    for e in exceptions {
        let times = if e.hours.is_empty() {
            "closed".to_string()
        } else {
            e.hours.join(", ")
        };
        parts.push(format!("{} {times}", e.date));
    }
    let periods: Vec<LoosePeriod> = get(table, "periods").unwrap_or_default();
    for p in periods {
        let days: Vec<Vec<String>> = [p.mon, p.tue, p.wed, p.thu, p.fri, p.sat, p.sun]
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect();
        parts.push(format!(
            "from {} to {} every year: {}",
            p.from,
            p.to,
            week_text(&days).join(", ")
        ));
    }
    for (key, words) in [
        ("holidays", "public holidays"),
        ("holiday_eve", "the day before a public holiday"),
        ("midsummer_eve", "midsummer eve"),
        ("christmas_eve", "Christmas Eve"),
        ("new_years_eve", "New Year's Eve"),
    ] {
        if let Some(times) = get::<Vec<String>>(table, key) {
            let times = if times.is_empty() {
                "closed".to_string()
            } else {
                times.join(", ")
            };
            parts.push(format!("{words} {times}"));
        } else if let Some(word) = get::<String>(table, key) {
            parts.push(format!("{words} {word}"));
        }
    }
    parts.join("; ")
}

#[derive(Deserialize)]
struct LoosePeriod {
    from: String,
    to: String,
    mon: Option<Vec<String>>,
    tue: Option<Vec<String>>,
    wed: Option<Vec<String>>,
    thu: Option<Vec<String>>,
    fri: Option<Vec<String>>,
    sat: Option<Vec<String>>,
    sun: Option<Vec<String>>,
}

/// A week's times, consecutive days with the same times joined.
pub(super) fn week_text(days: &[Vec<String>]) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut first = 0;
    while first < DAYS.len() {
        let mut last = first;
        while last + 1 < DAYS.len() && days[last + 1] == days[first] {
            last += 1;
        }
        let span = match last - first {
            0 => DAYS[first].to_string(),
            1 => format!("{}, {}", DAYS[first], DAYS[last]),
            _ => format!("{}-{}", DAYS[first], DAYS[last]),
        };
        let times = if days[first].is_empty() {
            "closed".to_string()
        } else {
            days[first].join(", ")
        };
        parts.push(format!("{span} {times}"));
        first = last + 1;
    }
    parts
}

/// One locale folder: its `.ftl` files (the readable entries of a file with syntax
/// errors included, when the bundle is made) and each entry's source lines.
pub(super) fn language(dir: &LocaleDir, terms: &str) -> LanguageTexts {
    let mut inputs = vec![terms.to_string()];
    let mut sources = BTreeMap::new();
    let mut places = Vec::new();
    // A file nested too deeply for the Fluent parser's stack is left out, as `check`
    // leaves it out (and reports it).
    for file in dir
        .files
        .iter()
        .filter(|f| crate::load::locales::too_deep(&f.text).is_none())
    {
        for (id, first, source) in entries(&file.text) {
            let last = first + source.lines().count().max(1) - 1;
            places.push((file.path.clone(), id.clone(), first, last));
            sources.entry(id).or_insert(source);
        }
        inputs.push(file.text.clone());
    }
    LanguageTexts {
        code: dir.code.clone(),
        path: dir.path.clone(),
        inputs,
        language: OnceLock::new(),
        sources,
        places,
    }
}

/// The entries of a Fluent file with their first line (1-based) and source lines. An
/// entry starts at the first column with its id and `=`; its value goes on over indented
/// lines and a closing `}` (Fluent's own rule), with trailing blank lines dropped.
pub(crate) fn entries(text: &str) -> Vec<(String, usize, String)> {
    let mut out: Vec<(String, usize, Vec<&str>)> = Vec::new();
    let mut open = false;
    for (number, line) in text.lines().enumerate() {
        let starts_entry = line
            .split_once('=')
            .map(|(id, _)| id.trim_end())
            .filter(|id| is_entry_id(id));
        if let Some(id) = starts_entry {
            out.push((id.to_string(), number + 1, vec![line.trim_end()]));
            open = true;
        } else if open && (line.is_empty() || line.starts_with([' ', '\t', '}'])) {
            if let Some((_, _, lines)) = out.last_mut() {
                lines.push(line.trim_end());
            }
        } else {
            open = false;
        }
    }
    out.into_iter()
        .map(|(id, first, mut lines)| {
            while lines.last().is_some_and(|l| l.is_empty()) {
                lines.pop();
            }
            (id, first, lines.join("\n"))
        })
        .collect()
}

/// A Fluent message id (`a-b_1`) or term id (`-a-b`), starting at the first column.
pub(super) fn is_entry_id(id: &str) -> bool {
    let name = id.strip_prefix('-').unwrap_or(id);
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

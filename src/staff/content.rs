//! The content as written: flows, settings, services and texts read leniently, so that
//! the staff tools can picture, report and compare a set that `check` refuses.
//!
//! The loader stops at the first error it cannot get past and builds nothing from a set
//! with errors; a picture of a broken flow or a report of missing translations is most
//! useful exactly then. This reader takes what is readable and skips the rest: a value of
//! the wrong type is left out, a file that does not parse is left out. It judges
//! nothing: what is wrong is whatever `check` says, and the tools show its report beside
//! what they draw from here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fluent_bundle::FluentResource;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, ValueDeserializer};

use crate::load::AREAS_DIR;
use crate::locale::{Language, Review};
use crate::model::{Arg, Text};

/// Everything in a flow folder and a locale folder that could be read.
#[derive(Debug)]
pub struct Content {
    pub settings: SettingsDoc,
    /// One per flow file, by file name.
    pub flows: Vec<FlowDoc>,
    /// The path of `services.toml`, as diagnostics name it.
    pub services_file: PathBuf,
    /// In file order: `services.toml`'s entries, then the chosen area's.
    pub services: Vec<ServiceDoc>,
    /// The roles `services.toml` declares, each with the service it stands for in the
    /// area `bot.toml` chooses (or its fallback).
    pub roles: Vec<RoleDoc>,
    /// One per locale folder, by folder name.
    pub texts: Vec<LanguageTexts>,
}

/// `bot.toml` as written.
#[derive(Debug, Default)]
pub struct SettingsDoc {
    pub main_flow: Option<String>,
    pub default_language: Option<String>,
    pub languages: Vec<String>,
    pub emergency_service: Option<String>,
    /// The local area (a file in `flows/areas/`).
    pub area: Option<String>,
    /// Each intent with its settings as lines such as `match = word` or `sv: polis`.
    pub intents: Vec<(String, Vec<String>)>,
}

/// One flow file as written.
#[derive(Debug)]
pub struct FlowDoc {
    pub file: PathBuf,
    /// The flow's id, or its file name without `.toml` when it has none.
    pub id: String,
    pub start: Option<String>,
    pub deep_links: Vec<DeepLinkDoc>,
    /// In file order.
    pub steps: Vec<StepDoc>,
}

impl FlowDoc {
    pub fn step(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    /// The step a diagnostic at this line (1-based) is about: the last step whose key
    /// is at or above the line. Lines above the first step belong to the flow itself.
    pub fn step_at_line(&self, line: usize) -> Option<usize> {
        self.steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.line <= line)
            .max_by_key(|(_, s)| s.line)
            .map(|(i, _)| i)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeepLinkDoc {
    pub code: String,
    pub lang: Option<String>,
}

/// One step as written.
#[derive(Debug)]
pub struct StepDoc {
    pub id: String,
    /// The 1-based line of its `[steps.<id>]` key.
    pub line: usize,
    pub say: Vec<Text>,
    pub choices: Vec<ChoiceDoc>,
    pub routes: Vec<RouteDoc>,
    pub signposts: Vec<String>,
    /// A step of the same flow.
    pub next: Option<String>,
    pub end: bool,
}

#[derive(Debug)]
pub struct ChoiceDoc {
    pub label: Text,
    pub to: Goto,
}

#[derive(Debug)]
pub struct RouteDoc {
    pub lang: Option<String>,
    pub pattern: String,
    pub to: Goto,
}

/// Where a choice or route leads, as written: `goto` alone is a step of the same flow,
/// `flow` alone is the start of another flow, both is a given step of another flow.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Goto {
    pub flow: Option<String>,
    pub step: Option<String>,
}

impl std::fmt::Display for Goto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.flow, &self.step) {
            (None, Some(step)) => write!(f, "step \"{step}\""),
            (Some(flow), None) => write!(f, "flow \"{flow}\""),
            (Some(flow), Some(step)) => write!(f, "flow \"{flow}\", step \"{step}\""),
            (None, None) => f.write_str("nowhere"),
        }
    }
}

/// A role as declared, with what it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleDoc {
    /// Without the `@`.
    pub name: String,
    /// The service id the area binds it to, else its fallback, as written.
    pub service: Option<String>,
    /// Whether the area binds it (false: the fallback, or nothing).
    pub bound_by_area: bool,
}

/// One `[services.<id>]` table as written; values in their file spelling.
#[derive(Debug, Default)]
pub struct ServiceDoc {
    /// The file it is in (`services.toml` or an area file), as diagnostics name it.
    pub file: PathBuf,
    pub id: String,
    /// The 1-based line of its `[services.<id>]` key.
    pub line: usize,
    pub name: Option<String>,
    pub about: Option<String>,
    pub offers: Vec<String>,
    pub for_whom: Vec<String>,
    pub coverage: Option<String>,
    /// Kind and value, such as `phone` and `020-50 50 50`.
    pub contacts: Vec<(String, String)>,
    pub anonymity: Option<String>,
    pub anonymity_note: Option<String>,
    pub cost: Option<String>,
    pub languages: Vec<String>,
    pub interpreters: bool,
    pub meanwhile: Option<String>,
    /// The opening hours in words (see [`hours_text`]).
    pub hours: Option<String>,
    pub verified_on: Option<jiff::civil::Date>,
    pub verified_by: Option<String>,
    /// The public page the facts were checked against.
    pub source: Option<String>,
    pub source_date: Option<jiff::civil::Date>,
}

impl ServiceDoc {
    /// Whether the loader would show it (and define its `-svc-` term).
    pub fn is_shown(&self) -> bool {
        self.verified_on.is_some() && self.verified_by.is_some() && self.source.is_some()
    }

    /// The message ids this service names.
    pub fn messages(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("about", &self.about),
            ("anonymity_note", &self.anonymity_note),
            ("meanwhile", &self.meanwhile),
        ]
        .into_iter()
        .filter_map(|(key, id)| id.as_deref().map(|id| (key, id)))
    }
}

/// One language's texts: ready to format, and each entry's source as written.
#[derive(Debug)]
pub struct LanguageTexts {
    pub code: String,
    pub language: Language,
    /// Message or term id (terms with their `-`) to its lines in the `.ftl` file.
    pub sources: BTreeMap<String, String>,
}

impl Content {
    /// Reads what it can of both folders; never fails.
    pub fn read(flows: &Path, locales: &Path) -> Content {
        let mut content = Content {
            settings: SettingsDoc::default(),
            flows: Vec::new(),
            services_file: flows.join("services.toml"),
            services: Vec::new(),
            roles: Vec::new(),
            texts: Vec::new(),
        };
        let mut declared: Vec<(String, Option<String>)> = Vec::new();
        for name in list(flows, "toml", false) {
            let path = flows.join(&name);
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            match name.as_str() {
                "bot.toml" => content.settings = settings(&text),
                "services.toml" => {
                    content.services = services(&path, &text);
                    declared = roles(&text);
                }
                _ => content.flows.push(flow(path, &name, &text)),
            }
        }
        let mut binds: BTreeMap<String, String> = BTreeMap::new();
        if let Some(area) = &content.settings.area {
            let path = flows.join(AREAS_DIR).join(format!("{area}.toml"));
            if let Ok(text) = std::fs::read_to_string(&path) {
                content.services.extend(services(&path, &text));
                binds = sub(&document(&text), "roles")
                    .map(|t| {
                        t.iter()
                            .filter_map(|(k, v)| {
                                let id: String =
                                    String::deserialize(ValueDeserializer::from(v.clone())).ok()?;
                                Some((k.get_ref().to_string(), id))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
            }
        }
        content.roles = declared
            .into_iter()
            .map(|(name, fallback)| match binds.get(&name) {
                Some(id) => RoleDoc {
                    name,
                    service: Some(id.clone()),
                    bound_by_area: true,
                },
                None => RoleDoc {
                    name,
                    service: fallback,
                    bound_by_area: false,
                },
            })
            .collect();
        let terms = directory_terms(&content);
        for code in list(locales, "", true) {
            content
                .texts
                .push(language(&locales.join(&code), &code, &terms));
        }
        content
    }

    /// A role by its name without the `@`.
    pub fn role(&self, name: &str) -> Option<&RoleDoc> {
        self.roles.iter().find(|r| r.name == name)
    }

    pub fn flow(&self, id: &str) -> Option<&FlowDoc> {
        self.flows.iter().find(|f| f.id == id)
    }

    /// A service by its id, or a role (`@name`) by the service it stands for.
    pub fn service(&self, id: &str) -> Option<&ServiceDoc> {
        let id = match id.strip_prefix('@') {
            Some(role) => self.role(role)?.service.as_deref()?,
            None => id,
        };
        self.services.iter().find(|s| s.id == id)
    }

    /// The service a diagnostic in `file` at this line (1-based) is about.
    pub fn service_at_line(&self, file: &Path, line: usize) -> Option<usize> {
        self.services
            .iter()
            .enumerate()
            .filter(|(_, s)| s.file == file && s.line <= line)
            .max_by_key(|(_, s)| s.line)
            .map(|(i, _)| i)
    }

    pub fn texts(&self, code: &str) -> Option<&LanguageTexts> {
        self.texts.iter().find(|t| t.code == code)
    }

    /// The languages to show: those `bot.toml` offers, or every locale folder when it
    /// offers none.
    pub fn languages(&self) -> Vec<&str> {
        if self.settings.languages.is_empty() {
            self.texts.iter().map(|t| t.code.as_str()).collect()
        } else {
            self.settings.languages.iter().map(String::as_str).collect()
        }
    }

    /// The language labels and pictures use: the default one, else the first.
    pub fn default_language(&self) -> Option<&LanguageTexts> {
        self.settings
            .default_language
            .as_deref()
            .and_then(|code| self.texts(code))
            .or_else(|| self.languages().first().and_then(|code| self.texts(code)))
    }

    /// A text in one language, or `None` when that language lacks the message.
    pub fn format(&self, code: &str, text: &Text) -> Option<String> {
        let texts = self.texts(code)?;
        texts
            .language
            .has(&text.id)
            .then(|| texts.language.format(text))
    }

    /// A text in the default language, or its message id when it has none.
    pub fn label(&self, text: &Text) -> String {
        self.default_language()
            .and_then(|t| self.format(&t.code, text))
            .unwrap_or_else(|| text.id.clone())
    }
}

/// Names of the files (or, with `dirs`, folders) in `dir` ending in `.ext`, sorted,
/// hidden ones skipped: the same files the loader reads.
fn list(dir: &Path, ext: &str, dirs: bool) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let suffix = format!(".{ext}");
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type()
                .is_ok_and(|t| if dirs { t.is_dir() } else { t.is_file() })
        })
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.') && (dirs || n.ends_with(&suffix)))
        .collect();
    names.sort();
    names
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()
        .iter()
        .take(offset)
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A parsed document, or an empty one when it does not parse at all.
fn document(text: &str) -> DeTable<'_> {
    let (table, _) = DeTable::parse_recoverable(text);
    table.into_inner()
}

/// One value of a table in the type asked for, or `None` when it is absent or of
/// another type.
fn get<T: DeserializeOwned>(table: &DeTable<'_>, key: &str) -> Option<T> {
    let value = table.get(key)?.clone();
    T::deserialize(ValueDeserializer::from(value)).ok()
}

/// A sub-table, or `None`.
fn sub<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<&'t DeTable<'i>> {
    table.get(key)?.get_ref().as_table()
}

fn settings(text: &str) -> SettingsDoc {
    let doc = document(text);
    let mut intents = Vec::new();
    if let Some(table) = sub(&doc, "intents") {
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
        main_flow: get(&doc, "main_flow"),
        default_language: get(&doc, "default_language"),
        languages: get(&doc, "languages").unwrap_or_default(),
        emergency_service: get(&doc, "emergency_service"),
        area: get(&doc, "area"),
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

fn flow(file: PathBuf, name: &str, text: &str) -> FlowDoc {
    let doc = document(text);
    let id = get(&doc, "id").unwrap_or_else(|| name.trim_end_matches(".toml").to_string());
    let deep_links: Vec<LooseDeepLink> = get(&doc, "deep_links").unwrap_or_default();
    let mut steps = Vec::new();
    if let Some(table) = sub(&doc, "steps") {
        for (key, value) in table {
            let Some(step) = value.get_ref().as_table() else {
                continue;
            };
            steps.push(self::step(key, step, text));
        }
    }
    steps.sort_by_key(|s| s.line);
    FlowDoc {
        file,
        id,
        start: get(&doc, "start"),
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

fn step(key: &Spanned<std::borrow::Cow<'_, str>>, table: &DeTable<'_>, text: &str) -> StepDoc {
    let say: Vec<LooseText> = get(table, "say").unwrap_or_default();
    let choices: Vec<LooseChoice> = get(table, "choices").unwrap_or_default();
    let routes: Vec<LooseRoute> = get(table, "routes").unwrap_or_default();
    StepDoc {
        id: key.get_ref().to_string(),
        line: line_of(text, key.span().start),
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
    }
}

#[derive(Deserialize)]
struct LooseContact {
    kind: String,
    value: String,
}

/// The terms the loader makes from the directory (see `load::locales`), so texts that
/// name services read here as they do in the bot.
fn directory_terms(content: &Content) -> String {
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

/// `[roles.<name>]` of `services.toml`: each name with its fallback.
fn roles(text: &str) -> Vec<(String, Option<String>)> {
    let doc = document(text);
    let Some(table) = sub(&doc, "roles") else {
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

fn services(file: &Path, text: &str) -> Vec<ServiceDoc> {
    let doc = document(text);
    let Some(table) = sub(&doc, "services") else {
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
                file: file.to_path_buf(),
                id: key.get_ref().to_string(),
                line: line_of(text, key.span().start),
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
    out.sort_by_key(|s| s.line);
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
/// exceptions.
pub fn hours_text(table: &DeTable<'_>) -> String {
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
fn week_text(days: &[Vec<String>]) -> Vec<String> {
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

/// One locale folder: its `.ftl` files as one Fluent bundle (the readable entries of a
/// file with syntax errors included) and each entry's source lines.
fn language(dir: &Path, code: &str, terms: &str) -> LanguageTexts {
    let mut resources = match FluentResource::try_new(terms.to_string()) {
        Ok(resource) | Err((resource, _)) => vec![resource],
    };
    let mut sources = BTreeMap::new();
    for name in list(dir, "ftl", false) {
        let Ok(text) = std::fs::read_to_string(dir.join(&name)) else {
            continue;
        };
        for (id, source) in entries(&text) {
            sources.entry(id).or_insert(source);
        }
        let resource = match FluentResource::try_new(text) {
            Ok(resource) => resource,
            Err((resource, _)) => resource,
        };
        resources.push(resource);
    }
    LanguageTexts {
        code: code.to_string(),
        language: Language::new(code, Review::Unknown, resources),
        sources,
    }
}

/// The entries of a Fluent file with their source lines. An entry starts at the first
/// column with its id and `=`; its value goes on over indented lines and a closing `}`
/// (Fluent's own rule), with trailing blank lines dropped.
pub fn entries(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, Vec<&str>)> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let starts_entry = line
            .split_once('=')
            .map(|(id, _)| id.trim_end())
            .filter(|id| is_entry_id(id));
        if let Some(id) = starts_entry {
            out.push((id.to_string(), vec![line.trim_end()]));
            open = true;
        } else if open && (line.is_empty() || line.starts_with([' ', '\t', '}'])) {
            if let Some((_, lines)) = out.last_mut() {
                lines.push(line.trim_end());
            }
        } else {
            open = false;
        }
    }
    out.into_iter()
        .map(|(id, mut lines)| {
            while lines.last().is_some_and(|l| l.is_empty()) {
                lines.pop();
            }
            (id, lines.join("\n"))
        })
        .collect()
}

/// A Fluent message id (`a-b_1`) or term id (`-a-b`), starting at the first column.
fn is_entry_id(id: &str) -> bool {
    let name = id.strip_prefix('-').unwrap_or(id);
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_take_indented_lines_and_drop_trailing_blanks() {
        let text = "### review: reviewed\n\n# a comment\nhello = Hej\nlong =\n    one\n\n    two\n\n-term = T\nsel = { $n ->\n   *[other] x\n}\nafter = x\n";
        assert_eq!(
            entries(text),
            vec![
                ("hello".to_string(), "hello = Hej".to_string()),
                ("long".to_string(), "long =\n    one\n\n    two".to_string()),
                ("-term".to_string(), "-term = T".to_string()),
                (
                    "sel".to_string(),
                    "sel = { $n ->\n   *[other] x\n}".to_string()
                ),
                ("after".to_string(), "after = x".to_string()),
            ]
        );
    }

    #[test]
    fn hours_join_days_with_the_same_times() {
        let doc = DeTable::parse(
            "mon = [\"08:00-16:30\"]\ntue = [\"08:00-16:30\"]\nwed = [\"08:00-16:30\"]\n\
             thu = [\"08:00-16:30\"]\nfri = [\"08:00-12:00\"]\n\
             exceptions = [{ date = 2026-12-24, hours = [] }]\n",
        )
        .map(Spanned::into_inner)
        .unwrap_or_default();
        assert_eq!(
            hours_text(&doc),
            "mon-thu 08:00-16:30; fri 08:00-12:00; sat, sun closed; 2026-12-24 closed"
        );
    }

    #[test]
    fn a_step_belongs_to_the_lines_below_its_key() {
        let doc = flow(
            PathBuf::from("f.toml"),
            "f.toml",
            "id = \"f\"\nstart = \"a\"\n\n[steps.a]\nsay = [\"x\"]\n\n[steps.b]\nend = true\n",
        );
        assert_eq!(doc.step_at_line(2), None);
        assert_eq!(doc.step_at_line(5), Some(0));
        assert_eq!(doc.step_at_line(8), Some(1));
    }
}

//! The content as written, the document's lenient view: flows, settings, services and
//! texts, each part with where it is, read from the files the document holds (a TOML
//! file from its one tree, [`SourceFile::toml`], which the typed readers read too), so
//! that the staff tools can picture, report and compare a set that `check` refuses.
//!
//! `check` builds nothing from a set with errors; a picture of a broken flow or a report
//! of missing translations is most useful exactly then. This view takes what is
//! readable and skips the rest: a value of the wrong type is left out, a file that does
//! not parse keeps what the parser recovered, and its first syntax error is noted. It
//! also knows which part of a file each position belongs to ([`Content::owner_at`]), so
//! every diagnostic carries its owner.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use fluent_bundle::FluentResource;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, ValueDeserializer};

use super::diag::Owner;
use super::files::{AREAS_DIR, BOT_FILE, LocaleDir, SERVICES_FILE, Sources};
use super::span::SourceFile;
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
    /// area `bot.toml` chooses (or its fallback; with several areas, its fallback).
    pub roles: Vec<RoleDoc>,
    /// With several areas (`areas` in `bot.toml`), each area's id with its roles as
    /// above; empty with one area or none.
    pub area_roles: Vec<(String, Vec<RoleDoc>)>,
    /// One per locale folder, by folder name.
    pub texts: Vec<LanguageTexts>,
    /// The TOML files that do not parse, each with its first syntax error (offset and
    /// message): what the parser recovered of them is in the parts above.
    pub unparsed: Vec<(PathBuf, usize, String)>,
    /// `bot.toml`'s path, as diagnostics name it.
    pub settings_file: PathBuf,
    /// Where the parts of the flow and directory files that are not steps or services
    /// begin (each role, any other key): file, byte offset and line, so a place below a
    /// step's or service's table but in such a part is not taken for theirs.
    others: Vec<(PathBuf, usize, usize)>,
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
    /// The local areas: `areas`, or `area` as a list of one.
    pub areas: Vec<String>,
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
    /// The byte offset of that key.
    pub at: usize,
    pub say: Vec<Text>,
    pub choices: Vec<ChoiceDoc>,
    pub routes: Vec<RouteDoc>,
    pub signposts: Vec<String>,
    /// A step of the same flow.
    pub next: Option<String>,
    pub end: bool,
    /// Offers a live conversation with the staff (`handover = true`).
    pub handover: bool,
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
    /// The byte offset of that key.
    pub at: usize,
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
    /// Its folder, as diagnostics name it.
    pub path: PathBuf,
    /// The texts its bundle is made of: the directory's terms, then each file the
    /// Fluent parser can take.
    inputs: Vec<String>,
    /// The bundle, parsed when first asked for: `load` needs only where the entries
    /// are (to give diagnostics their owner), the staff tools the texts themselves.
    language: OnceLock<Language>,
    /// Message or term id (terms with their `-`) to its lines in the `.ftl` file.
    pub sources: BTreeMap<String, String>,
    /// Where each entry is: file, id, first and last line (1-based).
    pub places: Vec<(PathBuf, String, usize, usize)>,
}

impl Content {
    /// The view of the files read; never fails.
    pub fn new(flows: &Path, sources: &Sources) -> Content {
        let mut content = Content {
            settings: SettingsDoc::default(),
            flows: Vec::new(),
            services_file: flows.join(SERVICES_FILE),
            services: Vec::new(),
            roles: Vec::new(),
            area_roles: Vec::new(),
            texts: Vec::new(),
            unparsed: Vec::new(),
            settings_file: flows.join(BOT_FILE),
            others: Vec::new(),
        };
        let mut declared: Vec<(String, Option<String>)> = Vec::new();
        if let Some(file) = &sources.bot {
            content.settings = settings(content.note(file));
        }
        if let Some(file) = &sources.services {
            let doc = content.note(file);
            content.services = services(file, doc);
            content.others.extend(others(file, doc));
            declared = roles(doc);
        }
        for file in &sources.flows {
            let doc = content.note(file);
            content.others.extend(others(file, doc));
            let name = file
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            content.flows.push(flow(file, &name, doc));
        }
        let mut per_area: Vec<(String, BTreeMap<String, String>)> = Vec::new();
        for area in content.settings.areas.clone() {
            let path = flows.join(AREAS_DIR).join(format!("{area}.toml"));
            let Some(file) = sources.areas.iter().find(|f| f.path == path) else {
                continue;
            };
            let doc = content.note(file);
            content.services.extend(services(file, doc));
            content.others.extend(others(file, doc));
            let binds = sub(doc, "roles")
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
            per_area.push((area, binds));
        }
        let stands_for = |binds: &BTreeMap<String, String>| -> Vec<RoleDoc> {
            declared
                .iter()
                .map(|(name, fallback)| match binds.get(name) {
                    Some(id) => RoleDoc {
                        name: name.clone(),
                        service: Some(id.clone()),
                        bound_by_area: true,
                    },
                    None => RoleDoc {
                        name: name.clone(),
                        service: fallback.clone(),
                        bound_by_area: false,
                    },
                })
                .collect()
        };
        // With several areas the flows show each role's fallback (see `areas::bind`).
        let one = match per_area.as_slice() {
            [(_, binds)] => binds.clone(),
            _ => BTreeMap::new(),
        };
        content.roles = stands_for(&one);
        if per_area.len() > 1 {
            content.area_roles = per_area
                .iter()
                .map(|(area, binds)| (area.clone(), stands_for(binds)))
                .collect();
        }
        let terms = directory_terms(&content);
        for dir in &sources.locales {
            content.texts.push(language(dir, &terms));
        }
        content
    }

    /// A TOML file's tree (what the parser made of it, the one the typed readers
    /// read), its first syntax error noted.
    fn note<'f>(&mut self, file: &'f SourceFile) -> &'f DeTable<'f> {
        let parsed = file.toml().parsed();
        if let Some((at, message)) = &parsed.error {
            self.unparsed
                .push((file.path.clone(), *at, message.clone()));
        }
        parsed.table.get_ref()
    }

    /// The part of the content that holds a place in a file: a step of a flow (from
    /// its `[steps.<id>]` key to the next step's), the flow itself above its first step,
    /// a service entry of the directory or the chosen area, a message of a language, or
    /// `bot.toml`. The place is a byte offset when there is one, else a line; line 0 is
    /// the file as a whole.
    pub fn owner_at(&self, file: &Path, offset: Option<usize>, line: usize) -> Owner {
        if line == 0 && offset.is_none() {
            return Owner::File;
        }
        // Whether a part whose key is at (offset, line) starts at or before the place.
        let before = |at: usize, at_line: usize| match offset {
            Some(offset) => at <= offset,
            None => at_line <= line,
        };
        if file == self.settings_file {
            return Owner::Settings;
        }
        if let Some(flow) = self.flows.iter().find(|f| f.file == file) {
            // A key of the flow's own written after its steps (such as a table
            // `[deep_links]`) ends the last step's part.
            return match flow
                .steps
                .iter()
                .filter(|s| before(s.at, s.line))
                .max_by_key(|s| s.at)
                .filter(|step| {
                    !self
                        .others
                        .iter()
                        .any(|(f, at, line)| f == file && before(*at, *line) && *at > step.at)
                }) {
                Some(step) => Owner::Step {
                    flow: flow.id.clone(),
                    step: step.id.clone(),
                },
                None => Owner::Flow {
                    flow: flow.id.clone(),
                },
            };
        }
        if let Some(service) = self
            .services
            .iter()
            .filter(|s| s.file == file && before(s.at, s.line))
            .max_by_key(|s| s.at)
        {
            let in_other = self
                .others
                .iter()
                .any(|(f, at, line)| f == file && before(*at, *line) && *at > service.at);
            return if in_other {
                Owner::File
            } else {
                Owner::Service {
                    id: service.id.clone(),
                }
            };
        }
        for texts in &self.texts {
            if let Some((_, id, _, _)) = texts
                .places
                .iter()
                .find(|(f, _, first, last)| f == file && (*first..=*last).contains(&line))
            {
                return Owner::Message {
                    lang: texts.code.clone(),
                    id: id.clone(),
                };
            }
        }
        Owner::File
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
            .language()
            .has(&text.id)
            .then(|| texts.language().format(text))
    }

    /// A text in the default language, or its message id when it has none.
    pub fn label(&self, text: &Text) -> String {
        self.default_language()
            .and_then(|t| self.format(&t.code, text))
            .unwrap_or_else(|| text.id.clone())
    }
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

fn settings(doc: &DeTable<'_>) -> SettingsDoc {
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

fn flow(file: &SourceFile, name: &str, doc: &DeTable<'_>) -> FlowDoc {
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

fn step(
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

/// Where the parts of a flow or directory file other than its steps or services begin:
/// every top-level key but `steps`, `services` and `roles`, and every role.
fn others(file: &SourceFile, doc: &DeTable<'_>) -> Vec<(PathBuf, usize, usize)> {
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
fn roles(doc: &DeTable<'_>) -> Vec<(String, Option<String>)> {
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

fn services(file: &SourceFile, doc: &DeTable<'_>) -> Vec<ServiceDoc> {
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

/// One locale folder: its `.ftl` files (the readable entries of a file with syntax
/// errors included, when the bundle is made) and each entry's source lines.
fn language(dir: &LocaleDir, terms: &str) -> LanguageTexts {
    let mut inputs = vec![terms.to_string()];
    let mut sources = BTreeMap::new();
    let mut places = Vec::new();
    // A file nested too deeply for the Fluent parser's stack is left out, as `check`
    // leaves it out (and reports it).
    for file in dir
        .files
        .iter()
        .filter(|f| super::locales::too_deep(&f.text).is_none())
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

impl LanguageTexts {
    /// The language's bundle, ready to format.
    pub fn language(&self) -> &Language {
        self.language.get_or_init(|| {
            let resources = self
                .inputs
                .iter()
                .map(|text| match FluentResource::try_new(text.clone()) {
                    Ok(resource) | Err((resource, _)) => resource,
                })
                .collect();
            Language::new(&self.code, Review::Unknown, resources)
        })
    }
}

/// The entries of a Fluent file with their first line (1-based) and source lines. An
/// entry starts at the first column with its id and `=`; its value goes on over indented
/// lines and a closing `}` (Fluent's own rule), with trailing blank lines dropped.
pub fn entries(text: &str) -> Vec<(String, usize, String)> {
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
                ("hello".to_string(), 4, "hello = Hej".to_string()),
                (
                    "long".to_string(),
                    5,
                    "long =\n    one\n\n    two".to_string()
                ),
                ("-term".to_string(), 10, "-term = T".to_string()),
                (
                    "sel".to_string(),
                    11,
                    "sel = { $n ->\n   *[other] x\n}".to_string()
                ),
                ("after".to_string(), 14, "after = x".to_string()),
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
        let doc = DeTable::parse(
            "mon = [\"08:00-17:00\"]\nholidays = \"closed\"\nholiday_eve = [\"08:00-14:00\"]\n\
             christmas_eve = []\n",
        )
        .map(Spanned::into_inner)
        .unwrap_or_default();
        assert_eq!(
            hours_text(&doc),
            "mon 08:00-17:00; tue-sun closed; public holidays closed; the day before a public \
             holiday 08:00-14:00; Christmas Eve closed"
        );
    }

    #[test]
    fn a_place_belongs_to_the_part_whose_key_is_above_it() {
        let flows = Path::new("flows");
        let mut sources = Sources::default();
        sources.flows.push(SourceFile::new(
            flows.join("f.toml"),
            "id = \"f\"\nstart = \"a\"\n\n[steps.a]\nsay = [\"x\"]\n\n[steps.b]\nend = true\n\
             [extra]\nx = 1\n"
                .to_string(),
        ));
        sources.services = Some(SourceFile::new(
            flows.join("services.toml"),
            "[services.one]\nname = \"One\"\n[services.two]\nname = \"Two\"\n\
             [roles.helper]\nfallback = \"one\"\n"
                .to_string(),
        ));
        let content = Content::new(flows, &sources);
        let file = flows.join("f.toml");
        let step = |s: &str| Owner::Step {
            flow: "f".to_string(),
            step: s.to_string(),
        };
        assert_eq!(
            content.owner_at(&file, None, 2),
            Owner::Flow {
                flow: "f".to_string()
            }
        );
        assert_eq!(content.owner_at(&file, None, 5), step("a"));
        assert_eq!(content.owner_at(&file, None, 8), step("b"));
        // A table of the flow's own after the steps is the flow's.
        assert_eq!(
            content.owner_at(&file, None, 10),
            Owner::Flow {
                flow: "f".to_string()
            }
        );
        // A byte offset decides when there is one: the `say` of step a.
        assert_eq!(content.owner_at(&file, Some(34), 99), step("a"));
        assert_eq!(content.owner_at(&file, None, 0), Owner::File);
        let services = flows.join("services.toml");
        assert_eq!(
            content.owner_at(&services, None, 4),
            Owner::Service {
                id: "two".to_string()
            }
        );
        // A role written after the services is not the last service's.
        assert_eq!(content.owner_at(&services, None, 6), Owner::File);
        assert_eq!(
            content.owner_at(&flows.join("bot.toml"), None, 3),
            Owner::Settings
        );
    }
}

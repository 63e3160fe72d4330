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
use toml::de::{DeTable, ValueDeserializer};

use crate::load::files::{AREAS_DIR, BOT_FILE, SERVICES_FILE, Sources};
use crate::load::span::SourceFile;
use crate::locale::{Language, Review};
use crate::model::Text;

mod docs;
mod owner;
mod read;

pub(crate) use docs::{FlowDoc, Goto, RoleDoc, ServiceDoc, SettingsDoc, StepDoc};
use read::*;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::diag::Owner;
    use toml::Spanned;

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

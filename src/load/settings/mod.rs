//! `bot.toml`: the main flow, the languages, the emergency service and the keywords of
//! the global intents. What can be checked in this file alone is checked here; the
//! names it gives to flows and services are resolved later, in `link`.

mod handover;
mod words;

use handover::*;
use words::*;

use toml::Spanned;

use crate::load::checks::buttons;
use crate::load::diag::Report;
use crate::load::raw;
use crate::load::span::SourceFile;
use crate::load::suggest;
use crate::load::toml_file;
use crate::model::{Intent, IntentRule, Phrase, limits};

/// `bot.toml`, read and checked on its own.
#[derive(Debug)]
pub(super) struct BotDef {
    pub main_flow: Spanned<String>,
    pub default_language: Spanned<String>,
    /// Valid, distinct language codes, in menu order.
    pub languages: Vec<Spanned<String>>,
    pub emergency_service: Spanned<String>,
    /// The local areas (file names in `flows/areas/` without `.toml`), in the order the
    /// place question lists them: `areas`, or `area` as a set of one; distinct.
    pub areas: Vec<Spanned<String>>,
    /// One rule per intent, in [`Intent::CONFIGURED`] order.
    pub intents: Vec<IntentRule>,
    /// A language of `languages` (checked here).
    pub fallback_language: Spanned<String>,
    /// Service names, resolved in `link`.
    pub distress_services: Vec<Spanned<String>>,
    pub max_taps: usize,
    pub age: Option<AgeDef>,
    /// `[handover]`, checked on its own; its service is resolved in `link`.
    pub handover: Option<HandoverDef>,
    pub questions: Vec<QuestionDef>,
}

/// `[handover]` with its languages and hours checked; the service is resolved in `link`.
#[derive(Debug)]
pub(super) struct HandoverDef {
    pub group: i64,
    pub service: Spanned<String>,
    pub languages: Vec<String>,
    pub inactivity_minutes: u32,
    pub hours: Option<crate::model::Hours>,
    pub staff: Option<Vec<u64>>,
}

/// `[age]` with its words folded; the flow is resolved in `link`.
#[derive(Debug)]
pub(super) struct AgeDef {
    pub flow: Spanned<String>,
    pub under: u32,
    pub before: Vec<Phrase>,
    pub after: Vec<Phrase>,
    pub examples: Vec<(String, String)>,
    pub opening: Vec<Phrase>,
    pub first: Vec<Phrase>,
    pub school: Vec<Phrase>,
}

impl BotDef {
    pub(super) fn offers(&self, lang: &str) -> bool {
        self.languages.iter().any(|l| l.get_ref() == lang)
    }

    pub(super) fn codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.get_ref().as_str())
    }
}

pub(super) fn parse(file: &SourceFile, report: &mut Report) -> Option<BotDef> {
    let mut doc = toml_file::parse(file, report)?;
    let intents = toml_file::take(doc.get_mut(), "intents");
    let head: Option<raw::Bot> = toml_file::read_table(file, doc, report);

    let mut raw_intents: Vec<(Intent, raw::Intent)> = Vec::new();
    if let Some(intents) = intents {
        let at = intents.span().start;
        match intents.into_inner() {
            toml::de::DeValue::Table(table) => {
                for (name, value) in table {
                    let Some(intent) = Intent::CONFIGURED
                        .iter()
                        .copied()
                        .find(|i| i.name() == name.get_ref().as_ref())
                    else {
                        let names = Intent::CONFIGURED.map(Intent::name);
                        let hint = suggest::hint(name.get_ref(), names);
                        let hint = if hint.is_empty() {
                            format!("; use {}", suggest::one_of(&names))
                        } else {
                            hint
                        };
                        report.push(file.error(
                            name.span().start,
                            format!("unknown intent \"{}\"{hint}", name.get_ref()),
                        ));
                        continue;
                    };
                    if let Some(rule) = toml_file::read::<raw::Intent>(file, value, report) {
                        raw_intents.push((intent, rule));
                    }
                }
            }
            _ => {
                report.push(file.error(at, "intents must be a table, such as [intents.emergency]"))
            }
        }
    }

    let head = head?;
    let languages = languages(file, &head.languages, report);
    let codes: Vec<&str> = languages.iter().map(|l| l.get_ref().as_str()).collect();
    let age = head.age.as_ref().and_then(|age| {
        let at = age.span().start;
        let age = age.get_ref();
        let phrases =
            |written: &std::collections::BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
             report: &mut Report| {
                let mut out = Vec::new();
                for (lang, words) in written {
                    language_known(file, lang, &codes, "age words", report);
                    for word in words {
                        let phrase = Phrase::parse(word.get_ref());
                        if phrase.is_empty() {
                            report.push(file.error(word.span().start, "empty age word"));
                        } else {
                            out.push(phrase);
                        }
                    }
                }
                out
            };
        let before = phrases(&age.before, report);
        let after = phrases(&age.after, report);
        let opening = phrases(&age.opening, report);
        let first = phrases(&age.first, report);
        let school = phrases(&age.school, report);
        let examples = examples(file, &age.examples, report);
        if !(2..=120).contains(&age.under) {
            report.push(file.error(at, "age: under must be between 2 and 120"));
        }
        // Without a flow there is nowhere to lead: the words are checked, nothing runs.
        age.flow.clone().map(|flow| AgeDef {
            flow,
            under: age.under,
            before,
            after,
            examples,
            opening,
            first,
            school,
        })
    });
    let max_taps = match &head.max_taps {
        Some(taps) if *taps.get_ref() == 0 => {
            report.push(file.error(taps.span().start, "max_taps must be at least 1"));
            limits::DEFAULT_MAX_TAPS
        }
        Some(taps) => *taps.get_ref() as usize,
        None => limits::DEFAULT_MAX_TAPS,
    };
    let handover = head
        .handover
        .as_ref()
        .and_then(|h| handover(file, h, &codes, report));
    let questions = head
        .questions
        .iter()
        .map(|(id, q)| {
            let q = q.get_ref();
            QuestionDef {
                id: id.get_ref().clone(),
                say: q.say.clone(),
                signposts: q.signposts.clone(),
                examples: examples(file, &q.examples, report),
            }
        })
        .collect();
    let head_fallback = head.fallback_language.is_some();
    let bot = BotDef {
        questions,
        intents: intents_rules(file, &languages, raw_intents, report),
        main_flow: head.main_flow,
        fallback_language: head
            .fallback_language
            .unwrap_or_else(|| head.default_language.clone()),
        default_language: head.default_language,
        languages,
        emergency_service: head.emergency_service,
        areas: areas(file, head.area, head.areas, report),
        distress_services: head.distress_services,
        max_taps,
        age,
        handover,
    };
    if head_fallback && !bot.offers(bot.fallback_language.get_ref()) {
        let hint = suggest::hint(bot.fallback_language.get_ref(), bot.codes());
        report.push(file.error(
            bot.fallback_language.span().start,
            format!(
                "fallback language \"{}\" is not in languages{hint}",
                bot.fallback_language.get_ref()
            ),
        ));
    }
    if !bot.offers(bot.default_language.get_ref()) {
        let hint = suggest::hint(bot.default_language.get_ref(), bot.codes());
        report.push(file.error(
            bot.default_language.span().start,
            format!(
                "default language \"{}\" is not in languages{hint}",
                bot.default_language.get_ref()
            ),
        ));
    }
    Some(bot)
}

/// `area = "x"` or `areas = [...]` (not both): the distinct area names.
fn areas(
    file: &SourceFile,
    one: Option<Spanned<String>>,
    many: Option<Spanned<Vec<Spanned<String>>>>,
    report: &mut Report,
) -> Vec<Spanned<String>> {
    let list = match (one, many) {
        (Some(_), Some(many)) => {
            report.push(file.error(
                many.span().start,
                "give either area = \"...\" (one area) or areas = [...] (several), not both",
            ));
            many.into_inner()
        }
        (Some(one), None) => vec![one],
        (None, Some(many)) => {
            if many.get_ref().is_empty() {
                report.push(file.error(
                    many.span().start,
                    "areas is empty; name at least one file of flows/areas/ or leave it out",
                ));
            }
            many.into_inner()
        }
        (None, None) => Vec::new(),
    };
    let mut seen: Vec<Spanned<String>> = Vec::with_capacity(list.len());
    for area in list {
        if seen.iter().any(|a| a.get_ref() == area.get_ref()) {
            report.push(file.error(
                area.span().start,
                format!("area \"{}\" is named twice in areas", area.get_ref()),
            ));
            continue;
        }
        seen.push(area);
    }
    seen
}

/// The valid, distinct language codes.
fn languages(
    file: &SourceFile,
    written: &Spanned<Vec<Spanned<String>>>,
    report: &mut Report,
) -> Vec<Spanned<String>> {
    if written.get_ref().is_empty() {
        report.push(file.error(written.span().start, "languages lists no language"));
    }
    let mut valid: Vec<Spanned<String>> = Vec::new();
    for code in written.get_ref() {
        let at = code.span().start;
        let text = code.get_ref();
        // The engine's language buttons carry the code as letters, digits and `-`.
        let plain = text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !plain || text.is_empty() || text.parse::<unic_langid::LanguageIdentifier>().is_err() {
            report.push(file.error(
                at,
                format!("\"{text}\" is not a language code such as \"sv\" or \"en\""),
            ));
            continue;
        }
        if valid.iter().any(|v| v.get_ref() == text) {
            report.push(file.error(at, format!("language \"{text}\" is listed twice")));
            continue;
        }
        if let Some(message) = buttons::too_long(
            &format!("language \"{text}\""),
            &buttons::language_data(text),
        ) {
            report.push(file.error(at, message));
        }
        valid.push(code.clone());
    }
    valid
}

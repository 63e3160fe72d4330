//! `bot.toml`: the main flow, the languages, the emergency service and the keywords of
//! the global intents. What can be checked in this file alone is checked here; the
//! names it gives to flows and services are resolved later, in `link`.

use std::collections::HashMap;

use toml::Spanned;

use super::checks::buttons;
use super::diag::Report;
use super::raw;
use super::span::SourceFile;
use super::suggest;
use super::toml_file;
use crate::model::{Intent, IntentRule, KeywordMatch, Phrase, limits};

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

/// One rule per intent: every language's keywords, lower-cased, in one list.
fn intents_rules(
    file: &SourceFile,
    languages: &[Spanned<String>],
    written: Vec<(Intent, raw::Intent)>,
    report: &mut Report,
) -> Vec<IntentRule> {
    let codes: Vec<&str> = languages.iter().map(|l| l.get_ref().as_str()).collect();
    // Which intent a keyword already triggers, so one word cannot mean two things.
    let mut owner: HashMap<String, Intent> = HashMap::new();
    let mut rules = Vec::new();
    for intent in Intent::CONFIGURED {
        let mut matching = KeywordMatch::Word;
        let mut keywords = Vec::new();
        let mut always = Vec::new();
        if let Some((_, raw)) = written.iter().find(|(i, _)| *i == intent) {
            matching = match raw.matching {
                Some(raw::Matching::Whole) => KeywordMatch::Whole,
                Some(raw::Matching::Word) | None => KeywordMatch::Word,
            };
            if !raw.always.is_empty() && !matches!(intent, Intent::Emergency | Intent::Distress) {
                report.push(file.error(
                    raw.always[0].span().start,
                    format!(
                        "always is for the emergency and distress intents only, not {}",
                        intent.name()
                    ),
                ));
            }
            let firm = raw.always.iter().map(|w| (true, w));
            let groups = raw.keywords.iter().flat_map(|(lang, words)| {
                language_known(file, lang, &codes, "keywords", report);
                words.iter().map(|w| (false, w)).collect::<Vec<_>>()
            });
            let all: Vec<(bool, &Spanned<String>)> = firm.chain(groups).collect();
            {
                for (is_firm, word) in all {
                    let keyword = word.get_ref().trim().to_lowercase();
                    let at = word.span().start;
                    if keyword.is_empty() {
                        report.push(file.error(at, "empty keyword"));
                        continue;
                    }
                    // Keywords are matched folded ("frica" is "frică"), so two spellings
                    // of one word are one keyword.
                    let folded = format!(
                        "{}{}",
                        crate::words::words(&keyword).join(" "),
                        if keyword.ends_with('*') { "*" } else { "" }
                    );
                    if folded.trim_end_matches('*').is_empty() {
                        report.push(file.error(at, "a keyword needs a letter or a digit"));
                        continue;
                    }
                    match owner.get(&folded) {
                        Some(other) if *other != intent => {
                            report.push(file.error(
                                at,
                                format!(
                                    "keyword \"{keyword}\" is also a keyword of {}; a word may \
                                     start only one intent",
                                    other.name()
                                ),
                            ));
                            continue;
                        }
                        Some(_) => continue,
                        None => {
                            owner.insert(folded, intent);
                        }
                    }
                    keywords.push(keyword);
                    always.push(is_firm);
                }
            }
        }
        let mut rule = IntentRule::new(intent, matching, keywords, always);
        if let Some((_, raw)) = written.iter().find(|(i, _)| *i == intent) {
            rule.examples = examples(file, &raw.examples, report);
        }
        rules.push(rule);
    }
    rules
}

/// `examples.<lang> = [...]`: sentences per language, for the matcher. Any language
/// the matcher knows may be given (also one not yet in `languages`, so that its
/// people are understood before its texts are written).
pub(super) fn examples(
    file: &SourceFile,
    written: &std::collections::BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    report: &mut Report,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (lang, sentences) in written {
        if crate::understand::Lang::from_code(lang.get_ref()).is_none() {
            let codes = crate::understand::Lang::ALL.map(|l| l.code());
            report.push(file.error(
                lang.span().start,
                format!(
                    "examples for \"{}\", a language the matcher does not know; use {}",
                    lang.get_ref(),
                    suggest::one_of(&codes)
                ),
            ));
            continue;
        }
        for sentence in sentences {
            if crate::words::words(sentence.get_ref()).is_empty() {
                report.push(file.error(sentence.span().start, "an example needs a word"));
                continue;
            }
            out.push((lang.get_ref().clone(), sentence.get_ref().clone()));
        }
    }
    out
}

/// `[questions.<id>]`, with the examples checked; the services are resolved in `link`.
#[derive(Debug)]
pub(super) struct QuestionDef {
    pub id: String,
    pub say: Spanned<String>,
    pub signposts: Vec<Spanned<String>>,
    pub examples: Vec<(String, String)>,
}

/// Reports a language key (`keywords.<lang>`, `before.<lang>`) that is not offered.
fn language_known(
    file: &SourceFile,
    lang: &Spanned<String>,
    codes: &[&str],
    what: &str,
    report: &mut Report,
) {
    let lang_name = lang.get_ref();
    if lang_name != "any" && !codes.contains(&lang_name.as_str()) {
        let hint = suggest::hint(lang_name, codes.iter().copied().chain(["any"]));
        report.push(file.error(
            lang.span().start,
            format!("{what} for \"{lang_name}\", which is not in languages{hint}"),
        ));
    }
}

/// `[handover]`: a supergroup id, staffed languages among those offered, an inactivity
/// limit and opening hours (required: nobody is there around the clock unless
/// `always = true` says so).
fn handover(
    file: &SourceFile,
    written: &Spanned<raw::Handover>,
    codes: &[&str],
    report: &mut Report,
) -> Option<HandoverDef> {
    let at = written.span().start;
    let raw = written.get_ref();
    // Supergroup ids are written -100 followed by the group's own number.
    if *raw.group.get_ref() > -1_000_000_000_000 {
        report.push(file.error(
            raw.group.span().start,
            "handover group must be a supergroup's chat id, such as -1001234567890",
        ));
    }
    let mut languages = Vec::new();
    for lang in raw.languages.get_ref() {
        if codes.contains(&lang.get_ref().as_str()) {
            if !languages.contains(lang.get_ref()) {
                languages.push(lang.get_ref().clone());
            }
        } else {
            let hint = suggest::hint(lang.get_ref(), codes.iter().copied());
            report.push(file.error(
                lang.span().start,
                format!(
                    "handover language \"{}\" is not in languages{hint}",
                    lang.get_ref()
                ),
            ));
        }
    }
    if raw.languages.get_ref().is_empty() {
        report.push(file.error(
            raw.languages.span().start,
            "handover languages lists no language; list those someone on the staff writes",
        ));
    }
    let minutes = *raw.inactivity_minutes.get_ref();
    if !(5..=24 * 60).contains(&minutes) {
        report.push(file.error(
            raw.inactivity_minutes.span().start,
            "handover inactivity_minutes must be between 5 and 1440",
        ));
    }
    let hours = match &raw.hours {
        Some(hours) => super::hours::build(file, hours, report),
        None => {
            report.push(file.error(
                at,
                "handover needs [handover.hours], in the format of a service's hours \
                 (always = true if someone is there day and night)",
            ));
            None
        }
    };
    // The staff's own user ids (positive); a group's id (negative) is a mistake.
    let staff = raw.staff.as_ref().map(|ids| {
        if ids.get_ref().is_empty() {
            report.push(file.error(
                ids.span().start,
                "handover staff lists nobody; list the user ids of those who may answer, \
                 or leave staff out to let every member of the group answer",
            ));
        }
        ids.get_ref()
            .iter()
            .filter_map(|id| match u64::try_from(*id.get_ref()) {
                Ok(user) if user > 0 => Some(user),
                _ => {
                    report.push(file.error(
                        id.span().start,
                        "handover staff must be Telegram user ids of the staff (positive \
                         numbers), not a group's id",
                    ));
                    None
                }
            })
            .collect()
    });
    Some(HandoverDef {
        group: *raw.group.get_ref(),
        service: raw.service.clone(),
        languages,
        inactivity_minutes: minutes,
        hours,
        staff,
    })
}

//! The typed words of `bot.toml`: the intents' keywords per language, the examples of
//! the questions and intents, and the language keys they may use.

use crate::load::diag::Report;
use crate::load::raw;
use crate::load::span::SourceFile;
use crate::load::suggest;
use crate::model::{Intent, IntentRule, KeywordMatch};
use std::collections::HashMap;
use toml::Spanned;

/// One rule per intent: every language's keywords, lower-cased, in one list.
pub(crate) fn intents_rules(
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
pub(crate) fn examples(
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
pub(crate) struct QuestionDef {
    pub id: String,
    pub say: Spanned<String>,
    pub signposts: Vec<Spanned<String>>,
    pub examples: Vec<(String, String)>,
}

/// Reports a language key (`keywords.<lang>`, `before.<lang>`) that is not offered.
pub(crate) fn language_known(
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

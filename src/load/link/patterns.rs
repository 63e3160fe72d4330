//! The words and patterns of typed answers, and the messages a flow names, each
//! compiled or remembered once for the checks of every language.

use regex_automata::util::syntax;
use regex_automata::{MatchKind, meta};
use toml::Spanned;

use crate::load::checks::messages::{Giver, Use};
use crate::load::diag::Report;
use crate::load::raw;
use crate::load::span::SourceFile;
use crate::model::{Arg, Matcher, Phrase, Phrases, Text, limits};

/// A message a flow names, remembered for the checks of every language.
pub(super) fn text_use<'f>(
    file: &'f SourceFile,
    text: &Spanned<raw::Text>,
    uses: &mut Vec<Use<'f>>,
) -> Text {
    let (id, at, args): (String, usize, Vec<(String, usize, Arg)>) = match text.get_ref() {
        raw::Text::Plain(id) => (id.clone(), text.span().start, Vec::new()),
        raw::Text::WithArgs(table) => (
            table.id.get_ref().clone(),
            table.id.span().start,
            table
                .args
                .iter()
                .map(|(name, value)| {
                    let value = match value.get_ref() {
                        raw::Arg::Str(s) => Arg::Str(s.clone()),
                        raw::Arg::Num(n) => Arg::Num(*n),
                    };
                    (name.get_ref().clone(), name.span().start, value)
                })
                .collect(),
        ),
    };
    let text = Text {
        id,
        args: args
            .iter()
            .map(|(n, _, v)| (n.clone(), v.clone()))
            .collect(),
    };
    uses.push(Use {
        file: Some(file),
        at,
        text: text.clone(),
        arg_at: args.iter().map(|(_, at, _)| *at).collect(),
        giver: Giver::Flow,
    });
    text
}

/// A route's `words`: each a phrase of whole words, maybe with `*` (see `Phrase::parse`).
pub(super) fn route_words(
    file: &SourceFile,
    words: &Spanned<Vec<Spanned<String>>>,
    report: &mut Report,
) -> Option<Matcher> {
    if words.get_ref().is_empty() {
        report.push(file.error(words.span().start, "words lists no word"));
        return None;
    }
    let mut phrases = Vec::new();
    for word in words.get_ref() {
        let written = word.get_ref();
        let inner_star = written.trim().trim_matches('*').contains('*');
        let phrase = Phrase::parse(written);
        if phrase.is_empty() || inner_star {
            report.push(file.error(
                word.span().start,
                format!(
                    "\"{written}\" is not a word for a route: write letters or digits, with \
                     * only at the end (a stem) or at the start (joined to the word before)"
                ),
            ));
            continue;
        }
        phrases.push(phrase);
    }
    Some(Matcher::Words(Phrases::new(phrases)))
}

/// Compiles a free-text pattern, case-insensitive and within the size limits.
pub(super) fn compile(
    file: &SourceFile,
    pattern: &Spanned<String>,
    report: &mut Report,
) -> Option<meta::Regex> {
    let at = pattern.span().start;
    let text = pattern.get_ref();
    if text.chars().count() > limits::MAX_PATTERN_LEN {
        report.push(file.error(
            at,
            format!(
                "the pattern is {} characters long; at most {} are allowed",
                text.chars().count(),
                limits::MAX_PATTERN_LEN
            ),
        ));
        return None;
    }
    // The configuration `regex::RegexBuilder` uses (same syntax, same matches), less two
    // things that only make searching long texts faster: the literal prefilter (finding
    // the literals of case-insensitive alternations such as `\b(child|kid|...)\b`, every
    // letter in all its Unicode cases, took two thirds of building the flow set) and the
    // fully built DFA for small patterns (a fifth of the rest). The lazy DFA still
    // matches; messages are at most a few thousand characters.
    let compiled = meta::Builder::new()
        .configure(
            meta::Config::new()
                .match_kind(MatchKind::LeftmostFirst)
                .utf8_empty(true)
                .nfa_size_limit(Some(limits::MAX_REGEX_BYTES))
                .hybrid_cache_capacity(2 * (1 << 20))
                .auto_prefilter(false)
                .dfa(false),
        )
        .syntax(syntax::Config::new().case_insensitive(true).utf8(true))
        .build(text);
    match compiled {
        Ok(regex) => Some(regex),
        Err(error) if error.size_limit().is_some() => {
            report.push(file.error(
                at,
                "the pattern is too complex; split it into simpler routes",
            ));
            None
        }
        Err(error) => {
            // The last line of the parser's message says what is wrong; the lines
            // before it draw the pattern, which the position here already points to.
            let text = match error.syntax_error() {
                Some(syntax) => syntax.to_string(),
                None => error.to_string(),
            };
            let reason = text
                .lines()
                .rev()
                .find_map(|l| l.trim().strip_prefix("error: "))
                .unwrap_or(text.lines().next().unwrap_or(""))
                .to_string();
            report.push(file.error(at, format!("invalid pattern: {reason}")));
            None
        }
    }
}

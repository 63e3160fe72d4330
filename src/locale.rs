//! The texts in every language, ready to format, and the choice of a language.
//!
//! A `Locales` is built by `load` from `locales/<lang>/*.ftl` after `check` found every
//! message the flows need; formatting therefore never fails on a missing id in practice,
//! and when it does (a bug) it degrades to the message id rather than panicking.
//!
//! Fluent's bidi isolation marks (U+2068/U+2069) are switched off: inside Telegram they
//! end up in copied phone numbers and links. Right-to-left text is handled in
//! `rtl_safe`, which isolates only the placeables that are left-to-right runs.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A localised message with its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// The message id in the `.ftl` files.
    pub id: String,
    /// The arguments, by name.
    pub args: Vec<(String, Arg)>,
}

impl Text {
    /// A message without arguments.
    pub fn plain(id: impl Into<String>) -> Self {
        Text {
            id: id.into(),
            args: Vec::new(),
        }
    }
}

/// An argument value for a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A text.
    Str(String),
    /// A number (Fluent picks plural forms by it).
    Num(f64),
}

/// How far a language's texts have been reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    /// A file states `### review: reviewed`.
    Reviewed,
    /// A file states `### review: machine-drafted`.
    MachineDrafted,
    /// A file states no known status.
    Unknown,
}

/// One language's texts.
pub struct Language {
    /// The language code (`sv`, `en`, ...).
    pub code: String,
    /// The least reviewed status of its files.
    pub review: Review,
    bundle: FluentBundle<FluentResource>,
    rtl: bool,
    /// Every message formatted without arguments, once, when the language is built: most
    /// of what the bot says has no arguments, and a look-up and a copy cost far less than
    /// formatting it again for every reply.
    plain: HashMap<String, String, BuildHasherDefault<IdHasher>>,
}

/// The multiply-rotate hash of rustc (FxHash) for message ids. The standard SipHash
/// resists keys chosen by an attacker, which message ids (written by staff, looked up by
/// the engine) are not, and it cost more than the rest of a look-up and copy together.
#[derive(Default)]
struct IdHasher(u64);

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl std::fmt::Debug for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Language")
            .field("code", &self.code)
            .field("review", &self.review)
            .finish_non_exhaustive()
    }
}

impl Language {
    /// Builds a language from parsed resources. Later resources may not redefine a
    /// message of an earlier one; such overrides are reported by the loader before this
    /// is called, and ignored here.
    pub fn new(code: &str, review: Review, resources: Vec<FluentResource>) -> Self {
        let langid: LanguageIdentifier = code.parse().unwrap_or_default();
        let rtl = matches!(
            langid.language.as_str(),
            "ar" | "fa" | "he" | "ur" | "ps" | "ckb" | "yi"
        );
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        let mut ids = Vec::new();
        for resource in resources {
            ids.extend(resource.entries().filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            }));
            // Duplicates were already reported as errors by the loader.
            let _ = bundle.add_resource(resource);
        }
        let mut language = Language {
            code: code.to_string(),
            review,
            bundle,
            rtl,
            plain: HashMap::default(),
        };
        let plain = ids
            .into_iter()
            .filter(|id| language.has(id))
            .map(|id| {
                let text = language.format_fluent(&id, std::iter::empty());
                (id, text)
            })
            .collect();
        language.plain = plain;
        language
    }

    /// Whether the language has message `id` with a value.
    pub fn has(&self, id: &str) -> bool {
        self.bundle
            .get_message(id)
            .is_some_and(|m| m.value().is_some())
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(&self) -> bool {
        self.rtl
    }

    /// Formats a message; a missing message renders as its id, so a bug shows up as
    /// a visible id rather than a crash or silence. Format errors are ignored for the
    /// same reason: `check` reports them before a set goes live.
    pub fn format(&self, text: &Text) -> String {
        if text.args.is_empty() {
            return self.message(&text.id);
        }
        self.format_fluent(
            &text.id,
            text.args.iter().map(|(name, value)| {
                let value = match value {
                    Arg::Str(s) => self.str_value(s),
                    Arg::Num(n) => FluentValue::from(*n),
                };
                (name.as_str(), value)
            }),
        )
    }

    /// [`format`](Self::format) of a message without arguments.
    pub fn message(&self, id: &str) -> String {
        match self.plain.get(id) {
            Some(text) => text.clone(),
            None => self.format_fluent(id, std::iter::empty()),
        }
    }

    /// [`format`](Self::format) of a message whose arguments are all strings, without
    /// building a [`Text`] (and copying every name and value) first.
    pub fn format_strs(&self, id: &str, args: &[(&str, &str)]) -> String {
        self.format_fluent(
            id,
            args.iter()
                .map(|&(name, value)| (name, self.str_value(value))),
        )
    }

    fn str_value<'v>(&self, value: &'v str) -> FluentValue<'v> {
        if self.rtl {
            FluentValue::from(rtl_safe(value))
        } else {
            FluentValue::from(value)
        }
    }

    fn format_fluent<'a>(
        &self,
        id: &str,
        args: impl Iterator<Item = (&'a str, FluentValue<'a>)>,
    ) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(name, value);
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// The names of the variables a message uses, or `None` if it does not exist.
    pub fn variables(&self, id: &str) -> Option<Vec<String>> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut out = Vec::new();
        collect_variables(pattern, &mut out);
        out.sort();
        out.dedup();
        Some(out)
    }
}

fn collect_variables(pattern: &fluent_syntax::ast::Pattern<&str>, out: &mut Vec<String>) {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(e: &InlineExpression<&str>, out: &mut Vec<String>) {
        match e {
            InlineExpression::VariableReference { id } => out.push(id.name.to_string()),
            InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline(a, out);
                }
                for a in &arguments.named {
                    inline(&a.value, out);
                }
            }
            InlineExpression::Placeable { expression } => expr(expression, out),
            _ => {}
        }
    }
    fn expr(e: &Expression<&str>, out: &mut Vec<String>) {
        match e {
            Expression::Inline(i) => inline(i, out),
            Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    collect_variables(&v.value, out);
                }
            }
        }
    }
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expr(expression, out);
        }
    }
}

/// Keeps a left-to-right run (a phone number, a link, an e-mail address, a Latin
/// service name) in one piece inside right-to-left text by putting a LEFT-TO-RIGHT MARK
/// on each side. Marks are used rather than isolates (U+2066..U+2069) because isolates
/// are copied along with a number or link and break dialling and opening it.
pub fn rtl_safe(value: &str) -> String {
    // Only runs that the bidi algorithm can break up: numbers with separators, e-mail
    // addresses and links. Words such as select keys (`mon`, `yes`) must stay as they
    // are, or a Fluent select would no longer match them.
    if value.chars().any(|c| c.is_ascii_digit()) || value.contains('@') || value.contains("://") {
        format!("\u{200E}{value}\u{200E}")
    } else {
        value.to_string()
    }
}

/// All languages.
#[derive(Debug)]
pub struct Locales {
    languages: HashMap<String, Language>,
    /// Codes in the order `bot.toml` lists them.
    order: Vec<String>,
    /// An empty language that renders message ids, so that rendering never needs to
    /// fail even for a set the loader should not have let through.
    fallback: Language,
}

impl Default for Locales {
    fn default() -> Self {
        Locales::new(Vec::new())
    }
}

impl Locales {
    /// The languages, in the order given (the menu order).
    pub fn new(languages: Vec<Language>) -> Self {
        let order = languages.iter().map(|l| l.code.clone()).collect();
        let languages = languages.into_iter().map(|l| (l.code.clone(), l)).collect();
        Locales {
            languages,
            order,
            fallback: Language::new("und", Review::Unknown, Vec::new()),
        }
    }

    /// The language with this code, if loaded.
    pub fn get(&self, code: &str) -> Option<&Language> {
        self.languages.get(code)
    }

    /// The language `code`, else `default`, else any, else one that renders ids.
    pub fn get_or(&self, code: &str, default: &str) -> &Language {
        self.get(code)
            .or_else(|| self.get(default))
            .or_else(|| self.order.iter().find_map(|c| self.languages.get(c)))
            .unwrap_or(&self.fallback)
    }

    /// Codes in menu order.
    pub fn codes(&self) -> &[String] {
        &self.order
    }

    /// Picks the best offered language for a Telegram `language_code` (such as
    /// `sv`, `en-US`, `pt-br`), falling back to `default`.
    pub fn negotiate(&self, requested: Option<&str>, default: &str) -> String {
        use fluent_langneg::{NegotiationStrategy, negotiate_languages};
        let Some(requested) = requested.and_then(|r| r.parse::<LanguageIdentifier>().ok()) else {
            return default.to_string();
        };
        let available: Vec<LanguageIdentifier> =
            self.order.iter().filter_map(|c| c.parse().ok()).collect();
        let default_id: Option<LanguageIdentifier> = default.parse().ok();
        let chosen = negotiate_languages(
            &[requested],
            &available,
            default_id.as_ref(),
            NegotiationStrategy::Lookup,
        );
        chosen
            .first()
            .map(|l| l.to_string())
            .filter(|c| self.languages.contains_key(c))
            .unwrap_or_else(|| default.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(code: &str, src: &str) -> Language {
        let res = FluentResource::try_new(src.to_string()).unwrap();
        Language::new(code, Review::Reviewed, vec![res])
    }

    #[test]
    fn formats_without_isolation_marks() {
        let l = lang("en", "call = Call { $value } now\n");
        let mut t = Text::plain("call");
        t.args
            .push(("value".into(), Arg::Str("020-50 50 50".into())));
        assert_eq!(l.format(&t), "Call 020-50 50 50 now");
    }

    #[test]
    fn rtl_marks_ltr_runs_only() {
        let l = lang("ar", "call = اتصل { $value }\n");
        let mut t = Text::plain("call");
        t.args.push(("value".into(), Arg::Str("112".into())));
        assert_eq!(l.format(&t), "اتصل \u{200E}112\u{200E}");
    }

    #[test]
    fn rtl_select_keys_are_left_alone() {
        let l = lang(
            "ar",
            "m = { $today ->\n    [yes] اليوم { $opens }\n   *[other] { $weekday ->\n        [mon] الاثنين\n       *[other] يوم\n    } { $opens }\n}\n",
        );
        let mut t = Text::plain("m");
        t.args.push(("today".into(), Arg::Str("no".into())));
        t.args.push(("weekday".into(), Arg::Str("mon".into())));
        t.args.push(("opens".into(), Arg::Str("08:00".into())));
        assert_eq!(l.format(&t), "الاثنين \u{200E}08:00\u{200E}");
        t.args[0].1 = Arg::Str("yes".into());
        assert_eq!(l.format(&t), "اليوم \u{200E}08:00\u{200E}");
    }

    #[test]
    fn missing_message_renders_its_id() {
        let l = lang("en", "a = A\n");
        assert_eq!(l.format(&Text::plain("b")), "b");
    }

    #[test]
    fn lists_variables_in_selects() {
        let l = lang(
            "en",
            "m = { $weekday ->\n    [mon] Monday { $opens }\n   *[other] { $opens }\n}\n",
        );
        assert_eq!(l.variables("m").unwrap(), vec!["opens", "weekday"]);
    }

    #[test]
    fn negotiates_with_fallback() {
        let locales = Locales::new(vec![lang("sv", "a = A\n"), lang("en", "a = A\n")]);
        assert_eq!(locales.negotiate(Some("en-US"), "sv"), "en");
        assert_eq!(locales.negotiate(Some("sv-FI"), "sv"), "sv");
        assert_eq!(locales.negotiate(Some("de"), "sv"), "sv");
        assert_eq!(locales.negotiate(None, "sv"), "sv");
        assert_eq!(locales.negotiate(Some("!!"), "sv"), "sv");
    }
}

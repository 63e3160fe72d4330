//! TOML parsing with positions: syntax errors and type errors from the `toml` crate,
//! reworded for staff and placed at a line and column.
//!
//! Each TOML file is parsed once, into a spanned tree ([`Tree`]) that the document keeps
//! with the file ([`SourceFile::toml`]); the typed readers and the lenient view both read
//! that tree. A typed reader takes a copy of it and reads each part (a flow's settings,
//! each step, each service) into its typed form on its own, so one mistake hides no
//! other mistake elsewhere in the same file.

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::diag::Report;
use super::span::SourceFile;
use super::suggest;

/// What the parser made of one text: the tree (all of it, or what it recovered of a
/// broken text), and its first error (byte offset and words for staff), if any.
#[derive(Debug)]
pub struct Parsed<'t> {
    pub table: Spanned<DeTable<'t>>,
    pub error: Option<(usize, String)>,
}

self_cell::self_cell!(
    /// A TOML file's text with its tree, which borrows the text (its strings are mostly
    /// slices of it, so a copy of a part costs little): parsed once, then read as often
    /// as needed.
    pub struct Tree {
        owner: String,
        #[covariant]
        dependent: Parsed,
    }
    impl {Debug}
);

impl Tree {
    /// Parses a text: the one call of the TOML parser.
    pub fn parse(text: &str) -> Tree {
        #[cfg(test)]
        PARSES.with(|n| n.set(n.get() + 1));
        Tree::new(text.to_string(), |text| parse_spanned(text))
    }

    /// The tree and the first error.
    pub fn parsed(&self) -> &Parsed<'_> {
        self.borrow_dependent()
    }
}

#[cfg(test)]
thread_local! {
    /// How many texts this thread parsed as TOML: a test counts the parses of a load.
    pub static PARSES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A parsed document, or `None` after reporting its first syntax error. Only the first
/// one is reported: the parser's later errors are mostly echoes of it.
pub fn parse<'f>(file: &'f SourceFile, report: &mut Report) -> Option<Spanned<DeTable<'f>>> {
    let (table, ok) = parse_lenient(file, report);
    ok.then_some(table)
}

/// Like [`parse`], but also returns what the parser made of a broken document, so a
/// caller can still learn the names it defines and avoid follow-on errors elsewhere.
/// The tree is the file's own ([`SourceFile::toml`]), copied for the caller to take
/// apart.
pub fn parse_lenient<'f>(
    file: &'f SourceFile,
    report: &mut Report,
) -> (Spanned<DeTable<'f>>, bool) {
    let parsed = file.toml().parsed();
    if let Some((at, message)) = &parsed.error {
        report.push(file.error(*at, message.clone()));
    }
    (parsed.table.clone(), parsed.error.is_none())
}

/// What the parser made of a text, with its first error reworded for staff.
fn parse_spanned(text: &str) -> Parsed<'_> {
    let (table, errors) = DeTable::parse_recoverable(text);
    let error = errors.first().map(|error| {
        let span = error.span().unwrap_or(0..0);
        let message = if error.message().starts_with("duplicate key") {
            // The parser does not say which key; its position does.
            let key = text.get(span.clone()).unwrap_or("").trim_matches('"');
            format!("\"{key}\" is written twice; each name may appear only once here")
        } else {
            reword(error.message())
        };
        (span.start, message)
    });
    Parsed { table, error }
}

/// Takes one key out of a table.
pub fn take<'i>(table: &mut DeTable<'i>, key: &str) -> Option<Spanned<DeValue<'i>>> {
    table.remove(key)
}

/// Reports every key left in a table after the known ones were taken out, with the
/// nearest known key as a hint.
pub fn refuse_other_keys(
    file: &SourceFile,
    table: &DeTable<'_>,
    known: &[&str],
    report: &mut Report,
) {
    for (key, _) in table.iter() {
        report.push(file.error(
            key.span().start,
            format!(
                "unknown key \"{}\"{}",
                key.get_ref(),
                suggest::hint(key.get_ref(), known.iter().copied())
            ),
        ));
    }
}

/// Reads one value into its typed form, reporting a mismatch at its position.
pub fn read<T: DeserializeOwned>(
    file: &SourceFile,
    value: Spanned<DeValue<'_>>,
    report: &mut Report,
) -> Option<T> {
    let whole = value.span();
    match T::deserialize(ValueDeserializer::from(value)) {
        Ok(t) => Some(t),
        Err(error) => {
            let at = error.span().unwrap_or(whole).start;
            report.push(file.error(at, reword(error.message())));
            None
        }
    }
}

/// Reads a whole table (a document or a part of one) into its typed form.
pub fn read_table<T: DeserializeOwned>(
    file: &SourceFile,
    table: Spanned<DeTable<'_>>,
    report: &mut Report,
) -> Option<T> {
    let span = table.span();
    read(
        file,
        Spanned::new(span, DeValue::Table(table.into_inner())),
        report,
    )
}

/// Rewords the parser's and serde's messages into words staff can act on: quotes
/// instead of backticks, "list" and "table" instead of "sequence" and "map", and a
/// "did you mean" for misspelt keys and values.
pub fn reword(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return unknown("key", rest);
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return unknown("value", rest);
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("missing key {}", quote_ticks(rest));
    }
    let mismatch = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.split_once(", expected "));
    if let Some((found, expected)) = mismatch {
        return format!(
            "expected {}, found {}",
            expected_words(expected),
            found_words(found)
        );
    }
    let message = quote_ticks(message);
    let mut chars = message.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => message,
    }
}

/// `unknown key "nxt"; did you mean "next"?` from serde's "`nxt`, expected one of ...".
fn unknown(what: &str, rest: &str) -> String {
    let names: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let Some((word, expected)) = names.split_first() else {
        return format!("unknown {what} {}", quote_ticks(rest));
    };
    let hint = suggest::hint(word, expected.iter().copied());
    if !hint.is_empty() || expected.is_empty() {
        format!("unknown {what} \"{word}\"{hint}")
    } else {
        format!(
            "unknown {what} \"{word}\"; use {}",
            suggest::one_of(expected)
        )
    }
}

fn quote_ticks(s: &str) -> String {
    s.replace('`', "\"")
}

/// serde's name for what it expected, in plain words.
fn expected_words(expected: &str) -> String {
    let e = expected.trim();
    let words = match e {
        "a string" | "a borrowed string" | "string" => "text in quotes",
        "a sequence" | "sequence" => "a list [ ... ]",
        "a map" | "map" => "a table",
        "a boolean" | "bool" => "true or false",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => "a whole number",
        "f64" | "f32" => "a number",
        "a TOML datetime" | "a datetime" => "a date such as 2026-01-31, without quotes",
        _ if e.starts_with("struct ") => "a table",
        _ => return quote_ticks(e),
    };
    words.to_string()
}

/// serde's description of what it found, in plain words.
fn found_words(found: &str) -> String {
    let f = found.trim();
    if let Some(s) = f.strip_prefix("string ") {
        return format!("the text {s}");
    }
    if let Some(n) = f
        .strip_prefix("integer ")
        .or_else(|| f.strip_prefix("floating point "))
    {
        return format!("the number {}", n.trim_matches('`'));
    }
    if let Some(b) = f.strip_prefix("boolean ") {
        return b.trim_matches('`').to_string();
    }
    match f {
        "sequence" => "a list".to_string(),
        "map" => "a table".to_string(),
        _ => quote_ticks(f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewords_unknown_keys_with_a_hint() {
        assert_eq!(
            reword("unknown field `nxt`, expected one of `say`, `next`, `end`"),
            "unknown key \"nxt\"; did you mean \"next\"?"
        );
        assert_eq!(
            reword("unknown field `zzz`, expected `say` or `end`"),
            "unknown key \"zzz\"; use \"say\" or \"end\""
        );
    }

    #[test]
    fn rewords_unknown_values() {
        assert_eq!(
            reword("unknown variant `phne`, expected `phone` or `web`"),
            "unknown value \"phne\"; did you mean \"phone\"?"
        );
    }

    #[test]
    fn rewords_type_mismatches() {
        assert_eq!(
            reword("invalid type: string \"x\", expected a sequence"),
            "expected a list [ ... ], found the text \"x\""
        );
        assert_eq!(
            reword("invalid type: integer `1`, expected a string"),
            "expected text in quotes, found the number 1"
        );
        assert_eq!(
            reword("invalid value: integer `-1`, expected u32"),
            "expected a whole number, found the number -1"
        );
    }

    #[test]
    fn rewords_parser_messages() {
        assert_eq!(
            reword("missing comma between array elements, expected `,`"),
            "missing comma between array elements, expected \",\""
        );
        assert_eq!(reword("missing field `start`"), "missing key \"start\"");
    }
}

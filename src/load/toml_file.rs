//! TOML parsing with positions: syntax errors and type errors from the `toml` crate,
//! reworded for staff and placed at a line and column.
//!
//! Each TOML file is parsed once, into a spanned tree ([`Tree`](super::tree::Tree)) that the document keeps
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
use super::toml_words::reword;

/// A parsed document, or `None` after reporting its first syntax error. Only the first
/// one is reported: the parser's later errors are mostly echoes of it.
pub(super) fn parse<'f>(file: &'f SourceFile, report: &mut Report) -> Option<Spanned<DeTable<'f>>> {
    let (table, ok) = parse_lenient(file, report);
    ok.then_some(table)
}

/// Like [`parse`], but also returns what the parser made of a broken document, so a
/// caller can still learn the names it defines and avoid follow-on errors elsewhere.
/// The tree is the file's own ([`SourceFile::toml`]), copied for the caller to take
/// apart.
pub(super) fn parse_lenient<'f>(
    file: &'f SourceFile,
    report: &mut Report,
) -> (Spanned<DeTable<'f>>, bool) {
    let parsed = file.toml().parsed();
    if let Some((at, message)) = &parsed.error {
        report.push(file.error(*at, message.clone()));
    }
    (parsed.table.clone(), parsed.error.is_none())
}

/// Takes one key out of a table.
pub(super) fn take<'i>(table: &mut DeTable<'i>, key: &str) -> Option<Spanned<DeValue<'i>>> {
    table.remove(key)
}

/// Reports every key left in a table after the known ones were taken out, with the
/// nearest known key as a hint.
pub(super) fn refuse_other_keys(
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
pub(super) fn read<T: DeserializeOwned>(
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
pub(super) fn read_table<T: DeserializeOwned>(
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

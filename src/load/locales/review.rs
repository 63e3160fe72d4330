//! The review status of a language's texts: each file's first line, and per message
//! `review.toml`'s records against a hash of the Swedish source.

use fluent_syntax::parser::{self};

use crate::load::diag::Report;
use crate::load::files::LocaleDir;
use crate::load::span::SourceFile;
use crate::locale::Review;

use super::*;

/// The review status of a language: the least reviewed of its files. Every `.ftl` file
/// states its own on its first line, because files are drafted and reviewed one at a
/// time (a new file of machine-drafted texts must not pass as reviewed because
/// `main.ftl` was); a file that does not say gets a warning and counts as not stated.
pub(super) fn review(dir: &LocaleDir, report: &mut Report) -> (Review, Vec<(String, Review)>) {
    let files: Vec<(String, Review)> = dir
        .files
        .iter()
        .map(|file| {
            let name = file
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, file_review(file, report))
        })
        .collect();
    let status = files
        .iter()
        .map(|(_, r)| *r)
        .min_by_key(|r| match r {
            Review::Unknown => 0,
            Review::MachineDrafted => 1,
            Review::Reviewed => 2,
        })
        .unwrap_or(Review::Unknown);
    (status, files)
}

/// The status a file's first line states.
pub(super) fn file_review(file: &SourceFile, report: &mut Report) -> Review {
    let first = file
        .text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    let status = first
        .strip_prefix(REVIEW_PREFIX)
        .map(|rest| rest.trim().to_string());
    match status.as_deref() {
        Some("reviewed") => Review::Reviewed,
        Some("machine-drafted") => Review::MachineDrafted,
        Some(other) => {
            report.push(file.warning(
                0,
                format!(
                    "unknown review status \"{other}\"; use \"reviewed\" or \"machine-drafted\""
                ),
            ));
            Review::Unknown
        }
        None => {
            report.push(file.warning(
                0,
                "the first line does not state the review status; start the file with \
                 \"### review: reviewed\" or \"### review: machine-drafted\"",
            ));
            Review::Unknown
        }
    }
}

/// The language the flows are written in: each translation is reviewed against it.
pub const SOURCE_LANG: &str = "sv";

/// One message's review: by whom (a role, never a name), when, and the hash of the
/// source text (`source_hash`) it was reviewed against.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRecord {
    /// Who reviewed it: a role, never a name.
    pub by: String,
    /// When it was reviewed.
    pub on: toml::value::Datetime,
    /// The hash of the source text it was reviewed against ([`source_hash`]).
    pub source: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewFile {
    #[serde(default)]
    messages: std::collections::BTreeMap<String, ReviewRecord>,
}

/// Review records as written in a `review.toml` text, by message id.
pub fn parse_records(
    text: &str,
) -> Result<std::collections::BTreeMap<String, ReviewRecord>, String> {
    toml::from_str::<ReviewFile>(text)
        .map(|f| f.messages)
        .map_err(|e| e.message().to_string())
}

/// A `review.toml` text holding `records`, by message id (the inverse of
/// `parse_records`).
pub fn write_records(records: &std::collections::BTreeMap<String, ReviewRecord>) -> String {
    let mut out = String::from(
        "# Who reviewed each message of this language (a role, not a name), when, and a\n\
         # hash of the Swedish text it was reviewed against: when that text changes, the\n\
         # review is stale. A message with no record counts as machine-drafted. Written by\n\
         # `signpost review import`.\n",
    );
    for (id, record) in records {
        let by = toml::Value::String(record.by.clone());
        let source = toml::Value::String(record.source.clone());
        out.push_str(&format!(
            "\n[messages.{id}]\nby = {by}\non = {}\nsource = {source}\n",
            record.on
        ));
    }
    out
}

/// The ids of the messages (not terms) in a `.ftl` text, in order.
pub fn message_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| starts_entry(line) && !line.starts_with('-'))
        .filter_map(|line| line.split('=').next())
        .map(|id| id.trim().to_string())
        .collect()
}

/// How many syntax errors Fluent finds in a `.ftl` text.
pub fn syntax_errors(text: &str) -> usize {
    match parser::parse(text) {
        Ok(_) => 0,
        Err((_, errors)) => errors.len(),
    }
}

/// The records of `review.toml`, by message id; none when there is no file (a new
/// language: all its texts count as machine-drafted). A file that cannot be read is an
/// error, so that a reviewer's work is never silently ignored.
pub(crate) fn review_records(
    dir: &LocaleDir,
    report: &mut Report,
) -> std::collections::BTreeMap<String, ReviewRecord> {
    let Some(file) = &dir.review else {
        return Default::default();
    };
    match toml::from_str::<ReviewFile>(&file.text) {
        Ok(read) => {
            for id in read.messages.keys() {
                if !id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                {
                    report
                        .push(file.error(0, format!("review records: \"{id}\" is no message id")));
                }
            }
            read.messages
        }
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            report.push(file.error(at, format!("review records: {}", e.message())));
            Default::default()
        }
    }
}

/// Where the entry `id` is in a `.ftl` text: from its `id =` line up to the next line
/// that starts something else (an entry or a comment), trailing blank lines left out.
pub fn entry_span(text: &str, id: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    let mut start = None;
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        // Only an entry (a letter, or `-` for a term) or a comment starts at the first
        // column; anything else there (a closing `}`, a variant) still belongs to it.
        let continues = !line
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '-' || c == '#');
        match start {
            None => {
                let rest = line.strip_prefix(id).map(|r| r.trim_start_matches(' '));
                if rest.is_some_and(|r| r.starts_with('=')) {
                    start = Some(offset);
                    end = offset + line.trim_end().len();
                }
            }
            Some(_) if !continues => break,
            Some(_) => {
                if !line.trim().is_empty() {
                    end = offset + line.trim_end().len();
                }
            }
        }
        offset += line.len();
    }
    start.map(|s| s..end)
}

/// The hash a review is recorded against: the entry's text after its `=`, each line's
/// trailing space left out, as the first 8 bytes of BLAKE3 in hex.
pub fn source_hash(entry: &str) -> String {
    let value = entry.split_once('=').map_or(entry, |(_, v)| v);
    let normal: Vec<&str> = value.lines().map(str::trim_end).collect();
    let hash = blake3::hash(normal.join("\n").trim().as_bytes());
    hash.as_bytes()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A translation's state against its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageReview {
    /// Reviewed against the source text as it is now.
    Reviewed,
    /// Reviewed, but the source text has changed since.
    Stale,
    /// No record: as drafted (by a machine or without review).
    Drafted,
}

/// The state of one message from its record and its source entry's text now.
pub fn message_review(record: Option<&ReviewRecord>, source_entry: Option<&str>) -> MessageReview {
    match (record, source_entry) {
        (None, _) => MessageReview::Drafted,
        (Some(r), Some(source)) if r.source == source_hash(source) => MessageReview::Reviewed,
        (Some(_), _) => MessageReview::Stale,
    }
}

/// The source text of message `id` in the source language, as written.
pub(crate) fn source_entry<'a>(source: &'a LangDef, id: &str) -> Option<&'a str> {
    let def = source.messages.get(id)?;
    let span = entry_span(&def.file.text, id)?;
    def.file.text.get(span)
}

/// Counts each language's messages by review state, into the completeness table, when
/// at least one language keeps review records (otherwise the table stays as it was).
pub(crate) fn count_reviews(
    langs: &[LangDef],
    table: &mut [crate::load::Completeness],
    report: &mut Report,
) {
    let records: Vec<_> = langs
        .iter()
        .map(|l| (l.code, review_records(l.dir, report)))
        .collect();
    if langs.iter().all(|l| l.dir.review.is_none()) {
        return;
    }
    let source = langs.iter().find(|l| l.code == SOURCE_LANG);
    for row in table.iter_mut() {
        let Some(lang) = langs.iter().find(|l| l.code == row.code) else {
            continue;
        };
        let Some((_, records)) = records.iter().find(|(c, _)| *c == lang.code) else {
            continue;
        };
        let mut counts = crate::load::ReviewCounts::default();
        for id in lang.messages.keys() {
            let from = source.and_then(|s| source_entry(s, id));
            match message_review(records.get(*id), from) {
                MessageReview::Reviewed => counts.reviewed += 1,
                MessageReview::Stale => counts.stale += 1,
                MessageReview::Drafted => counts.drafted += 1,
            }
        }
        row.messages = Some(counts);
    }
}

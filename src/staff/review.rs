//! A reviewer's sheet: each message of one language beside its Swedish source, with its
//! review state, as tab-separated values that a spreadsheet opens, so a native reviewer
//! needs no TOML or Fluent. The filled-in sheet is read back: a new translation replaces
//! only that message's lines in its `.ftl` file, and "reviewed" with a role records the
//! review against the source text as it is now (`review.toml`).
//!
//! Pure: texts in, texts out; `cli::review` reads and writes the files.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::load::{
    MessageReview, ReviewRecord, entry_span, message_ids, message_review, parse_records,
    source_hash, syntax_errors, write_records,
};

/// The columns, in order; the first line of every sheet.
pub(crate) const HEADER: [&str; 6] = [
    "id",
    "source",
    "translation",
    "status",
    "reviewed_by",
    "notes",
];

/// One language's texts: its `.ftl` files (path, text) and its `review.toml`, if any.
#[derive(Debug, Clone, Default)]
pub(crate) struct Texts {
    pub files: Vec<(PathBuf, String)>,
    pub review: Option<String>,
}

impl Texts {
    /// The message `id`: the file it is in and its span there.
    fn find(&self, id: &str) -> Option<(usize, std::ops::Range<usize>)> {
        self.files
            .iter()
            .enumerate()
            .find_map(|(i, (_, text))| entry_span(text, id).map(|span| (i, span)))
    }

    fn entry(&self, id: &str) -> Option<&str> {
        let (file, span) = self.find(id)?;
        self.files[file].1.get(span)
    }

    fn records(&self) -> Result<BTreeMap<String, ReviewRecord>, String> {
        self.review
            .as_deref()
            .map_or(Ok(BTreeMap::new()), parse_records)
    }
}

/// The value of an entry: its text after `id =`, the space after `=` left out.
fn value(entry: &str) -> &str {
    let value = entry.split_once('=').map_or("", |(_, v)| v);
    value.strip_prefix(' ').unwrap_or(value)
}

/// A cell: tabs, line breaks and backslashes written as `\t`, `\n`, `\\`.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\r', "")
        .replace('\n', "\\n")
}

/// A cell as read back: a spreadsheet may have wrapped it in quotes (doubling the quotes
/// inside), which are taken off again.
fn unescape(cell: &str) -> String {
    let cell = cell
        .strip_prefix('"')
        .and_then(|c| c.strip_suffix('"'))
        .filter(|inner| inner.replace("\"\"", "").find('"').is_none())
        .map_or_else(|| cell.to_string(), |inner| inner.replace("\"\"", "\""));
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The state word of the sheet's status column.
fn status_word(status: Option<MessageReview>) -> &'static str {
    match status {
        None => "missing",
        Some(MessageReview::Reviewed) => "reviewed",
        Some(MessageReview::Stale) => "stale",
        Some(MessageReview::Drafted) => "machine-drafted",
    }
}

/// The sheet of `target` against `source`: one row per message of the source, then the
/// target's messages the source does not have.
pub(crate) fn export(source: &Texts, target: &Texts) -> Result<String, String> {
    let records = target.records()?;
    let mut ids: Vec<String> = source
        .files
        .iter()
        .flat_map(|(_, text)| message_ids(text))
        .collect();
    for id in target.files.iter().flat_map(|(_, text)| message_ids(text)) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let mut out = HEADER.join("\t");
    out.push('\n');
    for id in ids {
        let from = source.entry(&id);
        let to = target.entry(&id);
        let status = to.map(|_| message_review(records.get(&id), from));
        let by = records.get(&id).map_or("", |r| r.by.as_str());
        let cells = [
            id.clone(),
            escape(from.map_or("", value)),
            escape(to.map_or("", value)),
            status_word(status).to_string(),
            escape(by),
            String::new(),
        ];
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    Ok(out)
}

/// What reading a sheet back changed.
#[derive(Debug, Default)]
pub(crate) struct Imported {
    /// Every `.ftl` file of the language, changed or not, and the new `review.toml`.
    pub files: Vec<(PathBuf, String)>,
    pub review: String,
    /// Messages whose text changed, and messages newly recorded as reviewed.
    pub changed: Vec<String>,
    pub reviewed: Vec<String>,
    /// Rows that were not taken, with why (line number first).
    pub problems: Vec<String>,
}

/// Reads a filled-in sheet into `target`'s texts. A row's translation, when it differs,
/// replaces that message's lines (a message the language lacks is added to the file of
/// the source's name); its review record is dropped, unless the row is marked
/// `reviewed` with a role in `reviewed_by`, which records it against the source text as
/// it is now, on `today`. A row whose new text Fluent cannot read is not taken.
pub(crate) fn import(
    sheet: &str,
    source: &Texts,
    target: &Texts,
    new_file: impl Fn(&str) -> PathBuf,
    today: jiff::civil::Date,
) -> Result<Imported, String> {
    let mut records = target.records()?;
    let mut files = target.files.clone();
    let mut out = Imported::default();
    let mut lines = sheet.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header.trim_end_matches('\r').split('\t').eq(HEADER) => {}
        _ => {
            return Err(format!(
                "the first line must be the header: {}",
                HEADER.join(" | ")
            ));
        }
    }
    let on: toml::value::Datetime = today
        .to_string()
        .parse()
        .map_err(|_| "today is not a date".to_string())?;
    for (index, line) in lines {
        let line_no = index + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<String> = line.split('\t').map(unescape).collect();
        let cell = |i: usize| cells.get(i).map_or("", |c| c.trim());
        let id = cell(0).to_string();
        let Some(from) = source.entry(&id) else {
            out.problems.push(format!(
                "line {line_no}: \"{id}\" is no message of the source"
            ));
            continue;
        };
        let translation = cells.get(2).map_or("", |c| c.trim_end());
        let current = Texts {
            files: files.clone(),
            review: None,
        };
        let now = current.entry(&id).map(value);
        if !translation.is_empty() && now != Some(translation) {
            let entry = if translation.starts_with('\n') {
                format!("{id} ={translation}")
            } else {
                format!("{id} = {translation}")
            };
            let (file, text) = match current.find(&id) {
                Some((file, span)) => {
                    let text = &files[file].1;
                    (
                        file,
                        format!("{}{entry}{}", &text[..span.start], &text[span.end..]),
                    )
                }
                None => {
                    let name = source
                        .files
                        .iter()
                        .find(|(_, t)| entry_span(t, &id).is_some())
                        .and_then(|(p, _)| p.file_name())
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "main.ftl".to_string());
                    let path = new_file(&name);
                    let file = match files.iter().position(|(p, _)| *p == path) {
                        Some(file) => file,
                        None => {
                            files.push((path, "### review: machine-drafted\n".to_string()));
                            files.len() - 1
                        }
                    };
                    let text = &files[file].1;
                    let sep = if text.ends_with('\n') { "" } else { "\n" };
                    (file, format!("{text}{sep}{entry}\n"))
                }
            };
            if syntax_errors(&text) > syntax_errors(&files[file].1) {
                out.problems.push(format!(
                    "line {line_no}: the new text of \"{id}\" cannot be read as Fluent; \
                     it was not taken"
                ));
                continue;
            }
            files[file].1 = text;
            records.remove(&id);
            out.changed.push(id.clone());
        }
        let status = cell(3).to_lowercase();
        match (status.as_str(), cell(4)) {
            ("reviewed", "") => out.problems.push(format!(
                "line {line_no}: \"{id}\" is marked reviewed without a role in reviewed_by"
            )),
            ("reviewed", by) => {
                let record = ReviewRecord {
                    by: by.to_string(),
                    on,
                    source: source_hash(from),
                };
                // A review already recorded against this source stays as it was.
                if records
                    .get(&id)
                    .is_none_or(|r| r.source != record.source || r.by != by)
                {
                    records.insert(id.clone(), record);
                    out.reviewed.push(id);
                }
            }
            _ => {}
        }
    }
    out.files = files;
    out.review = write_records(&records);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(files: &[(&str, &str)], review: Option<&str>) -> Texts {
        Texts {
            files: files
                .iter()
                .map(|(p, t)| (PathBuf::from(p), t.to_string()))
                .collect(),
            review: review.map(str::to_string),
        }
    }

    #[test]
    fn cells_keep_tabs_and_line_breaks() {
        let text = "a\tb\nc \\ d";
        assert_eq!(unescape(&escape(text)), text);
        assert!(!escape(text).contains(['\t', '\n']));
    }

    #[test]
    fn quotes_a_spreadsheet_added_are_taken_off() {
        assert_eq!(unescape("\"Say \"\"hej\"\"\""), "Say \"hej\"");
        assert_eq!(unescape("\"a\" and \"b\""), "\"a\" and \"b\"");
    }

    #[test]
    fn a_row_that_cannot_be_taken_is_named_and_left_out() {
        let sv = texts(&[("sv/main.ftl", "a = Hej\nb = Då\n")], None);
        let en = texts(&[("en/main.ftl", "a = Hello\nb = Bye\n")], None);
        let sheet = format!(
            "{}\na\tHej\t{{ broken\t\t\t\nb\tDå\tBye\tReviewed\t\t\nc\t\tNew\t\t\t\n",
            HEADER.join("\t")
        );
        let today = jiff::civil::date(2026, 12, 7);
        let back = import(&sheet, &sv, &en, |n| PathBuf::from("en").join(n), today).unwrap();
        assert_eq!(back.files, en.files);
        assert_eq!(
            back.problems,
            [
                "line 2: the new text of \"a\" cannot be read as Fluent; it was not taken",
                "line 3: \"b\" is marked reviewed without a role in reviewed_by",
                "line 4: \"c\" is no message of the source",
            ]
        );
        assert!(back.reviewed.is_empty());
        // A wrong header is refused as a whole.
        assert!(import("id\tsource\n", &sv, &en, |n| PathBuf::from(n), today).is_err());
    }

    #[test]
    fn a_message_the_language_lacks_is_added_to_the_sources_file() {
        let sv = texts(&[("sv/help.ftl", "a = Hej\n")], None);
        let en = texts(&[("en/main.ftl", "### review: machine-drafted\n")], None);
        let sheet = format!(
            "{}\na\tHej\tHello\treviewed\tnative speaker\t\n",
            HEADER.join("\t")
        );
        let today = jiff::civil::date(2026, 12, 7);
        let back = import(&sheet, &sv, &en, |n| PathBuf::from("en").join(n), today).unwrap();
        assert_eq!(
            back.files[1],
            (
                PathBuf::from("en/help.ftl"),
                "### review: machine-drafted\na = Hello\n".to_string()
            )
        );
        assert_eq!(back.changed, ["a"]);
        assert_eq!(back.reviewed, ["a"]);
        assert!(
            back.review
                .contains("[messages.a]\nby = \"native speaker\"\non = 2026-12-07\n")
        );
    }

    #[test]
    fn a_multiline_message_goes_out_and_back_unchanged() {
        let sv = texts(
            &[(
                "sv/main.ftl",
                "a =\n    { $n ->\n        [one] en\n       *[other] { $n }\n    }\n",
            )],
            None,
        );
        let en = texts(
            &[(
                "en/main.ftl",
                "### review: machine-drafted\n\na =\n    { $n ->\n        [one] one\n       *[other] { $n }\n    }\n",
            )],
            None,
        );
        let sheet = export(&sv, &en).unwrap();
        let today = jiff::civil::date(2026, 12, 7);
        let back = import(&sheet, &sv, &en, |n| PathBuf::from("en").join(n), today).unwrap();
        assert!(back.changed.is_empty(), "{:?}", back.changed);
        assert_eq!(back.files, en.files);
    }
}

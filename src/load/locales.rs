//! Locale folders: every `.ftl` file parsed with positions, syntax errors and messages
//! defined twice reported, the review status read, and each language's texts built.
//!
//! The directory's names join every language as Fluent terms: `-svc-<id>` for each
//! shown service and `-role-<role>` for the service a role stands for. A text names a
//! service through them, so hiding an entry leaves its mention unresolved and `check`
//! reports it; no `.ftl` file may define such a term itself.

use std::collections::{HashMap, HashSet};

use fluent_bundle::FluentResource;
use fluent_syntax::ast;
use fluent_syntax::parser::{self, ErrorKind};

use super::areas::Roles;
use super::diag::Report;
use super::files::LocaleDir;
use super::services::DirectoryDef;
use super::span::SourceFile;
use crate::locale::{Language, Review};

/// One language's folder, read.
pub struct LangDef<'a> {
    pub code: &'a str,
    pub dir: &'a LocaleDir,
    pub messages: HashMap<&'a str, MessageDef<'a>>,
    pub terms: HashSet<&'a str>,
    /// Ids of entries the parser could not read: their syntax error is reported, so
    /// they are not reported as missing too.
    pub broken: HashSet<&'a str>,
    pub review: Review,
    /// Each file's own review status, by file name.
    pub file_reviews: Vec<(String, Review)>,
    pub language: Language,
}

/// Where a message is and what it uses.
pub struct MessageDef<'a> {
    pub file: &'a SourceFile,
    pub at: usize,
    /// A message with only attributes has no text to show.
    pub has_value: bool,
    /// `{ $name }` placeables, with their offsets.
    pub variables: Vec<(&'a str, usize)>,
    /// `{ other-message }` and `{ -term }` references.
    pub references: Vec<Reference<'a>>,
    /// The words of the message as written (every variant), without its placeables:
    /// what the readability check reads and the search for hidden services' names.
    pub words: String,
}

/// A reference from one message to another message or to a term.
pub struct Reference<'a> {
    /// The name, without the `-` of a term.
    pub id: &'a str,
    pub at: usize,
    pub term: bool,
}

impl LangDef<'_> {
    /// Whether the language has this message with a text.
    pub fn has(&self, id: &str) -> bool {
        self.messages.get(id).is_some_and(|m| m.has_value)
    }
}

/// The review line every `.ftl` file starts with.
const REVIEW_PREFIX: &str = "### review:";

/// Term prefixes the directory owns.
const DIRECTORY_TERMS: [&str; 2] = ["svc-", "role-"];

/// The terms the directory defines, as (term id without `-`, name): one per shown
/// service, one per resolved role.
pub fn directory_terms(directory: &DirectoryDef, roles: &Roles) -> Vec<(String, String)> {
    let name = |index: usize| {
        directory.services[index]
            .service
            .as_ref()
            .map(|s| s.name.clone())
    };
    let services = directory
        .services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.verified == Some(true))
        .filter_map(|(i, s)| Some((format!("svc-{}", s.id), name(i)?)));
    let roles = roles
        .bindings
        .iter()
        .filter_map(|b| Some((format!("role-{}", b.role), name(b.service.index())?)));
    services.chain(roles).collect()
}

/// The terms as a Fluent resource. Names are quoted string literals, so no character
/// in a name can be read as Fluent syntax.
fn terms_resource(terms: &[(String, String)]) -> FluentResource {
    let mut text = String::new();
    for (id, name) in terms {
        let quoted: String = name
            .chars()
            .flat_map(|c| match c {
                '"' => vec!['\\', '"'],
                '\\' => vec!['\\', '\\'],
                c if c.is_control() => vec![' '],
                c => vec![c],
            })
            .collect();
        text.push_str(&format!("-{id} = {{ \"{quoted}\" }}\n"));
    }
    match FluentResource::try_new(text) {
        Ok(resource) | Err((resource, _)) => resource,
    }
}

pub fn parse<'a>(
    dirs: &'a [LocaleDir],
    terms: &'a [(String, String)],
    report: &mut Report,
) -> Vec<LangDef<'a>> {
    dirs.iter()
        .map(|dir| language(dir, terms, report))
        .collect()
}

fn language<'a>(
    dir: &'a LocaleDir,
    directory_terms: &'a [(String, String)],
    report: &mut Report,
) -> LangDef<'a> {
    let mut messages: HashMap<&str, MessageDef> = HashMap::new();
    let mut terms: HashMap<&str, (&SourceFile, usize)> = HashMap::new();
    let mut broken = HashSet::new();
    // Files nested too deeply for the parser are reported and left out entirely.
    let readable: Vec<&SourceFile> = dir
        .files
        .iter()
        .filter(|file| match too_deep(&file.text) {
            Some(at) => {
                report.push(file.error(
                    at,
                    format!(
                        "more than {MAX_NESTING} {{ and ( in one message; nesting this deep \
                         cannot be read safely, so this file is left out"
                    ),
                ));
                false
            }
            None => true,
        })
        .collect();
    for &file in &readable {
        let resource = match parser::parse(file.text.as_str()) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                for error in errors {
                    report.push(file.error(error.pos.start, describe(&error.kind)));
                }
                resource
            }
        };
        for entry in &resource.body {
            match entry {
                ast::Entry::Message(message) => {
                    let id = message.id.name;
                    let at = file.offset_of(id).unwrap_or(0);
                    if let Some(first) = messages.get(id) {
                        report.push(twice(file, at, "message", id, first.file, first.at));
                        continue;
                    }
                    let mut def = MessageDef {
                        file,
                        at,
                        has_value: message.value.is_some(),
                        variables: Vec::new(),
                        references: Vec::new(),
                        words: String::new(),
                    };
                    if let Some(value) = &message.value {
                        walk_pattern(file, value, &mut def);
                    }
                    messages.insert(id, def);
                }
                ast::Entry::Term(term) => {
                    let id = term.id.name;
                    let at = file.offset_of(id).unwrap_or(0);
                    if DIRECTORY_TERMS.iter().any(|p| id.starts_with(p)) {
                        report.push(file.error(
                            at.saturating_sub(1),
                            format!(
                                "term \"-{id}\" is made from the service directory; name the \
                                 service in services.toml (or bind the role in the area's file) \
                                 instead of defining it here"
                            ),
                        ));
                        continue;
                    }
                    if let Some((first, first_at)) = terms.get(id) {
                        let name = format!("-{id}");
                        report.push(twice(file, at, "term", &name, first, *first_at));
                        continue;
                    }
                    terms.insert(id, (file, at));
                }
                ast::Entry::Junk { content } => {
                    if let Some(id) = junk_id(content) {
                        broken.insert(id);
                    }
                }
                _ => {}
            }
        }
    }
    // Fluent keeps messages and terms under one set of names, so a message called like
    // a directory term would be dropped from the bundle.
    for (id, _) in directory_terms {
        if let Some(def) = messages.get(id.as_str()) {
            report.push(def.file.error(
                def.at,
                format!(
                    "message \"{id}\" has the name of the term \"-{id}\" made from the service \
                     directory, and Fluent cannot hold both; rename the message (such as \
                     \"{id}-about\")"
                ),
            ));
        }
    }
    let (review, file_reviews) = review(dir, report);
    let resources = std::iter::once(terms_resource(directory_terms))
        .chain(
            readable
                .iter()
                .map(|f| match FluentResource::try_new(f.text.clone()) {
                    Ok(resource) | Err((resource, _)) => resource,
                }),
        )
        .collect();
    LangDef {
        code: &dir.code,
        dir,
        messages,
        terms: terms
            .into_keys()
            .chain(directory_terms.iter().map(|(id, _)| id.as_str()))
            .collect(),
        broken,
        review,
        file_reviews,
        language: Language::new(&dir.code, review, resources),
    }
}

/// Most `{` and `(` one message may hold. The Fluent parser descends once for each, and
/// nesting a few hundred deep overflows the stack (of a debug build's test thread) and
/// aborts the process. Fluent renders at most 100 placeables of a message anyway.
const MAX_NESTING: usize = 100;

/// The offset of the first `{` or `(` past [`MAX_NESTING`] in one entry, if any.
///
/// The count starts again at each line that opens a message or term (a name and `=` at
/// the start of the line): the parser cannot still be inside a placeable there (it
/// either starts the new entry or gives up on the one before), so no nesting carries
/// over such a line. Every brace and parenthesis counts, closed or not and wherever it
/// stands, so the count is never below how deep the parser can go.
pub(super) fn too_deep(text: &str) -> Option<usize> {
    let mut count = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if starts_entry(line) {
            count = 0;
        }
        for (i, byte) in line.bytes().enumerate() {
            if byte == b'{' || byte == b'(' {
                count += 1;
                if count > MAX_NESTING {
                    return Some(offset + i);
                }
            }
        }
        offset += line.len();
    }
    None
}

/// Whether `line` starts a message or a term: `name =` or `-name =` at its very start.
fn starts_entry(line: &str) -> bool {
    let name = line.strip_prefix('-').unwrap_or(line);
    let length = name
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
        .count();
    name.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && name[length..].trim_start_matches(' ').starts_with('=')
}

fn twice(
    file: &SourceFile,
    at: usize,
    what: &str,
    id: &str,
    first: &SourceFile,
    first_at: usize,
) -> super::diag::Diagnostic {
    let (line, col) = first.line_col(first_at);
    file.error(
        at,
        format!(
            "{what} \"{id}\" is defined twice; the first is at {}:{line}:{col}",
            first.path.display()
        ),
    )
}

/// The review status of a language: the least reviewed of its files. Every `.ftl` file
/// states its own on its first line, because files are drafted and reviewed one at a
/// time (a new file of machine-drafted texts must not pass as reviewed because
/// `main.ftl` was); a file that does not say gets a warning and counts as not stated.
fn review(dir: &LocaleDir, report: &mut Report) -> (Review, Vec<(String, Review)>) {
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
fn file_review(file: &SourceFile, report: &mut Report) -> Review {
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
    pub by: String,
    pub on: toml::value::Datetime,
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
pub fn review_records(
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
pub fn source_entry<'a>(source: &'a LangDef, id: &str) -> Option<&'a str> {
    let def = source.messages.get(id)?;
    let span = entry_span(&def.file.text, id)?;
    def.file.text.get(span)
}

/// Counts each language's messages by review state, into the completeness table, when
/// at least one language keeps review records (otherwise the table stays as it was).
pub fn count_reviews(langs: &[LangDef], table: &mut [super::Completeness], report: &mut Report) {
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
        let mut counts = super::ReviewCounts::default();
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

/// The id at the start of an entry the parser could not read, if it has one.
fn junk_id(content: &str) -> Option<&str> {
    let line = content
        .lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#'))?;
    let end = line
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
        .map_or(line.len(), |(i, _)| i);
    let (id, rest) = line.split_at(end);
    let id = id.strip_prefix('-').unwrap_or(id);
    (!id.is_empty() && rest.trim_start().starts_with('=')).then_some(id)
}

fn walk_pattern<'a>(file: &SourceFile, pattern: &ast::Pattern<&'a str>, def: &mut MessageDef<'a>) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::Placeable { expression } => {
                // A placeable stands for a word (a name, a number) in the sentence.
                def.words.push_str(" \u{2026} ");
                walk_expression(file, expression, def);
            }
            ast::PatternElement::TextElement { value } => def.words.push_str(value),
        }
    }
}

fn walk_expression<'a>(file: &SourceFile, e: &ast::Expression<&'a str>, def: &mut MessageDef<'a>) {
    match e {
        ast::Expression::Inline(inline) => walk_inline(file, inline, def),
        ast::Expression::Select { selector, variants } => {
            walk_inline(file, selector, def);
            for variant in variants {
                walk_pattern(file, &variant.value, def);
            }
        }
    }
}

fn walk_inline<'a>(
    file: &SourceFile,
    e: &ast::InlineExpression<&'a str>,
    def: &mut MessageDef<'a>,
) {
    use ast::InlineExpression as I;
    let fallback = def.at;
    let at = |s: &str| file.offset_of(s).unwrap_or(fallback);
    match e {
        I::VariableReference { id } => {
            // The `$` comes just before the name.
            def.variables.push((id.name, at(id.name).saturating_sub(1)));
        }
        I::MessageReference { id, .. } => def.references.push(Reference {
            id: id.name,
            at: at(id.name),
            term: false,
        }),
        I::TermReference { id, arguments, .. } => {
            def.references.push(Reference {
                id: id.name,
                at: at(id.name).saturating_sub(1),
                term: true,
            });
            // Arguments of a term are the message's values; the term's own body runs
            // with only these and cannot see the message's variables.
            if let Some(arguments) = arguments {
                walk_arguments(file, arguments, def);
            }
        }
        I::FunctionReference { arguments, .. } => walk_arguments(file, arguments, def),
        I::Placeable { expression } => walk_expression(file, expression, def),
        I::StringLiteral { .. } | I::NumberLiteral { .. } => {}
    }
}

fn walk_arguments<'a>(
    file: &SourceFile,
    args: &ast::CallArguments<&'a str>,
    def: &mut MessageDef<'a>,
) {
    for a in &args.positional {
        walk_inline(file, a, def);
    }
    for a in &args.named {
        walk_inline(file, &a.value, def);
    }
}

/// A Fluent syntax error in plain words.
fn describe(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::ExpectedToken(c) => format!("expected \"{c}\" here"),
        ErrorKind::ExpectedCharRange { range } => format!("expected one of \"{range}\" here"),
        ErrorKind::ExpectedMessageField { entry_id } => {
            format!("message \"{entry_id}\" has no text after \"=\"")
        }
        ErrorKind::ExpectedTermField { entry_id } => {
            format!("term \"-{entry_id}\" has no text after \"=\"")
        }
        ErrorKind::MissingDefaultVariant => {
            "a choice between variants needs one default marked with *".to_string()
        }
        ErrorKind::MultipleDefaultVariants => {
            "a choice between variants may have only one default marked with *".to_string()
        }
        ErrorKind::MissingValue => "expected a text here".to_string(),
        ErrorKind::UnterminatedStringLiteral => "a quoted text is not closed with \"".to_string(),
        ErrorKind::UnbalancedClosingBrace => "\"}\" without a \"{\" before it".to_string(),
        ErrorKind::ExpectedInlineExpression => "expected a value inside { }".to_string(),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_spans_its_continuation_lines() {
        let text = "### review: x\n\na = One\nb =\n    { $n ->\n\n        [one] x\n       *[other] y\n    }\n\n# c\nc = { $n ->\n    [one] x\n   *[other] y\n}\nd = Four\n";
        let b = entry_span(text, "b").unwrap();
        assert_eq!(
            &text[b],
            "b =\n    { $n ->\n\n        [one] x\n       *[other] y\n    }"
        );
        // A closing brace in the first column still belongs to the message.
        assert_eq!(
            &text[entry_span(text, "c").unwrap()],
            "c = { $n ->\n    [one] x\n   *[other] y\n}"
        );
        assert_eq!(&text[entry_span(text, "a").unwrap()], "a = One");
        assert_eq!(&text[entry_span(text, "d").unwrap()], "d = Four");
        assert_eq!(entry_span(text, "e"), None);
        // An id that begins another id is not it.
        assert_eq!(entry_span("ab = 1\n", "a"), None);
    }

    #[test]
    fn a_changed_source_makes_a_review_stale() {
        let record = ReviewRecord {
            by: "native speaker".into(),
            on: "2026-12-07".parse().unwrap(),
            source: source_hash("a = Hej"),
        };
        // The same text, written with other spacing around the id, is the same source.
        assert_eq!(
            message_review(Some(&record), Some("a=Hej  ")),
            MessageReview::Reviewed
        );
        assert_eq!(
            message_review(Some(&record), Some("a = Hej då")),
            MessageReview::Stale
        );
        assert_eq!(
            message_review(None, Some("a = Hej")),
            MessageReview::Drafted
        );
        assert_eq!(message_review(Some(&record), None), MessageReview::Stale);
    }

    #[test]
    fn nesting_is_counted_per_entry() {
        let flat = "a = { $x } ({ $y })\n".repeat(200);
        assert_eq!(too_deep(&flat), None);
        let deep = format!("a = {}x{}\n", "{ ".repeat(101), " }".repeat(101));
        assert_eq!(too_deep(&deep), Some(4 + 2 * 100));
        // Closing braces do not lower the count: a "}" may sit inside a string.
        let strings = format!("a = {}\n", "{ FUNC(\"}\", ".repeat(60));
        assert!(too_deep(&strings).is_some());
        // A line that starts with a name but no `=` is still inside the entry.
        let lines = format!("a = {}", "{ FUNC(\nb, ".repeat(60));
        assert!(too_deep(&lines).is_some());
        assert!(starts_entry("-term = x") && starts_entry("msg-id=x"));
        assert!(!starts_entry(" a = x") && !starts_entry("a, {") && !starts_entry("= x"));
    }

    #[test]
    fn finds_the_id_of_a_broken_entry() {
        assert_eq!(junk_id("hello = { $x\n"), Some("hello"));
        assert_eq!(junk_id("# note\n-brand = {\n"), Some("brand"));
        assert_eq!(junk_id("   = oops\n"), None);
        assert_eq!(junk_id("garbage here\n"), None);
    }
}

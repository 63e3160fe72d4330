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
use fluent_syntax::parser::{self};

use crate::load::areas::Roles;
use crate::load::diag::Report;
use crate::load::files::LocaleDir;
use crate::load::services::DirectoryDef;
use crate::load::span::SourceFile;
use crate::locale::{Language, Review};

mod review;
mod walk;

pub use review::*;
use walk::*;

/// One language's folder, read.
pub(super) struct LangDef<'a> {
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
pub(super) struct MessageDef<'a> {
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
pub(super) struct Reference<'a> {
    /// The name, without the `-` of a term.
    pub id: &'a str,
    pub at: usize,
    pub term: bool,
}

impl LangDef<'_> {
    /// Whether the language has this message with a text.
    pub(super) fn has(&self, id: &str) -> bool {
        self.messages.get(id).is_some_and(|m| m.has_value)
    }
}

/// The review line every `.ftl` file starts with.
const REVIEW_PREFIX: &str = "### review:";

/// Term prefixes the directory owns.
const DIRECTORY_TERMS: [&str; 2] = ["svc-", "role-"];

/// The terms the directory defines, as (term id without `-`, name): one per shown
/// service, one per resolved role.
pub(super) fn directory_terms(directory: &DirectoryDef, roles: &Roles) -> Vec<(String, String)> {
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

pub(super) fn parse<'a>(
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

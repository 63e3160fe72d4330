//! The document: everything in the flow and locale folders, as read, each TOML file with
//! its one parsed tree, and its lenient view. It is made once at the IO edge
//! ([`Document::read`]) or from texts in memory ([`Document::from_memory`], for tests
//! and fuzzing), and everything after it is pure: `check` and `build` read it (the typed
//! readers from the same trees as the view), and the staff tools picture, report and
//! compare it.

use std::path::{Path, PathBuf};

use super::content::Content;
use super::diag::{Diagnostic, Owner, Report};
use super::files::{self, Listing, Sources};
use super::span::SourceFile;

/// The files of a flow folder and a locale folder. Lossless: every file that could be
/// read is here as its text, a TOML file also as its spanned tree (parsed once, when
/// first read: by the view, which is made with the document), also one that does not
/// parse (its tree is what the parser recovered; the view notes its first error).
#[derive(Debug)]
pub struct Document {
    flows: PathBuf,
    locales: PathBuf,
    pub(super) sources: Sources,
    /// What reading and decoding found wrong with the files as files (missing, too
    /// large, not UTF-8, invisible direction characters): `check` reports it.
    pub(super) problems: Vec<Diagnostic>,
    content: Content,
}

impl Document {
    /// Reads both folders from disk: the one place that touches the file system for
    /// content.
    pub fn read(flows: &Path, locales: &Path) -> Document {
        Document::from_listing(flows, locales, files::read(flows, locales))
    }

    /// A document from files given as (path, text), as if read from the two folders:
    /// a path is taken where the IO edge would find it (`<flows>/*.toml`,
    /// `<flows>/areas/*.toml`, `<locales>/<code>/*.ftl`), others are ignored.
    /// The bytes need not be UTF-8: a file that is not is reported as on disk.
    pub fn from_memory<B: Into<Vec<u8>>>(
        flows: &Path,
        locales: &Path,
        files: impl IntoIterator<Item = (PathBuf, B)>,
    ) -> Document {
        let files = files.into_iter().map(|(p, b)| (p, b.into())).collect();
        Document::from_listing(flows, locales, files::in_memory(flows, locales, files))
    }

    /// Every file read, as (path, text): with [`Document::from_memory`], the same
    /// document with some files changed.
    pub fn texts(&self) -> Vec<(PathBuf, String)> {
        self.files()
            .map(|f| (f.path.clone(), f.text.clone()))
            .collect()
    }

    /// This document with one file written (replaced, or added), as if on disk: for
    /// tests and fuzzing, which change one file of a valid set.
    pub fn with_file(&self, path: &Path, bytes: impl Into<Vec<u8>>) -> Document {
        let mut files: Vec<(PathBuf, Vec<u8>)> = self
            .files()
            .filter(|f| f.path != path)
            .map(|f| (f.path.clone(), f.text.clone().into_bytes()))
            .collect();
        files.push((path.to_path_buf(), bytes.into()));
        Document::from_memory(&self.flows, &self.locales, files)
    }

    fn from_listing(flows: &Path, locales: &Path, listing: Listing) -> Document {
        let mut report = Report::default();
        let sources = files::assemble(flows, listing, &mut report);
        let content = Content::new(flows, &sources);
        Document {
            flows: flows.to_path_buf(),
            locales: locales.to_path_buf(),
            sources,
            problems: report.diagnostics,
            content,
        }
    }

    /// The flow folder, as staff named it.
    pub fn flows_dir(&self) -> &Path {
        &self.flows
    }

    /// The locale folder, as staff named it.
    pub fn locales_dir(&self) -> &Path {
        &self.locales
    }

    /// The content as written, read leniently.
    pub fn content(&self) -> &Content {
        &self.content
    }

    /// Every file read, in the order read.
    pub fn files(&self) -> impl Iterator<Item = &SourceFile> {
        let s = &self.sources;
        s.bot
            .iter()
            .chain(&s.services)
            .chain(&s.flows)
            .chain(&s.areas)
            .chain(s.locales.iter().flat_map(|l| &l.files))
    }

    /// Each language's `review.toml`, where it has one (not among [`Self::files`]).
    pub fn review_files(&self) -> impl Iterator<Item = &SourceFile> {
        self.sources
            .locales
            .iter()
            .filter_map(|l| l.review.as_ref())
    }

    /// The first 8 bytes of a hash of every file read: the flow set's version.
    pub fn version(&self) -> u64 {
        self.sources.version
    }

    /// The part of the content a diagnostic points into (see [`Content::owner_at`]).
    pub fn owner_at(&self, d: &Diagnostic) -> Owner {
        self.content.owner_at(&d.file, d.offset, d.line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{LoadOptions, analyse};

    fn base() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base")
    }

    fn read() -> Document {
        Document::read(&base().join("flows"), &base().join("locales"))
    }

    fn options() -> LoadOptions {
        LoadOptions {
            today: jiff::civil::date(2026, 3, 1),
        }
    }

    #[test]
    fn a_document_from_memory_is_the_document_read_from_disk() {
        let disk = read();
        let memory =
            Document::from_memory(&base().join("flows"), &base().join("locales"), disk.texts());
        assert_eq!(disk.texts(), memory.texts());
        assert_eq!(disk.version(), memory.version());
        let (a, b) = (analyse(&disk, &options()), analyse(&memory, &options()));
        assert!(a.0.is_some() && b.0.is_some());
        assert_eq!(a.1.diagnostics, b.1.diagnostics);
    }

    #[test]
    fn each_toml_file_is_parsed_once_however_often_it_is_read() {
        let parses = || crate::load::tree::PARSES.with(std::cell::Cell::get);
        let before = parses();
        let document = read();
        let toml_files = document
            .files()
            .filter(|f| f.path.extension().is_some_and(|e| e == "toml"))
            .count();
        assert!(toml_files >= 4, "bot, services, a flow and an area file");
        // The view, made with the document, has parsed every TOML file it shows; the
        // typed readers read the same trees, once per analysis and again the next time.
        let (set, first) = analyse(&document, &options());
        assert!(set.is_some(), "{first}");
        let (_, second) = analyse(&document, &options());
        assert_eq!(first.diagnostics, second.diagnostics);
        assert_eq!(parses() - before, toml_files);
    }

    #[test]
    fn memory_takes_only_the_files_the_folders_would_hold() {
        let file = |p: &str, text: &str| (PathBuf::from(p), text.to_string());
        let document = Document::from_memory(
            Path::new("f"),
            Path::new("l"),
            [
                file("f/bot.toml", "x = 1"),
                file("f/.hidden.toml", "x = 1"),
                file("f/notes.txt", "x"),
                file("f/areas/town.toml", "x = 1"),
                file("f/deeper/no.toml", "x = 1"),
                file("l/sv/main.ftl", "a = b"),
                file("l/main.ftl", "a = b"),
            ],
        );
        let paths: Vec<PathBuf> = document.texts().into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            paths,
            ["f/bot.toml", "f/areas/town.toml", "l/sv/main.ftl"]
                .map(PathBuf::from)
                .to_vec()
        );
        let report = crate::load::check(&document, &options());
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.file == Path::new("f/services.toml")
                    && d.message.starts_with("file not found"))
        );
    }

    #[test]
    fn a_file_that_does_not_parse_stays_as_text_with_its_error() {
        let flows = base().join("flows");
        let path = flows.join("buyer.toml");
        let broken = "id = \"buyer\"\nstart = \"intro\"\n\n[steps.intro]\nsay = [\"buyer-intro\"\nend = true\n";
        let document = read().with_file(&path, broken);
        assert!(
            document
                .texts()
                .contains(&(path.clone(), broken.to_string()))
        );
        let content = document.content();
        let unparsed: Vec<&(PathBuf, usize, String)> = content
            .unparsed
            .iter()
            .filter(|(p, _, _)| *p == path)
            .collect();
        assert_eq!(unparsed.len(), 1, "{:?}", content.unparsed);
        // What the parser recovered is still there to picture.
        let flow = content.flow("buyer").expect("the flow");
        assert_eq!(flow.steps.len(), 1);
        assert_eq!(flow.steps[0].id, "intro");
        // check reports the same error, owned by the step it is in.
        let report = crate::load::check(&document, &options());
        let error = report
            .diagnostics
            .iter()
            .find(|d| d.file == path && d.offset == Some(unparsed[0].1))
            .expect("the syntax error");
        assert_eq!(error.message, unparsed[0].2);
        assert_eq!(
            error.owner,
            Owner::Step {
                flow: "buyer".to_string(),
                step: "intro".to_string()
            }
        );
    }

    #[test]
    fn every_finding_has_the_owner_it_is_about() {
        let flows = base().join("flows");
        let buyer = flows.join("buyer.toml");
        let text = std::fs::read_to_string(&buyer).expect("the buyer flow");
        let text = format!("{text}\n[steps.lost]\nsay = [\"buyer-intro\"]\nend = true\n");
        let services = flows.join("services.toml");
        let directory = std::fs::read_to_string(&services).expect("the directory");
        let document = read().with_file(&buyer, text).with_file(
            &services,
            directory.replacen("kind = \"phone\"", "kind = \"phne\"", 1),
        );
        let report = crate::load::check(&document, &options());
        let owner_of = |words: &str| {
            report
                .diagnostics
                .iter()
                .find(|d| d.message.contains(words))
                .map(|d| d.owner.clone())
                .unwrap_or_else(|| panic!("no finding saying {words}:\n{report}"))
        };
        assert_eq!(
            owner_of("\"lost\" cannot be reached"),
            Owner::Step {
                flow: "buyer".to_string(),
                step: "lost".to_string()
            }
        );
        assert_eq!(
            owner_of("unknown value \"phne\""),
            Owner::Service {
                id: "sos".to_string()
            }
        );
        let sv = base().join("locales/sv/main.ftl");
        let stripped = std::fs::read_to_string(&sv)
            .expect("sv texts")
            .lines()
            .filter(|l| !l.starts_with("buyer-intro"))
            .collect::<Vec<_>>()
            .join("\n");
        let report = crate::load::check(&document.with_file(&sv, stripped), &options());
        let missing = report
            .diagnostics
            .iter()
            .find(|d| d.message.starts_with("message \"buyer-intro\" is missing"))
            .expect("the missing message");
        assert!(matches!(&missing.owner, Owner::Step { flow, .. } if flow == "buyer"));
    }
}

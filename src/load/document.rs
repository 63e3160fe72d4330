//! The document: everything in the flow and locale folders, as read, and its lenient
//! view. It is made once at the IO edge ([`Document::read`]) or from texts in memory
//! ([`Document::from_memory`], for tests and fuzzing), and everything after it is pure:
//! `check` and `build` read it, and the staff tools picture, report and compare it.

use std::path::{Path, PathBuf};

use super::content::Content;
use super::diag::{Diagnostic, Owner, Report};
use super::files::{self, Listing, Sources};
use super::span::SourceFile;

/// The files of a flow folder and a locale folder. Lossless: every file that could be
/// read is here as its text, also one that does not parse (its view keeps what the
/// parser recovered, and its first error).
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

    /// This document without one file.
    pub fn without_file(&self, path: &Path) -> Document {
        let files: Vec<(PathBuf, String)> = self
            .texts()
            .into_iter()
            .filter(|(p, _)| p != path)
            .collect();
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

    /// The first 8 bytes of a hash of every file read: the flow set's version.
    pub fn version(&self) -> u64 {
        self.sources.version
    }

    /// The part of the content a diagnostic points into (see [`Content::owner_at`]).
    pub fn owner_at(&self, d: &Diagnostic) -> Owner {
        self.content.owner_at(&d.file, d.offset, d.line)
    }
}

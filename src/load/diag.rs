//! Diagnostics: one problem, where it is, how bad it is, in words staff can act on.

use std::fmt;
use std::path::{Path, PathBuf};

use super::summary::Completeness;

/// How bad a diagnostic is; errors sort before warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The files cannot be served: `check` fails and a reload is refused.
    Error,
    /// The files can be served, but something deserves a look.
    Warning,
}

/// What a diagnostic is about: the part of the content that owns the place it points
/// at. The staff tools attach their marks by owner (a step of a flow, a service), so
/// no tool has to work out from a line number which part a finding belongs to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Owner {
    /// A file or folder as a whole, or a place in it no part below holds.
    #[default]
    File,
    /// `bot.toml`.
    Settings,
    /// A flow file outside its steps (its id, start, deep links). `flow` is the flow's
    /// id as the document reads it (the file name without `.toml` when it has none).
    Flow {
        /// The flow's id.
        flow: String,
    },
    /// One step of a flow.
    Step {
        /// The flow's id.
        flow: String,
        /// The step's id.
        step: String,
    },
    /// One `[services.<id>]` entry, in `services.toml` or an area file.
    Service {
        /// The service's id.
        id: String,
    },
    /// One message (or term, with its `-`) of one language's texts.
    Message {
        /// The language code.
        lang: String,
        /// The message id.
        id: String,
    },
}

/// What kind of finding a diagnostic is, where the staff tools show kinds apart (the
/// marks on a picture of a flow).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// Any other finding.
    #[default]
    Other,
    /// A step or flow nothing leads to.
    Unreachable,
    /// A step that neither waits, goes on nor ends.
    DeadEnd,
}

/// One problem. `line` and `col` count from 1; 0 means "the whole file".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file the problem is in.
    pub file: PathBuf,
    /// The line, from 1 (0: the whole file).
    pub line: usize,
    /// The column, from 1 (0: the whole file).
    pub col: usize,
    /// The byte offset in the file that `line` and `col` describe, when there is one.
    pub offset: Option<usize>,
    /// The part of the content it is about; set by the loader for every diagnostic it
    /// reports (see [`crate::load::Document::owner_at`]).
    pub owner: Owner,
    /// The kind of finding, for the marks of the staff tools.
    pub kind: Kind,
    /// Lower-case, no trailing period; may end with a hint ("did you mean ...?").
    pub message: String,
}

impl Diagnostic {
    /// An error at a place in a file.
    pub fn error(file: &Path, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            line,
            col,
            offset: None,
            owner: Owner::File,
            kind: Kind::Other,
            message: message.into(),
        }
    }

    /// The same diagnostic, pointing at a byte offset of its file.
    pub fn at_offset(self, offset: usize) -> Self {
        Diagnostic {
            offset: Some(offset),
            ..self
        }
    }

    /// The same diagnostic, of the given kind.
    pub fn of_kind(self, kind: Kind) -> Self {
        Diagnostic { kind, ..self }
    }

    /// The same diagnostic, about the given part.
    pub fn owned_by(self, owner: Owner) -> Self {
        Diagnostic { owner, ..self }
    }

    /// A warning at a place in a file.
    pub fn warning(file: &Path, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, line, col, message)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.line == 0 {
            write!(f, "{}: {level}: {}", self.file.display(), self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {level}: {}",
                self.file.display(),
                self.line,
                self.col,
                self.message
            )
        }
    }
}

/// Everything `check` found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every problem found, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// How complete each offered language is, in `bot.toml` order.
    pub completeness: Vec<Completeness>,
    /// How long ago each service with a `verified_on` date was verified, as of the date
    /// the check was made for, in the document's order (`services.toml`, then the
    /// chosen area's file).
    pub verifications: Vec<VerificationAge>,
}

/// One service's verification age, and whether it is older than `check` accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationAge {
    /// The file the service is written in.
    pub file: PathBuf,
    /// The service's id.
    pub id: String,
    /// Days since `verified_on` (negative for a date in the future).
    pub days: i32,
    /// More than [`crate::load::VERIFICATION_MAX_AGE_DAYS`] days.
    pub stale: bool,
}

impl Report {
    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// How many errors were found.
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// How many warnings were found.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Errors first, then warnings, each in file, line, column order.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = self.diagnostics.iter().collect();
        all.sort_by(|a, b| {
            (a.severity, &a.file, a.line, a.col, &a.message)
                .cmp(&(b.severity, &b.file, b.line, b.col, &b.message))
        });
        all
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.sorted() {
            writeln!(f, "{d}")?;
        }
        write!(
            f,
            "{} error(s), {} warning(s)",
            self.errors(),
            self.warnings()
        )
    }
}

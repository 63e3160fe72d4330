//! The files being edited: as they were when opened (or last saved), the edits not yet
//! saved (a draft, kept in memory only), and what `check` says about the two together.
//! Every edit replaces a whole file's text in the draft; saving writes the files whose
//! text differs, and only when the set has no errors and nobody changed them on disk
//! since they were opened.

pub(super) mod fluent;
mod save;
pub(super) mod service;
pub(super) mod understanding;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub(super) use save::Saved;

use super::adapter::{self, Document, FlowSet, LoadOptions, Report};

/// The document and what `check` made of it.
pub(super) struct Checked {
    pub document: Document,
    pub report: Report,
    pub set: Option<FlowSet>,
}

pub(super) struct Workspace {
    flows: PathBuf,
    locales: PathBuf,
    options: LoadOptions,
    /// Each file's text when it was read (or last saved): what the disk must still hold
    /// for a save to write over it.
    opened: BTreeMap<PathBuf, String>,
    /// Files edited and not saved, with their whole new text.
    draft: BTreeMap<PathBuf, String>,
    /// The files as opened.
    pub base: Checked,
    /// The files as opened with the draft over them.
    pub current: Checked,
    /// The questions and intents of `bot.toml` with examples, as the draft has them:
    /// found once per edit, not on every load of the start page.
    tables: Vec<(&'static str, String)>,
}

fn checked(document: Document, options: &LoadOptions) -> Checked {
    let (set, report) = adapter::analyse(&document, options);
    Checked {
        document,
        report,
        set,
    }
}

impl Workspace {
    /// Reads the two folders (and nothing else).
    pub(super) fn open(flows: &Path, locales: &Path, options: LoadOptions) -> Workspace {
        let document = adapter::read(flows, locales);
        let opened = adapter::texts(&document);
        let current = checked(adapter::from_texts(flows, locales, &opened), &options);
        let mut workspace = Workspace {
            flows: flows.to_path_buf(),
            locales: locales.to_path_buf(),
            base: checked(document, &options),
            current,
            options,
            opened,
            draft: BTreeMap::new(),
            tables: Vec::new(),
        };
        workspace.find_tables();
        workspace
    }

    fn find_tables(&mut self) {
        let file = &self.current.document.content().settings_file;
        self.tables = self
            .text(file)
            .map(understanding::tables)
            .unwrap_or_default();
    }

    /// The questions and intents of `bot.toml` that have examples: (kind, id).
    pub(super) fn tables(&self) -> &[(&'static str, String)] {
        &self.tables
    }

    /// The text of a file as it now stands in the draft.
    pub(super) fn text(&self, path: &Path) -> Option<&str> {
        self.draft
            .get(path)
            .or_else(|| self.opened.get(path))
            .map(String::as_str)
    }

    /// The locales folder.
    pub(super) fn locales(&self) -> &Path {
        &self.locales
    }

    /// The day the set is checked for (`--today`).
    pub(super) fn today(&self) -> jiff::civil::Date {
        self.options.today
    }

    /// Files with edits not saved.
    pub(super) fn edited(&self) -> Vec<&Path> {
        self.draft.keys().map(PathBuf::as_path).collect()
    }

    /// Puts new texts into the draft. Only files that were read from the two folders
    /// can be edited: nothing else is ever written.
    pub(super) fn edit(&mut self, files: Vec<(PathBuf, String)>) -> Result<(), String> {
        if files.is_empty() {
            return Ok(());
        }
        for (path, text) in files {
            let Some(opened) = self.opened.get(&path) else {
                return Err(format!("{} is not one of the files read", path.display()));
            };
            if *opened == text {
                self.draft.remove(&path);
            } else {
                self.draft.insert(path, text);
            }
        }
        self.recheck();
        Ok(())
    }

    /// Forgets the draft.
    pub(super) fn discard(&mut self) {
        self.draft.clear();
        self.recheck();
    }

    fn recheck(&mut self) {
        let mut texts = self.opened.clone();
        texts.extend(self.draft.iter().map(|(p, t)| (p.clone(), t.clone())));
        self.current = checked(
            adapter::from_texts(&self.flows, &self.locales, &texts),
            &self.options,
        );
        self.find_tables();
    }

    /// `signpost diff` from the files as opened to the draft.
    pub(super) fn diff(&self) -> String {
        adapter::diff(&self.base.document, &self.current.document)
    }

    /// Writes the draft's files, when the set has no errors and none was changed on
    /// disk since it was opened; else writes nothing and keeps the draft.
    pub(super) fn save(&mut self) -> Saved {
        if self.draft.is_empty() {
            return Saved::Nothing;
        }
        if self.current.report.errors() > 0 {
            return Saved::HasErrors(self.current.report.errors());
        }
        let outcome = save::write(&self.flows, &self.locales, &self.opened, &self.draft);
        if let Saved::Written(paths) = &outcome {
            for path in paths {
                if let Some(text) = self.draft.remove(path) {
                    self.opened.insert(path.clone(), text);
                }
            }
            self.base = checked(
                adapter::from_texts(&self.flows, &self.locales, &self.opened),
                &self.options,
            );
            self.recheck();
        }
        outcome
    }
}

//! `signpost studio`: a web page over the flow and locale folders, so that staff and
//! translators see each flow, edit a step's words in every language and a service's
//! facts, try the conversation, and save, without editing TOML or Fluent by hand. The
//! files stay the one truth: the studio reads them as `check` does, keeps edits as a
//! draft in memory, and writes only changed lines of a set without errors.
//!
//! `server` is the HTTP side and what keeps it private; `pages` renders HTML on the
//! server (escaped by construction, no script); `editing` turns a form into new file
//! texts and saves them; `adapter` holds every call into the rest of signpost.

mod adapter;
mod editing;
mod pages;
mod server;

pub(crate) use server::{Options, serve};

use std::sync::{Mutex, MutexGuard};

use editing::Workspace;
use server::security::Secrets;

/// One running studio.
pub(crate) struct Studio {
    secrets: Secrets,
    /// The Host header values it answers to.
    hosts: Vec<String>,
    workspace: Mutex<Workspace>,
}

impl Studio {
    fn workspace(&self) -> MutexGuard<'_, Workspace> {
        // A panic while editing leaves the draft as it was before the edit's last step;
        // keep serving it rather than refusing every page.
        self.workspace.lock().unwrap_or_else(|e| e.into_inner())
    }
}

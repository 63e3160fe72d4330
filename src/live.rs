//! Live flows: the flow set in service, replaced as a whole when staff change the files.
//!
//! A reload loads and checks the folders exactly as `signpost check` does. A valid set
//! replaces the running one in one step (an update takes its snapshot, an `Arc`, when it
//! starts, so no conversation sees half a change); an invalid one is refused, its report
//! logged, and the running set keeps serving. Sessions name steps by id and carry the
//! set's version, so the engine continues conversations sensibly across a change.
//!
//! Changes are noticed by polling the folders' file names, sizes and modification times
//! (cheap for a few dozen files, and it works on every file system, network mounts and
//! editors that replace files included), and on demand (SIGHUP in `signpost run`).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::SystemTime;

use crate::load::{self, Report};
use crate::model::FlowSet;

/// What a reload did.
#[derive(Debug)]
pub enum Reload {
    /// The files are as they were at the last (attempted) load.
    Unchanged,
    /// A new set is live.
    Replaced {
        /// The new set's [`FlowSet::version`].
        version: u64,
    },
    /// The files changed but do not check; the running set stays.
    Refused(Report),
}

/// The flow set in service and where it comes from.
pub struct LiveFlows {
    current: RwLock<Arc<FlowSet>>,
    flows: PathBuf,
    locales: PathBuf,
    /// The files as last seen, so an unchanged folder is not loaded again and a refused
    /// change is reported once, not at every poll.
    seen: Mutex<Fingerprint>,
}

impl LiveFlows {
    /// Puts `set`, loaded from these folders, in service.
    pub fn new(set: FlowSet, flows: &Path, locales: &Path) -> LiveFlows {
        LiveFlows {
            current: RwLock::new(Arc::new(set)),
            flows: flows.to_path_buf(),
            locales: locales.to_path_buf(),
            seen: Mutex::new(Fingerprint::of(&[flows, locales])),
        }
    }

    /// The set to handle one update with.
    pub fn current(&self) -> Arc<FlowSet> {
        // A poisoned lock only means a panic elsewhere while holding it; the `Arc`
        // inside is still whole.
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Reloads if the files changed since they were last seen.
    pub fn reload_if_changed(&self) -> Reload {
        let now = Fingerprint::of(&[&self.flows, &self.locales]);
        {
            let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
            if *seen == now {
                return Reload::Unchanged;
            }
            *seen = now;
        }
        self.reload()
    }

    /// Loads and checks the folders and, if valid, puts the new set in service.
    pub fn reload(&self) -> Reload {
        let (set, report) = load::load(&self.flows, &self.locales);
        match set {
            Some(set) => {
                let version = set.version;
                *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(set);
                Reload::Replaced { version }
            }
            None => Reload::Refused(report),
        }
    }
}

/// Names, sizes and modification times of every file under some folders.
#[derive(Debug, Default, PartialEq, Eq)]
struct Fingerprint(Vec<(PathBuf, u64, Option<SystemTime>)>);

impl Fingerprint {
    fn of(roots: &[&Path]) -> Fingerprint {
        let mut entries = Vec::new();
        for root in roots {
            collect(root, 0, &mut entries);
        }
        entries.sort();
        Fingerprint(entries)
    }
}

/// Folders deeper than this are not part of a flow set (`locales/<lang>/` is the
/// deepest); the bound also stops a symlink loop.
const MAX_DEPTH: usize = 3;

fn collect(dir: &Path, depth: usize, out: &mut Vec<(PathBuf, u64, Option<SystemTime>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if meta.is_dir() {
            if depth < MAX_DEPTH {
                collect(&path, depth + 1, out);
            }
        } else {
            out.push((path, meta.len(), meta.modified().ok()));
        }
    }
}

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
    Replaced { version: u64 },
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

#[cfg(test)]
mod tests {
    use super::*;

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    fn fixture() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/engine");
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&root.join("flows"), &dir.path().join("flows"));
        copy_dir(&root.join("locales"), &dir.path().join("locales"));
        let flows = dir.path().join("flows");
        let locales = dir.path().join("locales");
        (dir, flows, locales)
    }

    fn live(flows: &Path, locales: &Path) -> LiveFlows {
        let (set, report) = load::load(flows, locales);
        LiveFlows::new(set.unwrap_or_else(|| panic!("{report}")), flows, locales)
    }

    #[test]
    fn unchanged_files_are_not_reloaded() {
        let (_dir, flows, locales) = fixture();
        let live = live(&flows, &locales);
        assert!(matches!(live.reload_if_changed(), Reload::Unchanged));
    }

    #[test]
    fn a_valid_change_replaces_the_set_and_an_invalid_one_is_refused() {
        let (_dir, flows, locales) = fixture();
        let live = live(&flows, &locales);
        let before = live.current();

        let sv = locales.join("sv/main.ftl");
        let text = std::fs::read_to_string(&sv).unwrap();
        std::fs::write(&sv, text.replace("[sv] hello", "[sv] hej och välkommen")).unwrap();
        let Reload::Replaced { version } = live.reload_if_changed() else {
            panic!("a valid change must be taken");
        };
        assert_ne!(version, before.version);
        assert_eq!(live.current().version, version);
        // The snapshot taken before the change is still whole.
        assert_eq!(before.flows.len(), live.current().flows.len());

        let menu = flows.join("menu.toml");
        let text = std::fs::read_to_string(&menu).unwrap();
        std::fs::write(
            &menu,
            text.replace("goto = \"info\" }", "goto = \"infoo\" }"),
        )
        .unwrap();
        let Reload::Refused(report) = live.reload_if_changed() else {
            panic!("a broken change must be refused");
        };
        assert!(
            report.to_string().contains("unknown step \"infoo\""),
            "{report}"
        );
        assert_eq!(
            live.current().version,
            version,
            "the running set keeps serving"
        );
        // A refused change is reported once, not at every poll.
        assert!(matches!(live.reload_if_changed(), Reload::Unchanged));
    }
}

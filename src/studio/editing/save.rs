//! Writing the draft: each file to a temporary file beside it, then renamed over it, so
//! a running bot's live reload reads either the old file or the new one, never half.
//! Nothing is written when any file changed on disk since it was opened.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a save did.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Saved {
    /// Nothing to save.
    Nothing,
    /// The files written.
    Written(Vec<PathBuf>),
    /// The set has this many errors: kept as a draft.
    HasErrors(usize),
    /// These files changed on disk since they were opened: nothing written.
    ChangedOnDisk(Vec<PathBuf>),
    /// A file could not be written (the ones before it were).
    Failed(String),
}

/// Whether `path` lies inside `dir` (both as on disk, symlinks resolved), and is itself
/// a plain file.
fn inside(path: &Path, dir: &Path) -> bool {
    let plain = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
    let (Ok(path), Ok(dir)) = (path.canonicalize(), dir.canonicalize()) else {
        return false;
    };
    plain && path.starts_with(dir)
}

pub(super) fn write(
    flows: &Path,
    locales: &Path,
    opened: &BTreeMap<PathBuf, String>,
    draft: &BTreeMap<PathBuf, String>,
) -> Saved {
    let mut changed = Vec::new();
    for path in draft.keys() {
        if !(inside(path, flows) || inside(path, locales)) {
            return Saved::Failed(format!(
                "{} is not a file inside the flow or locale folder",
                path.display()
            ));
        }
        let on_disk = std::fs::read(path).ok();
        if on_disk.as_deref() != opened.get(path).map(String::as_bytes) {
            changed.push(path.clone());
        }
    }
    if !changed.is_empty() {
        return Saved::ChangedOnDisk(changed);
    }
    let mut written = Vec::new();
    for (path, text) in draft {
        if let Err(e) = atomic_write(path, text.as_bytes()) {
            return Saved::Failed(format!("{}: {e}", path.display()));
        }
        written.push(path.clone());
    }
    Saved::Written(written)
}

/// Writes `bytes` to `path` through a temporary file in the same folder (whose name the
/// loader does not read: it ends neither in `.toml` nor in `.ftl`).
fn atomic_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.studio-tmp"));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_on_disk_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let (flows, locales) = (dir.path().join("flows"), dir.path().join("locales"));
        std::fs::create_dir_all(&flows).unwrap();
        std::fs::create_dir_all(&locales).unwrap();
        let file = flows.join("a.toml");
        std::fs::write(&file, "x = 2\n").unwrap();
        let opened = BTreeMap::from([(file.clone(), "x = 1\n".to_string())]);
        let draft = BTreeMap::from([(file.clone(), "x = 3\n".to_string())]);
        assert_eq!(
            write(&flows, &locales, &opened, &draft),
            Saved::ChangedOnDisk(vec![file.clone()])
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "x = 2\n");
        let opened = BTreeMap::from([(file.clone(), "x = 2\n".to_string())]);
        assert_eq!(
            write(&flows, &locales, &opened, &draft),
            Saved::Written(vec![file.clone()])
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "x = 3\n");
    }

    #[test]
    fn nothing_outside_the_folders_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let (flows, locales) = (dir.path().join("flows"), dir.path().join("locales"));
        std::fs::create_dir_all(&flows).unwrap();
        std::fs::create_dir_all(&locales).unwrap();
        let outside = dir.path().join("key");
        std::fs::write(&outside, "k").unwrap();
        let opened = BTreeMap::from([(outside.clone(), "k".to_string())]);
        let draft = BTreeMap::from([(outside.clone(), "x".to_string())]);
        assert!(matches!(
            write(&flows, &locales, &opened, &draft),
            Saved::Failed(_)
        ));
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "k");
    }
}

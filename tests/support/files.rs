//! The repository's files as the tests see them: where the fixtures are, and copies of
//! them that a test may edit.
//!
//! Every fixture lives under one root, `tests/fixtures/`: `base/` (a small valid set),
//! `broken/` (one `check` case per file, pinned), `engine/` (the engine's set),
//! `dead_end/` (flows the bot refuses to start with), `studio/` (a copy of `base/` with
//! comments, for the studio suite), `staff/` (sets for the staff
//! tools) and `transcripts/` (the golden transcripts of the shipped flows).

use std::path::{Path, PathBuf};

/// The repository's folder (for `flows/` and `locales/`).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The one root of the test fixtures.
pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures")
}

/// One fixture: `fixture("base")` is `tests/fixtures/base`.
pub fn fixture(name: &str) -> PathBuf {
    fixtures().join(name)
}

/// Copies the folder `from` with everything in it to `to`, creating `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    let entries =
        std::fs::read_dir(from).unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display()));
        let target = to.join(entry.file_name());
        let is_dir = entry
            .file_type()
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", entry.path().display()))
            .is_dir();
        if is_dir {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("cannot copy to {}: {e}", target.display()));
        }
    }
}

/// Replaces `from` with `to` in `file`, which must contain `from`.
pub fn replace_in(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    assert!(text.contains(from), "{from:?} is not in {}", file.display());
    std::fs::write(file, text.replace(from, to))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", file.display()));
}

/// Every file below `dir`, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

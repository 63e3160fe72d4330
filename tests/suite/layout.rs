//! The tests' own layout: one test binary, `tests/suite/`, with every suite a module of
//! it, so `tests/support/` is compiled once. Cargo makes a binary of every `tests/*.rs`
//! and `tests/*/main.rs`, and silently leaves out a file of `tests/suite/` that
//! `main.rs` does not name: both mistakes fail here instead.

use std::collections::BTreeSet;

use crate::support::files::repo;

/// The names of the `.rs` files and the folders in `dir` (`name` for `name.rs`).
fn entries(dir: &std::path::Path) -> Vec<(String, bool)> {
    let mut found: Vec<(String, bool)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap_or_else(|e| panic!("{e}")).path())
        .filter_map(|path| {
            let is_dir = path.is_dir();
            if !is_dir && path.extension().is_none_or(|e| e != "rs") {
                return None;
            }
            let name = path.file_stem()?.to_str()?.to_owned();
            Some((name, is_dir))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn the_suite_is_the_only_test_binary() {
    let tests = repo().join("tests");
    let binaries: Vec<String> = entries(&tests)
        .into_iter()
        .filter(|(name, is_dir)| !is_dir || tests.join(name).join("main.rs").is_file())
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        binaries,
        ["suite"],
        "every suite belongs in tests/suite/ as a module of tests/suite/main.rs"
    );
}

#[test]
fn every_file_of_the_suite_is_a_module() {
    let suite = repo().join("tests/suite");
    let main = std::fs::read_to_string(suite.join("main.rs"))
        .unwrap_or_else(|e| panic!("cannot read tests/suite/main.rs: {e}"));
    let declared: BTreeSet<&str> = main
        .lines()
        .filter_map(|line| line.strip_prefix("mod ")?.strip_suffix(';'))
        .filter(|name| *name != "support")
        .collect();
    let files: BTreeSet<String> = entries(&suite)
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| name != "main")
        .collect();
    let files: BTreeSet<&str> = files.iter().map(String::as_str).collect();
    assert_eq!(
        declared, files,
        "tests/suite/main.rs names every file beside it"
    );
    assert!(
        declared.contains("layout"),
        "this suite is found: {declared:?}"
    );
}

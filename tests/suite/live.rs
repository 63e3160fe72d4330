//! Live flows (`signpost::live`) on a copy of the engine's fixture set: unchanged files
//! are not reloaded, a valid change replaces the set in service, a broken one is refused
//! once and the running set keeps serving.

use std::path::{Path, PathBuf};

use signpost::live::{LiveFlows, Reload};

use crate::support::files::{copy_dir, fixture, replace_in};

fn fixture_copy() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    copy_dir(&fixture("engine"), dir.path());
    let flows = dir.path().join("flows");
    let locales = dir.path().join("locales");
    (dir, flows, locales)
}

fn live(flows: &Path, locales: &Path) -> LiveFlows {
    let (set, report) = signpost::load::load(flows, locales);
    LiveFlows::new(set.unwrap_or_else(|| panic!("{report}")), flows, locales)
}

#[test]
fn unchanged_files_are_not_reloaded() {
    let (_dir, flows, locales) = fixture_copy();
    let live = live(&flows, &locales);
    assert!(matches!(live.reload_if_changed(), Reload::Unchanged));
}

#[test]
fn a_valid_change_replaces_the_set_and_an_invalid_one_is_refused() {
    let (_dir, flows, locales) = fixture_copy();
    let live = live(&flows, &locales);
    let before = live.current();

    replace_in(
        &locales.join("sv/main.ftl"),
        "[sv] hello",
        "[sv] hej och välkommen",
    );
    let Reload::Replaced { version } = live.reload_if_changed() else {
        panic!("a valid change must be taken");
    };
    assert_ne!(version, before.version);
    assert_eq!(live.current().version, version);
    // The snapshot taken before the change is still whole.
    assert_eq!(before.flows.len(), live.current().flows.len());

    replace_in(
        &flows.join("menu.toml"),
        "goto = \"info\" }",
        "goto = \"infoo\" }",
    );
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

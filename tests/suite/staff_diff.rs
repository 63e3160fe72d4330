//! `signpost diff OLD NEW`: its output on two small versions of a flow folder, pinned.

use std::path::Path;
use std::process::Command;

use signpost::load::Document;
use signpost::staff::diff::diff;

const OLD: &str = "tests/fixtures/staff/diff/old";
const NEW: &str = "tests/fixtures/staff/diff/new";

fn read(dir: &str) -> Document {
    let dir = Path::new(dir);
    Document::read(&dir.join("flows"), &dir.join("locales"))
}

/// Everything a reviewer needs, in a stable order: settings, flows and their steps,
/// deep links, texts per language, services.
const EXPECTED: &str = r#"
Settings (bot.toml)
  languages:
    + ar
  area: (none) -> "town"
  intent emergency:
    - any: 112
    + any: 112, sos

Flows
  ~ flow "menu"
      ~ step "hello"
          buttons:
            + menu-info -> flow "info"
          typed answers:
            - [en] help -> step "help"
      ~ step "help"
          says:
            + menu-count { units = 2 }
          signposts:
            + clinic
          next: "bye" -> (none)
          end: no -> yes
      - step "bye"
      + step "later"
  - flow "retired" (retired.toml)
  + flow "info" (info.toml), steps: a

Deep links
  ~ menu_sv: flow "menu", language sv -> flow "menu", language en
  - retired -> flow "retired"
  + menu_ar -> flow "menu", language ar

Texts
  sv
    + info-a
        + info-a = Information
    - menu-bye
        - menu-bye = Hej då
    + menu-count
        + menu-count = { $units ->
        +     [one] En mottagning
        +    *[other] { $units } mottagningar
        + }
    ~ menu-help-text
        -     Ring oss.
        +     Ring oss dygnet runt.
    + menu-info
        + menu-info = Mer information
    + menu-later
        + menu-later = Senare
    - retired-a
        - retired-a = Pensionerad
  en
    + info-a
        + info-a = Information
    - menu-bye
        - menu-bye = Bye
    + menu-count
        + menu-count = { $units } clinics
    ~ menu-hello
        - menu-hello = Hello!
        + menu-hello = Hi!
    ~ menu-help-text
        -     Call us.
        +     Call us any time.
    + menu-info
        + menu-info = More information
    + menu-later
        + menu-later = Later
    - retired-a
        - retired-a = Retired
  + language "ar": 2 message(s)

Services
  ~ service "line"
      contacts:
        + web https://line.example.org
      hours: (none) -> "mon 09:00-17:00; tue-sun closed"
      verified_on: "2026-01-10" -> "2026-06-01"
  - service "gone" (Closed down)
  + service "clinic" (The clinic)
  + service "town-on-call" (Town on-call)
  roles:
    - @local-on-call → line (fallback)
    + @local-on-call → town-on-call

33 change(s)
"#;

#[test]
fn the_changes_between_two_versions_are_pinned() {
    assert_eq!(diff(&read(OLD), &read(NEW)), EXPECTED.trim_start());
}

#[test]
fn a_version_compared_with_itself_has_no_changes() {
    assert_eq!(diff(&read(NEW), &read(NEW)), "no changes\n");
}

#[test]
fn the_command_finds_the_locales_beside_the_flows() {
    let bin = env!("CARGO_BIN_EXE_signpost");
    let output = Command::new(bin)
        .args([
            "diff",
            "tests/fixtures/staff/diff/old/flows",
            "tests/fixtures/staff/diff/new/flows",
        ])
        .output()
        .expect("signpost runs");
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        EXPECTED.trim_start()
    );

    // The same locales, named: the same output.
    let output = Command::new(bin)
        .args([
            "diff",
            "tests/fixtures/staff/diff/old/flows",
            "tests/fixtures/staff/diff/new/flows",
        ])
        .args(["--old-locales", "tests/fixtures/staff/diff/old/locales"])
        .args(["--new-locales", "tests/fixtures/staff/diff/new/locales"])
        .output()
        .expect("signpost runs");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        EXPECTED.trim_start()
    );

    let output = Command::new(bin)
        .args([
            "diff",
            "tests/fixtures/staff/diff/old/flows",
            "tests/fixtures/staff/diff/nowhere",
        ])
        .output()
        .expect("signpost runs");
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("tests/fixtures/staff/diff/nowhere is not a folder")
    );
}

/// A step that starts offering the handover shows in the diff and as a tag in the report.
#[test]
fn a_step_that_offers_a_handover_shows_in_the_diff_and_the_report() {
    let new = read(NEW);
    let menu = Path::new(NEW).join("flows/menu.toml");
    let text = std::fs::read_to_string(&menu).expect("the fixture reads");
    let offering = new.with_file(
        &menu,
        text.replacen("[steps.help]\n", "[steps.help]\nhandover = true\n", 1),
    );
    let changes = diff(&new, &offering);
    assert!(changes.contains("~ step \"help\""), "{changes}");
    assert!(changes.contains("handover: no -> yes"), "{changes}");

    let today = jiff::civil::date(2026, 12, 1);
    let report = signpost::load::check(&offering, &signpost::load::LoadOptions { today });
    let page = signpost::staff::report::html(&offering, &report, today);
    assert!(page.contains("<span class=\"tag\">offers a talk with a person</span>"));
    let before = signpost::staff::report::html(&new, &report, today);
    assert!(!before.contains("offers a talk with a person"));
}

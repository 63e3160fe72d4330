//! `signpost check` against fixtures: a small valid set under `fixtures/base`, and one
//! broken case per check under `fixtures/broken/<name>.txt`, each pinned to the exact
//! output.
//!
//! A case file starts with a few words on what it checks, then holds sections. `=== flows/main.toml ===` followed by text replaces or
//! adds that file in a copy of the base set; `=== delete flows/main.toml ===` removes it;
//! the last section, `=== expected ===`, is what `signpost check` must print. In file
//! sections, `{U+202E}` stands for that (invisible) character, and the lines between
//! `{repeat N}` and `{end}` are written N times, with `{i}` replaced by 1..=N and
//! `{next}` by the number after it.
//!
//! After a deliberate change of wording, regenerate the expectations with
//! `SIGNPOST_UPDATE_EXPECT=1 cargo test --locked --test suite check::` and review the diff.

use std::path::Path;
use std::path::PathBuf;
use std::process::Command;

use crate::support::files::{copy_dir, fixtures};
use signpost::load::Document;

/// The date every case is checked on, so verification ages never depend on the clock.
const TODAY: &str = "2026-03-01";

/// Runs `signpost check` in `dir` with relative paths, so the output is stable.
fn run_check(dir: &Path) -> (String, bool) {
    let output = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args([
            "check",
            "--today",
            TODAY,
            "--flows",
            "flows",
            "--locales",
            "locales",
        ])
        .current_dir(dir)
        .env_remove("SIGNPOST_FLOWS")
        .env_remove("SIGNPOST_LOCALES")
        .output()
        .expect("the signpost binary runs");
    let stdout = String::from_utf8(output.stdout).expect("output is UTF-8");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.is_empty(), "check wrote to stderr: {stderr}");
    (stdout, output.status.success())
}

struct Case {
    /// (path, content); `None` deletes the file.
    files: Vec<(String, Option<String>)>,
    expected: String,
}

fn parse_case(text: &str) -> Case {
    let mut sections: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        let header = line
            .trim_end()
            .strip_prefix("=== ")
            .and_then(|l| l.strip_suffix(" ==="));
        match header {
            Some(name) => sections.push((name.to_string(), String::new())),
            // Text before the first section says what the case is about.
            None => {
                if let Some((_, body)) = sections.last_mut() {
                    body.push_str(line);
                }
            }
        }
    }
    let (last, expected) = sections.pop().expect("a case has sections");
    assert_eq!(
        last, "expected",
        "the last section must be === expected ==="
    );
    let files = sections
        .into_iter()
        .map(|(name, body)| match name.strip_prefix("delete ") {
            Some(path) => (path.to_string(), None),
            None => (name, Some(expand(&body))),
        })
        .collect();
    Case { files, expected }
}

/// `{U+XXXX}` escapes and `{repeat N}` ... `{end}` blocks.
fn expand(body: &str) -> String {
    let mut out = String::new();
    let mut lines = body.split_inclusive('\n');
    while let Some(line) = lines.next() {
        if let Some(n) = line
            .trim()
            .strip_prefix("{repeat ")
            .and_then(|l| l.strip_suffix('}'))
        {
            let n: usize = n.parse().expect("a repeat count");
            let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "{end}").collect();
            for i in 1..=n {
                for l in &block {
                    let line = l.replace("{i}", &i.to_string());
                    out.push_str(&line.replace("{next}", &(i + 1).to_string()));
                }
            }
        } else {
            out.push_str(line);
        }
    }
    let mut result = String::new();
    let mut rest = out.as_str();
    while let Some(start) = rest.find("{U+") {
        result.push_str(&rest[..start]);
        let end = rest[start..].find('}').expect("a closed {U+...}") + start;
        let code = u32::from_str_radix(&rest[start + 3..end], 16).expect("a hex code point");
        result.push(char::from_u32(code).expect("a valid character"));
        rest = &rest[end + 1..];
    }
    result.push_str(rest);
    result
}

/// Applies a broken case to a copy of the base set and compares the output.
fn check(case: &str) {
    let path = fixtures().join("broken").join(format!("{case}.txt"));
    let text = std::fs::read_to_string(&path).expect("read the case");
    let parsed = parse_case(&text);
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_dir(&fixtures().join("base"), dir.path());
    for (file, content) in &parsed.files {
        let target = dir.path().join(file);
        match content {
            Some(content) => {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).expect("create a folder");
                }
                std::fs::write(&target, content).expect("write a case file");
            }
            None => {
                if target.is_dir() {
                    std::fs::remove_dir_all(&target).expect("delete a folder");
                } else {
                    std::fs::remove_file(&target).expect("delete a file");
                }
            }
        }
    }
    let (output, success) = run_check(dir.path());
    if std::env::var_os("SIGNPOST_UPDATE_EXPECT").is_some() {
        let start = text
            .rfind("=== expected ===\n")
            .expect("an expected section");
        let updated = format!("{}=== expected ===\n{output}", &text[..start]);
        std::fs::write(&path, updated).expect("update the case");
        return;
    }
    assert_eq!(
        output, parsed.expected,
        "\n--- case {case}: got ---\n{output}--- expected ---\n{}",
        parsed.expected
    );
    let errors: usize = output
        .lines()
        .find(|l| l.ends_with(" warning(s)"))
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("a summary line");
    assert_eq!(
        success,
        errors == 0,
        "exit status does not match the errors"
    );
}

#[test]
fn base_set_is_clean() {
    let (output, success) = run_check(&fixtures().join("base"));
    assert_eq!(
        output,
        "0 error(s), 0 warning(s)\n\
         \n\
         language  messages  complete  review\n\
         sv           48/48      100%  reviewed\n\
         en           48/48      100%  machine-drafted\n"
    );
    assert!(success);
}

#[test]
fn base_set_builds_a_flow_set() {
    let base = fixtures().join("base");
    let options = signpost::load::LoadOptions {
        today: jiff::civil::date(2026, 3, 1),
    };
    let (set, report) =
        signpost::load::load_with(&base.join("flows"), &base.join("locales"), &options);
    assert_eq!(report.diagnostics, Vec::new());
    let set = set.expect("the base set builds");
    assert_eq!(set.flows.len(), 2);
    let main = set.flow_by_id("main").expect("the main flow");
    assert_eq!(set.settings.main_flow, main);
    let menu = set.step(set.main_start());
    assert_eq!(menu.id, "menu");
    // `flow = "buyer"` without `goto` leads to that flow's start.
    let buyer = set.flow_by_id("buyer").expect("the buyer flow");
    assert_eq!(menu.choices[1].target.flow, buyer);
    assert_eq!(set.step(menu.choices[1].target).id, "intro");
    assert!(menu.routes[1].matches_text("I need SUPPORT"));
    assert_eq!(menu.routes[0].lang.as_deref(), Some("sv"));
    assert_eq!(set.deep_links["buyer"].flow, buyer);
    assert_eq!(set.deep_links["start_sv"].lang.as_deref(), Some("sv"));
    let line = set.services.by_id("line").expect("the line service");
    let signposts =
        &set.flows[buyer].steps[set.flows[buyer].step_by_id("treatment").unwrap()].signposts;
    assert_eq!(signposts, &vec![line]);
    assert!(!set.services.services[set.services.by_id("draft").unwrap()].is_verified());
    assert_eq!(set.settings.languages, vec!["sv", "en"]);
    assert_eq!(set.locales.codes(), ["sv", "en"]);
    let keywords = |i: signpost::model::Intent| {
        set.settings
            .intents
            .iter()
            .find(|r| r.intent == i)
            .map(|r| r.keywords.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        keywords(signpost::model::Intent::Help),
        vec!["help", "hjälp"]
    );
    assert_eq!(
        keywords(signpost::model::Intent::Emergency),
        vec!["112", "sos", "police", "polis"]
    );
}

#[test]
fn version_depends_on_content_only() {
    let base = fixtures().join("base");
    let options = signpost::load::LoadOptions {
        today: jiff::civil::date(2026, 3, 1),
    };
    let version = |document: &Document| {
        signpost::load::build(document, &options)
            .expect("the set builds")
            .version
    };
    let read = Document::read(&base.join("flows"), &base.join("locales"));
    // The same files somewhere else.
    let elsewhere = |files: Vec<(PathBuf, String)>| {
        let moved = files.into_iter().filter_map(|(path, text)| {
            let relative = path.strip_prefix(&base).ok()?;
            Some((Path::new("elsewhere").join(relative), text))
        });
        Document::from_memory(
            Path::new("elsewhere/flows"),
            Path::new("elsewhere/locales"),
            moved,
        )
    };
    let copy = elsewhere(read.texts());
    assert_eq!(version(&read), version(&copy));
    let main = base.join("locales/en/main.ftl");
    let changed: Vec<(PathBuf, String)> = read
        .texts()
        .into_iter()
        .map(|(path, text)| {
            let text = if path == main {
                text.replace("Hello!", "Hi!")
            } else {
                text
            };
            (path, text)
        })
        .collect();
    assert_ne!(version(&read), version(&elsewhere(changed)));
}

/// Every case file has a test below, so none is forgotten.
#[test]
fn every_case_is_listed() {
    let mut found: Vec<String> = std::fs::read_dir(fixtures().join("broken"))
        .expect("the broken fixtures")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".txt").map(str::to_string))
        .collect();
    found.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.to_string()).collect();
    listed.sort();
    assert_eq!(found, listed);
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        const CASES: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                check(stringify!($name));
            }
        )*
    };
}

cases! {
    area_file,
    area_unbound_role,
    argument_not_given,
    argument_unused,
    bidi_character,
    boundary_less_pattern,
    builtin_argument,
    button_data_too_long,
    choice_without_target,
    closed_at_some_hour,
    holidays_closed,
    holidays_invalid,
    when_closed_not_always,
    local_cards,
    review_records,
    dead_end,
    deep_link_code,
    duplicate_deep_link,
    duplicate_flow_id,
    duplicate_message,
    duplicate_service,
    duplicate_step_id,
    every_problem_at_once,
    exit_word_as_answer,
    file_too_large,
    fluent_syntax_error,
    global_buttons_off,
    handover_settings,
    handover_step,
    half_verified,
    hidden_service_named,
    hours_invalid,
    invalid_regex,
    language_code,
    locale_not_offered,
    message_reference,
    missing_builtin,
    missing_file,
    missing_locale,
    missing_message,
    missing_message_typo,
    next_and_choices,
    next_chain_too_long,
    next_cycle,
    pattern_too_big,
    readability,
    review_status,
    route_language,
    route_words_invalid,
    service_fields,
    settings_unknown_names,
    shadowed_keyword,
    shown_without_source,
    step_too_long,
    text_too_long,
    toml_syntax_error,
    too_many_choices,
    too_many_routes,
    too_many_services,
    too_many_steps,
    unbound_role,
    too_many_taps,
    understanding_settings,
    unknown_area,
    unknown_flow,
    unknown_intent,
    unknown_key,
    unknown_service,
    unknown_start,
    unknown_step,
    unreachable_flow,
    unreachable_step,
    unused_service,
    unverified_emergency,
    unverified_service,
    verification_old,
    wrong_type,
}

/// The shipped directory: every service a person can be shown carries the public page
/// its facts come from, and every role is bound by the pilot area.
#[test]
fn every_shown_service_has_a_source_url() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (set, report) = signpost::load::load(&root.join("flows"), &root.join("locales"));
    let set = set.unwrap_or_else(|| panic!("the shipped flows do not load:\n{report}"));
    let shown: Vec<&signpost::model::Service> = set
        .services
        .services
        .iter()
        .filter(|s| s.is_verified())
        .collect();
    assert!(shown.len() >= 15, "{} shown services", shown.len());
    for service in &shown {
        let source = &service.verification.as_ref().expect("verified").source;
        assert!(
            source.starts_with("https://") && source.len() > "https://".len() + 3,
            "service {} has source {source:?}",
            service.id
        );
    }
    // A service with no contact is never a card: nothing shown looks like something to
    // dial that is not.
    for flow in &set.flows {
        for step in &flow.steps {
            for &index in &step.signposts {
                let service = &set.services.services[index];
                assert!(
                    service.is_verified() && !service.is_named_only(),
                    "{}",
                    service.id
                );
            }
        }
    }
    let preventell = set.services.by_id("preventell").expect("preventell");
    assert!(set.services.services[preventell].contacts.is_empty());
    // The pilot area binds every role to one of its own entries.
    assert_eq!(set.services.area.as_deref(), Some("norrkoping"));
    for (role, id) in [
        ("local-social-services", "norrkoping-kontaktcenter"),
        ("local-on-call", "norrkoping-socialjour"),
        ("local-violence-support", "norrkoping-frideborg"),
    ] {
        let binding = set.services.role(role).expect("a bound role");
        assert!(binding.bound_by_area, "{role}");
        assert_eq!(set.services.services[binding.service].id, id);
    }
    // Texts name services through the directory's terms.
    let en = set.locales.get("en").expect("English");
    assert_eq!(
        en.message("svc-norrkoping-kontaktcenter-meanwhile"),
        "While it is closed, call Socialjouren Norrköping. If it is urgent, call 112."
    );
}

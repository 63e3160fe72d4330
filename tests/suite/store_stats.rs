//! `signpost stats` as staff run it: the real binary, reading the counts a running store
//! has written (the store stays open, as it would in the bot), as a table and as CSV. A
//! day's counts reach the disk once the day has ended (or the bot stops), and never as a
//! small number.

use std::path::Path;
use std::process::Command;

use jiff::{SignedDuration, Timestamp};
use signpost::engine::Stat;
use signpost::store::{Sessions, StoreConfig, Ttl};

fn stats(data: &Path, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .arg("stats")
        .arg("--data")
        .arg(data)
        .args(args)
        .env_remove("SIGNPOST_DATA")
        .output()
        .expect("the binary runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn staff_read_the_counts_while_the_store_is_open() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let data = root.path().join("data");
    let config = StoreConfig {
        data: data.clone(),
        key_file: Some(root.path().join("signpost.key")),
        ttl: Ttl::default(),
    };
    let day1: Timestamp = "2025-03-01T10:00:00Z".parse().expect("a time");
    let day2 = day1 + SignedDuration::from_hours(24);
    let sessions = Sessions::open(&config, day1).expect("the store opens");
    let intro = Stat::Step {
        flow: "buyer".into(),
        step: "intro".into(),
    };
    for _ in 0..7 {
        sessions.count(&intro, day1);
    }
    sessions.count(
        &Stat::Signpost {
            service: "kast".into(),
        },
        day1,
    );
    for _ in 0..5 {
        sessions.count(&Stat::Intent { intent: "exit" }, day2);
    }
    sessions.maintain(day2).expect("maintain");

    // Day 2 is under way: only day 1 is on disk.
    let (ok, table, _) = stats(&data, &[]);
    assert!(ok);
    assert_eq!(
        table,
        "\
day         kind      name   step   count
2025-03-01  step      buyer  intro      7
2025-03-01  signpost  kast             <5

Days are UTC. Counts below 5 are shown as <5.
"
    );
    assert!(!data.join("stats/2025-03-02.json").exists());
    let day1_file = std::fs::read_to_string(data.join("stats/2025-03-01.json")).expect("day 1");
    assert!(day1_file.contains("\"fewer_than\": 5"), "{day1_file}");
    assert!(!day1_file.contains("\"count\": 1"), "{day1_file}");

    // At shutdown the day under way is written too.
    sessions.flush().expect("flush");
    let (ok, table, _) = stats(&data, &[]);
    assert!(ok);
    assert_eq!(
        table,
        "\
day         kind      name   step   count
2025-03-01  step      buyer  intro      7
2025-03-01  signpost  kast             <5
2025-03-02  intent    exit              5

Days are UTC. Counts below 5 are shown as <5.
"
    );

    let (ok, csv, _) = stats(
        &data,
        &["--csv", "--from", "2025-03-02", "--threshold", "6"],
    );
    assert!(ok);
    assert_eq!(
        csv,
        "day,kind,name,step,count\n2025-03-02,intent,exit,,<6\n"
    );

    let (ok, none, _) = stats(&data, &["--to", "2025-02-28"]);
    assert!(ok);
    assert!(
        none.starts_with("No statistics for these days in "),
        "{none}"
    );

    let (ok, _, error) = stats(&data, &["--from", "March"]);
    assert!(!ok);
    assert!(error.contains("--from"), "{error}");
}

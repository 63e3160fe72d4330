//! `signpost stats` as staff run it: the real binary, reading the counts a running store
//! has written (the store stays open, as it would in the bot), as a table and as CSV. A
//! day's counts reach the disk once, after the day has ended, and never as a small
//! number; over a restart they are carried sealed beside the key file, or dropped and the
//! day said to be short; the ways handover cases ended are one total when one is small.

use std::path::Path;
use std::process::Command;

use jiff::{SignedDuration, Timestamp};
use signpost::engine::{HandoverEvent, Stat};
use signpost::store::{Sessions, StoreConfig, Ttl};

use crate::support::store::opening;

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

    // At shutdown the day under way is not written; it is carried over the restart
    // and written once, after it has ended.
    sessions.flush().expect("flush");
    drop(sessions);
    assert!(!data.join("stats/2025-03-02.json").exists());
    let sessions = opening(|| Sessions::open(&config, day2)).expect("the store opens again");
    sessions
        .maintain(day2 + SignedDuration::from_hours(14))
        .expect("maintain");
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

fn config(root: &Path, key_file: bool) -> StoreConfig {
    StoreConfig {
        data: root.join("data"),
        key_file: key_file.then(|| root.join("signpost.key")),
        ttl: Ttl::default(),
    }
}

/// The counts of one day, counted in two runs of the bot with a restart between.
fn day_over_a_restart(config: &StoreConfig, before: usize, after: usize) -> String {
    let morning: Timestamp = "2025-03-01T08:00:00Z".parse().expect("a time");
    let intro = Stat::Step {
        flow: "buyer".into(),
        step: "intro".into(),
    };
    {
        let sessions = Sessions::open(config, morning).expect("the store opens");
        for _ in 0..before {
            sessions.count(&intro, morning);
        }
        sessions.maintain(morning).expect("maintain");
        sessions.flush().expect("shutdown");
    }
    // Nothing of the day under way is on disk after the first run.
    assert!(!config.data.join("stats/2025-03-01.json").exists());
    // Back two hours later, within the keys' lifetime.
    let later = morning + SignedDuration::from_hours(2);
    let sessions = opening(|| Sessions::open(config, later)).expect("the store opens again");
    for _ in 0..after {
        sessions.count(&intro, later);
    }
    sessions
        .maintain(later + SignedDuration::from_hours(15))
        .expect("maintain");
    std::fs::read_to_string(config.data.join("stats/2025-03-01.json")).expect("the day's file")
}

#[test]
fn a_day_counted_across_a_restart_is_written_once_and_whole() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let config = config(root.path(), true);
    // One before the restart, five after: written once, as six, never as "fewer than 5"
    // and then "fewer than 6".
    let file = day_over_a_restart(&config, 1, 5);
    assert!(file.contains("\"count\": 6"), "{file}");
    assert!(!file.contains("fewer_than"), "{file}");
    assert!(!file.contains("partial"), "{file}");
    // The carried counts leave the key folder when taken back.
    assert!(!root.path().join("signpost.key.counts").exists());
    let (ok, table, _) = stats(&config.data, &[]);
    assert!(ok);
    assert!(!table.contains("restarted"), "{table}");
}

#[test]
fn counts_that_cannot_be_kept_over_a_restart_are_dropped_and_the_day_says_so() {
    let root = tempfile::tempdir().expect("a temporary folder");
    // Keys in memory only: nothing can be sealed over the restart.
    let config = config(root.path(), false);
    let file = day_over_a_restart(&config, 1, 5);
    assert!(file.contains("\"count\": 5"), "{file}");
    assert!(file.contains("\"partial\": true"), "{file}");
    let (ok, table, _) = stats(&config.data, &[]);
    assert!(ok);
    assert!(
        table.contains("On 2025-03-01 the bot restarted and the counts from before the restart"),
        "{table}"
    );
    let (ok, csv, note) = stats(&config.data, &["--csv"]);
    assert!(ok);
    assert_eq!(
        csv,
        "day,kind,name,step,count\n2025-03-01,step,buyer,intro,5\n"
    );
    assert!(note.contains("restarted"), "{note}");
}

#[test]
fn no_way_a_case_ended_can_be_worked_out_by_subtraction() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let config = config(root.path(), true);
    let day: Timestamp = "2025-03-01T10:00:00Z".parse().expect("a time");
    let sessions = Sessions::open(&config, day).expect("the store opens");
    for (event, n) in [
        (HandoverEvent::Offered, 20),
        (HandoverEvent::Accepted, 12),
        (HandoverEvent::EndedByStaff, 8),
        (HandoverEvent::EndedInactive, 3),
        (HandoverEvent::EndedByPerson, 1),
    ] {
        for _ in 0..n {
            sessions.count(&event.stat(), day);
        }
    }
    sessions
        .maintain(day + SignedDuration::from_hours(14))
        .expect("maintain");
    let (ok, csv, _) = stats(&config.data, &["--csv"]);
    assert!(ok);
    // Accepted 12, and the endings only as their total: 12 - 8 would have given away
    // the 4 who ended otherwise, and how.
    assert_eq!(
        csv,
        "day,kind,name,step,count\n\
         2025-03-01,handover,accepted,,12\n\
         2025-03-01,handover,ended,,12\n\
         2025-03-01,handover,offered,,20\n"
    );
}

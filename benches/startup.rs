//! Start-up: reading, checking and building the shipped flows, the service directory and
//! five languages (`load`), in the process and as a whole `signpost check` process.
//!
//! Run: `cargo bench --bench startup`. Target: under 100 ms.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 20;
const TARGET: Duration = Duration::from_millis(100);

fn main() {
    let root = common::root();
    let (flows, locales) = (root.join("flows"), root.join("locales"));

    let mut times = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let (set, report) = signpost::load::load(&flows, &locales);
        let took = started.elapsed();
        if set.is_none() {
            eprintln!("the shipped flows do not load:\n{report}");
            std::process::exit(1);
        }
        times.push(took.as_secs_f64() * 1e3);
    }
    let first = times[0];
    let (min, median, max) = common::summary(times);
    println!(
        "load (in process, {RUNS} runs): first {first:.1} ms, median {median:.1} ms \
         (min {min:.1}, max {max:.1}); target {} ms {}",
        TARGET.as_millis(),
        if median < TARGET.as_secs_f64() * 1e3 {
            "met"
        } else {
            "MISSED"
        }
    );

    // The whole process: start, load, check, print the report and the completeness
    // table, exit.
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_signpost"))
            .args(["check", "--flows"])
            .arg(&flows)
            .arg("--locales")
            .arg(&locales)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let took = started.elapsed();
        match status {
            Ok(status) if status.success() => times.push(took.as_secs_f64() * 1e3),
            other => {
                eprintln!("signpost check failed: {other:?}");
                std::process::exit(1);
            }
        }
    }
    let (min, median, max) = common::summary(times);
    println!(
        "signpost check (whole process, {RUNS} runs): median {median:.1} ms \
         (min {min:.1}, max {max:.1})"
    );
}

//! Engine throughput: `engine::handle` calls per second on one core, each rendering at
//! least one reply, through the shipped flows and texts in five languages.
//!
//! Two mixes are measured: every call the golden transcripts make (button presses along
//! every route, commands, signposts at open and closed hours), and a list of typed
//! messages (keywords, free text, personal data) sent at every step those transcripts
//! reach. The host's work (store, Telegram) is not included.
//!
//! Run: `cargo bench --bench engine`. Target: at least 200,000 steps per second.
//! For a profiler, `SIGNPOST_BENCH_PASSES=N` replays the transcript mix N times (with
//! `SIGNPOST_BENCH_MIX=typed`, the typed one) and prints nothing else.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use signpost::engine::{self, Effect, Input, ReplyKind};
use signpost::model::FlowSet;

const ROUNDS: usize = 7;
const ROUND_TIME: Duration = Duration::from_millis(1000);
const TARGET_PER_SECOND: f64 = 200_000.0;

fn main() {
    let set = common::load();
    let transcripts = common::workload(&set);
    let typed = common::typed_workload(&transcripts);

    if let Some(passes) = std::env::var("SIGNPOST_BENCH_PASSES")
        .ok()
        .and_then(|p| p.parse::<u32>().ok())
    {
        let mix = match std::env::var("SIGNPOST_BENCH_MIX").as_deref() {
            Ok("typed") => &typed,
            _ => &transcripts,
        };
        for _ in 0..passes {
            run_pass(&set, mix);
        }
        return;
    }

    for (name, calls) in [("transcripts", &transcripts), ("typed", &typed)] {
        describe(&set, name, calls);
        measure(&set, name, calls);
    }
}

/// Prints what one pass of a mix holds, so the rates can be read against it.
fn describe(set: &FlowSet, name: &str, calls: &[common::Call]) {
    let (mut buttons, mut texts, mut replies, mut signposts, mut buttons_shown) = (0, 0, 0, 0, 0);
    for call in calls {
        match call.input {
            Input::Button(_) => buttons += 1,
            _ => texts += 1,
        }
        let outcome = engine::handle(
            set,
            call.session.clone(),
            &call.input,
            &common::context(&call.hint),
            call.now,
        );
        for effect in &outcome.effects {
            if let Effect::Reply(reply) = effect {
                replies += 1;
                buttons_shown += reply.buttons.iter().map(Vec::len).sum::<usize>();
                if reply.kind == ReplyKind::Signpost {
                    signposts += 1;
                }
            }
        }
    }
    println!(
        "{name}: {} inputs per pass ({buttons} button presses, {texts} typed); \
         they render {replies} replies ({signposts} signposts) with {buttons_shown} buttons",
        calls.len()
    );
}

/// Replays a mix for [`ROUNDS`] rounds of [`ROUND_TIME`] and prints the rates.
fn measure(set: &FlowSet, name: &str, calls: &[common::Call]) {
    let mut rates = Vec::new();
    let mut cpu_rates = Vec::new();
    for round in 1..=ROUNDS {
        let started = Instant::now();
        let cpu_started = common::cpu_time();
        let mut steps = 0u64;
        while started.elapsed() < ROUND_TIME {
            run_pass(set, calls);
            steps += calls.len() as u64;
        }
        let rate = steps as f64 / started.elapsed().as_secs_f64();
        rates.push(rate);
        let cpu_rate = common::cpu_time()
            .zip(cpu_started)
            .map(|(end, start)| steps as f64 / (end - start).as_secs_f64());
        match cpu_rate {
            Some(cpu_rate) => {
                cpu_rates.push(cpu_rate);
                println!("  round {round}: {rate:>9.0} steps/s wall clock, {cpu_rate:>9.0} on CPU");
            }
            None => println!("  round {round}: {rate:>9.0} steps/s wall clock"),
        }
    }
    let (min, median, max) = common::summary(rates);
    println!(
        "{name}: median {median:.0} steps/s wall clock (min {min:.0}, max {max:.0}), \
         {:.2} µs per step; target {TARGET_PER_SECOND:.0}/s {}",
        1e6 / median,
        if median >= TARGET_PER_SECOND {
            "met"
        } else {
            "MISSED"
        }
    );
    if !cpu_rates.is_empty() {
        let (min, median, max) = common::summary(cpu_rates);
        println!(
            "{name}: median {median:.0} steps/s counting time on CPU only (min {min:.0}, \
             max {max:.0}), {:.2} µs per step",
            1e6 / median
        );
    }
}

/// Replays every call of a mix once.
fn run_pass(set: &FlowSet, calls: &[common::Call]) {
    for call in calls {
        // The session is moved into `handle`, as the host does after reading it from the
        // store; cloning it here stands in for that read.
        let outcome = engine::handle(
            black_box(set),
            black_box(call.session.clone()),
            black_box(&call.input),
            &common::context(&call.hint),
            call.now,
        );
        black_box(outcome);
    }
}

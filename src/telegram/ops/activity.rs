//! What the bot did, as counts: logged as coarse totals, never one line per update. A
//! log line per update, with its time, would give the moment each person wrote, and the
//! order of events across chats. At low traffic even a minute's totals would ("1
//! handled" at 02:14): so totals are gathered until there are [`REPORT_AT`] updates or
//! an hour has passed, and logged rounded ([`coarse`]), never as a small number.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::telegram::ops::shutdown::Stopping;

/// How often the totals are looked at.
pub(crate) const EVERY: Duration = Duration::from_secs(60);
/// Updates gathered before the totals are logged (else once an hour).
pub(crate) const REPORT_AT: u64 = 100;
/// Looks ([`EVERY`]) after which the totals are logged however few they are.
const HOUR: u32 = 60;

/// A count as the log shows it: `0`, `under 100`, or rounded down to its first digit
/// (`200+`, `1000+`), so that no line tells one person's few messages apart.
pub(crate) fn coarse(n: u64) -> String {
    match n {
        0 => "0".to_string(),
        1..100 => "under 100".to_string(),
        _ => {
            let mut unit = 1;
            while n / unit >= 10 {
                unit *= 10;
            }
            format!("{}+", n / unit * unit)
        }
    }
}

/// The counters, shared by the whole adapter.
pub(crate) static ACTIVITY: Activity = Activity::new();

/// Something that happened to one update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Happened {
    /// Handled by the conversation handler.
    Handled,
    /// Handed out again by Telegram, and skipped.
    Repeated,
    /// From a chat that is held back, and set aside.
    SetAside,
    /// From a chat whose queue was full, and dropped.
    Dropped,
    /// From a group or channel, which the bot left.
    LeftGroup,
    /// Not an update: one call to the Bot API (counted at trace level).
    ApiCall,
}

const KINDS: usize = 6;

pub(crate) struct Activity {
    counts: [AtomicU64; KINDS],
    /// Totals gathered and not yet logged, and how many looks they span.
    gathered: Mutex<([u64; KINDS], u32)>,
}

impl Activity {
    const fn new() -> Activity {
        Activity {
            counts: [const { AtomicU64::new(0) }; KINDS],
            gathered: Mutex::new(([0; KINDS], 0)),
        }
    }

    pub(crate) fn count(&self, what: Happened) {
        self.counts[what as usize].fetch_add(1, Ordering::Relaxed);
    }

    /// The totals since the last call, and zero from now on.
    pub(crate) fn take(&self) -> [u64; KINDS] {
        self.counts
            .each_ref()
            .map(|count| count.swap(0, Ordering::Relaxed))
    }

    /// Gathers the totals since the last look, and logs them once they are due (see
    /// the module documentation); `last`: at shutdown, logs what was gathered.
    pub(crate) fn report(&self, last: bool) {
        let taken = self.take();
        let due = {
            let mut gathered = self.gathered.lock().unwrap_or_else(|p| p.into_inner());
            for (sum, n) in gathered.0.iter_mut().zip(taken) {
                *sum += n;
            }
            gathered.1 += 1;
            if last || due(&gathered.0, gathered.1) {
                let totals = gathered.0;
                *gathered = ([0; KINDS], 0);
                Some(totals)
            } else {
                None
            }
        };
        let Some([handled, repeated, set_aside, dropped, left, calls]) = due else {
            return;
        };
        if handled + repeated + set_aside + dropped + left > 0 {
            tracing::debug!(
                handled = %coarse(handled),
                repeated = %coarse(repeated),
                set_aside = %coarse(set_aside),
                dropped = %coarse(dropped),
                left_groups = %coarse(left),
                "updates since the last report"
            );
        }
        if calls > 0 {
            tracing::trace!(calls = %coarse(calls), "Bot API calls since the last report");
        }
    }
}

/// Whether totals gathered over `looks` looks are logged now.
fn due(totals: &[u64; KINDS], looks: u32) -> bool {
    let updates: u64 = totals[..KINDS - 1].iter().sum();
    updates >= REPORT_AT || looks >= HOUR
}

/// Reports the totals every [`EVERY`] until `stop` (the runtime reports the rest once
/// every update in hand is finished).
pub(crate) async fn report_every_minute(mut stop: Stopping) {
    loop {
        tokio::select! {
            _ = stop.wait() => return,
            _ = tokio::time::sleep(EVERY) => ACTIVITY.report(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_are_taken_and_start_again() {
        let activity = Activity::new();
        activity.count(Happened::Handled);
        activity.count(Happened::Handled);
        activity.count(Happened::SetAside);
        assert_eq!(activity.take(), [2, 0, 1, 0, 0, 0]);
        assert_eq!(activity.take(), [0; KINDS]);
    }

    #[test]
    fn no_small_number_is_ever_shown() {
        assert_eq!(coarse(0), "0");
        for n in [1, 5, 99] {
            assert_eq!(coarse(n), "under 100");
        }
        assert_eq!(coarse(100), "100+");
        assert_eq!(coarse(257), "200+");
        assert_eq!(coarse(1234), "1000+");
        assert_eq!(coarse(98_765), "90000+");
    }

    #[test]
    fn totals_wait_for_many_updates_or_an_hour() {
        let few = [3, 0, 0, 0, 0, 40];
        assert!(!due(&few, 1));
        assert!(!due(&few, HOUR - 1));
        assert!(due(&few, HOUR));
        // Calls to the Bot API do not make a report due.
        assert!(!due(&[0, 0, 0, 0, 0, 1000], 1));
        assert!(due(&[60, 0, 40, 0, 0, 0], 1));
    }
}

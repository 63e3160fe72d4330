//! What the bot did, as counts: logged once a minute (and at shutdown) as totals, never
//! one line per update. A log line per update, with its time, would give the moment each
//! person wrote, and the order of events across chats; a minute's totals give neither.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::shutdown::Stopping;

/// How often the totals are logged.
pub const EVERY: Duration = Duration::from_secs(60);

/// The counters, shared by the whole adapter.
pub static ACTIVITY: Activity = Activity::new();

/// Something that happened to one update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Happened {
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

pub struct Activity {
    counts: [AtomicU64; KINDS],
}

impl Activity {
    const fn new() -> Activity {
        Activity {
            counts: [const { AtomicU64::new(0) }; KINDS],
        }
    }

    pub fn count(&self, what: Happened) {
        self.counts[what as usize].fetch_add(1, Ordering::Relaxed);
    }

    /// The totals since the last call, and zero from now on.
    pub fn take(&self) -> [u64; KINDS] {
        self.counts
            .each_ref()
            .map(|count| count.swap(0, Ordering::Relaxed))
    }

    /// Logs the totals since the last report, if there were any.
    pub fn report(&self) {
        let [handled, repeated, set_aside, dropped, left, calls] = self.take();
        if handled + repeated + set_aside + dropped + left > 0 {
            tracing::debug!(
                handled,
                repeated,
                set_aside,
                dropped,
                left_groups = left,
                "updates since the last report"
            );
        }
        if calls > 0 {
            tracing::trace!(calls, "Bot API calls since the last report");
        }
    }
}

/// Reports the totals every [`EVERY`] until `stop` (the runtime reports the rest once
/// every update in hand is finished).
pub async fn report_every_minute(mut stop: Stopping) {
    loop {
        tokio::select! {
            _ = stop.wait() => return,
            _ = tokio::time::sleep(EVERY) => ACTIVITY.report(),
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
}

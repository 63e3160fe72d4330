//! Telling the service manager how the bot is doing (systemd's `Type=notify`): ready once
//! updates can be received (the first successful poll, or the webhook bound and set), and
//! alive (the watchdog, `WatchdogSec=`) only while they can: each successful poll, each
//! update taken in and, with a webhook, each successful look at the webhook. A bot that
//! cannot reach Telegram, or whose router has stopped taking updates (polling then waits
//! on the full queue), stops feeding the watchdog and is restarted.
//!
//! Without `NOTIFY_SOCKET` (not run by systemd) every call here does nothing.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sd_notify::NotifyState;
use tokio::time::Instant;

use super::clock::Clock;

/// The service's health, shared by the update sources.
pub struct Health {
    /// The watchdog interval systemd asks for, if any.
    watchdog: Option<Duration>,
    ready: AtomicBool,
    last_fed: Mutex<Option<Instant>>,
    /// Where the time of a feed comes from.
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Health {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Health")
            .field("watchdog", &self.watchdog)
            .field("ready", &self.ready)
            .finish_non_exhaustive()
    }
}

impl Health {
    /// The watchdog as systemd set it up for this process (`WATCHDOG_USEC`, `WATCHDOG_PID`).
    pub fn from_environment(clock: Arc<dyn Clock>) -> Health {
        Health::new(sd_notify::watchdog_enabled(), clock)
    }

    pub fn new(watchdog: Option<Duration>, clock: Arc<dyn Clock>) -> Health {
        Health {
            watchdog,
            ready: AtomicBool::new(false),
            last_fed: Mutex::new(None),
            clock,
        }
    }

    /// The watchdog interval, if systemd asked for one.
    pub fn watchdog(&self) -> Option<Duration> {
        self.watchdog
    }

    /// Updates can be received: the first call reports the service ready; every call
    /// feeds the watchdog (at most four times an interval).
    pub fn alive(&self) {
        if !self.ready.swap(true, Ordering::SeqCst) {
            send(&[NotifyState::Ready, NotifyState::Status("receiving updates")]);
        }
        let Some(interval) = self.watchdog else {
            return;
        };
        let now = self.clock.instant();
        let mut last = self.last_fed.lock().unwrap_or_else(|p| p.into_inner());
        if feed_due(*last, now, interval) {
            *last = Some(now);
            send(&[NotifyState::Watchdog]);
        }
    }

    /// The bot is stopping: systemd then waits for the exit instead of calling it a crash.
    pub fn stopping(&self) {
        send(&[NotifyState::Stopping]);
    }
}

/// Whether the watchdog should be fed now: a quarter of the interval after the last time,
/// so that a steady flow of updates does not become a flow of messages to systemd, and a
/// healthy bot feeds it several times an interval.
pub(crate) fn feed_due(last: Option<Instant>, now: Instant, interval: Duration) -> bool {
    last.is_none_or(|last| now.saturating_duration_since(last) >= interval / 4)
}

fn send(states: &[NotifyState]) {
    if let Err(error) = sd_notify::notify(states) {
        tracing::warn!(%error, "cannot tell the service manager how the bot is");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_watchdog_is_fed_at_most_four_times_an_interval() {
        let start = Instant::now();
        let interval = Duration::from_secs(60);
        assert!(feed_due(None, start, interval));
        assert!(!feed_due(
            Some(start),
            start + Duration::from_secs(14),
            interval
        ));
        assert!(feed_due(
            Some(start),
            start + Duration::from_secs(15),
            interval
        ));
    }
}

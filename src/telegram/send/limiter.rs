//! Paces the bot's messages to Telegram's limits: about one message a second in one chat
//! (short bursts tolerated) and about thirty a second overall, and stops every send for as
//! long as a 429 answer's `retry_after` asks.
//!
//! Each chat and the bot as a whole get a GCRA schedule (a token bucket kept as one
//! instant): a send reserves the earliest slot both allow and sleeps until then. Chats are
//! keyed by their [`ChatKey`] and forgotten when their schedule has caught up, so the
//! limiter holds no list of who wrote.
//!
//! Not `governor`: here a send books its slot in both schedules at once, then sleeps, so
//! one chat's sends go out in order; governor only answers "not until" without booking
//! (waiting sends wake together and race), its per-chat limiter spends a cell even when
//! the overall one then refuses, and waits on `futures-timer`, which tokio's paused test clock does
//! not move (this sleeps with `tokio::time::sleep_until` on the `Clock`'s instants).

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use std::sync::Arc;

use crate::telegram::chats::{ChatKey, PerChat};
use crate::telegram::ops::clock::Clock;

/// A rate: `per_second` sustained, `burst` at once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// Sustained messages per second.
    pub per_second: f64,
    /// How many may go out at once.
    pub burst: u32,
}

impl Rate {
    pub(crate) fn interval(self) -> Duration {
        Duration::from_secs_f64(1.0 / self.per_second.max(0.001))
    }

    pub(crate) fn tolerance(self) -> Duration {
        self.interval() * self.burst.saturating_sub(1)
    }
}

/// Telegram's published limits for sending.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// The pace within one chat.
    pub per_chat: Rate,
    /// The pace across all chats.
    pub overall: Rate,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            // "Avoid sending more than one message per second" in a chat; a reply of a
            // few messages may go out at once.
            per_chat: Rate {
                per_second: 1.0,
                burst: 4,
            },
            overall: Rate {
                per_second: 30.0,
                burst: 30,
            },
        }
    }
}

#[derive(Debug)]
struct Schedules {
    /// Theoretical arrival time per chat.
    chats: PerChat<Instant>,
    overall: Instant,
    frozen_until: Instant,
}

/// The send pacer, shared by every chat.
pub struct Limiter {
    limits: Limits,
    /// Where the schedule's instants come from.
    clock: Arc<dyn Clock>,
    schedules: Mutex<Schedules>,
}

impl std::fmt::Debug for Limiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limiter")
            .field("limits", &self.limits)
            .field("schedules", &self.schedules)
            .finish_non_exhaustive()
    }
}

impl Limiter {
    /// A pacer with these limits, reading instants from `clock`.
    pub fn new(limits: Limits, clock: Arc<dyn Clock>) -> Self {
        let now = clock.instant();
        Limiter {
            limits,
            clock,
            schedules: Mutex::new(Schedules {
                chats: PerChat::new(),
                overall: now,
                frozen_until: now,
            }),
        }
    }

    /// Waits until a message to `chat` may go out.
    pub async fn acquire(&self, chat: i64) {
        let at = self.reserve(chat, self.clock.instant());
        tokio::time::sleep_until(at).await;
    }

    /// Reserves the next slot for `chat` at or after `now` and returns when it is.
    fn reserve(&self, chat: i64, now: Instant) -> Instant {
        let key = ChatKey::of(chat);
        let mut s = self.schedules.lock().unwrap_or_else(|p| p.into_inner());
        let start = now.max(s.frozen_until);
        let chat_tat = s.chats.map.get(&key).copied().unwrap_or(start);
        let chat_at = slot(chat_tat, start, self.limits.per_chat);
        let overall_at = slot(s.overall, chat_at, self.limits.overall);
        s.chats.map.insert(
            key,
            chat_tat.max(overall_at) + self.limits.per_chat.interval(),
        );
        s.overall = s.overall.max(overall_at) + self.limits.overall.interval();
        s.chats.forget(|tat| *tat <= now);
        overall_at
    }

    /// Stops every send for `after` (a 429's `retry_after`).
    pub fn freeze(&self, after: Duration) {
        let until = self.clock.instant() + after;
        let mut s = self.schedules.lock().unwrap_or_else(|p| p.into_inner());
        s.frozen_until = s.frozen_until.max(until);
    }

    /// Waits out a freeze, for calls that are not paced but must respect `retry_after`.
    pub async fn wait_unfrozen(&self) {
        let until = self
            .schedules
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .frozen_until;
        tokio::time::sleep_until(until).await;
    }
}

/// The earliest instant at or after `now` that a schedule at `tat` allows.
fn slot(tat: Instant, now: Instant, rate: Rate) -> Instant {
    let allowed = tat.checked_sub(rate.tolerance()).unwrap_or(now).max(now);
    allowed.max(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn system() -> Arc<dyn Clock> {
        Arc::new(crate::telegram::ops::clock::SystemClock)
    }

    fn limits(chat: (f64, u32), overall: (f64, u32)) -> Limits {
        Limits {
            per_chat: Rate {
                per_second: chat.0,
                burst: chat.1,
            },
            overall: Rate {
                per_second: overall.0,
                burst: overall.1,
            },
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_goes_at_once_then_one_per_interval() {
        let limiter = Limiter::new(limits((1.0, 3), (100.0, 100)), system());
        let t0 = Instant::now();
        let slots: Vec<Duration> = (0..5).map(|_| limiter.reserve(7, t0) - t0).collect();
        assert_eq!(
            slots,
            [0, 0, 0, 1000, 2000].map(Duration::from_millis).to_vec()
        );
    }

    #[tokio::test(start_paused = true)]
    async fn chats_do_not_slow_each_other_down_below_the_overall_rate() {
        let limiter = Limiter::new(limits((1.0, 1), (100.0, 100)), system());
        let t0 = Instant::now();
        for chat in 0..10 {
            assert_eq!(limiter.reserve(chat, t0), t0);
        }
        assert_eq!(limiter.reserve(0, t0) - t0, Duration::from_secs(1));
    }

    #[tokio::test(start_paused = true)]
    async fn the_overall_rate_holds_across_chats() {
        let limiter = Limiter::new(limits((10.0, 10), (2.0, 1)), system());
        let t0 = Instant::now();
        let slots: Vec<Duration> = (0..3).map(|c| limiter.reserve(c, t0) - t0).collect();
        assert_eq!(slots, [0, 500, 1000].map(Duration::from_millis).to_vec());
    }

    #[tokio::test(start_paused = true)]
    async fn a_freeze_holds_every_send() {
        let limiter = Limiter::new(Limits::default(), system());
        limiter.freeze(Duration::from_secs(5));
        let t0 = Instant::now();
        assert_eq!(limiter.reserve(1, t0) - t0, Duration::from_secs(5));
        limiter.acquire(2).await;
        assert!(Instant::now() - t0 >= Duration::from_secs(5));
    }
}

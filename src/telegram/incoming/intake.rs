//! Holds back a chat that writes faster than a person can, so that one flooding chat
//! (a script, a stuck key, a person pasting in a panic) costs the others nothing and gets
//! one calm word instead of an answer per message.
//!
//! Each chat gets a GCRA schedule like the send pacer's: `burst` updates at once, then
//! `per_second`. An update over the limit is set aside (not handled, not stored) and
//! still charged, capped at one interval's debt: a chat that keeps flooding stays held
//! back until it pauses for one interval. The first update set aside in an episode is
//! answered with the calm notice; the episode ends once the chat's schedule has caught
//! up with the present (it has been quiet long enough to have its whole burst back).
//! Emergency help and the quick exit are judged by the router before this gate, and
//! never wait.
//!
//! The schedules are in memory only, keyed by [`ChatKey`], and forgotten once they have
//! caught up.
//!
//! Not `governor`'s keyed limiter: it charges nothing for a refused update, so a chat
//! flooding without a pause would get one update through every interval where this gate
//! sets them all aside; the episode's warning and set-aside id would need a second map
//! kept in step with governor's; and [`Gate::judge`] takes the instant (the router reads
//! it from the `Clock`), so tests pass instants instead of driving a clock.

use tokio::time::Instant;

use crate::telegram::chats::{ChatKey, PerChat};
use crate::telegram::send::limiter::Rate;

/// How fast one chat's updates are taken in by default: a person taps or types about
/// one message a second at most; a burst of eight covers quick taps through a menu and
/// a long text that Telegram split into several messages.
pub(crate) const DEFAULT_INTAKE: Rate = Rate {
    per_second: 1.0,
    burst: 8,
};

/// What to do with one update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Handle it.
    Take,
    /// Set it aside and tell the person, once for this episode.
    Warn,
    /// Set it aside quietly: the person has been told.
    SetAside,
}

#[derive(Debug, Clone, Copy)]
struct Pace {
    /// Theoretical arrival time of the next update.
    tat: Instant,
    warned: bool,
    /// The newest message id set aside and not yet handed on with a handled update
    /// (see [`Gate::set_aside`]).
    aside: Option<i32>,
}

/// The intake schedules of every chat with recent activity.
#[derive(Debug)]
pub(crate) struct Gate {
    rate: Rate,
    chats: PerChat<Pace>,
}

impl Gate {
    pub(crate) fn new(rate: Rate) -> Self {
        Gate {
            rate,
            chats: PerChat::new(),
        }
    }

    /// Judges an update from `chat` arriving at `now`.
    pub(crate) fn judge(&mut self, chat: ChatKey, now: Instant) -> Verdict {
        let interval = self.rate.interval();
        let tolerance = self.rate.tolerance();
        self.chats.forget(|pace| pace.tat <= now);
        let pace = self.chats.map.entry(chat).or_insert(Pace {
            tat: now,
            warned: false,
            aside: None,
        });
        if pace.tat <= now {
            // Quiet long enough to have the whole burst back: a new episode.
            pace.tat = now;
            pace.warned = false;
        }
        if pace.tat.checked_sub(tolerance).is_none_or(|t| t <= now) {
            pace.tat += interval;
            return Verdict::Take;
        }
        pace.tat = (pace.tat + interval).min(now + tolerance + interval);
        if pace.warned {
            Verdict::SetAside
        } else {
            pace.warned = true;
            Verdict::Warn
        }
    }

    /// Remembers that message `id` of `chat` was set aside, so that the chat's next
    /// handled update carries it ([`Gate::take_aside`]) and quick exit deletes it. Kept
    /// with the chat's schedule, in memory only, and forgotten with it.
    pub(crate) fn set_aside(&mut self, chat: ChatKey, id: i32) {
        if let Some(pace) = self.chats.map.get_mut(&chat) {
            pace.aside = pace.aside.max(Some(id));
        }
    }

    /// The newest message id of `chat` set aside since the last call.
    pub(crate) fn take_aside(&mut self, chat: ChatKey) -> Option<i32> {
        self.chats.map.get_mut(&chat).and_then(|p| p.aside.take())
    }

    #[cfg(test)]
    /// Chats with a schedule in memory.
    pub(crate) fn len(&self) -> usize {
        self.chats.map.len()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn gate(per_second: f64, burst: u32) -> Gate {
        Gate::new(Rate { per_second, burst })
    }

    fn key(chat: i64) -> ChatKey {
        ChatKey::of(chat)
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_is_taken_then_one_warning_then_quiet_refusals() {
        let mut g = gate(1.0, 3);
        let t0 = Instant::now();
        let verdicts: Vec<Verdict> = (0..6).map(|i| g.judge(key(7), t0 + ms(i * 10))).collect();
        use Verdict::*;
        assert_eq!(verdicts, [Take, Take, Take, Warn, SetAside, SetAside]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_flood_is_held_back_until_the_chat_pauses_for_an_interval() {
        let mut g = gate(1.0, 2);
        let t0 = Instant::now();
        assert_eq!(g.judge(key(1), t0), Verdict::Take);
        assert_eq!(g.judge(key(1), t0), Verdict::Take);
        assert_eq!(g.judge(key(1), t0), Verdict::Warn);
        // 100 messages a second for ten seconds: every one set aside.
        for i in 1..=1000 {
            assert_eq!(
                g.judge(key(1), t0 + ms(i * 10)),
                Verdict::SetAside,
                "at {i}"
            );
        }
        // One second's pause: taken again, without a second warning in this episode.
        let later = t0 + ms(10_000 + 1000);
        assert_eq!(g.judge(key(1), later), Verdict::Take);
        assert_eq!(g.judge(key(1), later), Verdict::SetAside);
    }

    #[tokio::test(start_paused = true)]
    async fn a_quiet_chat_starts_a_new_episode_with_its_whole_burst() {
        let mut g = gate(1.0, 2);
        let t0 = Instant::now();
        for _ in 0..3 {
            g.judge(key(1), t0);
        }
        let later = t0 + Duration::from_secs(10);
        assert_eq!(g.judge(key(1), later), Verdict::Take);
        assert_eq!(g.judge(key(1), later), Verdict::Take);
        assert_eq!(g.judge(key(1), later), Verdict::Warn);
    }

    #[tokio::test(start_paused = true)]
    async fn one_chat_flooding_leaves_the_others_alone() {
        let mut g = gate(1.0, 1);
        let t0 = Instant::now();
        for i in 0..100 {
            g.judge(key(1), t0 + ms(i));
        }
        for chat in 2..50 {
            assert_eq!(g.judge(key(chat), t0 + ms(100)), Verdict::Take);
        }
    }

    #[tokio::test(start_paused = true)]
    async fn the_newest_message_set_aside_is_handed_on_once() {
        let mut g = gate(1.0, 1);
        let t0 = Instant::now();
        assert_eq!(g.judge(key(1), t0), Verdict::Take);
        assert_eq!(g.take_aside(key(1)), None);
        for id in [12, 14, 13] {
            g.judge(key(1), t0);
            g.set_aside(key(1), id);
        }
        assert_eq!(g.take_aside(key(2)), None);
        assert_eq!(g.take_aside(key(1)), Some(14));
        assert_eq!(g.take_aside(key(1)), None);
    }

    #[tokio::test(start_paused = true)]
    async fn caught_up_schedules_are_forgotten() {
        let mut g = gate(1.0, 1);
        let t0 = Instant::now();
        for chat in 0..1100 {
            g.judge(key(chat), t0);
        }
        // All still active: nothing to forget yet.
        assert_eq!(g.len(), 1100);
        // Later, new chats grow the map until the caught-up ones are looked for.
        let later = t0 + Duration::from_secs(5);
        for chat in 10_000..11_000 {
            g.judge(key(chat), later);
        }
        assert!(g.len() < 1100, "{} schedules kept", g.len());
    }
}

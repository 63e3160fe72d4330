//! Where the adapter gets the time from. The engine, the store and the relay's planner
//! take time as an argument; this is the one place that reads it for a decision (the
//! intake gate, the send limiter, the watchdog's feed too), so that tests can drive a
//! runtime with a clock they control, and a planner can be replayed. A webhook
//! connection's idle timer is the socket's own, not a decision.
//!
//! Two readings: the wall time (opening hours, expiry, a case's inactivity) and a
//! monotonic instant for pacing (a wall clock set back by the system must not hold the
//! staff group's queue for as long). The instant is tokio's, which a test pauses and
//! moves with `tokio::time::advance`.

use std::sync::Mutex;

use jiff::{SignedDuration, Timestamp};
use tokio::time::Instant;

/// The current time, for the engine (opening hours) and the store (expiry).
pub trait Clock: Send + Sync {
    /// The wall time now.
    fn now(&self) -> Timestamp;

    /// The monotonic instant, for pacing.
    fn instant(&self) -> Instant {
        Instant::now()
    }

    /// Both readings at once, handed to a planner as a value.
    fn read(&self) -> Now {
        Now {
            wall: self.now(),
            at: self.instant(),
        }
    }
}

/// One reading of the [`Clock`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// The wall time.
    pub wall: Timestamp,
    /// The monotonic instant.
    pub at: Instant,
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that moves only when told to (tests).
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<Timestamp>,
}

impl ManualClock {
    /// A clock that stands at `start`.
    pub fn new(start: Timestamp) -> Self {
        ManualClock {
            now: Mutex::new(start),
        }
    }

    /// Moves the clock forward (or back, with a negative duration).
    pub fn advance(&self, by: SignedDuration) {
        let mut now = self.now.lock().unwrap_or_else(|p| p.into_inner());
        *now = now.checked_add(by).unwrap_or(*now);
    }

    /// Sets the clock to `to`.
    pub fn set(&self, to: Timestamp) {
        *self.now.lock().unwrap_or_else(|p| p.into_inner()) = to;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.now.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let start = Timestamp::from_second(1_780_000_000).unwrap_or(Timestamp::UNIX_EPOCH);
        let clock = ManualClock::new(start);
        assert_eq!(clock.now(), start);
        clock.advance(SignedDuration::from_hours(2));
        assert_eq!(clock.now().as_second(), start.as_second() + 7200);
    }
}

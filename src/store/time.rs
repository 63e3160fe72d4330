//! Time as the store keeps it: the session lifetime, and instants rounded down to
//! [`GRANULARITY_MINUTES`] so that the store never holds the exact moment a person wrote.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::StoreError;

/// Stored instants are rounded down to this many minutes. Expiry needs no finer time:
/// lifetimes are whole hours, so a session may end up to this much before its full
/// lifetime, never after it.
pub const GRANULARITY_MINUTES: u32 = 10;

const GRANULARITY_SECONDS: i64 = GRANULARITY_MINUTES as i64 * 60;

/// How long an idle session is kept, in whole hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ttl {
    hours: i64,
}

impl Ttl {
    /// The shortest lifetime: shorter than an hour and a person who pauses to think would
    /// find their conversation gone.
    pub const MIN_HOURS: i64 = 1;
    /// The longest lifetime: "hours, not days" (PRIVACY.md); Telegram also lets a bot
    /// delete messages for 48 hours only, so quick exit could not do more after that.
    pub const MAX_HOURS: i64 = 48;
    /// The default lifetime.
    pub const DEFAULT_HOURS: i64 = 6;

    /// A lifetime of `hours`, refused outside [`Ttl::MIN_HOURS`]..=[`Ttl::MAX_HOURS`].
    pub fn from_hours(hours: i64) -> Result<Ttl, StoreError> {
        if (Self::MIN_HOURS..=Self::MAX_HOURS).contains(&hours) {
            Ok(Ttl { hours })
        } else {
            Err(StoreError::TtlOutOfRange {
                hours,
                min: Self::MIN_HOURS,
                max: Self::MAX_HOURS,
            })
        }
    }

    /// The lifetime in hours.
    pub fn hours(self) -> i64 {
        self.hours
    }

    /// The lifetime as a duration.
    pub fn duration(self) -> SignedDuration {
        SignedDuration::from_hours(self.hours)
    }

    pub(crate) fn seconds(self) -> i64 {
        self.hours * 3600
    }
}

impl Default for Ttl {
    fn default() -> Self {
        Ttl {
            hours: Self::DEFAULT_HOURS,
        }
    }
}

/// A stored instant: the number of whole granules since 1970, so the same value for every
/// moment of a ten-minute window. Instants before 1970 count as 1970.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Tick(pub(crate) u32);

impl Tick {
    pub(crate) fn of(now: Timestamp) -> Tick {
        Tick::of_seconds(now.as_second())
    }

    fn of_seconds(seconds: i64) -> Tick {
        let granules = seconds.max(0) / GRANULARITY_SECONDS;
        Tick(u32::try_from(granules).unwrap_or(u32::MAX))
    }

    /// The newest tick whose sessions have expired at `now`: a session touched in tick
    /// `t` lives until `t`'s start plus the lifetime. `None` when nothing can have expired.
    pub(crate) fn expired_up_to(now: Timestamp, ttl: Ttl) -> Option<Tick> {
        let cutoff = now.as_second().checked_sub(ttl.seconds())?;
        if cutoff < 0 {
            return None;
        }
        Some(Tick::of_seconds(cutoff))
    }

    pub(crate) fn is_expired(self, now: Timestamp, ttl: Ttl) -> bool {
        Tick::expired_up_to(now, ttl).is_some_and(|last| self <= last)
    }
}

/// The hour a record may be removed after by a sweep that holds no key: the first whole
/// hour at or after the start of the tick it was touched in, counted in hours since 1970.
/// This is all the clear part of a record says about time. Lifetimes are whole hours, so
/// an hour is the finest unit a keyless sweep needs; the exact expiry (to the tick) is
/// kept sealed, and a conversation's key is dropped at that moment, so a record of a live
/// conversation is unreadable from its expiry on, whatever hour its clear part names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Hour(pub(crate) u32);

impl Hour {
    pub(crate) fn of(tick: Tick) -> Hour {
        let seconds = u64::from(tick.0) * GRANULARITY_SECONDS as u64;
        let hours = seconds.div_ceil(3600);
        Hour(u32::try_from(hours).unwrap_or(u32::MAX))
    }

    /// Whether a record whose clear hour is this one has expired by `now`: never before
    /// its sealed tick has.
    pub(crate) fn is_expired(self, now: Timestamp, ttl: Ttl) -> bool {
        i64::from(self.0) * 3600 + ttl.seconds() <= now.as_second()
    }
}

/// The UTC day of an instant: statistics are counted per UTC day.
pub(crate) fn utc_day(now: Timestamp) -> Date {
    TimeZone::UTC.to_datetime(now).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn ticks_round_down_to_ten_minutes() {
        assert_eq!(
            Tick::of(at("2025-03-01T12:00:00Z")),
            Tick::of(at("2025-03-01T12:09:59Z"))
        );
        assert_ne!(
            Tick::of(at("2025-03-01T12:09:59Z")),
            Tick::of(at("2025-03-01T12:10:00Z"))
        );
        assert_eq!(Tick::of(at("1960-01-01T00:00:00Z")), Tick(0));
    }

    #[test]
    fn a_session_expires_a_lifetime_after_the_start_of_its_tick() {
        let ttl = Ttl::from_hours(6).unwrap();
        let touched = Tick::of(at("2025-03-01T12:09:59Z"));
        assert!(!touched.is_expired(at("2025-03-01T17:59:59Z"), ttl));
        assert!(touched.is_expired(at("2025-03-01T18:00:00Z"), ttl));
        assert!(!touched.is_expired(at("1970-01-01T00:00:00Z"), ttl));
    }

    #[test]
    fn the_clear_hour_is_never_before_the_tick() {
        let ttl = Ttl::from_hours(1).unwrap();
        let on_the_hour = Tick::of(at("2025-03-01T12:04:00Z"));
        assert_eq!(
            Hour::of(on_the_hour),
            Hour::of(Tick::of(at("2025-03-01T11:54:00Z")))
        );
        let late = Tick::of(at("2025-03-01T12:14:00Z"));
        assert_eq!(
            Hour::of(late),
            Hour::of(Tick::of(at("2025-03-01T12:59:59Z")))
        );
        // Swept after the tick's own expiry, at most an hour later.
        assert!(!late.is_expired(at("2025-03-01T13:09:59Z"), ttl));
        assert!(late.is_expired(at("2025-03-01T13:10:00Z"), ttl));
        assert!(!Hour::of(late).is_expired(at("2025-03-01T13:59:59Z"), ttl));
        assert!(Hour::of(late).is_expired(at("2025-03-01T14:00:00Z"), ttl));
    }

    #[test]
    fn lifetimes_outside_the_range_are_refused() {
        assert!(Ttl::from_hours(0).is_err());
        assert!(Ttl::from_hours(49).is_err());
        assert_eq!(Ttl::from_hours(48).unwrap().hours(), 48);
        assert_eq!(Ttl::default().hours(), 6);
    }

    #[test]
    fn days_are_utc() {
        assert_eq!(
            utc_day(at("2025-03-01T23:59:59Z")).to_string(),
            "2025-03-01"
        );
        assert_eq!(
            utc_day(at("2025-03-01T23:30:00+01:00")).to_string(),
            "2025-03-01"
        );
    }
}

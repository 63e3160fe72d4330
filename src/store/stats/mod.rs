//! Aggregate statistics for staff: how often each flow step, signpost and intent was
//! reached per UTC day, and how many conversations began in (or switched to) each
//! language. Nothing else: no pseudonym, no time of day, no order of events.
//!
//! **A day is written once.** Counts gather in memory. A day's file is written at the
//! first maintenance round after that UTC day has ended ([`Statistics::flush_ended`]),
//! and never again: a file that exists is not rewritten, so no two versions of a day can
//! be set side by side (a count "fewer than 5" at one time and "fewer than 6" later would
//! give away the 1 between them). At shutdown the counts of the day under way are not
//! written: [`Sessions`](super::Sessions) seals them under the pseudonym key into a file
//! beside the key file, and takes them back at the next start. When they cannot be kept
//! (keys in memory only, or the key folder lost, as at a reboot), they are dropped, and
//! the day's file says so (`"partial": true`), as `signpost stats` and its page do. A
//! crash loses the counts not yet written; the next start finds the mark of the run
//! (`.running`) still there and marks those days short the same way.
//!
//! Small counts are suppressed before they are written: a count below
//! [`SUPPRESSED_BELOW`] is stored as "fewer than N", never as the number, so no file ever
//! holds a count from 1 to N - 1. Cells that add up to another are suppressed together:
//! the ways handover cases ended add up to about the cases accepted, so when one way is
//! small on a day, the day's file holds only their total ([`ENDED_TOTAL`]), and no
//! subtraction reveals the small one.
//!
//! They live in plain files, `<data>/stats/YYYY-MM-DD.json`, not in sled, because sled
//! locks its database for one process: `signpost stats` must be able to read the counts
//! while the bot runs. Each file is written atomically (write, sync, rename).

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use jiff::Timestamp;
use jiff::civil::Date;

use crate::engine::{HandoverEvent, Stat};
mod files;

use files::*;
pub use files::{read_partial_days, read_stats};

use super::StoreError;
use super::time::utc_day;

const FORMAT: u32 = 2;
/// Files written before small counts were suppressed on disk; read, never written.
const FORMAT_EXACT: u32 = 1;

/// Counts below this are never written as numbers: they are stored as "fewer than" this.
pub const SUPPRESSED_BELOW: u64 = 5;

/// The handover event that stands for every way cases ended, on a day when one way was
/// too small to write on its own.
pub const ENDED_TOTAL: &str = "ended";

/// What is counted: the same events as the engine's [`Stat`], with owned names so that
/// counts read back from files have the same type.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum StatKey {
    /// A flow step was shown.
    Step {
        /// The flow's id.
        flow: String,
        /// The step's id.
        step: String,
    },
    /// A service from the directory was shown.
    Signpost {
        /// The service's id.
        service: String,
    },
    /// A global intent (help, privacy, exit...) was triggered.
    Intent {
        /// The intent's name.
        intent: String,
    },
    /// A conversation began in this language, or was switched to it.
    Language {
        /// The language code.
        lang: String,
    },
    /// A handover to a person was offered, accepted or ended (and by whom).
    Handover {
        /// The event's name.
        event: String,
    },
    /// The place question was answered: an area, `elsewhere` or `unsaid`. Counted on
    /// its own, never with a step or a route, and suppressed like every count.
    Place {
        /// The area's id, `elsewhere` or `unsaid`.
        place: String,
    },
}

impl From<&Stat> for StatKey {
    fn from(stat: &Stat) -> StatKey {
        match stat {
            Stat::Step { flow, step } => StatKey::Step {
                flow: flow.clone(),
                step: step.clone(),
            },
            Stat::Signpost { service } => StatKey::Signpost {
                service: service.clone(),
            },
            Stat::Intent { intent } => StatKey::Intent {
                intent: (*intent).to_owned(),
            },
            Stat::Language { lang } => StatKey::Language { lang: lang.clone() },
            Stat::Handover { event } => StatKey::Handover {
                event: (*event).to_owned(),
            },
            Stat::Place { place } => StatKey::Place {
                place: place.clone(),
            },
        }
    }
}

/// How often something happened, as stored: the number, or only that it was fewer than
/// a bound (always at least [`SUPPRESSED_BELOW`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Count {
    /// Exactly this many (never below [`SUPPRESSED_BELOW`] when read from a file
    /// written by this version).
    Exact(u64),
    /// At least once and fewer than this many.
    FewerThan(u64),
}

impl Count {
    /// The count as staff see it: a number, or `<N` when it is suppressed or below
    /// `threshold` (which can only raise the suppression, never lower it).
    pub fn shown(self, threshold: u64) -> String {
        match self {
            Count::Exact(n) if n >= threshold => n.to_string(),
            Count::Exact(_) => format!("<{threshold}"),
            Count::FewerThan(bound) => format!("<{}", bound.max(threshold)),
        }
    }

    /// The range the true count lies in.
    fn span(self) -> Span {
        match self {
            Count::Exact(n) => Span { low: n, high: n },
            Count::FewerThan(bound) => Span {
                low: 1.min(bound.saturating_sub(1)),
                high: bound.saturating_sub(1),
            },
        }
    }
}

/// The range a count lies in, from merging exact and suppressed counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    low: u64,
    high: u64,
}

impl Span {
    fn exact(n: u64) -> Span {
        Span { low: n, high: n }
    }

    fn add(self, other: Span) -> Span {
        Span {
            low: self.low.saturating_add(other.low),
            high: self.high.saturating_add(other.high),
        }
    }

    /// What may be written: the number when it is known and not small, otherwise
    /// "fewer than" the smallest bound that is honest and not small.
    fn suppressed(self) -> Count {
        if self.low == self.high && self.low >= SUPPRESSED_BELOW {
            Count::Exact(self.low)
        } else {
            Count::FewerThan(self.high.saturating_add(1).max(SUPPRESSED_BELOW))
        }
    }
}

/// One count: how often `key` happened on `day` (UTC), as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatRow {
    /// The UTC day.
    pub day: Date,
    /// What happened.
    pub key: StatKey,
    /// How often, as stored (small counts are kept as "fewer than").
    pub count: Count,
}

pub(crate) type Counts = BTreeMap<(Date, StatKey), u64>;
type DayCounts = BTreeMap<StatKey, Count>;

/// Counts gathering in memory, and where they go once written.
#[derive(Debug)]
pub struct Statistics {
    pending: Mutex<Counts>,
    sink: Sink,
}

#[derive(Debug)]
enum Sink {
    /// Day files, and a `.partial-YYYY-MM-DD` marker for a day whose counts were dropped
    /// at a restart, until its file is written.
    Folder(PathBuf),
    Memory(Mutex<MemoryDays>),
}

#[derive(Debug, Default)]
struct MemoryDays {
    written: BTreeMap<Date, (DayCounts, bool)>,
    partial: BTreeSet<Date>,
}

fn lock<T>(counts: &Mutex<T>) -> MutexGuard<'_, T> {
    // Counts are plain numbers; a panic elsewhere cannot leave them inconsistent.
    counts.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Statistics {
    /// Statistics kept in daily files in `dir`, created if missing.
    pub fn open(dir: &Path) -> Result<Statistics, StoreError> {
        fs::create_dir_all(dir).map_err(|source| StoreError::StatsFile {
            path: dir.to_path_buf(),
            source,
        })?;
        Ok(Statistics {
            pending: Mutex::default(),
            sink: Sink::Folder(dir.to_path_buf()),
        })
    }

    /// Statistics kept in memory only.
    pub fn in_memory() -> Statistics {
        Statistics {
            pending: Mutex::default(),
            sink: Sink::Memory(Mutex::default()),
        }
    }

    /// Counts one event on `now`'s UTC day.
    pub fn count(&self, stat: &Stat, now: Timestamp) {
        *lock(&self.pending)
            .entry((utc_day(now), StatKey::from(stat)))
            .or_insert(0) += 1;
    }

    /// Writes the counts of the UTC days that ended before `now`, each day once (see the
    /// module's notes). On an error the counts not written are kept for the next try.
    pub fn flush_ended(&self, now: Timestamp) -> Result<(), StoreError> {
        let today = utc_day(now);
        let mut by_day: BTreeMap<Date, Vec<(StatKey, u64)>> = BTreeMap::new();
        {
            let mut pending = lock(&self.pending);
            let kept = std::mem::take(&mut *pending);
            for ((day, key), count) in kept {
                if day < today {
                    by_day.entry(day).or_default().push((key, count));
                } else {
                    pending.insert((day, key), count);
                }
            }
        }
        let mut days = by_day.into_iter();
        while let Some((day, counts)) = days.next() {
            if let Err(error) = self.write_day(day, &counts) {
                self.put_back(std::iter::once((day, counts)).chain(days));
                return Err(error);
            }
        }
        if let Sink::Folder(dir) = &self.sink {
            // An ended day marked short but with no count after the restart still gets
            // its file, which says so.
            for day in marked_days(dir)? {
                if day < today {
                    self.write_day(day, &[])?;
                }
            }
            // Every earlier day is written: a crash from now on loses today's only.
            let running = running_path(dir);
            if running.exists() && fs::read_to_string(&running).ok() != Some(today.to_string()) {
                write_atomically(dir, &running, today.to_string().as_bytes())?;
            }
        }
        Ok(())
    }

    /// At start: a mark of a run left by the run before means it ended without a
    /// shutdown (a crash), losing the counts of the days from the one the mark names to
    /// today, which are marked short (today's perhaps wrongly: the crash may have come
    /// earlier). Then this run is marked, as begun today.
    pub(crate) fn begin_run(&self, now: Timestamp) -> Result<(), StoreError> {
        let Sink::Folder(dir) = &self.sink else {
            return Ok(());
        };
        let today = utc_day(now);
        let running = running_path(dir);
        if let Ok(text) = fs::read_to_string(&running) {
            let mut day = text
                .trim()
                .parse::<Date>()
                .ok()
                .filter(|day| *day <= today && today.since(*day).is_ok_and(|d| d.get_days() < 400))
                .unwrap_or(today);
            self.mark_partial(day)?;
            while day < today {
                day = day.tomorrow().unwrap_or(today);
                self.mark_partial(day)?;
            }
            tracing::warn!(
                "the bot stopped without a shutdown: the counts of the day it stopped were lost"
            );
        }
        write_atomically(dir, &running, today.to_string().as_bytes())
    }

    /// At shutdown, after [`take_unwritten`](Self::take_unwritten): the run ended well.
    pub(crate) fn end_run(&self) -> Result<(), StoreError> {
        match &self.sink {
            Sink::Folder(dir) => remove_if_there(&running_path(dir)),
            Sink::Memory(_) => Ok(()),
        }
    }

    fn mark_partial(&self, day: Date) -> Result<(), StoreError> {
        match &self.sink {
            Sink::Memory(kept) => {
                lock(kept).partial.insert(day);
                Ok(())
            }
            Sink::Folder(dir) => {
                let marker = partial_marker(dir, day);
                File::create(&marker)
                    .and_then(|file| file.sync_all())
                    .map_err(|source| StoreError::StatsFile {
                        path: marker,
                        source,
                    })
            }
        }
    }

    fn put_back(&self, days: impl Iterator<Item = (Date, Vec<(StatKey, u64)>)>) {
        let mut pending = lock(&self.pending);
        for (day, counts) in days {
            for (key, count) in counts {
                *pending.entry((day, key)).or_insert(0) += count;
            }
        }
    }

    /// Writes one ended day, unless it was written before: then its counts are dropped
    /// (after an upgrade from a version that wrote at shutdown, or a clock set back).
    fn write_day(&self, day: Date, counts: &[(StatKey, u64)]) -> Result<(), StoreError> {
        let counts = suppressed(counts);
        match &self.sink {
            Sink::Memory(kept) => {
                let mut kept = lock(kept);
                let partial = kept.partial.remove(&day);
                kept.written.entry(day).or_insert((counts, partial));
                Ok(())
            }
            Sink::Folder(dir) => {
                let marker = partial_marker(dir, day);
                let partial = marker.exists();
                if day_path(dir, day).exists() {
                    tracing::warn!(%day, "counts for a day already written were dropped");
                } else {
                    write_day_file(dir, day, counts, partial)?;
                }
                remove_if_there(&marker)
            }
        }
    }

    /// Takes every count not yet written (at shutdown, after the ended days were), and
    /// marks their days: unless [`restore`](Self::restore) takes them back at the next
    /// start, those days' files will say that counts were dropped at a restart.
    pub(crate) fn take_unwritten(&self) -> Result<Counts, StoreError> {
        let counts = std::mem::take(&mut *lock(&self.pending));
        let days: BTreeSet<Date> = counts.keys().map(|(day, _)| *day).collect();
        for day in days {
            self.mark_partial(day)?;
        }
        Ok(counts)
    }

    /// The counts gathered and not yet written, exact, in memory (for checks: such as
    /// what a restart carried over).
    pub fn unwritten(&self) -> Vec<(Date, StatKey, u64)> {
        lock(&self.pending)
            .iter()
            .map(|((day, key), n)| (*day, key.clone(), *n))
            .collect()
    }

    /// Takes back the counts a shutdown carried over: their days are whole again.
    pub(crate) fn restore(&self, counts: Counts) -> Result<(), StoreError> {
        let days: BTreeSet<Date> = counts.keys().map(|(day, _)| *day).collect();
        {
            let mut pending = lock(&self.pending);
            for (key, count) in counts {
                *pending.entry(key).or_insert(0) += count;
            }
        }
        for day in days {
            match &self.sink {
                Sink::Memory(kept) => {
                    lock(kept).partial.remove(&day);
                }
                Sink::Folder(dir) => remove_if_there(&partial_marker(dir, day))?,
            }
        }
        Ok(())
    }

    /// The counts written so far for the days from `from` to `to` (both included; `None`
    /// leaves that end open), ordered by day and event.
    pub fn rows(&self, from: Option<Date>, to: Option<Date>) -> Result<Vec<StatRow>, StoreError> {
        match &self.sink {
            Sink::Folder(dir) => read_stats(dir, from, to),
            Sink::Memory(kept) => Ok(lock(kept)
                .written
                .iter()
                .filter(|(day, _)| in_range(**day, from, to))
                .flat_map(|(day, (counts, _))| {
                    counts.iter().map(|(key, count)| StatRow {
                        day: *day,
                        key: key.clone(),
                        count: *count,
                    })
                })
                .collect()),
        }
    }
}

/// A day's counts as they may be written: the ways handover cases ended as one total if
/// one of them is small, then every count below [`SUPPRESSED_BELOW`] as "fewer than" it.
fn suppressed(counts: &[(StatKey, u64)]) -> DayCounts {
    let ending = |key: &StatKey| match key {
        StatKey::Handover { event } => HandoverEvent::named(event).is_some_and(|event| {
            !matches!(event, HandoverEvent::Offered | HandoverEvent::Accepted)
        }),
        _ => false,
    };
    let small = |n: u64| (1..SUPPRESSED_BELOW).contains(&n);
    let together = counts
        .iter()
        .any(|(key, count)| ending(key) && small(*count));
    let mut out: BTreeMap<StatKey, u64> = BTreeMap::new();
    for (key, count) in counts {
        let key = if together && ending(key) {
            StatKey::Handover {
                event: ENDED_TOTAL.to_owned(),
            }
        } else {
            key.clone()
        };
        *out.entry(key).or_insert(0) += count;
    }
    out.into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(key, count)| (key, Span::exact(count).suppressed()))
        .collect()
}
#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn step(flow: &str, step: &str) -> Stat {
        Stat::Step {
            flow: flow.into(),
            step: step.into(),
        }
    }

    fn start() -> StatKey {
        StatKey::Step {
            flow: "main".into(),
            step: "start".into(),
        }
    }

    #[test]
    fn a_day_is_written_only_after_it_ends() {
        let dir = tempfile::tempdir().unwrap();
        let stats = Statistics::open(dir.path()).unwrap();
        for _ in 0..7 {
            stats.count(&step("main", "start"), at("2025-03-01T08:00:00Z"));
        }
        stats.flush_ended(at("2025-03-01T23:59:00Z")).unwrap();
        assert!(read_stats(dir.path(), None, None).unwrap().is_empty());
        stats.count(&Stat::Intent { intent: "help" }, at("2025-03-02T00:00:00Z"));
        stats.flush_ended(at("2025-03-02T00:10:00Z")).unwrap();
        assert_eq!(
            read_stats(dir.path(), None, None).unwrap(),
            vec![StatRow {
                day: day("2025-03-01"),
                key: start(),
                count: Count::Exact(7),
            }]
        );
        // The next day's single count goes once that day has ended, suppressed.
        stats.flush_ended(at("2025-03-03T00:00:00Z")).unwrap();
        let rows = read_stats(dir.path(), Some(day("2025-03-02")), None).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].count, Count::FewerThan(SUPPRESSED_BELOW));
    }

    #[test]
    fn a_day_file_is_never_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let stats = Statistics::open(dir.path()).unwrap();
        stats.count(&step("main", "start"), at("2025-03-01T08:00:00Z"));
        stats.flush_ended(at("2025-03-02T00:00:00Z")).unwrap();
        let first = fs::read(dir.path().join("2025-03-01.json")).unwrap();
        // More counts for that day (a clock set back): the file stays as it was.
        stats.count(&step("main", "start"), at("2025-03-01T23:00:00Z"));
        stats.flush_ended(at("2025-03-02T00:10:00Z")).unwrap();
        assert_eq!(fs::read(dir.path().join("2025-03-01.json")).unwrap(), first);
    }

    #[test]
    fn counts_carried_over_a_restart_make_the_day_whole_and_dropped_ones_are_said() {
        let dir = tempfile::tempdir().unwrap();
        let stats = Statistics::open(dir.path()).unwrap();
        stats.count(&step("main", "start"), at("2025-03-01T08:00:00Z"));
        let carried = stats.take_unwritten().unwrap();
        // Taken back at the next start: one count before, five after, six in all.
        let stats = Statistics::open(dir.path()).unwrap();
        stats.restore(carried).unwrap();
        for _ in 0..5 {
            stats.count(&step("main", "start"), at("2025-03-01T20:00:00Z"));
        }
        stats.flush_ended(at("2025-03-02T00:00:00Z")).unwrap();
        let one = day("2025-03-01");
        assert_eq!(
            read_stats(dir.path(), None, None).unwrap()[0].count,
            Count::Exact(6)
        );
        assert!(
            read_partial_days(dir.path(), None, None)
                .unwrap()
                .is_empty()
        );
        // Not taken back (the keys were lost): the day's file says counts were dropped.
        stats.count(&step("main", "start"), at("2025-03-02T08:00:00Z"));
        drop(stats.take_unwritten().unwrap());
        let stats = Statistics::open(dir.path()).unwrap();
        for _ in 0..5 {
            stats.count(&step("main", "start"), at("2025-03-02T20:00:00Z"));
        }
        stats.flush_ended(at("2025-03-03T00:00:00Z")).unwrap();
        let two = day("2025-03-02");
        assert_eq!(
            read_partial_days(dir.path(), None, None).unwrap(),
            vec![two]
        );
        let rows = read_stats(dir.path(), Some(two), None).unwrap();
        assert_eq!(rows[0].count, Count::Exact(5));
        assert!(
            read_partial_days(dir.path(), Some(one), Some(one))
                .unwrap()
                .is_empty()
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names.iter().any(|n| n.starts_with(".partial")),
            "{names:?}"
        );
    }

    #[test]
    fn a_crash_is_said_in_the_days_it_may_have_cut_short() {
        let dir = tempfile::tempdir().unwrap();
        let stats = Statistics::open(dir.path()).unwrap();
        stats.begin_run(at("2025-03-01T08:00:00Z")).unwrap();
        stats.count(&step("main", "start"), at("2025-03-01T08:00:00Z"));
        // Killed: no shutdown. The next run marks the day of the mark, through today.
        drop(stats);
        let stats = Statistics::open(dir.path()).unwrap();
        stats.begin_run(at("2025-03-02T09:00:00Z")).unwrap();
        for _ in 0..5 {
            stats.count(&step("main", "start"), at("2025-03-02T10:00:00Z"));
        }
        stats.flush_ended(at("2025-03-03T00:00:00Z")).unwrap();
        // The first day had no count after the crash: its file is written all the same,
        // empty and said to be short.
        assert_eq!(
            read_partial_days(dir.path(), None, None).unwrap(),
            vec![day("2025-03-01"), day("2025-03-02")]
        );
        let rows = read_stats(dir.path(), None, None).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].day, rows[0].count),
            (day("2025-03-02"), Count::Exact(5))
        );
        // A run that ends well leaves no mark: the next start marks nothing.
        drop(stats.take_unwritten().unwrap());
        stats.end_run().unwrap();
        let stats = Statistics::open(dir.path()).unwrap();
        stats.begin_run(at("2025-03-04T09:00:00Z")).unwrap();
        stats.flush_ended(at("2025-03-05T00:00:00Z")).unwrap();
        assert_eq!(read_partial_days(dir.path(), None, None).unwrap().len(), 2);
    }

    fn handover(event: HandoverEvent) -> StatKey {
        StatKey::Handover {
            event: event.name().to_owned(),
        }
    }

    #[test]
    fn the_ways_cases_ended_are_one_total_when_one_way_is_small() {
        let ended = StatKey::Handover {
            event: ENDED_TOTAL.to_owned(),
        };
        let day = [
            (handover(HandoverEvent::Accepted), 12),
            (handover(HandoverEvent::EndedByStaff), 8),
            (handover(HandoverEvent::EndedByPerson), 3),
            (handover(HandoverEvent::EndedInactive), 1),
        ];
        let written = suppressed(&day);
        assert_eq!(
            written,
            [
                (handover(HandoverEvent::Accepted), Count::Exact(12)),
                (ended.clone(), Count::Exact(12)),
            ]
            .into()
        );
        // Accepted minus every shown way of ending reveals no small count: there is only
        // the total.
        let shown_ways = written
            .keys()
            .filter(|key| **key != handover(HandoverEvent::Accepted) && **key != ended)
            .count();
        assert_eq!(shown_ways, 0);
        // Every way large enough: each is written.
        let large = [
            (handover(HandoverEvent::Accepted), 14),
            (handover(HandoverEvent::EndedByStaff), 8),
            (handover(HandoverEvent::EndedByPerson), 6),
        ];
        assert_eq!(suppressed(&large).len(), 3);
        assert!(!suppressed(&large).contains_key(&ended));
        // A small total is suppressed like any count.
        let few = [(handover(HandoverEvent::EndedByStaff), 2)];
        assert_eq!(
            suppressed(&few),
            [(ended, Count::FewerThan(SUPPRESSED_BELOW))].into()
        );
    }

    #[test]
    fn no_small_number_is_ever_written() {
        let dir = tempfile::tempdir().unwrap();
        let stats = Statistics::open(dir.path()).unwrap();
        stats.count(&step("main", "start"), at("2025-03-01T08:00:00Z"));
        stats.flush_ended(at("2025-03-02T00:00:00Z")).unwrap();
        let text = fs::read_to_string(dir.path().join("2025-03-01.json")).unwrap();
        assert!(text.contains("\"fewer_than\": 5"), "{text}");
        assert!(!text.contains("\"count\""), "{text}");
    }

    #[test]
    fn shown_counts_respect_the_threshold() {
        assert_eq!(Count::Exact(12).shown(5), "12");
        assert_eq!(Count::Exact(7).shown(10), "<10");
        assert_eq!(Count::FewerThan(5).shown(5), "<5");
        assert_eq!(Count::FewerThan(11).shown(5), "<11");
        assert_eq!(Count::FewerThan(5).shown(20), "<20");
    }

    #[test]
    fn a_file_for_another_day_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let stats = Statistics::open(dir.path()).unwrap();
        stats.count(
            &Stat::Signpost {
                service: "x".into(),
            },
            at("2025-03-01T08:00:00Z"),
        );
        stats.flush_ended(at("2025-03-02T00:00:00Z")).unwrap();
        fs::rename(
            dir.path().join("2025-03-01.json"),
            dir.path().join("2025-03-05.json"),
        )
        .unwrap();
        let error = read_stats(dir.path(), None, None).unwrap_err().to_string();
        assert!(
            error.ends_with("is damaged: it holds the counts of 2025-03-01"),
            "{error}"
        );
    }

    #[test]
    fn counts_not_written_are_kept_for_the_next_flush() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("stats");
        let stats = Statistics::open(&folder).unwrap();
        for _ in 0..5 {
            stats.count(
                &Stat::Signpost {
                    service: "x".into(),
                },
                at("2025-03-01T08:00:00Z"),
            );
        }
        fs::remove_dir(&folder).unwrap();
        fs::write(&folder, b"not a folder").unwrap();
        let next_day = at("2025-03-02T00:00:00Z");
        assert!(stats.flush_ended(next_day).is_err());
        fs::remove_file(&folder).unwrap();
        fs::create_dir(&folder).unwrap();
        stats.flush_ended(next_day).unwrap();
        assert_eq!(stats.rows(None, None).unwrap()[0].count, Count::Exact(5));
    }
}

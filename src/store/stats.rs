//! Aggregate statistics for staff: how often each flow step, signpost and intent was
//! reached per UTC day, and how many conversations began in (or switched to) each
//! language. Nothing else: no pseudonym, no time of day, no order of events.
//!
//! Counts gather in memory. A day's counts are written once, at the first maintenance
//! round after that UTC day has ended ([`Statistics::flush_ended`]); at shutdown the
//! current day's are written too and merged with that day's file
//! ([`Statistics::flush_all`]). Nothing on disk changes while a day is under way, so
//! neither the file's contents nor its changes tell one person's path; the price is that
//! a crash loses the counts not yet written.
//!
//! Small counts are suppressed before they are written: a count below
//! [`SUPPRESSED_BELOW`] is stored as "fewer than N", never as the number, so no file ever
//! holds a count from 1 to N - 1. When a day's file is merged with more counts (after a
//! restart), each count is carried as the range it may lie in, and written as the exact
//! number only when that is known and not small; otherwise as "fewer than" the range's
//! upper end plus one, which is honest and never small.
//!
//! They live in plain files, `<data>/stats/YYYY-MM-DD.json`, not in sled, because sled
//! locks its database for one process: `signpost stats` must be able to read the counts
//! while the bot runs. Each file is replaced atomically (write, sync, rename).

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use jiff::Timestamp;
use jiff::civil::Date;

use crate::engine::Stat;

use super::StoreError;
use super::time::utc_day;

const FORMAT: u32 = 2;
/// Files written before small counts were suppressed on disk; read, never written.
const FORMAT_EXACT: u32 = 1;

/// Counts below this are never written as numbers: they are stored as "fewer than" this.
pub const SUPPRESSED_BELOW: u64 = 5;

/// What is counted: the same events as the engine's [`Stat`], with owned names so that
/// counts read back from files have the same type.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum StatKey {
    /// A flow step was shown.
    Step { flow: String, step: String },
    /// A service from the directory was shown.
    Signpost { service: String },
    /// A global intent (help, privacy, exit...) was triggered.
    Intent { intent: String },
    /// A conversation began in this language, or was switched to it.
    Language { lang: String },
    /// A handover to a person was offered, accepted or ended (and by whom).
    Handover { event: String },
    /// The place question was answered: an area, `elsewhere` or `unsaid`. Counted on
    /// its own, never with a step or a route, and suppressed like every count.
    Place { place: String },
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
    pub day: Date,
    pub key: StatKey,
    pub count: Count,
}

type Counts = BTreeMap<(Date, StatKey), u64>;
type DayCounts = BTreeMap<StatKey, Count>;

/// Counts gathering in memory, and where they go once written.
#[derive(Debug)]
pub struct Statistics {
    pending: Mutex<Counts>,
    sink: Sink,
}

#[derive(Debug)]
enum Sink {
    Folder(PathBuf),
    Memory(Mutex<BTreeMap<Date, DayCounts>>),
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

    /// Writes the counts of the UTC days that ended before `now` (each day once, since
    /// its counts leave memory when written). On an error the counts not written are
    /// kept for the next try.
    pub fn flush_ended(&self, now: Timestamp) -> Result<(), StoreError> {
        let today = utc_day(now);
        self.write(|day| day < today)
    }

    /// Writes every count gathered, the current day's too, merged with what the days'
    /// files hold (at shutdown).
    pub fn flush_all(&self) -> Result<(), StoreError> {
        self.write(|_| true)
    }

    fn write(&self, due: impl Fn(Date) -> bool) -> Result<(), StoreError> {
        let mut by_day: BTreeMap<Date, Vec<(StatKey, u64)>> = BTreeMap::new();
        {
            let mut pending = lock(&self.pending);
            let kept = std::mem::take(&mut *pending);
            for ((day, key), count) in kept {
                if due(day) {
                    by_day.entry(day).or_default().push((key, count));
                } else {
                    pending.insert((day, key), count);
                }
            }
        }
        let mut days = by_day.into_iter();
        while let Some((day, counts)) = days.next() {
            let written = match &self.sink {
                Sink::Memory(kept) => {
                    let mut kept = lock(kept);
                    let file = kept.entry(day).or_default();
                    *file = merged(std::mem::take(file), &counts);
                    Ok(())
                }
                Sink::Folder(dir) => add_to_day_file(dir, day, &counts),
            };
            if let Err(error) = written {
                let mut pending = lock(&self.pending);
                let unwritten = std::iter::once((day, counts)).chain(days);
                for (day, counts) in unwritten {
                    for (key, count) in counts {
                        *pending.entry((day, key)).or_insert(0) += count;
                    }
                }
                return Err(error);
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
                .iter()
                .filter(|(day, _)| in_range(**day, from, to))
                .flat_map(|(day, counts)| {
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

/// A day's stored counts with more exact ones added, suppressed again.
fn merged(stored: DayCounts, add: &[(StatKey, u64)]) -> DayCounts {
    let mut spans: BTreeMap<StatKey, Span> = stored
        .into_iter()
        .map(|(key, count)| (key, count.span()))
        .collect();
    for (key, count) in add {
        let span = spans.entry(key.clone()).or_insert(Span::exact(0));
        *span = span.add(Span::exact(*count));
    }
    spans
        .into_iter()
        .filter(|(_, span)| span.high > 0)
        .map(|(key, span)| (key, span.suppressed()))
        .collect()
}

/// Reads the daily files in `dir` for the days from `from` to `to` (both included; `None`
/// leaves that end open), ordered by day and event. A missing folder has no counts.
pub fn read_stats(
    dir: &Path,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Vec<StatRow>, StoreError> {
    let io_error = |source| StoreError::StatsFile {
        path: dir.to_path_buf(),
        source,
    };
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(io_error(error)),
    };
    let mut days = Vec::new();
    for entry in entries {
        let name = entry.map_err(io_error)?.file_name();
        // Other names (a temporary file left by a crash) are not counts.
        let day = name
            .to_str()
            .and_then(|name| name.strip_suffix(".json"))
            .and_then(|day| day.parse::<Date>().ok());
        if let Some(day) = day
            && in_range(day, from, to)
        {
            days.push(day);
        }
    }
    days.sort();
    let mut rows = Vec::new();
    for day in days {
        for (key, count) in read_day_file(dir, day)? {
            rows.push(StatRow { day, key, count });
        }
    }
    Ok(rows)
}

fn in_range(day: Date, from: Option<Date>, to: Option<Date>) -> bool {
    from.is_none_or(|from| day >= from) && to.is_none_or(|to| day <= to)
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DayFile {
    format: u32,
    day: String,
    counts: Vec<DayCount>,
}

/// One stored count: `count` (the number, never small) or `fewer_than` (a bound, never
/// small), not both.
#[derive(serde::Serialize, serde::Deserialize)]
struct DayCount {
    #[serde(flatten)]
    key: StatKey,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fewer_than: Option<u64>,
}

fn day_path(dir: &Path, day: Date) -> PathBuf {
    dir.join(format!("{day}.json"))
}

fn read_day_file(dir: &Path, day: Date) -> Result<DayCounts, StoreError> {
    let path = day_path(dir, day);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(source) => return Err(StoreError::StatsFile { path, source }),
    };
    let damaged = |reason: String| StoreError::StatsDamaged {
        path: path.clone(),
        reason,
    };
    let file: DayFile = serde_json::from_str(&text).map_err(|error| damaged(error.to_string()))?;
    if file.format != FORMAT && file.format != FORMAT_EXACT {
        return Err(damaged(format!("unknown format {}", file.format)));
    }
    if file.day != day.to_string() {
        return Err(damaged(format!("it holds the counts of {}", file.day)));
    }
    let mut counts: BTreeMap<StatKey, Span> = BTreeMap::new();
    for DayCount {
        key,
        count,
        fewer_than,
    } in file.counts
    {
        let count = match (count, fewer_than) {
            (Some(n), None) => Count::Exact(n),
            (None, Some(bound)) if file.format == FORMAT => Count::FewerThan(bound),
            _ => return Err(damaged("a count must be a number or a bound".into())),
        };
        let span = counts.entry(key).or_insert(Span::exact(0));
        *span = span.add(count.span());
    }
    Ok(counts
        .into_iter()
        .map(|(key, span)| {
            let count = if span.low == span.high {
                Count::Exact(span.low)
            } else {
                Count::FewerThan(span.high.saturating_add(1))
            };
            (key, count)
        })
        .collect())
}

fn add_to_day_file(dir: &Path, day: Date, add: &[(StatKey, u64)]) -> Result<(), StoreError> {
    let counts = merged(read_day_file(dir, day)?, add);
    let file = DayFile {
        format: FORMAT,
        day: day.to_string(),
        counts: counts
            .into_iter()
            .map(|(key, count)| match count {
                Count::Exact(n) => DayCount {
                    key,
                    count: Some(n),
                    fewer_than: None,
                },
                Count::FewerThan(bound) => DayCount {
                    key,
                    count: None,
                    fewer_than: Some(bound),
                },
            })
            .collect(),
    };
    let path = day_path(dir, day);
    let io_error = |source| StoreError::StatsFile {
        path: path.clone(),
        source,
    };
    let text = serde_json::to_string_pretty(&file).map_err(|error| StoreError::StatsDamaged {
        path: path.clone(),
        reason: error.to_string(),
    })?;
    let temporary = dir.join(format!(".{day}.json.tmp"));
    let mut out = File::create(&temporary).map_err(io_error)?;
    out.write_all(text.as_bytes()).map_err(io_error)?;
    out.write_all(b"\n").map_err(io_error)?;
    out.sync_all().map_err(io_error)?;
    fs::rename(&temporary, &path).map_err(io_error)?;
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_error)?;
    Ok(())
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
        // The next day's single count goes at shutdown, suppressed.
        stats.flush_all().unwrap();
        let rows = read_stats(dir.path(), Some(day("2025-03-02")), None).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].count, Count::FewerThan(SUPPRESSED_BELOW));
    }

    #[test]
    fn no_small_number_is_ever_written() {
        let dir = tempfile::tempdir().unwrap();
        let stats = Statistics::open(dir.path()).unwrap();
        stats.count(&step("main", "start"), at("2025-03-01T08:00:00Z"));
        stats.flush_all().unwrap();
        let text = fs::read_to_string(dir.path().join("2025-03-01.json")).unwrap();
        assert!(text.contains("\"fewer_than\": 5"), "{text}");
        assert!(!text.contains("\"count\""), "{text}");
    }

    #[test]
    fn merging_after_a_restart_stays_honest() {
        let stored: DayCounts = [(start(), Count::FewerThan(5))].into();
        // 1..=4 and 6 more: 7..=10, not known exactly.
        let merged = merged(stored, &[(start(), 6)]);
        assert_eq!(merged[&start()], Count::FewerThan(11));
        // Exact and exact stay exact.
        let exact = super::merged([(start(), Count::Exact(5))].into(), &[(start(), 2)]);
        assert_eq!(exact[&start()], Count::Exact(7));
        // Two small parts are still "fewer than" something not small.
        let small = super::merged([(start(), Count::FewerThan(5))].into(), &[(start(), 1)]);
        assert_eq!(small[&start()], Count::FewerThan(6));
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
        stats.flush_all().unwrap();
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
        assert!(stats.flush_all().is_err());
        fs::remove_file(&folder).unwrap();
        fs::create_dir(&folder).unwrap();
        stats.flush_all().unwrap();
        assert_eq!(stats.rows(None, None).unwrap()[0].count, Count::Exact(5));
    }
}

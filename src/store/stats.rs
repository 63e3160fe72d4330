//! Aggregate statistics for staff: how often each flow step, signpost and intent was
//! reached per UTC day, and how many conversations began in (or switched to) each
//! language. Nothing else: no pseudonym, no time of day, no order of events.
//!
//! Counts gather in memory and are added to the day's file when [`Statistics::flush`]
//! runs (the bot does so at every maintenance round and at shutdown). Writing them in
//! batches means that even the order of writes on disk says nothing about which step
//! followed which; the price is that a crash loses the counts since the last flush.
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

const FORMAT: u32 = 1;

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
        }
    }
}

/// One count: how often `key` happened on `day` (UTC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatRow {
    pub day: Date,
    pub key: StatKey,
    pub count: u64,
}

type Counts = BTreeMap<(Date, StatKey), u64>;

/// Counts gathering in memory, and where they go on flush.
#[derive(Debug)]
pub struct Statistics {
    pending: Mutex<Counts>,
    sink: Sink,
}

#[derive(Debug)]
enum Sink {
    Folder(PathBuf),
    Memory(Mutex<Counts>),
}

fn lock(counts: &Mutex<Counts>) -> MutexGuard<'_, Counts> {
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

    /// Adds the counts gathered since the last flush to their days' files. On an error
    /// the counts not written are kept for the next flush.
    pub fn flush(&self) -> Result<(), StoreError> {
        let pending = std::mem::take(&mut *lock(&self.pending));
        match &self.sink {
            Sink::Memory(kept) => {
                let mut kept = lock(kept);
                for (key, count) in pending {
                    *kept.entry(key).or_insert(0) += count;
                }
                Ok(())
            }
            Sink::Folder(dir) => {
                let mut by_day: BTreeMap<Date, Vec<(StatKey, u64)>> = BTreeMap::new();
                for ((day, key), count) in pending {
                    by_day.entry(day).or_default().push((key, count));
                }
                let mut days = by_day.into_iter();
                while let Some((day, counts)) = days.next() {
                    if let Err(error) = add_to_day_file(dir, day, &counts) {
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
        }
    }

    /// The counts flushed so far for the days from `from` to `to` (both included; `None`
    /// leaves that end open), ordered by day and event.
    pub fn rows(&self, from: Option<Date>, to: Option<Date>) -> Result<Vec<StatRow>, StoreError> {
        match &self.sink {
            Sink::Folder(dir) => read_stats(dir, from, to),
            Sink::Memory(kept) => Ok(lock(kept)
                .iter()
                .filter(|((day, _), _)| in_range(*day, from, to))
                .map(|((day, key), count)| StatRow {
                    day: *day,
                    key: key.clone(),
                    count: *count,
                })
                .collect()),
        }
    }
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

#[derive(serde::Serialize, serde::Deserialize)]
struct DayCount {
    #[serde(flatten)]
    key: StatKey,
    count: u64,
}

fn day_path(dir: &Path, day: Date) -> PathBuf {
    dir.join(format!("{day}.json"))
}

fn read_day_file(dir: &Path, day: Date) -> Result<BTreeMap<StatKey, u64>, StoreError> {
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
    if file.format != FORMAT {
        return Err(damaged(format!("unknown format {}", file.format)));
    }
    if file.day != day.to_string() {
        return Err(damaged(format!("it holds the counts of {}", file.day)));
    }
    let mut counts = BTreeMap::new();
    for DayCount { key, count } in file.counts {
        *counts.entry(key).or_insert(0u64) += count;
    }
    Ok(counts)
}

fn add_to_day_file(dir: &Path, day: Date, add: &[(StatKey, u64)]) -> Result<(), StoreError> {
    let mut counts = read_day_file(dir, day)?;
    for (key, count) in add {
        let total = counts.entry(key.clone()).or_insert(0);
        *total = total.saturating_add(*count);
    }
    let file = DayFile {
        format: FORMAT,
        day: day.to_string(),
        counts: counts
            .into_iter()
            .map(|(key, count)| DayCount { key, count })
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

    fn step(flow: &str, step: &str) -> Stat {
        Stat::Step {
            flow: flow.into(),
            step: step.into(),
        }
    }

    #[test]
    fn counts_add_up_per_day_across_flushes() {
        let dir = tempfile::tempdir().unwrap();
        let stats = Statistics::open(dir.path()).unwrap();
        stats.count(&step("main", "start"), at("2025-03-01T08:00:00Z"));
        stats.count(&step("main", "start"), at("2025-03-01T23:59:00Z"));
        stats.flush().unwrap();
        stats.count(&step("main", "start"), at("2025-03-01T12:00:00Z"));
        stats.count(&Stat::Intent { intent: "help" }, at("2025-03-02T00:00:00Z"));
        stats.flush().unwrap();

        let again = Statistics::open(dir.path()).unwrap();
        let rows = again.rows(None, None).unwrap();
        let day = |text: &str| text.parse::<Date>().unwrap();
        assert_eq!(
            rows,
            vec![
                StatRow {
                    day: day("2025-03-01"),
                    key: StatKey::Step {
                        flow: "main".into(),
                        step: "start".into()
                    },
                    count: 3,
                },
                StatRow {
                    day: day("2025-03-02"),
                    key: StatKey::Intent {
                        intent: "help".into()
                    },
                    count: 1,
                },
            ]
        );
        assert_eq!(again.rows(Some(day("2025-03-02")), None).unwrap().len(), 1);
        assert_eq!(again.rows(None, Some(day("2025-02-28"))).unwrap().len(), 0);
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
        stats.flush().unwrap();
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
        stats.count(
            &Stat::Signpost {
                service: "x".into(),
            },
            at("2025-03-01T08:00:00Z"),
        );
        fs::remove_dir(&folder).unwrap();
        fs::write(&folder, b"not a folder").unwrap();
        assert!(stats.flush().is_err());
        fs::remove_file(&folder).unwrap();
        fs::create_dir(&folder).unwrap();
        stats.flush().unwrap();
        assert_eq!(stats.rows(None, None).unwrap()[0].count, 1);
    }
}

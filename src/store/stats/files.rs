//! The statistics' day files, `<data>/stats/YYYY-MM-DD.json`: listed, read and written
//! atomically (write, sync, rename), with the marks of a run and of a partial day.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::*;

/// The days from `from` to `to` whose files say that counts were dropped at a restart.
pub fn read_partial_days(
    dir: &Path,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Vec<Date>, StoreError> {
    let mut partial = Vec::new();
    for day in day_files(dir, from, to)? {
        if read_day_file(dir, day)?.1 {
            partial.push(day);
        }
    }
    Ok(partial)
}

/// Reads the daily files in `dir` for the days from `from` to `to` (both included; `None`
/// leaves that end open), ordered by day and event. A missing folder has no counts.
pub fn read_stats(
    dir: &Path,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Vec<StatRow>, StoreError> {
    let mut rows = Vec::new();
    for day in day_files(dir, from, to)? {
        for (key, count) in read_day_file(dir, day)?.0 {
            rows.push(StatRow { day, key, count });
        }
    }
    Ok(rows)
}

/// The days from `from` to `to` that have a file in `dir`, in order.
pub(super) fn day_files(
    dir: &Path,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Vec<Date>, StoreError> {
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
        // Other names (a temporary file left by a crash, a marker) are not counts.
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
    Ok(days)
}

pub(super) fn in_range(day: Date, from: Option<Date>, to: Option<Date>) -> bool {
    from.is_none_or(|from| day >= from) && to.is_none_or(|to| day <= to)
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DayFile {
    format: u32,
    day: String,
    /// Counts of this day were dropped at a restart: the day's counts are too low.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    partial: bool,
    counts: Vec<DayCount>,
}

/// One stored count: `count` (the number, never small) or `fewer_than` (a bound, never
/// small), not both.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct DayCount {
    #[serde(flatten)]
    key: StatKey,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fewer_than: Option<u64>,
}

pub(super) fn day_path(dir: &Path, day: Date) -> PathBuf {
    dir.join(format!("{day}.json"))
}

pub(super) fn partial_marker(dir: &Path, day: Date) -> PathBuf {
    dir.join(format!(".partial-{day}"))
}

/// The days marked short, whose files are not written yet.
pub(super) fn marked_days(dir: &Path) -> Result<Vec<Date>, StoreError> {
    let entries = fs::read_dir(dir).map_err(|source| StoreError::StatsFile {
        path: dir.to_path_buf(),
        source,
    })?;
    Ok(entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name();
            name.to_str()?
                .strip_prefix(".partial-")?
                .parse::<Date>()
                .ok()
        })
        .collect())
}

/// The mark of a run under way: the oldest day whose counts are in memory only.
pub(super) fn running_path(dir: &Path) -> PathBuf {
    dir.join(".running")
}

/// Writes a small file whole or not at all (write, sync, rename).
pub(super) fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let io_error = |source| StoreError::StatsFile {
        path: path.to_path_buf(),
        source,
    };
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    let mut out = File::create(&temporary).map_err(io_error)?;
    out.write_all(bytes).map_err(io_error)?;
    out.sync_all().map_err(io_error)?;
    fs::rename(&temporary, path).map_err(io_error)?;
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_error)?;
    Ok(())
}

pub(super) fn remove_if_there(path: &Path) -> Result<(), StoreError> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != ErrorKind::NotFound => Err(StoreError::StatsFile {
            path: path.to_path_buf(),
            source: error,
        }),
        _ => Ok(()),
    }
}

/// A day's counts, and whether counts were dropped at a restart.
pub(super) fn read_day_file(dir: &Path, day: Date) -> Result<(DayCounts, bool), StoreError> {
    let path = day_path(dir, day);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok((BTreeMap::new(), false)),
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
    let counts = counts
        .into_iter()
        .map(|(key, span)| {
            let count = if span.low == span.high {
                Count::Exact(span.low)
            } else {
                Count::FewerThan(span.high.saturating_add(1))
            };
            (key, count)
        })
        .collect();
    Ok((counts, file.partial))
}

pub(super) fn write_day_file(
    dir: &Path,
    day: Date,
    counts: DayCounts,
    partial: bool,
) -> Result<(), StoreError> {
    let file = DayFile {
        format: FORMAT,
        day: day.to_string(),
        partial,
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

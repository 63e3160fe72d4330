//! The checks of the machine: the data folder, the key file and the free space.

use std::path::Path;

use crate::store::{StoreConfig, beside_key_file, check_key_file, open_to_others};

use super::*;

pub(super) fn data_folder_finding(data: &Path) -> Finding {
    let shown = data.display();
    let metadata = match std::fs::metadata(data) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Finding::failure(
                "data folder",
                format!("{shown} does not exist"),
                format!(
                    "create it, closed to others: `install -d -m 700 {shown}` (as the user that runs the bot; \
                     the systemd unit's StateDirectory= does this)"
                ),
            );
        }
        Err(error) => {
            return Finding::failure(
                "data folder",
                format!("{shown} cannot be read: {error}"),
                "give the user that runs the bot access to it",
            );
        }
    };
    if !metadata.is_dir() {
        return Finding::failure(
            "data folder",
            format!("{shown} is not a folder"),
            "point SIGNPOST_DATA at a folder",
        );
    }
    if let Some(mode) = open_to_others(&metadata) {
        return Finding::failure(
            "data folder",
            format!("{shown} is open to other users of this machine (mode {mode:03o})"),
            format!("close it: `chmod 700 {shown}`"),
        );
    }
    let probe = data.join(format!(".signpost-doctor-{}", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .and_then(|mut file| std::io::Write::write_all(&mut file, b"probe"));
    let _ = std::fs::remove_file(&probe);
    match written {
        Ok(()) => Finding::ok(
            "data folder",
            format!("{shown} is writable and closed to others"),
        ),
        Err(error) => Finding::failure(
            "data folder",
            format!("{shown} cannot be written to: {error}"),
            "make the user that runs the bot its owner",
        ),
    }
}

/// The key file, by the store's own rules ([`check_key_file`]); and, as a warning, a key
/// on a disk rather than in memory, where backups and snapshots may copy it.
pub(super) fn key_finding(config: &StoreConfig) -> Finding {
    let Some(key_file) = config.key_file.as_deref() else {
        return Finding::ok(
            "key file",
            "none: the keys live in the bot's memory only (a restart starts every conversation over)",
        );
    };
    let shown = key_file.display();
    if !config.data.is_dir() {
        return Finding::failure(
            "key file",
            "not checked: the data folder is missing",
            "create the data folder first",
        );
    }
    if let Some(finding) = companions_finding(key_file) {
        return finding;
    }
    match check_key_file(key_file, &config.data, config.ttl) {
        Ok(exists) => {
            let folder = match key_file.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent,
                _ => Path::new("."),
            };
            let where_ = if exists {
                format!("{shown} is outside the data folder and closed to others")
            } else {
                format!(
                    "{shown} does not exist yet; the bot makes it at start, outside the data folder"
                )
            };
            if in_memory(folder) {
                Finding::ok("key file", format!("{where_}, in memory (tmpfs)"))
            } else {
                Finding::warning(
                    "key file",
                    format!("{where_}, but on a disk"),
                    "keep it out of every backup and snapshot, or put it on a tmpfs such as /run \
                     (the unit's RuntimeDirectory= does this)",
                )
            }
        }
        Err(error) => Finding::failure(
            "key file",
            error.to_string(),
            "keep SIGNPOST_KEY_FILE in an existing folder outside the data folder that only the \
             bot's user can read (the systemd unit uses /run/signpost, in memory)",
        ),
    }
}

/// The files beside the key file (the conversations' keys, the counts carried over a
/// restart) must be as closed as the key file itself: a failure when one is not.
pub(super) fn companions_finding(key_file: &Path) -> Option<Finding> {
    beside_key_file(key_file).into_iter().find_map(|path| {
        let metadata = std::fs::symlink_metadata(&path).ok()?;
        let open = open_to_others(&metadata).map(|mode| format!("mode {mode:o}"));
        let linked = metadata
            .file_type()
            .is_symlink()
            .then(|| "a link".to_string());
        let problem = linked.or(open)?;
        Some(Finding::failure(
            "key file",
            format!("{} beside the key file is {problem}", path.display()),
            "`chmod 600` it, or remove it (which ends the conversations in progress)",
        ))
    })
}

/// Whether `folder` is on a tmpfs (in memory: gone at reboot, never in a disk backup).
pub(super) fn in_memory(folder: &Path) -> bool {
    const TMPFS_MAGIC: i64 = 0x0102_1994;
    // `f_type` is i64 on x86_64 and narrower on some other targets.
    #[allow(clippy::unnecessary_cast)]
    rustix::fs::statfs(folder).is_ok_and(|fs| fs.f_type as i64 == TMPFS_MAGIC)
}

/// Bytes free to the bot in the file system of `data` (or the nearest existing folder
/// above it).
pub(super) fn free_space(data: &Path) -> std::io::Result<u64> {
    let existing = data
        .ancestors()
        .find(|p| p.exists())
        .unwrap_or_else(|| Path::new("."));
    let existing = if existing.as_os_str().is_empty() {
        Path::new(".")
    } else {
        existing
    };
    let stat = rustix::fs::statvfs(existing)?;
    Ok(stat.f_bavail.saturating_mul(stat.f_frsize))
}

pub(super) fn disk_finding(data: &Path, free: std::io::Result<u64>) -> Finding {
    let free = match free {
        Ok(free) => free,
        Err(error) => {
            return Finding::warning(
                "disk",
                format!(
                    "free space next to {} could not be read: {error}",
                    data.display()
                ),
                "check it with `df -h`",
            );
        }
    };
    let mib = free / (1024 * 1024);
    let fix = "make room on that disk (old logs, packages), or move the data folder";
    if free < DISK_FAIL_BYTES {
        Finding::failure(
            "disk",
            format!(
                "only {mib} MiB free for the data folder; the store cannot keep conversations safely"
            ),
            fix,
        )
    } else if free < DISK_WARN_BYTES {
        Finding::warning("disk", format!("{mib} MiB free for the data folder"), fix)
    } else {
        Finding::ok(
            "disk",
            format!("{:.1} GiB free", free as f64 / (1024.0 * 1024.0 * 1024.0)),
        )
    }
}

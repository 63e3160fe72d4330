//! The key file: its fixed-length text form, read and written in place, and the
//! checks that keep it a closed regular file outside the data folder.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::store::{StoreError, Ttl};

use super::*;

/// Where a new key file is written before it gets its name.
pub(super) fn temporary_path(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".new");
    path.with_file_name(name)
}

/// Refuses a key file inside the data folder, following symbolic links.
pub(super) fn refuse_inside(key_file: &Path, data: &Path) -> Result<(), StoreError> {
    std::fs::create_dir_all(data).map_err(|source| StoreError::DataFolder {
        path: data.to_path_buf(),
        source,
    })?;
    let canonical = |path: &Path| {
        path.canonicalize().map_err(|source| StoreError::KeyFile {
            path: path.to_path_buf(),
            source,
        })
    };
    let data_canonical = canonical(data)?;
    let key_canonical = if key_file.exists() {
        canonical(key_file)?
    } else {
        let parent = match key_file.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let name = key_file.file_name().ok_or_else(|| StoreError::KeyFile {
            path: key_file.to_path_buf(),
            source: std::io::Error::new(ErrorKind::InvalidInput, "not a file name"),
        })?;
        canonical(parent)?.join(name)
    };
    if key_canonical.starts_with(&data_canonical) {
        return Err(StoreError::KeyFileInsideData {
            key_file: key_file.to_path_buf(),
            data: data.to_path_buf(),
        });
    }
    Ok(())
}

pub(super) fn read_key_file(mut file: File, path: &Path, ttl: Ttl) -> Result<Keyring, StoreError> {
    let io_error = |source| StoreError::KeyFile {
        path: path.to_path_buf(),
        source,
    };
    closed_regular_file(&file, path)?;
    let mut text = Zeroizing::new(String::new());
    // A key file is a few hundred bytes; reading at most a little more than that keeps a
    // wrong path (a large file) from being read whole.
    (&mut file)
        .take(4096)
        .read_to_string(&mut text)
        .map_err(io_error)?;
    let damaged = |reason| StoreError::KeyFileDamaged {
        path: path.to_path_buf(),
        reason,
    };
    let (current, previous) = parse(&text).map_err(damaged)?;
    Ok(Keyring {
        current,
        previous,
        ttl,
        file: Some(path.to_path_buf()),
    })
}

/// The file's text. Every line has a fixed width, so every version of the file has the
/// same length and a rewrite covers every byte of the one before.
pub(super) fn render(current: &Key, previous: Option<&Key>) -> Zeroizing<String> {
    let mut body = Zeroizing::new(format!("{HEADER}\n"));
    body.push_str(&Zeroizing::new(format!(
        "current  {:>20} {}\n",
        current.created,
        *hex(&current.secret)
    )));
    match previous {
        Some(key) => body.push_str(&Zeroizing::new(format!(
            "previous {:>20} {}\n",
            key.created,
            *hex(&key.secret)
        ))),
        None => body.push_str(&format!("previous {:>20} {NO_KEY}\n", "-")),
    }
    let check = blake3::hash(body.as_bytes());
    body.push_str(&format!("check    {:>20} {}\n", "-", check.to_hex()));
    body
}

pub(super) fn parse(text: &str) -> Result<(Key, Option<Key>), &'static str> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let [header, current, previous, check] = lines.as_slice() else {
        return Err("wrong number of lines");
    };
    if header.trim_end() != HEADER {
        return Err("unknown format");
    }
    let body_len = header.len() + current.len() + previous.len();
    let expected = blake3::hash(&text.as_bytes()[..body_len]);
    let (_, check_hex) = fields(check, "check    ")?;
    if check_hex != expected.to_hex().as_str() {
        return Err("checksum mismatch");
    }
    let current = key_line(current, "current  ")?.ok_or("no current key")?;
    let previous = key_line(previous, "previous ")?;
    Ok((current, previous))
}

pub(super) fn fields<'a>(line: &'a str, label: &str) -> Result<(&'a str, &'a str), &'static str> {
    let rest = line
        .strip_prefix(label)
        .and_then(|rest| rest.strip_suffix('\n'))
        .ok_or("malformed line")?;
    let (created, key) = rest.split_at_checked(20).ok_or("malformed line")?;
    let key = key.strip_prefix(' ').ok_or("malformed line")?;
    Ok((created.trim_start(), key))
}

pub(super) fn key_line(line: &str, label: &str) -> Result<Option<Key>, &'static str> {
    let (created, key) = fields(line, label)?;
    if key == NO_KEY {
        return Ok(None);
    }
    let created = created.parse().map_err(|_| "malformed creation time")?;
    let secret = unhex(key).ok_or("malformed key")?;
    Ok(Some(Key::new(secret, created)))
}

pub(super) fn hex(bytes: &[u8; 32]) -> Zeroizing<String> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = Zeroizing::new(String::with_capacity(64));
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

pub(super) fn unhex(text: &str) -> Option<Secret> {
    let digits = text.as_bytes();
    if digits.len() != 64 {
        return None;
    }
    let mut out = Secret::zeroed();
    for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        let pair = std::str::from_utf8(pair).ok()?;
        *byte = u8::from_str_radix(pair, 16).ok()?;
    }
    Some(out)
}

/// Rewrites the key file in place and waits until the disk has it.
pub(super) fn overwrite_file(path: &Path, text: &str) -> Result<(), StoreError> {
    let error = |source| StoreError::KeyFile {
        path: path.to_path_buf(),
        source,
    };
    let mut file = OpenOptions::new().write(true).open(path).map_err(error)?;
    file.seek(SeekFrom::Start(0)).map_err(error)?;
    file.write_all(text.as_bytes()).map_err(error)?;
    file.set_len(text.len() as u64).map_err(error)?;
    file.sync_all().map_err(error)
}

/// Makes a newly created file's name durable.
pub(super) fn sync_parent(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let parent = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        File::open(parent)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Refuses a file of keys that is not a regular file or that others than its owner may
/// use: the rule for the key file and the files kept beside it.
pub(crate) fn closed_regular_file(file: &File, path: &Path) -> Result<(), StoreError> {
    let metadata = file.metadata().map_err(|source| StoreError::KeyFile {
        path: path.to_path_buf(),
        source,
    })?;
    if !metadata.is_file() {
        return Err(StoreError::KeyFile {
            path: path.to_path_buf(),
            source: std::io::Error::new(ErrorKind::InvalidInput, "not a regular file"),
        });
    }
    match open_to_others(&metadata) {
        Some(mode) => Err(StoreError::KeyFilePermissions {
            path: path.to_path_buf(),
            mode,
        }),
        None => Ok(()),
    }
}

/// The permission bits of a file or folder that others than its owner may use, if any:
/// the rule for the key file and for the data folder.
pub fn open_to_others(metadata: &std::fs::Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = metadata.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Some(mode);
        }
    }
    #[cfg(not(unix))]
    let _ = metadata;
    None
}

/// Checks a key file where it stands, by the same rules [`Keyring::open`] applies, without
/// creating, rotating or changing anything: the key file is outside `data` (which must
/// exist), and if it exists it is a regular file other users cannot read, and not damaged.
/// For `signpost doctor`. `Ok(false)`: there is no key file yet (the bot makes one).
pub fn check_key_file(key_file: &Path, data: &Path, ttl: Ttl) -> Result<bool, StoreError> {
    if !data.is_dir() {
        return Err(StoreError::DataFolder {
            path: data.to_path_buf(),
            source: std::io::Error::new(ErrorKind::NotFound, "no such folder"),
        });
    }
    refuse_inside(key_file, data)?;
    match File::open(key_file) {
        Ok(file) => read_key_file(file, key_file, ttl).map(|_| true),
        Err(error) if error.kind() == ErrorKind::NotFound => Ok(false),
        Err(source) => Err(StoreError::KeyFile {
            path: key_file.to_path_buf(),
            source,
        }),
    }
}

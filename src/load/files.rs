//! The flow and locale folders: reading them (`read`, the IO edge, or `in_memory` for
//! files given as text), then, purely, which files there are, their size and encoding,
//! the invisible direction characters that must not be in them, and the version hash of
//! everything read (`assemble`).

use std::path::{Path, PathBuf};

use super::diag::{Diagnostic, Report};
use super::span::SourceFile;
use crate::model::limits;

/// Every source file, read and decoded.
#[derive(Debug, Default)]
pub struct Sources {
    pub bot: Option<SourceFile>,
    pub services: Option<SourceFile>,
    /// Every other `*.toml` in the flow folder, by file name.
    pub flows: Vec<SourceFile>,
    /// Every `*.toml` in the flow folder's `areas/` folder, by file name.
    pub areas: Vec<SourceFile>,
    /// Every folder under the locale folder, by name.
    pub locales: Vec<LocaleDir>,
    /// The first 8 bytes of a BLAKE3 hash of every file read (see [`version`]).
    pub version: u64,
}

/// One language's folder.
#[derive(Debug)]
pub struct LocaleDir {
    pub code: String,
    pub path: PathBuf,
    /// Its `*.ftl` files, by file name.
    pub files: Vec<SourceFile>,
    /// Its `review.toml`: who reviewed each message, against which source text.
    pub review: Option<SourceFile>,
}

/// The review records beside a language's `.ftl` files.
pub const REVIEW_FILE: &str = "review.toml";

pub(super) const BOT_FILE: &str = "bot.toml";
pub(super) const SERVICES_FILE: &str = "services.toml";
/// The folder of local area files, inside the flow folder.
pub const AREAS_DIR: &str = "areas";

/// What the IO edge found in the two folders, before anything is decoded or judged.
#[derive(Debug, Default)]
pub(super) struct Listing {
    /// Every file read, with its path as staff gave it (`flows/buyer.toml`).
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// Every language folder, also one without files.
    pub locale_dirs: Vec<PathBuf>,
    /// Whether the flow folder itself could be listed.
    pub flows_listed: bool,
    /// Folders and files that could not be read, with why.
    pub problems: Vec<Diagnostic>,
}

/// Reads both folders: the one place that touches the file system for content. Files
/// that cannot be read are noted and left out; everything else is read so that every
/// problem shows up at once.
pub(super) fn read(flows: &Path, locales: &Path) -> Listing {
    let mut listing = Listing::default();
    match list(flows, "toml") {
        Err(e) => listing
            .problems
            .push(Diagnostic::error(flows, 0, 0, folder_problem(&e))),
        Ok(names) => {
            listing.flows_listed = true;
            for name in names {
                read_into(&flows.join(name), &mut listing);
            }
        }
    }
    // The areas folder is optional: without it every role falls back to its national
    // entry (and `bot.toml` may name no area).
    let areas = flows.join(AREAS_DIR);
    if areas.is_dir() {
        match list(&areas, "toml") {
            Err(e) => listing
                .problems
                .push(Diagnostic::error(&areas, 0, 0, folder_problem(&e))),
            Ok(names) => {
                for name in names {
                    read_into(&areas.join(name), &mut listing);
                }
            }
        }
    }
    // A missing locale folder is reported per language, where bot.toml names it.
    if let Ok(codes) = list_dirs(locales) {
        for code in codes {
            let path = locales.join(&code);
            match list(&path, "ftl") {
                Err(e) => listing
                    .problems
                    .push(Diagnostic::error(&path, 0, 0, folder_problem(&e))),
                Ok(names) => {
                    for name in names {
                        read_into(&path.join(name), &mut listing);
                    }
                }
            }
            if path.join(REVIEW_FILE).is_file() {
                read_into(&path.join(REVIEW_FILE), &mut listing);
            }
            listing.locale_dirs.push(path);
        }
    }
    listing
}

/// Reads one file's bytes, leaving out one too large to be read at all.
fn read_into(path: &Path, listing: &mut Listing) {
    let size = match std::fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(e) => {
            listing
                .problems
                .push(Diagnostic::error(path, 0, 0, read_problem(&e)));
            return;
        }
    };
    if size > limits::MAX_FILE_BYTES {
        listing.problems.push(too_large(path, size));
        return;
    }
    match std::fs::read(path) {
        Ok(bytes) => listing.files.push((path.to_path_buf(), bytes)),
        Err(e) => listing
            .problems
            .push(Diagnostic::error(path, 0, 0, read_problem(&e))),
    }
}

fn too_large(path: &Path, size: u64) -> Diagnostic {
    Diagnostic::error(
        path,
        0,
        0,
        format!(
            "the file is {size} bytes; at most {} are allowed",
            limits::MAX_FILE_BYTES
        ),
    )
}

/// A listing made from files in memory (path and text), as if read from the two
/// folders: the same files the IO edge would read are taken, the others ignored.
pub(super) fn in_memory(flows: &Path, locales: &Path, files: Vec<(PathBuf, Vec<u8>)>) -> Listing {
    let mut listing = Listing {
        flows_listed: true,
        ..Listing::default()
    };
    let mut files: Vec<(PathBuf, Vec<u8>)> = files
        .into_iter()
        .filter(|(path, _)| {
            let visible = |p: &Path, ext: &str| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| !n.starts_with('.') && n.ends_with(&format!(".{ext}")))
            };
            let parent = path.parent().unwrap_or(Path::new(""));
            (visible(path, "toml") && (parent == flows || parent == flows.join(AREAS_DIR)))
                || ((visible(path, "ftl") || path.file_name() == Some(REVIEW_FILE.as_ref()))
                    && parent.parent() == Some(locales))
        })
        .collect();
    files.sort();
    for (path, _) in &files {
        let dir = path.parent().unwrap_or(Path::new(""));
        if dir.parent() == Some(locales) && !listing.locale_dirs.iter().any(|d| d == dir) {
            listing.locale_dirs.push(dir.to_path_buf());
        }
    }
    listing.locale_dirs.sort();
    listing.files = files;
    listing
}

/// Sorts what was read into its kinds, decodes it and notes, in `report`, what is wrong
/// with the files as files: missing, too large, not UTF-8, too many, invisible direction
/// characters. Pure: the same listing gives the same sources.
pub(super) fn assemble(flows: &Path, listing: Listing, report: &mut Report) -> Sources {
    let mut sources = Sources::default();
    for problem in listing.problems {
        report.push(problem);
    }
    // Names relative to the two folders, so the version does not depend on where the
    // folders are: the same content gives the same version on every machine.
    let mut hashed: Vec<(String, Vec<u8>)> = Vec::new();
    let areas = flows.join(AREAS_DIR);
    let top: Vec<String> = listing
        .files
        .iter()
        .filter(|(path, _)| path.parent() == Some(flows))
        .filter_map(|(path, _)| path.file_name()?.to_str().map(str::to_string))
        .collect();
    if listing.flows_listed {
        for name in [BOT_FILE, SERVICES_FILE] {
            if !top.iter().any(|n| n == name) {
                let what = if name == BOT_FILE {
                    "the main settings"
                } else {
                    "the service directory"
                };
                report.push(Diagnostic::error(
                    &flows.join(name),
                    0,
                    0,
                    format!("file not found; it holds {what} (see flows/README.md)"),
                ));
            }
        }
        let flow_count = top
            .iter()
            .filter(|n| *n != BOT_FILE && *n != SERVICES_FILE)
            .count();
        if flow_count > limits::MAX_FLOWS {
            report.push(Diagnostic::error(
                flows,
                0,
                0,
                format!(
                    "{flow_count} flow files; at most {} are allowed",
                    limits::MAX_FLOWS
                ),
            ));
        }
    }
    for dir in &listing.locale_dirs {
        let code = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        sources.locales.push(LocaleDir {
            code,
            path: dir.clone(),
            files: Vec::new(),
            review: None,
        });
    }
    for (path, bytes) in listing.files {
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        let parent = path.parent().unwrap_or(Path::new(""));
        let relative = if parent == flows {
            format!("flows/{name}")
        } else if parent == areas {
            format!("flows/{AREAS_DIR}/{name}")
        } else {
            let code = parent
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            format!("locales/{code}/{name}")
        };
        let Some(file) = decode(&path, bytes, report) else {
            continue;
        };
        hashed.push((relative, file.text.as_bytes().to_vec()));
        if parent == flows {
            match name.as_str() {
                BOT_FILE => sources.bot = Some(file),
                SERVICES_FILE => sources.services = Some(file),
                _ => sources.flows.push(file),
            }
        } else if parent == areas {
            sources.areas.push(file);
        } else if let Some(dir) = sources.locales.iter_mut().find(|d| d.path == parent) {
            if name == REVIEW_FILE {
                dir.review = Some(file);
            } else {
                dir.files.push(file);
            }
        }
    }
    sources.version = version(hashed);
    sources
}

/// The first 8 bytes of a BLAKE3 hash over every file's relative path and bytes, in
/// path order. Lengths are hashed too, so no two different sets of files can be made to
/// hash the same input by moving bytes from one file into its neighbour.
pub(super) fn version(mut files: Vec<(String, Vec<u8>)>) -> u64 {
    files.sort();
    let mut hasher = blake3::Hasher::new();
    for (path, bytes) in &files {
        hasher.update(&(path.len() as u64).to_le_bytes());
        hasher.update(path.as_bytes());
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    let hash = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

/// Names of the files in `dir` ending in `.ext`, sorted; hidden files (editor backups,
/// lock files) are skipped.
fn list(dir: &Path, ext: &str) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let is_file = entry.file_type()?.is_file();
        if is_file && !name.starts_with('.') && name.ends_with(&format!(".{ext}")) {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

fn list_dirs(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if entry.file_type()?.is_dir() && !name.starts_with('.') {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

fn folder_problem(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "folder not found".to_string(),
        _ => format!("cannot read this folder: {}", lower_first(&e.to_string())),
    }
}

/// Decodes one file: size limit, UTF-8, no direction characters.
fn decode(path: &Path, bytes: Vec<u8>, report: &mut Report) -> Option<SourceFile> {
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        report.push(too_large(path, bytes.len() as u64));
        return None;
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let file = SourceFile::new(path, before);
            report.push(file.error(
                valid,
                "this is not UTF-8 text; save the file as UTF-8 in your editor",
            ));
            return None;
        }
    };
    let file = SourceFile::new(path, text);
    for (offset, c) in file.text.char_indices() {
        if is_direction_control(c) {
            report.push(file.error(
                offset,
                format!(
                    "invisible direction character U+{:04X}; remove it (the bot handles \
                     right-to-left text itself)",
                    c as u32
                ),
            ));
        }
    }
    Some(file)
}

/// The bidi embedding, override and isolate characters: invisible, they can make text
/// display in another order than it is read and they break copied numbers and links.
pub(super) fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn read_problem(e: &std::io::Error) -> String {
    format!("cannot read this file: {}", lower_first(&e.to_string()))
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_does_not_depend_on_order() {
        let a = ("flows/a.toml".to_string(), b"x".to_vec());
        let b = ("flows/b.toml".to_string(), b"y".to_vec());
        assert_eq!(
            version(vec![a.clone(), b.clone()]),
            version(vec![b.clone(), a.clone()])
        );
    }

    #[test]
    fn version_changes_when_bytes_move_between_files() {
        let one = version(vec![
            ("a".to_string(), b"xy".to_vec()),
            ("b".to_string(), b"z".to_vec()),
        ]);
        let two = version(vec![
            ("a".to_string(), b"x".to_vec()),
            ("b".to_string(), b"yz".to_vec()),
        ]);
        assert_ne!(one, two);
    }

    #[test]
    fn direction_controls_are_the_embeddings_and_isolates() {
        for c in ['\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            assert!(is_direction_control(c));
        }
        for c in ['\u{200E}', '\u{200F}', '\u{2065}', 'a'] {
            assert!(!is_direction_control(c));
        }
    }
}

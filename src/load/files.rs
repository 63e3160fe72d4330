//! Reads the flow and locale folders: which files there are, their size and encoding,
//! the invisible direction characters that must not be in them, and the version hash of
//! everything read.

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
}

pub const BOT_FILE: &str = "bot.toml";
pub const SERVICES_FILE: &str = "services.toml";
/// The folder of local area files, inside the flow folder.
pub const AREAS_DIR: &str = "areas";

/// Reads both folders. Files that cannot be read are reported and left out; everything
/// else is still read so that every problem shows up at once.
pub fn read(flows: &Path, locales: &Path, report: &mut Report) -> Sources {
    let mut sources = Sources::default();
    // Names relative to the two folders, so the version does not depend on where the
    // folders are: the same content gives the same version on every machine.
    let mut hashed: Vec<(String, Vec<u8>)> = Vec::new();

    match list(flows, "toml") {
        Err(e) => report.push(Diagnostic::error(flows, 0, 0, folder_problem(&e))),
        Ok(names) => {
            for name in [BOT_FILE, SERVICES_FILE] {
                if !names.iter().any(|n| n == name) {
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
            let flow_count = names
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
            for name in names {
                let path = flows.join(&name);
                let Some(file) = read_file(&path, report) else {
                    continue;
                };
                hashed.push((format!("flows/{name}"), file.text.as_bytes().to_vec()));
                match name.as_str() {
                    BOT_FILE => sources.bot = Some(file),
                    SERVICES_FILE => sources.services = Some(file),
                    _ => sources.flows.push(file),
                }
            }
        }
    }

    // The areas folder is optional: without it every role falls back to its national
    // entry (and `bot.toml` may name no area).
    let areas = flows.join(AREAS_DIR);
    if areas.is_dir() {
        match list(&areas, "toml") {
            Err(e) => report.push(Diagnostic::error(&areas, 0, 0, folder_problem(&e))),
            Ok(names) => {
                for name in names {
                    if let Some(file) = read_file(&areas.join(&name), report) {
                        hashed.push((
                            format!("flows/{AREAS_DIR}/{name}"),
                            file.text.as_bytes().to_vec(),
                        ));
                        sources.areas.push(file);
                    }
                }
            }
        }
    }

    // A missing locale folder is reported per language, where bot.toml names it.
    if let Ok(codes) = list_dirs(locales) {
        for code in codes {
            let path = locales.join(&code);
            let mut files = Vec::new();
            match list(&path, "ftl") {
                Err(e) => report.push(Diagnostic::error(&path, 0, 0, folder_problem(&e))),
                Ok(names) => {
                    for name in names {
                        if let Some(file) = read_file(&path.join(&name), report) {
                            hashed.push((
                                format!("locales/{code}/{name}"),
                                file.text.as_bytes().to_vec(),
                            ));
                            files.push(file);
                        }
                    }
                }
            }
            sources.locales.push(LocaleDir { code, path, files });
        }
    }

    sources.version = version(hashed);
    sources
}

/// The first 8 bytes of a BLAKE3 hash over every file's relative path and bytes, in
/// path order. Lengths are hashed too, so no two different sets of files can be made to
/// hash the same input by moving bytes from one file into its neighbour.
pub fn version(mut files: Vec<(String, Vec<u8>)>) -> u64 {
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

/// Reads one file: size limit, UTF-8, no direction characters.
fn read_file(path: &Path, report: &mut Report) -> Option<SourceFile> {
    let size = match std::fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(e) => {
            report.push(Diagnostic::error(path, 0, 0, read_problem(&e)));
            return None;
        }
    };
    if size > limits::MAX_FILE_BYTES {
        report.push(Diagnostic::error(
            path,
            0,
            0,
            format!(
                "the file is {size} bytes; at most {} are allowed",
                limits::MAX_FILE_BYTES
            ),
        ));
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            report.push(Diagnostic::error(path, 0, 0, read_problem(&e)));
            return None;
        }
    };
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
pub fn is_direction_control(c: char) -> bool {
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

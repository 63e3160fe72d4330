//! Headless Chromium (Debian's `chromium`) for the suites that look at pages as a
//! browser renders them. Those tests are ignored by name (`needs chromium`) and fail,
//! rather than pass, when the browser is missing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread::sleep;
use std::time::Duration;

/// Where Chromium is (`SIGNPOST_CHROMIUM`, else `/usr/bin/chromium`); fails the test
/// when it is not there.
pub fn path() -> PathBuf {
    let path = std::env::var_os("SIGNPOST_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.exists(),
        "{} not found: this test needs Debian's chromium package \
         (apt-get install chromium; .ci/run installs it)",
        path.display()
    );
    path
}

/// Runs headless Chromium on `target` (a `file://` or `http://` URL) with the extra
/// arguments, with its own profile, and gives up after a
/// bounded wait so that a browser that hangs fails the test instead of stalling it.
pub fn run(chromium: &Path, profile: &Path, extra: &[&str], target: &str) -> Output {
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(target)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    // Read stdout on a thread so a large page cannot fill the pipe and block it.
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).map(|_| bytes)
    });
    for _ in 0..1200 {
        if let Some(status) = child.try_wait().expect("chromium runs") {
            let stdout = reader
                .join()
                .expect("reader thread")
                .expect("chromium's output");
            return Output {
                status,
                stdout,
                stderr: Vec::new(),
            };
        }
        sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("chromium did not finish within two minutes");
}

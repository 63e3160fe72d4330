//! A stand-in for systemd's notification socket: the bot's `sd_notify` messages
//! (`READY=1`, `WATCHDOG=1`, `STOPPING=1`) as it sends them, one datagram each.

use std::time::Duration;

/// What the bot told systemd through `NOTIFY_SOCKET`, one datagram at a time.
pub struct Notifications {
    _dir: tempfile::TempDir,
    socket: std::os::unix::net::UnixDatagram,
    pub path: String,
}

impl Notifications {
    pub fn new() -> Notifications {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("notify");
        let socket = std::os::unix::net::UnixDatagram::bind(&path)
            .unwrap_or_else(|e| panic!("cannot bind {}: {e}", path.display()));
        socket
            .set_nonblocking(true)
            .unwrap_or_else(|e| panic!("{e}"));
        Notifications {
            _dir: dir,
            socket,
            path: path.to_string_lossy().to_string(),
        }
    }

    /// Every message received so far.
    pub fn drain(&self) -> Vec<String> {
        let mut messages = Vec::new();
        let mut buffer = [0u8; 512];
        while let Ok(n) = self.socket.recv(&mut buffer) {
            messages.push(String::from_utf8_lossy(&buffer[..n]).to_string());
        }
        messages
    }

    /// Waits for a message containing `part` (a guard limit, not a measure).
    pub async fn wait_for(&self, part: &str) -> Vec<String> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        let mut seen = Vec::new();
        loop {
            seen.extend(self.drain());
            if seen.iter().any(|m| m.contains(part)) {
                return seen;
            }
            if tokio::time::Instant::now() > deadline {
                panic!("systemd was never told {part:?}; it was told {seen:?}");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Default for Notifications {
    fn default() -> Self {
        Notifications::new()
    }
}

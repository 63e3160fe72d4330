//! What the suites share, compiled once: the fake Bot API server, the real bot started
//! against it, a person talking to it, staff in a handover group, systemd's notification socket, headless Chromium; the fixtures and
//! copies of them (`files`); and the store suites' instants and sessions (`store`).

pub mod bot;
pub mod chromium;
// The fake Bot API models Telegram's side whole (every chat kind, the details of every
// call), more than the suites read at any one time.
#[allow(dead_code, unused_imports)]
pub mod fake_api;
pub mod files;
pub mod notify;
pub mod person;
pub mod staff;
pub mod store;

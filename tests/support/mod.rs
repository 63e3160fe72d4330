//! Shared pieces of the end-to-end tests: the fake Bot API server, the real bot started
//! against it, a person talking to it, and staff in a handover group.
// Each test binary includes this module and uses a different part of it.
#![allow(dead_code, unused_imports)]

pub mod bot;
pub mod fake_api;
pub mod notify;
pub mod person;
pub mod staff;

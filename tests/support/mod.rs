//! Shared pieces of the end-to-end tests: the fake Bot API server and the helpers that
//! start the bot against it.
// Each test binary includes this module and uses a different part of it.
#![allow(dead_code, unused_imports)]

pub mod fake_api;

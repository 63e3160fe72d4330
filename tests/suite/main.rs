//! The integration tests, one binary: every suite is a module here and the shared
//! pieces (`tests/support/`) are compiled once. See ARCHITECTURE.md ("tests/") for why
//! one binary and where a new suite goes.
//!
//! Run one suite with a filter on its module: `cargo test --locked --test suite
//! store_keys::`, all end-to-end ones with `cargo test --locked --test suite e2e_`.

#[path = "../support/mod.rs"]
mod support;

mod bad_input;
mod check;
mod check_props;
mod e2e_bad_input;
mod e2e_conversations;
mod e2e_exit;
mod e2e_fake_api;
mod e2e_faults;
mod e2e_flood;
mod e2e_handover;
mod e2e_in_process;
mod e2e_privacy;
mod e2e_reload;
mod e2e_webhook;
mod engine;
mod engine_props;
mod engine_understanding;
mod faults_under_load;
mod fuzz_props;
mod layout;
mod live;
mod ops;
mod staff_diff;
mod staff_graph;
mod staff_poster;
mod staff_report;
mod store_canary;
mod store_churn;
mod store_contract;
mod store_crash;
mod store_expiry;
mod store_keys;
mod store_stats;
mod studio;
mod transcripts;

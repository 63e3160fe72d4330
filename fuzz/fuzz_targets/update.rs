//! Fuzz target (d): any bytes as an update from Telegram, through the adapter's reading,
//! the intake's urgency check and the engine, with the shipped flows.
#![no_main]

use std::sync::LazyLock;

use signpost::model::FlowSet;
use signpost_fuzz::{repository_root, shipped};

static SET: LazyLock<FlowSet> =
    LazyLock::new(|| shipped(&repository_root(env!("CARGO_MANIFEST_DIR"))));

libfuzzer_sys::fuzz_target!(|data: &[u8]| signpost_fuzz::update(&SET, data));

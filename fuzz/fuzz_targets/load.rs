//! Fuzz target (a): any bytes as one file of a small valid flow set, then `load`.
#![no_main]

use std::sync::LazyLock;

use signpost_fuzz::{Loader, repository_root};

static LOADER: LazyLock<Loader> = LazyLock::new(|| {
    let root = repository_root(env!("CARGO_MANIFEST_DIR"));
    Loader::new(&root.join("tests/fixtures/base"))
});

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    LOADER.run(data);
});

//! The teloxide peer with its dialogues in SQLite (teloxide's `SqliteStorage`, JSON
//! serializer), at the path in `SIGNPOST_BENCH_SQLITE`. Everything else is the bare
//! peer of `../peer/mod.rs`, included as it is.

#[path = "../peer/mod.rs"]
mod peer;

use teloxide::dispatching::dialogue::SqliteStorage;
use teloxide::dispatching::dialogue::serializer::Json;

fn main() {
    let Some(path) = std::env::var_os("SIGNPOST_BENCH_SQLITE") else {
        eprintln!("peer-sqlite: SIGNPOST_BENCH_SQLITE names no file");
        std::process::exit(2);
    };
    let path = path.to_string_lossy().into_owned();
    peer::run_with(|| async move {
        match SqliteStorage::open(&path, Json).await {
            Ok(storage) => storage,
            Err(e) => {
                eprintln!("peer-sqlite: cannot open {path}: {e}");
                std::process::exit(1);
            }
        }
    })
}

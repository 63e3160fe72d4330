//! Long polling: `getUpdates` in a loop, each call confirming the previous batch through
//! its `offset`, until the stop is given. Starts after the last update an earlier run
//! processed, so that Telegram does not hand it over again. Updates that cannot be read
//! are skipped and confirmed with the rest (see [`Api::get_updates`]), so that one of
//! them never stops the bot from receiving.

use std::sync::Arc;
use std::time::Duration;

use teloxide::types::Update;
use tokio::sync::mpsc;

use super::api::{Api, CallError};
use super::health::Health;
use super::shutdown::Stopping;

/// Seconds Telegram holds a `getUpdates` call open when there is nothing to deliver;
/// below teloxide's 17-second HTTP timeout.
pub const POLL_TIMEOUT: u32 = 10;
const BACKOFF_START: Duration = Duration::from_secs(1);
const BACKOFF_MAX: Duration = Duration::from_secs(30);

/// The offset that confirms every update up to `id`.
pub fn offset_after(id: u32) -> Option<i32> {
    i32::try_from(u64::from(id) + 1).ok()
}

/// Polls until `stop`, passing updates on in order. Fails only when Telegram refuses the
/// token; every other failure is logged and retried with backoff. Each successful poll
/// tells `health` that updates can be received (readiness, the watchdog).
pub async fn poll(
    api: Arc<Api>,
    mut offset: Option<i32>,
    updates: mpsc::Sender<Update>,
    mut stop: Stopping,
    health: Arc<Health>,
) -> Result<(), CallError> {
    let mut backoff = BACKOFF_START;
    // The first poll does not wait for updates: its answer says at once that updates can
    // be received (readiness), instead of after a quiet poll's full timeout.
    let mut timeout = 0;
    while !stop.is_stopping() {
        let batch = tokio::select! {
            _ = stop.wait() => break,
            batch = api.get_updates(offset, timeout) => batch,
        };
        match batch {
            Ok(batch) => {
                health.alive();
                timeout = POLL_TIMEOUT;
                // Nothing in the batch can be confirmed (its only updates have no id that
                // can be read): the same updates would come again at once.
                let stuck = batch.newest.is_none() && batch.without_id > 0;
                if !stuck {
                    backoff = BACKOFF_START;
                }
                if batch.unreadable > 0 {
                    // Nothing of the updates is logged: only how many there were.
                    tracing::warn!(
                        count = batch.unreadable,
                        "updates that could not be read were skipped"
                    );
                }
                // The batch's highest id, not its last: should Telegram ever send ids out
                // of order, the ones before the last would otherwise come again.
                if let Some(newest) = batch.newest {
                    offset = offset_after(newest).or(offset);
                }
                for update in batch.updates {
                    if updates.send(update).await.is_err() {
                        return Ok(());
                    }
                }
                if stuck {
                    // Waiting keeps the repeats from becoming a busy loop.
                    tokio::select! {
                        _ = stop.wait() => break,
                        _ = tokio::time::sleep(backoff) => {}
                    }
                    backoff = (backoff * 2).min(BACKOFF_MAX);
                }
            }
            Err(CallError::InvalidToken) => return Err(CallError::InvalidToken),
            Err(error) => {
                tracing::warn!(%error, "getting updates failed; trying again");
                tokio::select! {
                    _ = stop.wait() => break,
                    _ = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(BACKOFF_MAX);
            }
        }
    }
    Ok(())
}

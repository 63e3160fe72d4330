//! How far update processing has got, made durable: the router announces the newest
//! update id up to which every update is handled (`Handler::processed`), and one task
//! writes it to the store, so that a restart under long polling neither repeats nor
//! skips an update. A task of its own, beside the handlers, so that neither the router
//! nor a conversation ever waits for this write.

use std::sync::Arc;

use tokio::sync::watch;

use crate::store::Sessions;

/// Writes the newest processed update id announced on `progress` to the store, skipping
/// ids overtaken while a write was under way, until the announcing side is gone (after
/// it has written the last one).
pub(crate) async fn record_progress(
    sessions: Arc<Sessions>,
    mut progress: watch::Receiver<Option<u32>>,
) {
    let mut written = None;
    loop {
        let open = progress.changed().await.is_ok();
        let latest = *progress.borrow_and_update();
        if let Some(id) = latest.filter(|_| latest != written) {
            let sessions = sessions.clone();
            match tokio::task::spawn_blocking(move || sessions.set_last_update_id(id)).await {
                Ok(Ok(())) => written = latest,
                Ok(Err(error)) => {
                    tracing::error!(%error, "the last processed update could not be recorded")
                }
                Err(_) => tracing::error!("recording the last processed update was interrupted"),
            }
        }
        if !open {
            return;
        }
    }
}

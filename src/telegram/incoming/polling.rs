//! Long polling: `getUpdates` in a loop until the stop is given. An update is confirmed
//! to Telegram (by a later call's `offset`) only once it is handled: every update before
//! it too, and the person's session on disk (the plan saves it durably before anything
//! is sent). So a crash, `kill -9` included, loses no update Telegram handed over: the
//! ones in hand are handed over again to the next run (see README, "What a crash can
//! cause"). A stop confirms what was handled ([`confirm`]), and a start begins after the
//! last update an earlier run processed, so that Telegram does not hand it over again. Updates that cannot be read are skipped and confirmed with
//! the rest (see [`Api::get_updates`]), so that one of them never stops the bot from
//! receiving.
//!
//! Updates in hand come back in every poll until they are confirmed; they are passed on
//! once ([`InHand`]). A poll that brings nothing new while updates are in hand is
//! followed by the next only once more of them are handled (or after [`REPOLL`]), so
//! that repeats never become a busy loop; new updates behind them wait that long at
//! most.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use teloxide::types::Update;
use tokio::sync::{mpsc, watch};

use crate::telegram::incoming::router::Taken;
use crate::telegram::ops::health::Health;
use crate::telegram::ops::shutdown::Stopping;
use crate::telegram::send::api::{Api, Batch, CallError};

/// Seconds Telegram holds a `getUpdates` call open when there is nothing to deliver;
/// below teloxide's 17-second HTTP timeout.
pub(crate) const POLL_TIMEOUT: u32 = 10;
/// How long a poll that brought only updates already in hand waits for one of them to
/// be handled before it asks again (for new updates behind them).
pub(crate) const REPOLL: Duration = Duration::from_millis(250);
const BACKOFF_START: Duration = Duration::from_secs(1);
const BACKOFF_MAX: Duration = Duration::from_secs(30);

/// The offset that confirms every update up to `id`.
pub(crate) fn offset_after(id: u32) -> Option<i32> {
    i32::try_from(u64::from(id) + 1).ok()
}

/// The updates passed on and not yet handled, and from that the offset that confirms
/// everything else (pure: the loop tells it what came and what was handled).
#[derive(Debug, Default)]
pub(crate) struct InHand {
    /// Passed on, and not yet covered by the handled watermark.
    ids: BTreeSet<u32>,
    /// The offset when nothing is in hand: after the newest update seen (read or not),
    /// or where the run started.
    after_newest: Option<i32>,
}

impl InHand {
    /// Starting at `offset` (after the last update an earlier run processed).
    pub(crate) fn new(offset: Option<i32>) -> InHand {
        InHand {
            ids: BTreeSet::new(),
            after_newest: offset,
        }
    }

    /// Every update passed on up to and including `watermark` is handled.
    pub(crate) fn handled(&mut self, watermark: Option<u32>) {
        if let Some(watermark) = watermark {
            self.ids.retain(|&id| id > watermark);
        }
    }

    /// Whether updates are in hand.
    pub(crate) fn busy(&self) -> bool {
        !self.ids.is_empty()
    }

    /// The offset for the next poll: the oldest update in hand (it and everything after
    /// it come again), or after the newest one seen.
    pub(crate) fn offset(&self) -> Option<i32> {
        match self.ids.first() {
            Some(&oldest) => i32::try_from(oldest).ok().or(self.after_newest),
            None => self.after_newest,
        }
    }

    /// Takes a batch: returns the updates not in hand yet, by id, and holds them.
    pub(crate) fn take(&mut self, batch: Batch) -> Vec<Update> {
        // The batch's highest id, not its last: should Telegram ever send ids out of
        // order, the ones before the last would otherwise come again.
        if let Some(next) = batch.newest.and_then(offset_after) {
            self.after_newest = Some(self.after_newest.map_or(next, |n| n.max(next)));
        }
        let mut fresh: Vec<Update> = batch
            .updates
            .into_iter()
            .filter(|u| self.ids.insert(u.id.0))
            .collect();
        // In order of id, so that the router's watermark never passes one still queued.
        fresh.sort_by_key(|u| u.id.0);
        fresh
    }
}

/// Polls until `stop`, passing updates on in order; `handled` is the router's watermark
/// (every update up to it handled). Fails only when Telegram refuses the token; every
/// other failure is logged and retried with backoff. Each successful poll tells `health`
/// that updates can be received (readiness, the watchdog).
pub(crate) async fn poll(
    api: Arc<Api>,
    offset: Option<i32>,
    updates: mpsc::Sender<Taken>,
    mut handled: watch::Receiver<Option<u32>>,
    mut stop: Stopping,
    health: Arc<Health>,
) -> Result<(), CallError> {
    let mut in_hand = InHand::new(offset);
    let mut backoff = BACKOFF_START;
    // The first poll does not wait for updates: its answer says at once that updates can
    // be received (readiness), instead of after a quiet poll's full timeout.
    let mut timeout = 0;
    let mut wait_for_progress = false;
    while !stop.is_stopping() {
        if wait_for_progress {
            tokio::select! {
                _ = stop.wait() => break,
                _ = handled.changed() => {}
                _ = tokio::time::sleep(REPOLL) => {}
            }
        }
        in_hand.handled(*handled.borrow_and_update());
        // Nothing in hand: the poll may wait for updates. Updates in hand come back at
        // once anyway.
        let batch = tokio::select! {
            _ = stop.wait() => break,
            batch = api.get_updates(in_hand.offset(), timeout) => batch,
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
                let fresh = in_hand.take(batch);
                wait_for_progress = fresh.is_empty() && in_hand.busy();
                for update in fresh {
                    if updates.send(Taken::from(update)).await.is_err() {
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

/// At a stop, once every update in hand is handled: confirms them to Telegram (up to
/// the router's watermark `handled`), so that a next start is not handed them again
/// even without this run's record of them (another data folder). One call, not waited
/// for long; a failure only means the next start skips them by that record.
pub(crate) async fn confirm(api: &Api, handled: Option<u32>) {
    let Some(offset) = handled.and_then(offset_after) else {
        return;
    };
    let confirming = api.get_updates(Some(offset), 0);
    match tokio::time::timeout(Duration::from_secs(5), confirming).await {
        Ok(Ok(_)) => {}
        Ok(Err(error)) => tracing::warn!(%error, "the updates handled could not be confirmed"),
        Err(_) => tracing::warn!("confirming the updates handled took too long"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(id: u32) -> Update {
        let json = format!(
            r#"{{"update_id":{id},"message":{{"message_id":1,"date":0,"chat":{{"id":1,"type":"private","first_name":"A"}},"text":"x"}}}}"#
        );
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"))
    }

    fn batch(ids: &[u32]) -> Batch {
        Batch {
            updates: ids.iter().map(|&id| update(id)).collect(),
            newest: ids.iter().max().copied(),
            ..Batch::default()
        }
    }

    fn ids(updates: &[Update]) -> Vec<u32> {
        updates.iter().map(|u| u.id.0).collect()
    }

    #[test]
    fn an_update_is_confirmed_only_once_it_and_all_before_it_are_handled() {
        let mut in_hand = InHand::new(Some(10));
        assert_eq!(in_hand.offset(), Some(10));
        assert_eq!(ids(&in_hand.take(batch(&[10, 11, 12]))), [10, 11, 12]);
        // Taken, not handled: the next poll confirms none of them.
        assert_eq!(in_hand.offset(), Some(10));
        in_hand.handled(Some(10));
        assert_eq!(in_hand.offset(), Some(11));
        in_hand.handled(Some(12));
        assert_eq!(in_hand.offset(), Some(13));
        assert!(!in_hand.busy());
    }

    #[test]
    fn updates_in_hand_that_come_again_are_passed_on_once() {
        let mut in_hand = InHand::new(None);
        assert_eq!(ids(&in_hand.take(batch(&[5, 6]))), [5, 6]);
        in_hand.handled(Some(5));
        assert_eq!(ids(&in_hand.take(batch(&[6, 7]))), [7]);
        assert_eq!(in_hand.offset(), Some(6));
        assert!(in_hand.take(batch(&[6, 7])).is_empty());
    }

    #[test]
    fn unreadable_updates_are_confirmed_with_the_rest() {
        let mut in_hand = InHand::new(None);
        let mut with_unreadable = batch(&[3]);
        with_unreadable.newest = Some(4);
        with_unreadable.unreadable = 1;
        assert_eq!(ids(&in_hand.take(with_unreadable)), [3]);
        assert_eq!(in_hand.offset(), Some(3));
        in_hand.handled(Some(3));
        assert_eq!(
            in_hand.offset(),
            Some(5),
            "the unreadable 4 is confirmed too"
        );
    }

    #[test]
    fn a_batch_out_of_order_is_passed_on_by_id() {
        let mut in_hand = InHand::new(None);
        assert_eq!(ids(&in_hand.take(batch(&[9, 7, 8]))), [7, 8, 9]);
        assert_eq!(in_hand.offset(), Some(7));
    }
}

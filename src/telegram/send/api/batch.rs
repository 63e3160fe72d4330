//! One `getUpdates` answer, read as an envelope of raw JSON values and each update on
//! its own, so that one the bot cannot read is skipped instead of the whole batch.

use crate::telegram::incoming::updates::read;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::Seconds;
use teloxide::{ApiError, RequestError};

/// One `getUpdates` answer.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    /// The updates that could be read, in the order Telegram sent them.
    pub updates: Vec<Update>,
    /// The highest id in the batch, of an update read or not: the next poll confirms
    /// everything up to it. Ids out of order in a batch do not make the bot confirm less.
    pub newest: Option<u32>,
    /// Updates that could not be read, and were skipped.
    pub unreadable: usize,
    /// Of those, the ones whose id could not be read either: they are confirmed only if
    /// a later update in the batch has a higher id.
    pub without_id: usize,
}

impl Batch {
    /// Reads a `getUpdates` answer: the envelope as a whole, each update on its own.
    pub(super) fn read(text: &str) -> Result<Batch, RequestError> {
        /// The answer's envelope, each update left as raw text. serde_json skips raw values
        /// without recursion, so no nesting makes the envelope unreadable.
        #[derive(Deserialize)]
        struct Envelope<'a> {
            ok: bool,
            #[serde(borrow, default)]
            result: Vec<&'a RawValue>,
            #[serde(default)]
            description: Option<String>,
            #[serde(default)]
            parameters: Option<Parameters>,
        }
        #[derive(Deserialize)]
        struct Parameters {
            retry_after: Option<u32>,
        }
        let envelope: Envelope = serde_json::from_str(text).map_err(|e| {
            // Not the Bot API's JSON (a proxy's error page): the text is not kept, as it
            // might quote anything.
            RequestError::InvalidJson {
                source: Arc::new(e),
                raw: "".into(),
            }
        })?;
        if !envelope.ok {
            if let Some(seconds) = envelope.parameters.and_then(|p| p.retry_after) {
                return Err(RequestError::RetryAfter(Seconds::from_seconds(seconds)));
            }
            // teloxide's reading of Telegram's error descriptions, so that a wrong token
            // and a second poller are recognised as everywhere else.
            let description = envelope.description.unwrap_or_default();
            let error =
                serde_json::from_value::<ApiError>(serde_json::Value::String(description.clone()))
                    .unwrap_or(ApiError::Unknown(description));
            return Err(RequestError::Api(error));
        }
        let mut batch = Batch::default();
        for raw in envelope.result {
            let id = match read(raw.get().as_bytes()) {
                Ok(update) => {
                    let id = update.id.0;
                    batch.updates.push(update);
                    Some(id)
                }
                Err(unreadable) => {
                    batch.unreadable += 1;
                    if unreadable.id.is_none() {
                        batch.without_id += 1;
                    }
                    unreadable.id
                }
            };
            batch.newest = batch.newest.max(id);
        }
        Ok(batch)
    }
}

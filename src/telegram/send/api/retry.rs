//! The one retry policy of every Bot API call: how it is paced (`Pace`), a 429 waited
//! out by freezing every send, a 5xx or network error tried again with backoff, and the
//! error that names the method.

use crate::telegram::ops::activity::{ACTIVITY, Happened};
use teloxide::prelude::*;
use teloxide::{ApiError, RequestError};

use super::*;

impl Api {
    /// Sends `request`, paced as `pace` says, retrying what can be retried: the one retry
    /// policy of every call (a 429 waited out by freezing every send, unless the call
    /// must not wait; a 5xx or network error tried again with exponential backoff).
    pub(super) async fn call<R>(
        &self,
        method: &'static str,
        pace: Pace,
        request: R,
    ) -> Result<teloxide::requests::Output<R>, CallError>
    where
        R: Request<Err = RequestError>,
    {
        let mut attempts = 0;
        let mut retry_afters = 0;
        let mut backoff = BACKOFF_START;
        loop {
            match pace {
                Pace::Chat(chat) => self.limiter.acquire(chat).await,
                Pace::Unpaced | Pace::NeverWaitOut => self.limiter.wait_unfrozen().await,
            }
            attempts += 1;
            ACTIVITY.count(Happened::ApiCall);
            let error = match request.send_ref().await {
                Ok(output) => return Ok(output),
                Err(e) => e,
            };
            match &error {
                RequestError::RetryAfter(after)
                    if pace != Pace::NeverWaitOut && retry_afters < MAX_RETRY_AFTERS =>
                {
                    retry_afters += 1;
                    attempts -= 1;
                    tracing::info!(
                        method,
                        seconds = after.seconds(),
                        "telegram asks to slow down"
                    );
                    self.limiter.freeze(after.duration());
                }
                _ if is_transient(&error) && attempts < MAX_ATTEMPTS => {
                    tracing::info!(method, attempt = attempts, reason = %describe(&error), "retrying a telegram call");
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(BACKOFF_MAX);
                }
                _ => return Err(classify(method, &error, attempts)),
            }
        }
    }
}

/// How a call waits before it is sent, and whether it waits out a 429.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pace {
    /// A message into this chat: paced for the chat and for the bot as a whole.
    Chat(i64),
    /// Any other call: it waits only while every send is frozen by a 429.
    Unpaced,
    /// A call that can wait until the next start (the profile texts) and must not hold
    /// every message back for the hours Telegram may ask profile changes to wait: a 429
    /// is its answer, not a reason to freeze.
    NeverWaitOut,
}

/// Whether trying again may help: network trouble or a server error.
pub(super) fn is_transient(error: &RequestError) -> bool {
    match error {
        RequestError::Network(_) | RequestError::Io(_) => true,
        // A proxy's HTML error page in front of the API.
        RequestError::InvalidJson { .. } => true,
        RequestError::Api(ApiError::Unknown(description)) => is_server_error(description),
        _ => false,
    }
}

/// teloxide does not keep the HTTP status; Telegram's 5xx answers carry these.
pub(super) fn is_server_error(description: &str) -> bool {
    [
        "Internal Server Error",
        "Bad Gateway",
        "Service Unavailable",
        "Gateway Timeout",
    ]
    .iter()
    .any(|s| description.contains(s))
}

pub(super) fn classify(method: &'static str, error: &RequestError, attempts: u32) -> CallError {
    match error {
        RequestError::Api(ApiError::InvalidToken) => CallError::InvalidToken,
        RequestError::Api(ApiError::TerminatedByOtherGetUpdates | ApiError::CantGetUpdates) => {
            CallError::Conflict
        }
        e if is_transient(e) || matches!(e, RequestError::RetryAfter(_)) => {
            CallError::Unavailable {
                method,
                attempts,
                reason: describe(e),
            }
        }
        e => CallError::Refused {
            method,
            reason: describe(e),
        },
    }
}

/// A description of a failure that is safe to log: the kind of error and Telegram's error
/// description, never a response body or a URL (which would hold the token).
pub(super) fn describe(error: &RequestError) -> String {
    match error {
        RequestError::Api(ApiError::Unknown(description)) => {
            // Telegram's descriptions name the problem, not the content; they are cut short
            // all the same.
            let short: String = description.chars().take(120).collect();
            format!("api error: {short}")
        }
        RequestError::Api(e) => format!("api error: {e:?}"),
        RequestError::MigrateToChatId(_) => "the chat moved to a supergroup".into(),
        RequestError::RetryAfter(after) => format!("retry after {}s", after.seconds()),
        RequestError::Network(e) => {
            if e.is_timeout() {
                "network timeout".into()
            } else if e.is_connect() {
                "cannot connect".into()
            } else {
                "network error".into()
            }
        }
        RequestError::InvalidJson { .. } => "an answer that is not the Bot API's JSON".into(),
        RequestError::Io(_) => "i/o error".into(),
    }
}

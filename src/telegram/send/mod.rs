//! Sending: every Bot API call ([`api`]), paced to Telegram's limits ([`limiter`]), with
//! the engine's replies rendered as Telegram messages ([`render`]).

pub(crate) mod api;
pub mod limiter;
pub(crate) mod render;

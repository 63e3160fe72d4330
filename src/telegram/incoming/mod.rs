//! Taking updates in: where they come from ([`polling`], [`webhook`]), what each means
//! for the bot ([`updates`], read one at a time), the pace a chat may keep ([`intake`]),
//! one chat's updates in order and each at most once ([`router`]), and how far handling
//! has got, confirmed to Telegram only once handled ([`progress`]).

pub(crate) mod intake;
pub(crate) mod polling;
pub(crate) mod progress;
pub(crate) mod router;
pub mod updates;
pub mod webhook;

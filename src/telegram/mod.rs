//! `signpost run`: the module that talks to Telegram (outside it, only `cli::run`, which
//! builds the teloxide client, and `cli::doctor`, which reads what Telegram says of the
//! bot and its webhook, name teloxide's types). It receives updates (long polling or a
//! webhook), reduces each to what the engine needs, hands it to the engine with the
//! person's session, and carries out the effects: messages rendered for Telegram, the
//! person's message deleted when it held personal data, the whole conversation deleted on
//! quick exit.
//!
//! The map, by job:
//! - [`incoming`]: taking updates in (long polling or a webhook, one update read at a
//!   time, the intake limit, per-chat order, progress confirmed only once handled);
//! - [`conversation`]: one update through the store and the engine: [`conversation::triage`]
//!   decides where it goes (pure), [`conversation::plan`] orders the writes, sends and
//!   deletions of its outcome (pure), and the handler carries them out;
//! - [`send`]: every call to Telegram, paced and retried, replies rendered as HTML;
//! - [`handover`]: the live conversation between a person and the staff group, relayed
//!   through a topic so that neither side learns who the other is;
//! - [`ops`]: start-up, systemd readiness and watchdog, the stop signal, the clock,
//!   coarse activity counts, the command menu and profile texts;
//! - [`chats`]: `ChatKey`, how every in-memory map of chats is keyed (never by chat id).
//!
//! **Invariant:** no chat id, user id, name, username or text the person typed is written
//! to a log, a file or the store from here. The chat id lives in memory while an update
//! is handled (and, during a handover, in the relay's cases) and is handed to the store
//! only through its pseudonymising facade.
//! teloxide's dispatcher is not used: the bot reads one update at a time (an unreadable
//! one is skipped, not the batch), holds a flooding chat back before its queue, and
//! confirms an update to Telegram only once it is handled.

pub(crate) mod chats;
pub(crate) mod conversation;
pub(crate) mod handover;
pub mod incoming;
pub mod ops;
pub mod send;

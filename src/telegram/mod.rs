//! `signpost run`: the module that talks to Telegram (outside it, only `cli::run`, which
//! builds the teloxide client, and `cli::doctor`, which reads what Telegram says of the
//! bot and its webhook, name teloxide's types). It receives updates (long polling or a
//! webhook), reduces each to what the engine needs, hands it to the engine with the
//! person's session, and carries out the effects: messages rendered for Telegram, the
//! person's message deleted when it held personal data, the whole conversation deleted on
//! quick exit.
//!
//! The map:
//! - [`runtime`]: start-up, the update source, maintenance, shutdown;
//! - [`updates`]: an update reduced to chat, message id, text or button data, language;
//! - [`triage`]: where one update goes (the relay, the engine, the calm notice, the
//!   wipe, out of a group), decided in pure code;
//! - [`conversation`]: one update through the store and the engine, its plan carried out;
//! - [`plan`]: the order of writes, sends and deletions for one outcome, and the message
//!   ids remembered (pure);
//! - [`progress`]: the last update processed, written to the store;
//! - [`router`]: per-chat order, concurrency across chats, each update at most once;
//! - [`intake`]: a chat writing faster than a person can is held back and told once;
//! - [`chats`]: `ChatKey`, how every in-memory map of chats is keyed (never by chat id);
//! - [`polling`] and [`webhook`]: where updates come from;
//! - [`api`] and [`limiter`]: every call to Telegram, paced and retried;
//! - [`render`]: replies as HTML messages with inline keyboards;
//! - [`commands`]: the command menu per language; [`profile`]: the bot's description
//!   and short description per language;
//! - [`health`]: readiness and the watchdog for systemd (`Type=notify`);
//! - [`shutdown`] and [`clock`]: the stop signal and the time;
//! - [`activity`]: what was handled, logged as coarse totals, never per update;
//! - [`handover`]: the live conversation between a person and the staff group, relayed
//!   through a topic so that neither side learns who the other is.
//!
//! **Invariant:** no chat id, user id, name, username or text the person typed is written
//! to a log, a file or the store from here. The chat id lives in memory while an update
//! is handled (and, during a handover, in the relay's cases) and is handed to the store
//! only through its pseudonymising facade.
//! teloxide's dispatcher is not used: its default handler logs whole updates.

pub mod activity;
pub mod api;
pub mod chats;
pub mod clock;
pub mod commands;
pub mod conversation;
pub mod handover;
pub mod health;
pub mod intake;
pub mod limiter;
pub mod plan;
pub mod polling;
pub mod profile;
pub mod progress;
pub mod render;
pub mod router;
pub mod runtime;
pub mod shutdown;
pub mod triage;
pub mod updates;
pub mod webhook;

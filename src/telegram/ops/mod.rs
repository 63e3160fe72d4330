//! Operations: start-up and the running bot ([`runtime`]), the service manager
//! ([`health`]), the stop signal ([`shutdown`]), the time ([`clock`]), coarse activity
//! counts in the log ([`activity`]), and the command menu and profile texts per language
//! ([`commands`], [`profile`]).

pub(crate) mod activity;
pub mod clock;
pub(crate) mod commands;
pub(crate) mod health;
pub(crate) mod profile;
pub mod runtime;
pub mod shutdown;

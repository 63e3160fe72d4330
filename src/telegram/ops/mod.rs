//! Operations: start-up and the running bot ([`runtime`]), the service manager
//! ([`health`]), the stop signal ([`shutdown`]), the time ([`clock`]), coarse activity
//! counts in the log ([`activity`]), and the command menu and profile texts per language
//! ([`commands`], [`profile`]).

pub mod activity;
pub mod clock;
pub mod commands;
pub mod health;
pub mod profile;
pub mod runtime;
pub mod shutdown;

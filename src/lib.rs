//! signpost: an anonymous first-contact bot that walks a person through flows defined in
//! files and ends every path at a concrete signpost (a service, how to reach it, whether
//! it is open now, how anonymous it is).
//!
//! The map of the code:
//! - [`model`]: the validated flow set, the only form of flows the engine sees;
//! - [`words`]: how text is split into folded words, for the set's keywords and a
//!   person's message alike;
//! - [`locale`]: texts in every language and the choice of a language;
//! - [`load`]: reads `flows/` and `locales/`, checks everything, builds a [`model::FlowSet`]
//!   or a compiler-style report (`signpost check`);
//! - [`live`]: the flow set in service, replaced atomically when valid files change;
//! - [`engine`]: the pure conversation engine, `(flow set, session, input, now) ->
//!   (session, effects)`, with no I/O, no clock and no Telegram;
//! - [`store`]: sessions under keyed pseudonyms, expiry, aggregate statistics;
//! - [`telegram`]: the only module that knows Telegram (`signpost run`);
//! - [`staff`]: pictures, the HTML report, diffs, QR posters and the figures page for
//!   the staff;
//! - [`studio`]: the web page over the files for staff and translators (`signpost
//!   studio`): see, edit, try and save;
//! - [`cli`]: the subcommands of the `signpost` binary.

// What only this crate uses is `pub(crate)`, so the compiler reports dead code; the
// public API is what the binary, the tests, the benchmarks and the fuzz targets use,
// and every item of it says what it is (`missing_docs`).
#![warn(unreachable_pub, missing_docs)]

pub mod cli;
pub mod engine;
pub mod live;
pub mod load;
pub mod locale;
pub mod model;
pub mod staff;
pub mod store;
pub(crate) mod studio;
pub mod telegram;
pub mod understand;
pub(crate) mod words;

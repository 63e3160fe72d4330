//! The message ids the engine renders itself, with the arguments it passes: every
//! language must have them (`check` enforces it).

/// Messages the engine itself renders, with the arguments it passes. Every language
/// must have each of them; `check` enforces it.
pub const BUILTIN_MESSAGES: &[(&str, &[&str])] = &[
    ("button-emergency", &[]),
    ("button-exit", &[]),
    ("button-language", &[]),
    ("button-privacy", &[]),
    ("button-restart", &[]),
    ("language-name", &[]),
    ("language-prompt", &[]),
    ("emergency-text", &[]),
    ("exit-done", &[]),
    ("privacy-text", &[]),
    ("help-text", &[]),
    ("stale-menu", &[]),
    ("step-gone", &[]),
    ("flow-error", &[]),
    ("not-understood", &[]),
    ("personal-data-notice", &[]),
    ("unsupported-message", &[]),
    ("slow-down", &[]),
    ("signpost-open-always", &[]),
    ("signpost-open-now", &["closes"]),
    ("signpost-closed", &["weekday", "opens", "today"]),
    ("signpost-hours-unknown", &[]),
    ("signpost-meanwhile", &[]),
    ("signpost-interpreters", &[]),
    ("anonymity-anonymous", &[]),
    ("anonymity-confidential", &[]),
    ("anonymity-public-record", &[]),
    ("anonymity-unknown", &[]),
    ("cost-free", &[]),
    ("cost-paid", &[]),
    ("contact-phone", &["value"]),
    ("contact-web", &["value"]),
    ("contact-email", &["value"]),
    ("contact-chat", &["value"]),
    ("contact-visit", &["value"]),
];

/// Messages of opening hours (`locales/<lang>/hours.ftl`), needed by a set where a
/// service has weekly hours or a flow names a line for when all is closed.
pub const HOURS_MESSAGES: &[(&str, &[&str])] = &[
    ("hours-open-until-day", &["closes", "weekday"]),
    ("hours-all-closed", &["weekday", "opens", "today"]),
    ("hours-open-day-and-night", &[]),
];

/// Messages of the understanding of typed text (`locales/<lang>/understanding.ftl`). A
/// set whose `bot.toml` lists distress words needs each of them in every language; a
/// set without them falls back to `not-understood` and to following the first route.
pub const UNDERSTANDING_MESSAGES: &[(&str, &[&str])] = &[
    ("understanding-distress", &[]),
    ("understanding-did-you-mean", &[]),
    ("understanding-not-understood", &[]),
];

/// Messages of the place question (`locales/<lang>/place.ftl`), needed by a set with
/// several areas (`areas` in `bot.toml`).
pub const PLACE_MESSAGES: &[(&str, &[&str])] = &[
    ("place-question", &[]),
    ("place-button-elsewhere", &[]),
    ("place-button-unsaid", &[]),
    ("place-button-change", &[]),
    ("place-elsewhere-text", &[]),
];

/// Messages of the handover to a person (`locales/<lang>/handover.ftl`), needed by a
/// set where a step offers it or `bot.toml` has `[handover]`.
pub const HANDOVER_MESSAGES: &[(&str, &[&str])] = &[
    ("handover-offer-button", &[]),
    ("handover-consent", &["service"]),
    ("handover-consent-button", &[]),
    ("handover-unavailable", &[]),
    ("handover-waiting", &[]),
    ("handover-delayed", &[]),
    ("handover-capped", &[]),
    ("handover-only-text", &[]),
    ("handover-personal-held", &[]),
    ("handover-personal-send", &[]),
    ("handover-personal-drop", &[]),
    ("handover-personal-sent", &[]),
    ("handover-personal-dropped", &[]),
    ("handover-ended-staff", &[]),
    ("handover-ended-inactive", &[]),
    ("handover-ended-restart", &[]),
    ("handover-staff-case", &["lang", "trail"]),
    ("handover-staff-person-left", &["case"]),
    ("handover-staff-ended", &["case"]),
    ("handover-staff-inactive", &["case"]),
    ("handover-staff-only-text", &[]),
    ("handover-staff-urgent", &[]),
    ("handover-staff-available", &["count"]),
    ("handover-staff-restart", &[]),
];

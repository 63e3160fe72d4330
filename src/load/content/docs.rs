//! The parts of the content as written: a flow, a step, a service, a role, each with
//! where it is, values in their file spelling.

use std::path::PathBuf;

use crate::model::Text;

/// `bot.toml` as written.
#[derive(Debug, Default)]
pub struct SettingsDoc {
    pub main_flow: Option<String>,
    pub default_language: Option<String>,
    pub languages: Vec<String>,
    pub emergency_service: Option<String>,
    /// The local area (a file in `flows/areas/`).
    pub area: Option<String>,
    /// The local areas: `areas`, or `area` as a list of one.
    pub areas: Vec<String>,
    /// Each intent with its settings as lines such as `match = word` or `sv: polis`.
    pub intents: Vec<(String, Vec<String>)>,
}

/// One flow file as written.
#[derive(Debug)]
pub struct FlowDoc {
    pub file: PathBuf,
    /// The flow's id, or its file name without `.toml` when it has none.
    pub id: String,
    pub start: Option<String>,
    pub deep_links: Vec<DeepLinkDoc>,
    /// In file order.
    pub steps: Vec<StepDoc>,
}

impl FlowDoc {
    pub fn step(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeepLinkDoc {
    pub code: String,
    pub lang: Option<String>,
}

/// One step as written.
#[derive(Debug)]
pub struct StepDoc {
    pub id: String,
    /// The 1-based line of its `[steps.<id>]` key.
    pub line: usize,
    /// The byte offset of that key.
    pub at: usize,
    pub say: Vec<Text>,
    pub choices: Vec<ChoiceDoc>,
    pub routes: Vec<RouteDoc>,
    pub signposts: Vec<String>,
    /// A step of the same flow.
    pub next: Option<String>,
    pub end: bool,
    /// Offers a live conversation with the staff (`handover = true`).
    pub handover: bool,
}

#[derive(Debug)]
pub struct ChoiceDoc {
    pub label: Text,
    pub to: Goto,
}

#[derive(Debug)]
pub struct RouteDoc {
    pub lang: Option<String>,
    pub pattern: String,
    pub to: Goto,
}

/// Where a choice or route leads, as written: `goto` alone is a step of the same flow,
/// `flow` alone is the start of another flow, both is a given step of another flow.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Goto {
    pub flow: Option<String>,
    pub step: Option<String>,
}

impl std::fmt::Display for Goto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.flow, &self.step) {
            (None, Some(step)) => write!(f, "step \"{step}\""),
            (Some(flow), None) => write!(f, "flow \"{flow}\""),
            (Some(flow), Some(step)) => write!(f, "flow \"{flow}\", step \"{step}\""),
            (None, None) => f.write_str("nowhere"),
        }
    }
}

/// A role as declared, with what it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleDoc {
    /// Without the `@`.
    pub name: String,
    /// The service id the area binds it to, else its fallback, as written.
    pub service: Option<String>,
    /// Whether the area binds it (false: the fallback, or nothing).
    pub bound_by_area: bool,
}

/// One `[services.<id>]` table as written; values in their file spelling.
#[derive(Debug, Default)]
pub struct ServiceDoc {
    /// The file it is in (`services.toml` or an area file), as diagnostics name it.
    pub file: PathBuf,
    pub id: String,
    /// The 1-based line of its `[services.<id>]` key.
    pub line: usize,
    /// The byte offset of that key.
    pub at: usize,
    pub name: Option<String>,
    pub about: Option<String>,
    pub offers: Vec<String>,
    pub for_whom: Vec<String>,
    pub coverage: Option<String>,
    /// Kind and value, such as `phone` and `020-50 50 50`.
    pub contacts: Vec<(String, String)>,
    pub anonymity: Option<String>,
    pub anonymity_note: Option<String>,
    pub cost: Option<String>,
    pub languages: Vec<String>,
    pub interpreters: bool,
    pub meanwhile: Option<String>,
    /// The opening hours in words (see [`hours_text`]).
    pub hours: Option<String>,
    pub verified_on: Option<jiff::civil::Date>,
    pub verified_by: Option<String>,
    /// The public page the facts were checked against.
    pub source: Option<String>,
    pub source_date: Option<jiff::civil::Date>,
}

impl ServiceDoc {
    /// Whether the loader would show it (and define its `-svc-` term).
    pub fn is_shown(&self) -> bool {
        self.verified_on.is_some() && self.verified_by.is_some() && self.source.is_some()
    }

    /// The message ids this service names.
    pub fn messages(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("about", &self.about),
            ("anonymity_note", &self.anonymity_note),
            ("meanwhile", &self.meanwhile),
        ]
        .into_iter()
        .filter_map(|(key, id)| id.as_deref().map(|id| (key, id)))
    }
}

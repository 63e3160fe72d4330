//! The files as written: serde types for `bot.toml`, flow files and `services.toml`,
//! with the position of every value that a later check may point at.
//!
//! Unknown keys are refused (`deny_unknown_fields`) so a misspelt key is reported
//! instead of silently ignored. Tables with parts that are read one by one (a flow's
//! steps, the services, the intents) are not here: see `toml_file`.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};
use toml::Spanned;
use toml::value::Datetime;

/// `bot.toml` without its `[intents]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Bot {
    pub main_flow: Spanned<String>,
    pub default_language: Spanned<String>,
    pub languages: Spanned<Vec<Spanned<String>>>,
    pub emergency_service: Spanned<String>,
    /// The local area whose file in `flows/areas/` binds the roles; none: every role
    /// falls back to its national entry.
    pub area: Option<Spanned<String>>,
    /// Several areas in one set (a county): the person is asked where they are the first
    /// time a step shows a role. `area = "x"` is the same as `areas = ["x"]`.
    pub areas: Option<Spanned<Vec<Spanned<String>>>>,
    pub fallback_language: Option<Spanned<String>>,
    #[serde(default)]
    pub distress_services: Vec<Spanned<String>>,
    pub max_taps: Option<Spanned<u32>>,
    pub age: Option<Spanned<Age>>,
    pub handover: Option<Spanned<Handover>>,
    /// `[questions.<id>]`: questions answered at every step.
    #[serde(default)]
    pub questions: BTreeMap<Spanned<String>, Spanned<Question>>,
}

/// One `[questions.<id>]`: its answer, its services and its examples per language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Question {
    pub say: Spanned<String>,
    #[serde(default)]
    pub signposts: Vec<Spanned<String>>,
    #[serde(default)]
    pub examples: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

/// `[handover]`: the staff group that takes live conversations.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Handover {
    /// The supergroup's chat id (negative, `-100...`).
    pub group: Spanned<i64>,
    /// A service id or `@role`: who answers, named in the consent text.
    pub service: Spanned<String>,
    /// The languages someone on the staff writes.
    pub languages: Spanned<Vec<Spanned<String>>>,
    pub inactivity_minutes: Spanned<u32>,
    pub hours: Option<Spanned<Hours>>,
    /// The Telegram user ids of the staff who may answer; without it, any member of
    /// the group may.
    pub staff: Option<Spanned<Vec<Spanned<i64>>>>,
}

/// `[age]`: a young age given in words leads to a flow.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Age {
    /// The flow; without it, ages are not looked for.
    pub flow: Option<Spanned<String>>,
    #[serde(default = "adult_age")]
    pub under: u32,
    /// Per language: words before the number ("i am").
    #[serde(default)]
    pub before: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Per language: words after the number ("years").
    #[serde(default)]
    pub after: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Per language: a word that, first in a message, says "I am" alone ("är 17").
    #[serde(default)]
    pub first: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Per language: school words ("klass", "grade"), a school year next to them.
    #[serde(default)]
    pub school: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Per language: words after a number that opens a message ("16 bast", "17f").
    #[serde(default)]
    pub opening: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Per language: whole sentences of a child about their age ("I am under 18").
    #[serde(default)]
    pub examples: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

fn adult_age() -> u32 {
    18
}

/// One `[intents.<name>]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Intent {
    #[serde(rename = "match")]
    pub matching: Option<Matching>,
    #[serde(default)]
    pub keywords: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Keywords (of any language) that win even over a step's own route.
    #[serde(default)]
    pub always: Vec<Spanned<String>>,
    /// Per language: whole messages that mean this intent.
    #[serde(default)]
    pub examples: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Matching {
    Word,
    Whole,
}

/// A flow file without its `[steps]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowHead {
    pub id: Spanned<String>,
    pub start: Spanned<String>,
    #[serde(default)]
    pub protect_content: bool,
    #[serde(default)]
    pub deep_links: Vec<Spanned<DeepLink>>,
    /// A service (or `@role`) open day and night, shown when a step's are all closed.
    pub when_closed: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeepLink {
    pub code: Spanned<String>,
    pub lang: Option<Spanned<String>>,
}

/// One `[steps.<id>]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[serde(default)]
    pub say: Vec<Spanned<Text>>,
    #[serde(default)]
    pub choices: Vec<Spanned<Choice>>,
    #[serde(default)]
    pub routes: Vec<Spanned<Route>>,
    #[serde(default)]
    pub signposts: Vec<Spanned<String>>,
    pub next: Option<Spanned<String>>,
    pub end: Option<Spanned<bool>>,
    pub global_buttons: Option<Spanned<bool>>,
    /// Offer to write with a person (see `[handover]` in `bot.toml`).
    pub handover: Option<Spanned<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub label: Spanned<Text>,
    pub goto: Option<Spanned<String>>,
    pub flow: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub lang: Option<Spanned<String>>,
    #[serde(rename = "match")]
    pub pattern: Option<Spanned<String>>,
    pub words: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub confirm: bool,
    /// Whole sentences in the route's language that should lead here.
    #[serde(default)]
    pub examples: Vec<Spanned<String>>,
    pub goto: Option<Spanned<String>>,
    pub flow: Option<Spanned<String>>,
}

/// A message to say: `"id"` or `{ id = "id", args = { name = value } }`.
#[derive(Debug)]
pub enum Text {
    Plain(String),
    WithArgs(TextTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextTable {
    pub id: Spanned<String>,
    #[serde(default)]
    pub args: BTreeMap<Spanned<String>, Spanned<Arg>>,
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a message id, or { id = \"...\", args = { ... } }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::Plain(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Text, A::Error> {
                TextTable::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(Text::WithArgs)
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// An argument value: text or a number.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Num(f64),
}

impl<'de> Deserialize<'de> for Arg {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ArgVisitor;
        impl Visitor<'_> for ArgVisitor {
            type Value = Arg;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("text in quotes or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Arg, E> {
                Ok(Arg::Str(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Arg, E> {
                Ok(Arg::Num(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Arg, E> {
                Ok(Arg::Num(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Arg, E> {
                Ok(Arg::Num(v))
            }
        }
        deserializer.deserialize_any(ArgVisitor)
    }
}

/// One `[services.<id>]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Service {
    pub name: Spanned<String>,
    pub about: Spanned<String>,
    pub offers: Vec<Offer>,
    pub for_whom: Vec<Audience>,
    pub coverage: Spanned<String>,
    pub contacts: Vec<Spanned<Contact>>,
    pub anonymity: Anonymity,
    pub anonymity_note: Spanned<String>,
    /// Left out when the source does not say.
    pub cost: Option<Cost>,
    #[serde(default)]
    pub languages: Vec<Spanned<String>>,
    #[serde(default)]
    pub interpreters: bool,
    pub meanwhile: Option<Spanned<String>>,
    pub verified_on: Option<Spanned<Datetime>>,
    pub verified_by: Option<Spanned<String>>,
    /// The public page the facts were checked against.
    pub source: Option<Spanned<String>>,
    /// The date of the copy of that page, when the page gives one.
    pub source_date: Option<Spanned<Datetime>>,
    /// Other names the service is known by (`check` looks for them in texts while the
    /// entry is hidden).
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub hours: Option<Spanned<Hours>>,
}

/// One `[roles.<name>]` table of `services.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Role {
    /// The national entry shown where the area does not bind the role.
    pub fallback: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Offer {
    Support,
    Treatment,
    Reporting,
    Emergency,
    Advice,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Audience {
    Exploited,
    Buyers,
    Relatives,
    Professionals,
    Reporters,
    Children,
    Anyone,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Contact {
    pub kind: ContactKind,
    pub value: Spanned<String>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum ContactKind {
    Phone,
    Web,
    Email,
    Chat,
    Visit,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Anonymity {
    Anonymous,
    Confidential,
    PublicRecord,
    Unknown,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Cost {
    Free,
    Paid,
}

/// `[services.<id>.hours]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Hours {
    pub always: Option<Spanned<bool>>,
    pub mon: Option<Vec<Spanned<String>>>,
    pub tue: Option<Vec<Spanned<String>>>,
    pub wed: Option<Vec<Spanned<String>>>,
    pub thu: Option<Vec<Spanned<String>>>,
    pub fri: Option<Vec<Spanned<String>>>,
    pub sat: Option<Vec<Spanned<String>>>,
    pub sun: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub exceptions: Vec<Spanned<Exception>>,
    /// Other weekly hours for part of every year (such as summer hours).
    #[serde(default)]
    pub periods: Vec<Spanned<Period>>,
    /// Public holidays: `"closed"` or their own hours.
    pub holidays: Option<Spanned<DayRule>>,
    /// A weekday before a public holiday.
    pub holiday_eve: Option<Spanned<DayRule>>,
    pub midsummer_eve: Option<Spanned<DayRule>>,
    pub christmas_eve: Option<Spanned<DayRule>>,
    pub new_years_eve: Option<Spanned<DayRule>>,
}

/// A kind of day's hours: `"closed"`, or times such as `["10:00-14:00"]`.
#[derive(Debug)]
pub(super) enum DayRule {
    Word(String),
    /// Plain strings, so errors point at the key's value.
    Times(Vec<String>),
}

impl<'de> Deserialize<'de> for DayRule {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Rule;
        impl<'de> serde::de::Visitor<'de> for Rule {
            type Value = DayRule;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("\"closed\" or a list of times such as [\"10:00-14:00\"]")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DayRule, E> {
                Ok(DayRule::Word(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<DayRule, A::Error> {
                let mut times = Vec::new();
                while let Some(t) = seq.next_element::<String>()? {
                    times.push(t);
                }
                Ok(DayRule::Times(times))
            }
        }
        deserializer.deserialize_any(Rule)
    }
}

/// `{ from = "06-01", to = "08-31", mon = [...], ... }`: weekly hours that replace the
/// usual ones between two days of every year (both included).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Period {
    pub from: Spanned<String>,
    pub to: Spanned<String>,
    pub mon: Option<Vec<Spanned<String>>>,
    pub tue: Option<Vec<Spanned<String>>>,
    pub wed: Option<Vec<Spanned<String>>>,
    pub thu: Option<Vec<Spanned<String>>>,
    pub fri: Option<Vec<Spanned<String>>>,
    pub sat: Option<Vec<Spanned<String>>>,
    pub sun: Option<Vec<Spanned<String>>>,
}

impl Period {
    /// The days Monday first, as written.
    pub(super) fn days(&self) -> [&Option<Vec<Spanned<String>>>; 7] {
        [
            &self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat, &self.sun,
        ]
    }
}

impl Hours {
    /// The rules of kinds of day, with their keys.
    pub(super) fn special(&self) -> [(&'static str, &Option<Spanned<DayRule>>); 5] {
        [
            ("holidays", &self.holidays),
            ("holiday_eve", &self.holiday_eve),
            ("midsummer_eve", &self.midsummer_eve),
            ("christmas_eve", &self.christmas_eve),
            ("new_years_eve", &self.new_years_eve),
        ]
    }

    /// The days Monday first, as written.
    pub(super) fn days(&self) -> [&Option<Vec<Spanned<String>>>; 7] {
        [
            &self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat, &self.sun,
        ]
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Exception {
    pub date: Spanned<Datetime>,
    pub hours: Vec<Spanned<String>>,
}

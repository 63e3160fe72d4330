//! The service directory, validated: services with their verified facts, the areas and
//! what each role stands for in them.

use super::*;

/// `flows/services.toml`, validated.
#[derive(Debug, Default)]
pub struct Directory {
    /// Every service in the file, in its order; a [`ServiceIdx`] points into it.
    pub services: Vec<Service>,
    /// The local area in use (`area` in `bot.toml`), if any.
    pub area: Option<String>,
    /// Every declared role with the service it stands for here: the area's binding, or
    /// the role's national fallback. With several areas, every role's fallback: what a
    /// person elsewhere in Sweden is shown (and what `-role-<role>` in a text names).
    pub roles: Vec<RoleBinding>,
    /// The areas of a set with several (`areas` in `bot.toml`), in the order the place
    /// question lists them; empty with one area or none, and then nothing is asked.
    pub areas: Vec<Area>,
    /// Where steps show a role, so that the person's area's service takes its place.
    pub local: Vec<LocalSignpost>,
}

/// One area of a set with several: its name, the words a person may type for it, and
/// the service each role stands for there.
#[derive(Debug, Clone)]
pub struct Area {
    /// The file name in `flows/areas/` without `.toml` (what a session and a deep link
    /// carry).
    pub id: String,
    /// The place's proper name, the same in every language (the button's label).
    pub name: String,
    /// The name and `words` of the area file, each folded as a message's words are
    /// (no case, no diacritics), for a typed answer to the place question.
    pub words: Vec<String>,
    /// Every declared role, in the order of [`Directory::roles`], with its service here.
    pub roles: Vec<RoleBinding>,
}

/// A role written in a step's `signposts`: the `position`th signpost of the step at
/// `at` stands for role `role` (an index into [`Directory::roles`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalSignpost {
    /// The step that shows the role.
    pub at: Target,
    /// Which of the step's signposts is the role (0 is the first).
    pub position: usize,
    /// The role, as an index into [`Directory::roles`].
    pub role: usize,
}

impl Directory {
    /// The index of the service with this id, if the directory has one.
    #[cfg(any(test, feature = "testing"))]
    pub fn by_id(&self, id: &str) -> Option<ServiceIdx> {
        self.services
            .iter()
            .position(|s| s.id == id)
            .map(ServiceIdx::new)
    }

    /// The service at an index.
    pub fn get(&self, service: ServiceIdx) -> &Service {
        &self.services[service]
    }

    /// The binding of a role, by its name without the `@`.
    pub fn role(&self, name: &str) -> Option<&RoleBinding> {
        self.roles.iter().find(|r| r.role == name)
    }

    /// An area of a set with several, by its id.
    pub fn area(&self, id: &str) -> Option<usize> {
        self.areas.iter().position(|a| a.id == id)
    }

    /// Whether the step at `at` shows a role.
    pub fn shows_role(&self, at: Target) -> bool {
        self.local.iter().any(|l| l.at == at)
    }
}

/// A role (`@local-on-call` in a flow) and the service it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleBinding {
    /// The name without the `@`.
    pub role: String,
    /// The service the role stands for.
    pub service: ServiceIdx,
    /// Whether the area binds it (false: the national fallback stands in).
    pub bound_by_area: bool,
}

/// A place people can be sent to.
#[derive(Debug)]
pub struct Service {
    /// The service's id in `services.toml`, as flows and statistics name it.
    pub id: String,
    /// Proper name, the same in every language.
    pub name: String,
    /// Message id: what they offer, for whom.
    pub about: String,
    /// What the service offers (support, treatment, reporting, ...).
    pub offers: Vec<Offer>,
    /// Whom the service is for.
    pub for_whom: Vec<Audience>,
    /// Where the service works: the whole country, a region or a municipality.
    pub coverage: Coverage,
    /// How to reach the service; empty for a service that is only named in texts.
    pub contacts: Vec<Contact>,
    /// How anonymous contact with the service is, as its source says.
    pub anonymity: Anonymity,
    /// Message id: what the anonymity level means for this service.
    pub anonymity_note: String,
    /// `None` when the source does not say: the card then says nothing about cost.
    pub cost: Option<Cost>,
    /// The languages the service speaks, as language codes.
    pub languages: Vec<String>,
    /// Whether the service offers interpreters for other languages.
    pub interpreters: bool,
    /// Message id: what to do while the service is closed.
    pub meanwhile: Option<String>,
    /// When the service is open; `None`: the source gives no hours and the card says none.
    pub hours: Option<Hours>,
    /// Who checked the facts and against which source; `None`: the service is never shown.
    pub verification: Option<Verification>,
}

impl Service {
    /// Only verified services are ever shown to users.
    pub fn is_verified(&self) -> bool {
        self.verification.is_some()
    }

    /// A service with no confirmed contact may be named in texts but is never a
    /// signpost: there would be nothing to dial or open.
    pub fn is_named_only(&self) -> bool {
        self.contacts.is_empty()
    }
}

/// Who checked a service's facts, when, and against which public page. A service
/// without one is never shown, so every shown fact has a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// The day the facts were checked.
    pub on: jiff::civil::Date,
    /// Who checked them.
    pub by: String,
    /// The public page (a web address).
    pub source: String,
    /// The date of the copy of the page that was read; `None` when the page is undated.
    pub source_date: Option<jiff::civil::Date>,
}

/// What kind of help a service gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// Support for the person: someone to talk to and help onwards.
    Support,
    /// Treatment.
    Treatment,
    /// A place to report a crime or a suspicion.
    Reporting,
    /// Help right now, when someone is in danger.
    Emergency,
    /// Advice and information.
    Advice,
}

/// Whom a service is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// People who sell sex or are exploited.
    Exploited,
    /// People who buy sex.
    Buyers,
    /// Family and friends of someone affected.
    Relatives,
    /// People who meet those affected in their work.
    Professionals,
    /// People who want to report what they saw.
    Reporters,
    /// Children and young people.
    Children,
    /// Everyone.
    Anyone,
}

/// Where a service works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// The whole country.
    National,
    /// One region, by name.
    Region(String),
    /// One municipality, by name.
    Municipality(String),
}

/// The channel of one contact line, which decides how it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    /// A phone number.
    Phone,
    /// A web address.
    Web,
    /// An e-mail address.
    Email,
    /// A chat on the service's own site.
    Chat,
    /// An address to visit in person.
    Visit,
}

impl ContactKind {
    /// The message id that renders one contact line.
    pub fn message_id(self) -> &'static str {
        match self {
            ContactKind::Phone => "contact-phone",
            ContactKind::Web => "contact-web",
            ContactKind::Email => "contact-email",
            ContactKind::Chat => "contact-chat",
            ContactKind::Visit => "contact-visit",
        }
    }
}

/// One way to reach a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// The channel (phone, web, ...).
    pub kind: ContactKind,
    /// The number, address or link, as the source gives it.
    pub value: String,
}

/// How anonymous contact with a service is, so that the card can say it honestly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anonymity {
    /// The service does not need to know who you are.
    Anonymous,
    /// Not anonymous: the service may ask who you are.
    Confidential,
    /// What you tell the service may become a public record.
    PublicRecord,
    /// The source does not say: the card says so instead of guessing.
    Unknown,
}

impl Anonymity {
    /// The message id of the text that explains this level.
    pub fn message_id(self) -> &'static str {
        match self {
            Anonymity::Anonymous => "anonymity-anonymous",
            Anonymity::Confidential => "anonymity-confidential",
            Anonymity::PublicRecord => "anonymity-public-record",
            Anonymity::Unknown => "anonymity-unknown",
        }
    }
}

/// What contact with a service costs, as its source says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cost {
    /// Free of charge.
    Free,
    /// There may be a fee.
    Paid,
}

impl Cost {
    /// The message id of the text that says the cost.
    pub fn message_id(self) -> &'static str {
        match self {
            Cost::Free => "cost-free",
            Cost::Paid => "cost-paid",
        }
    }
}

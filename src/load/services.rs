//! `services.toml`: the directory of services people are sent to, each checked on its
//! own (contacts, coverage, opening hours, verification and its source) and turned into
//! a [`Service`](crate::model::Service); and the roles a local area binds (see `areas`).
//! An area file's own entries are read by the same code.

use toml::Spanned;
use toml::de::DeValue;

use super::diag::Report;
use super::hours;
use super::raw;
use super::span::SourceFile;
use super::toml_file;
use crate::model::{
    Anonymity, Audience, Contact, ContactKind, Cost, Coverage, Offer, Service, Verification, limits,
};

/// How old a verification may get before `check` asks for it to be renewed.
pub const VERIFICATION_MAX_AGE_DAYS: i32 = 180;

/// Whether a verification this many days old is too old: the one rule, for `check`'s
/// warning and the report's mark.
pub(super) fn is_stale(age_days: i32) -> bool {
    age_days > VERIFICATION_MAX_AGE_DAYS
}

/// The directory as read: the national entries, then the area's.
#[derive(Debug, Default)]
pub(super) struct DirectoryDef<'f> {
    pub services: Vec<ServiceDef<'f>>,
    /// The roles `services.toml` declares.
    pub roles: Vec<RoleDef>,
    /// False when the file is missing or could not be parsed: then no reference to a
    /// service can be called unknown.
    pub complete: bool,
}

/// A role as declared in `services.toml`.
#[derive(Debug)]
pub(super) struct RoleDef {
    pub name: String,
    pub at: usize,
    /// The national entry that stands in where the area does not bind the role.
    pub fallback: Option<Spanned<String>>,
}

/// One service as read.
#[derive(Debug)]
pub(super) struct ServiceDef<'f> {
    /// The file it is written in (`services.toml` or an area file).
    pub file: &'f SourceFile,
    pub id: String,
    /// Where its `[services.<id>]` key is.
    pub at: usize,
    /// Built when its table had no errors.
    pub service: Option<Service>,
    /// Whether it has both `verified_on` and `verified_by`; `None` when its table could
    /// not be read at all.
    pub verified: Option<bool>,
    /// The message ids it names (`about`, `anonymity_note`, `meanwhile`) and where.
    pub messages: Vec<Spanned<String>>,
    /// Its name and other names, for the search for hidden services in texts.
    pub names: Vec<String>,
}

pub(super) fn parse<'f>(
    file: Option<&'f SourceFile>,
    today: jiff::civil::Date,
    report: &mut Report,
) -> DirectoryDef<'f> {
    let mut directory = DirectoryDef::default();
    let Some(file) = file else {
        return directory;
    };
    let Some(mut doc) = toml_file::parse(file, report) else {
        return directory;
    };
    directory.complete = true;
    let services = toml_file::take(doc.get_mut(), "services");
    let roles = toml_file::take(doc.get_mut(), "roles");
    toml_file::refuse_other_keys(file, doc.get_ref(), &["services", "roles"], report);
    if let Some(roles) = roles {
        directory.roles = read_roles(file, roles, report);
    }
    if let Some(services) = services {
        directory.services = entries(file, services, today, report);
    }
    directory
}

/// `[roles.<name>]` tables.
fn read_roles(file: &SourceFile, roles: Spanned<DeValue<'_>>, report: &mut Report) -> Vec<RoleDef> {
    let at = roles.span().start;
    let DeValue::Table(table) = roles.into_inner() else {
        report.push(file.error(at, "roles must be a table, such as [roles.local-on-call]"));
        return Vec::new();
    };
    let mut found = Vec::new();
    for (key, value) in table {
        let name = key.get_ref().to_string();
        if !is_role_name(&name) {
            report.push(file.error(
                key.span().start,
                format!(
                    "role name \"{name}\" may hold only a-z, 0-9 and \"-\", starting with a letter"
                ),
            ));
            continue;
        }
        if let Some(role) = toml_file::read::<raw::Role>(file, value, report) {
            found.push(RoleDef {
                name,
                at: key.span().start,
                fallback: role.fallback,
            });
        }
    }
    found
}

/// Role names become parts of Fluent term names (`-role-<name>`), hence the letters.
pub(super) fn is_role_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The `[services.<id>]` tables of a directory or area file.
pub(super) fn entries<'f>(
    file: &'f SourceFile,
    services: Spanned<DeValue<'_>>,
    today: jiff::civil::Date,
    report: &mut Report,
) -> Vec<ServiceDef<'f>> {
    let mut found = Vec::new();
    let at = services.span().start;
    let DeValue::Table(table) = services.into_inner() else {
        report.push(file.error(
            at,
            "services must be a table, such as [services.kvinnofridslinjen]",
        ));
        return found;
    };
    if table.len() > limits::MAX_SERVICES {
        report.push(file.error(
            at,
            format!(
                "{} services; at most {} are allowed",
                table.len(),
                limits::MAX_SERVICES
            ),
        ));
    }
    for (key, value) in table {
        let id = key.get_ref().to_string();
        let raw: Option<raw::Service> = toml_file::read(file, value, report);
        let Some(raw) = raw else {
            found.push(ServiceDef {
                file,
                id,
                at: key.span().start,
                service: None,
                verified: None,
                messages: Vec::new(),
                names: Vec::new(),
            });
            continue;
        };
        found.push(service(file, id, key.span().start, raw, today, report));
    }
    found
}

fn service<'f>(
    file: &'f SourceFile,
    id: String,
    at: usize,
    raw: raw::Service,
    today: jiff::civil::Date,
    report: &mut Report,
) -> ServiceDef<'f> {
    let errors_before = report.errors();
    if raw.name.get_ref().trim().is_empty() {
        report.push(file.error(raw.name.span().start, "empty name"));
    }
    if raw.offers.is_empty() {
        report.push(file.error(
            at,
            format!("service \"{id}\" offers nothing; list what it offers in offers"),
        ));
    }
    if raw.for_whom.is_empty() {
        report.push(file.error(
            at,
            format!("service \"{id}\" is for no one; list who it is for in for_whom"),
        ));
    }
    // No contacts is allowed: such an entry may be named in texts but never be a
    // signpost (see `link`), so nothing that cannot be dialled looks like a card.
    let coverage = coverage(file, &raw.coverage, report);
    let contacts: Vec<Contact> = raw
        .contacts
        .iter()
        .filter_map(|c| contact(file, c.get_ref(), report))
        .collect();
    let verification = verification(file, &id, &raw, today, report);
    let verified = raw.verified_on.is_some()
        && raw
            .verified_by
            .as_ref()
            .is_some_and(|b| !b.get_ref().trim().is_empty());
    let hours = raw
        .hours
        .as_ref()
        .and_then(|h| hours::build(file, h, report));
    let messages: Vec<Spanned<String>> = [
        Some(&raw.about),
        Some(&raw.anonymity_note),
        raw.meanwhile.as_ref(),
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect();
    let service = (report.errors() == errors_before).then(|| Service {
        id: id.clone(),
        name: raw.name.get_ref().trim().to_string(),
        about: raw.about.get_ref().clone(),
        offers: raw.offers.iter().map(|o| offer(*o)).collect(),
        for_whom: raw.for_whom.iter().map(|a| audience(*a)).collect(),
        coverage: coverage.unwrap_or(Coverage::National),
        contacts,
        anonymity: match raw.anonymity {
            raw::Anonymity::Anonymous => Anonymity::Anonymous,
            raw::Anonymity::Confidential => Anonymity::Confidential,
            raw::Anonymity::PublicRecord => Anonymity::PublicRecord,
            raw::Anonymity::Unknown => Anonymity::Unknown,
        },
        anonymity_note: raw.anonymity_note.get_ref().clone(),
        cost: raw.cost.map(|c| match c {
            raw::Cost::Free => Cost::Free,
            raw::Cost::Paid => Cost::Paid,
        }),
        languages: raw.languages.iter().map(|l| l.get_ref().clone()).collect(),
        interpreters: raw.interpreters,
        meanwhile: raw.meanwhile.as_ref().map(|m| m.get_ref().clone()),
        hours,
        verification,
    });
    let names = std::iter::once(&raw.name)
        .chain(&raw.aliases)
        .map(|n| n.get_ref().trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    ServiceDef {
        file,
        id,
        at,
        service,
        verified: Some(verified),
        messages,
        names,
    }
}

fn offer(o: raw::Offer) -> Offer {
    match o {
        raw::Offer::Support => Offer::Support,
        raw::Offer::Treatment => Offer::Treatment,
        raw::Offer::Reporting => Offer::Reporting,
        raw::Offer::Emergency => Offer::Emergency,
        raw::Offer::Advice => Offer::Advice,
    }
}

fn audience(a: raw::Audience) -> Audience {
    match a {
        raw::Audience::Exploited => Audience::Exploited,
        raw::Audience::Buyers => Audience::Buyers,
        raw::Audience::Relatives => Audience::Relatives,
        raw::Audience::Professionals => Audience::Professionals,
        raw::Audience::Reporters => Audience::Reporters,
        raw::Audience::Children => Audience::Children,
        raw::Audience::Anyone => Audience::Anyone,
    }
}

/// `"national"`, `"region:<name>"` or `"municipality:<name>"`.
fn coverage(file: &SourceFile, written: &Spanned<String>, report: &mut Report) -> Option<Coverage> {
    let text = written.get_ref().trim();
    let named = |prefix: &str| {
        text.strip_prefix(prefix)
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_string)
    };
    let parsed = if text == "national" {
        Some(Coverage::National)
    } else if let Some(region) = named("region:") {
        Some(Coverage::Region(region))
    } else {
        named("municipality:").map(Coverage::Municipality)
    };
    if parsed.is_none() {
        report.push(file.error(
            written.span().start,
            format!(
                "coverage \"{text}\" must be \"national\", \"region:<name>\" or \
                 \"municipality:<name>\""
            ),
        ));
    }
    parsed
}

fn contact(file: &SourceFile, raw: &raw::Contact, report: &mut Report) -> Option<Contact> {
    let value = raw.value.get_ref().trim();
    let at = raw.value.span().start;
    let kind = match raw.kind {
        raw::ContactKind::Phone => ContactKind::Phone,
        raw::ContactKind::Web => ContactKind::Web,
        raw::ContactKind::Email => ContactKind::Email,
        raw::ContactKind::Chat => ContactKind::Chat,
        raw::ContactKind::Visit => ContactKind::Visit,
    };
    let problem = match kind {
        ContactKind::Phone => {
            let digits = value.chars().filter(char::is_ascii_digit).count();
            let allowed = value
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')'));
            (!allowed || digits < 3).then(|| {
                format!("\"{value}\" is not a phone number; use digits, spaces, \"-\" and \"+\"")
            })
        }
        ContactKind::Web | ContactKind::Chat => (!(value.starts_with("https://")
            || value.starts_with("http://"))
            || value.contains(char::is_whitespace))
        .then(|| format!("\"{value}\" is not a web address; it must start with https://")),
        ContactKind::Email => {
            let ok = value
                .split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
                && !value.contains(char::is_whitespace);
            (!ok).then(|| format!("\"{value}\" is not an e-mail address"))
        }
        ContactKind::Visit => value
            .is_empty()
            .then(|| "empty address; say where to go".to_string()),
    };
    match problem {
        Some(message) => {
            report.push(file.error(at, message));
            None
        }
        None => Some(Contact {
            kind,
            value: value.to_string(),
        }),
    }
}

/// `verified_on` and `verified_by` together, or neither; a warning when old.
fn verification(
    file: &SourceFile,
    id: &str,
    raw: &raw::Service,
    today: jiff::civil::Date,
    report: &mut Report,
) -> Option<Verification> {
    let by = raw
        .verified_by
        .as_ref()
        .filter(|b| !b.get_ref().trim().is_empty());
    match (&raw.verified_on, by) {
        (None, None) => {
            if let Some(empty) = &raw.verified_by {
                report.push(file.error(
                    empty.span().start,
                    "verified_by is empty; say who checked the facts",
                ));
            }
            None
        }
        (Some(on), None) => {
            report.push(file.error(
                on.span().start,
                format!(
                    "service \"{id}\" has verified_on but no verified_by; say who checked the facts"
                ),
            ));
            None
        }
        (None, Some(by)) => {
            report.push(file.error(
                by.span().start,
                format!("service \"{id}\" has verified_by but no verified_on; say when the facts were checked"),
            ));
            None
        }
        (Some(on), Some(by)) => {
            let Some(source) = &raw.source else {
                report.push(file.error(
                    on.span().start,
                    format!(
                        "service \"{id}\" is shown (it has verified_on) but has no source; add \
                         source = \"https://...\", the public page its facts were checked against"
                    ),
                ));
                return None;
            };
            let url = source.get_ref().trim();
            if !(url.starts_with("https://") || url.starts_with("http://"))
                || url.contains(char::is_whitespace)
            {
                report.push(file.error(
                    source.span().start,
                    format!("source \"{url}\" is not a web address; it must start with https://"),
                ));
                return None;
            }
            let source_date = match &raw.source_date {
                Some(d) => Some(hours::read_date(file, d, report)?),
                None => None,
            };
            let date = hours::read_date(file, on, report)?;
            let age = (today - date).get_days();
            if date > today {
                report.push(file.warning(
                    on.span().start,
                    format!("verified_on {date} is in the future"),
                ));
            } else if is_stale(age) {
                report.push(file.warning(
                    on.span().start,
                    format!(
                        "service \"{id}\" was verified on {date}, more than \
                         {VERIFICATION_MAX_AGE_DAYS} days ago; check its facts again and \
                         update verified_on"
                    ),
                ));
            }
            Some(Verification {
                on: date,
                by: by.get_ref().trim().to_string(),
                source: url.to_string(),
                source_date,
            })
        }
    }
}

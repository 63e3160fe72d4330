//! The report's service directory: what each role stands for, per area, and each
//! service with its facts, their source and verification, and its texts.

use maud::{Markup, html};

use crate::load::content::{Content, RoleDoc, ServiceDoc};
use crate::load::{Diagnostic, Owner, VERIFICATION_MAX_AGE_DAYS};
use crate::model::Text;

use super::*;

impl Page<'_> {
    pub(super) fn directory(&self) -> Markup {
        let areas = match self.content.settings.areas.as_slice() {
            [] => "none chosen".to_string(),
            areas => areas.join(", "),
        };
        html! {
            section #directory {
                h2 { "Service directory" }
                p.meta {
                    code { (self.content.services_file.display()) }
                    " · " (self.content.services.len()) " service(s) · area: " (areas)
                }
                @if !self.content.roles.is_empty() {
                    dl.roles {
                        @for role in &self.content.roles {
                            dt { "@" (role.name) }
                            dd { (self.stands_for(role)) }
                        }
                    }
                }
                @if !self.content.area_roles.is_empty() {
                    // With several areas: what each role stands for where the person said
                    // they are; "elsewhere" (or not said) is the list above.
                    @let (areas, rows) = area_roles(self.content);
                    table.area-roles {
                        caption { "Roles per area (a person elsewhere in Sweden, or who would rather not say, gets the fallbacks above)" }
                        tr {
                            th { "role" }
                            @for area in areas { th { (area) } }
                        }
                        @for (role, cells) in rows {
                            tr {
                                th { "@" (role) }
                                @for cell in cells { td { (cell) } }
                            }
                        }
                    }
                }
                @for service in &self.content.services {
                    (self.service(service))
                }
            }
        }
    }

    /// What a role stands for in the chosen area, or why nothing.
    fn stands_for(&self, role: &RoleDoc) -> String {
        match (&role.service, role.bound_by_area) {
            (Some(id), true) => format!("{id} (bound by the area)"),
            (Some(id), false) if !self.content.area_roles.is_empty() => {
                format!("{id} (fallback: elsewhere in Sweden, or not said)")
            }
            (Some(id), false) => format!("{id} (fallback: the area does not bind it)"),
            (None, _) => "nothing: not bound and no fallback".to_string(),
        }
    }

    fn service(&self, s: &ServiceDoc) -> Markup {
        let name = s.name.as_deref().unwrap_or(&s.id);
        // How old the verification is, and whether too old, is `check`'s finding.
        let stale = self
            .check
            .verifications
            .iter()
            .find(|v| v.file == s.file && v.id == s.id)
            .filter(|a| a.stale);
        let problems: Vec<&Diagnostic> = self
            .check
            .diagnostics
            .iter()
            .filter(|d| {
                d.file == s.file && matches!(&d.owner, Owner::Service { id } if *id == s.id)
            })
            .collect();
        let texts: Vec<Text> = s.messages().map(|(_, id)| Text::plain(id)).collect();
        let rows: Vec<(String, &Text)> = s
            .messages()
            .map(|(key, _)| key.to_string())
            .zip(texts.iter())
            .collect();
        html! {
            article.service id=(anchor("service", &s.id, "")) {
                h3 { (name) " " code { (s.id) } }
                p.verified {
                    @match (s.verified_on, &s.verified_by) {
                        (Some(on), by) => {
                            @let by = by.as_deref().map(|b| format!(" by {b}")).unwrap_or_default();
                            @if let Some(age) = stale {
                                span.flag.stale { "stale" }
                                " verified on " (on) (by) ", " (age.days) " days ago (more than "
                                (VERIFICATION_MAX_AGE_DAYS) ")"
                            } @else {
                                "Verified on " (on) (by)
                            }
                        }
                        (None, _) => {
                            span.flag.unverified { "not verified" }
                            " never shown to anyone until someone verifies its facts"
                        }
                    }
                }
                (findings(&problems))
                dl {
                    @for (term, value) in self.facts(s) {
                        dt { (term) } dd { (value) }
                    }
                }
                (self.texts_table(&rows))
            }
        }
    }

    /// A service's facts as the report lists them, in the default language.
    fn facts(&self, s: &ServiceDoc) -> [(&'static str, String); 11] {
        let default = self
            .content
            .default_language()
            .map(|t| t.code.clone())
            .unwrap_or_default();
        let say = |id: &str| {
            self.content
                .format(&default, &Text::plain(id))
                .unwrap_or_default()
        };
        let anonymity = match (&s.anonymity, &s.anonymity_note) {
            (Some(level), Some(note)) => format!("{level}: {}", say(note)),
            (Some(level), None) => level.clone(),
            _ => String::new(),
        };
        let contacts: Vec<String> = s
            .contacts
            .iter()
            .map(|(kind, value)| format!("{kind} {value}"))
            .collect();
        let shown_by: Vec<String> = self
            .content
            .flows
            .iter()
            .flat_map(|f| {
                f.steps
                    .iter()
                    .filter(|st| {
                        st.signposts.iter().any(|id| {
                            id == &s.id
                                || (id.starts_with('@')
                                    && self.content.service(id).is_some_and(|t| t.id == s.id))
                        })
                    })
                    .map(move |st| format!("{} › {}", f.id, st.id))
            })
            .collect();
        let source = match (&s.source, s.source_date) {
            (Some(url), Some(date)) => format!("{url} (copy of {date})"),
            (Some(url), None) => format!("{url} (undated)"),
            (None, _) => "none".to_string(),
        };
        [
            ("Source", source),
            (
                "Opening hours",
                s.hours.clone().unwrap_or_else(|| "not listed".to_string()),
            ),
            ("Anonymity", anonymity),
            ("Cost", s.cost.clone().unwrap_or_default()),
            ("Contacts", contacts.join("; ")),
            ("Languages spoken", s.languages.join(", ")),
            (
                "Interpreters",
                if s.interpreters { "yes" } else { "no" }.to_string(),
            ),
            ("Offers", s.offers.join(", ")),
            ("For", s.for_whom.join(", ")),
            ("Coverage", s.coverage.clone().unwrap_or_default()),
            (
                "Shown by",
                if shown_by.is_empty() {
                    "no step".to_string()
                } else {
                    shown_by.join(", ")
                },
            ),
        ]
    }
}

/// What each role stands for in each area of the content: the areas (the columns), then
/// per role its name and one cell per area (the service, or why there is none).
pub(crate) fn area_roles(content: &Content) -> (Vec<&str>, Vec<(&str, Vec<String>)>) {
    let areas = content.area_roles.iter().map(|(a, _)| a.as_str()).collect();
    let rows = content
        .roles
        .iter()
        .enumerate()
        .map(|(index, role)| {
            let cells = content
                .area_roles
                .iter()
                .map(|(_, roles)| match roles.get(index) {
                    Some(RoleDoc {
                        service: Some(id),
                        bound_by_area: true,
                        ..
                    }) => id.clone(),
                    Some(RoleDoc {
                        service: Some(id), ..
                    }) => format!("{id} (fallback: the area does not bind it)"),
                    _ => "nothing: not bound and no fallback".to_string(),
                })
                .collect();
            (role.name.as_str(), cells)
        })
        .collect();
    (areas, rows)
}

//! The local layer: one file per area in `flows/areas/` (`norrkoping.toml`) holds the
//! area's own service entries and binds the roles flows name (`@local-on-call`) to
//! entries. `area` in `bot.toml` selects one file, `areas` several (one bot for a
//! county: the person is asked where they are); every area file is checked, so another
//! municipality's file is checked before it is switched on, but only the selected
//! areas' entries join the directory.
//!
//! A role an area does not bind falls back to the national entry `services.toml`
//! declares for it (a warning names the area and the fallback); a role with neither is
//! an error. With several areas, what the flows see is each role's fallback (what a
//! person elsewhere in Sweden, or one who would rather not say, is shown), and each area
//! keeps its own bindings for the engine to put in their place.

use std::collections::HashMap;

use toml::Spanned;
use toml::de::DeValue;

use super::diag::Report;
use super::services::{self, DirectoryDef, ServiceDef};
use super::settings::BotDef;
use super::span::SourceFile;
use super::suggest;
use super::toml_file;
use crate::model::{Area, RoleBinding, ServiceIdx, limits};

/// One area file, read.
struct AreaDef<'f> {
    file: &'f SourceFile,
    /// The file name without `.toml`.
    id: String,
    /// `name`: the place as people write it ("Linköping").
    name: Option<Spanned<String>>,
    /// `words`: other ways to write it, understood when typed.
    words: Vec<String>,
    services: Vec<ServiceDef<'f>>,
    /// Role name (without `@`) to the service id, both as written.
    binds: Vec<(Spanned<String>, Spanned<String>)>,
}

/// The roles as resolved for the selected areas.
#[derive(Debug, Default)]
pub(super) struct Roles {
    /// The selected area's id, when exactly one is selected.
    pub area: Option<String>,
    /// Every declared role with the service it stands for; roles that resolve to nothing
    /// (an error) are left out. With several areas: each role's fallback.
    pub bindings: Vec<RoleBinding>,
    /// Every declared role, resolved or not: a flow naming an undeclared role is
    /// an error, one naming a declared but unresolved role was already reported.
    pub declared: Vec<String>,
    /// With several areas, each with its bindings (in the order of `bindings`); empty
    /// with one area or none.
    pub areas: Vec<Area>,
}

impl Roles {
    pub(super) fn service(&self, role: &str) -> Option<ServiceIdx> {
        self.bindings
            .iter()
            .find(|b| b.role == role)
            .map(|b| b.service)
    }
}

/// Reads every area file, adds the selected areas' entries to `directory` and binds
/// the roles.
pub(super) fn bind<'f>(
    files: &'f [SourceFile],
    services_file: Option<&SourceFile>,
    bot: Option<(&BotDef, &SourceFile)>,
    directory: &mut DirectoryDef<'f>,
    today: jiff::civil::Date,
    report: &mut Report,
) -> Roles {
    let mut areas: Vec<Option<AreaDef>> = files
        .iter()
        .filter_map(|f| parse(f, today, report))
        .map(Some)
        .collect();
    let ids: Vec<String> = areas.iter().flatten().map(|a| a.id.clone()).collect();
    let mut selected: Vec<usize> = Vec::new();
    if let Some((bot, file)) = bot {
        if bot.areas.len() > limits::MAX_AREAS
            && let Some(first) = bot.areas.first()
        {
            report.push(file.error(
                first.span().start,
                format!(
                    "{} areas are more than the {} the place question can list",
                    bot.areas.len(),
                    limits::MAX_AREAS
                ),
            ));
        }
        for written in &bot.areas {
            match ids.iter().position(|id| id == written.get_ref()) {
                Some(index) => selected.push(index),
                None => report.push(file.error(
                    written.span().start,
                    format!(
                        "area \"{}\" has no file flows/areas/{}.toml{}",
                        written.get_ref(),
                        written.get_ref(),
                        suggest::hint(written.get_ref(), ids.iter().map(String::as_str))
                    ),
                )),
            }
        }
    }
    let national = directory.services.len();
    // Every other area's bindings are checked against the national entries and its own.
    for (index, area) in areas.iter().enumerate() {
        if let Some(area) = area
            && !selected.contains(&index)
        {
            check_binds(area, directory, report);
        }
    }
    let mut roles = Roles {
        declared: directory.roles.iter().map(|r| r.name.clone()).collect(),
        ..Roles::default()
    };
    // The selected areas' entries join the directory, each under an id of its own.
    let mut chosen: Vec<AreaDef> = Vec::with_capacity(selected.len());
    for &index in &selected {
        let Some(area) = areas[index].take() else {
            continue;
        };
        for service in &area.services {
            let taken = directory.services.iter().find(|s| s.id == service.id);
            if let Some(taken) = taken {
                let (whose, hint) = if directory.services[..national]
                    .iter()
                    .any(|s| s.id == service.id)
                {
                    ("services.toml", "ids of their own")
                } else {
                    (
                        taken.file.path.to_str().unwrap_or("another area"),
                        "ids of their own",
                    )
                };
                report.push(area.file.error(
                    service.at,
                    format!(
                        "service \"{}\" is also in {whose}; an area's entries need {hint} \
                         (such as \"{}-{}\")",
                        service.id, area.id, service.id
                    ),
                ));
            }
        }
        chosen.push(area);
    }
    let mut ranges = Vec::with_capacity(chosen.len());
    for area in &mut chosen {
        let start = directory.services.len();
        directory.services.append(&mut area.services);
        ranges.push(start..directory.services.len());
    }
    let bound: Vec<HashMap<String, ServiceIdx>> = chosen
        .iter()
        .zip(ranges)
        .map(|(area, own)| {
            check_binds_selected(&area.binds, area.file, directory, national, own, report)
        })
        .collect();
    if chosen.len() == 1 {
        roles.area = Some(chosen[0].id.clone());
    }
    let Some(file) = services_file else {
        return roles;
    };
    let fallbacks = fallbacks(file, directory, national, report);
    let several = chosen.len() > 1;
    // One list of bindings per selected area, or one for "no area".
    let names: Vec<String> = if chosen.is_empty() {
        vec!["(none chosen)".to_string()]
    } else {
        chosen.iter().map(|a| a.id.clone()).collect()
    };
    let mut per_area: Vec<Vec<RoleBinding>> = vec![Vec::new(); names.len()];
    for (r, role) in directory.roles.iter().enumerate() {
        for (a, area_name) in names.iter().enumerate() {
            if let Some(&service) = bound.get(a).and_then(|b| b.get(&role.name)) {
                per_area[a].push(RoleBinding {
                    role: role.name.clone(),
                    service,
                    bound_by_area: true,
                });
                continue;
            }
            match fallbacks[r] {
                Some(service) => {
                    report.push(file.warning(
                        role.at,
                        format!(
                            "role \"@{}\" is not bound by area {area_name}; it shows the \
                             fallback \"{}\"",
                            role.name,
                            directory.services[service.index()].id
                        ),
                    ));
                    per_area[a].push(RoleBinding {
                        role: role.name.clone(),
                        service,
                        bound_by_area: false,
                    });
                }
                None if role.fallback.is_none() => report.push(file.error(
                    role.at,
                    format!(
                        "role \"@{}\" is not bound by area {area_name} and has no fallback; \
                         bind it in the area's file or give it a fallback",
                        role.name
                    ),
                )),
                None => {}
            }
        }
    }
    if several {
        // What the flows and texts see: the fallbacks, true wherever the person is.
        roles.bindings = directory
            .roles
            .iter()
            .zip(&fallbacks)
            .filter_map(|(role, fallback)| {
                Some(RoleBinding {
                    role: role.name.clone(),
                    service: (*fallback)?,
                    bound_by_area: false,
                })
            })
            .collect();
        roles.areas = chosen
            .iter()
            .zip(per_area)
            .map(|(area, bindings)| built_area(area, bindings, report))
            .collect();
    } else if let Some(bindings) = per_area.pop() {
        roles.bindings = bindings;
    }
    roles
}

/// Each declared role's fallback, checked: it must exist among the national entries,
/// be verified and have a contact.
fn fallbacks(
    file: &SourceFile,
    directory: &DirectoryDef,
    national: usize,
    report: &mut Report,
) -> Vec<Option<ServiceIdx>> {
    let all: Vec<&ServiceDef> = directory.services[..national].iter().collect();
    directory
        .roles
        .iter()
        .map(|role| {
            let f = role.fallback.as_ref()?;
            let index = all.iter().position(|s| &s.id == f.get_ref());
            match index {
                None => report.push(file.error(
                    f.span().start,
                    format!(
                        "role \"@{}\" falls back to unknown service \"{}\"{}",
                        role.name,
                        f.get_ref(),
                        suggest::hint(f.get_ref(), all.iter().map(|s| s.id.as_str()))
                    ),
                )),
                Some(i) if all[i].verified == Some(false) => {
                    report.push(file.error(
                        f.span().start,
                        format!(
                            "role \"@{}\" falls back to service \"{}\", which is not verified \
                             and so never shown",
                            role.name,
                            f.get_ref()
                        ),
                    ));
                    return None;
                }
                Some(i) if all[i].service.as_ref().is_some_and(|s| s.is_named_only()) => {
                    report.push(file.error(
                        f.span().start,
                        format!(
                            "role \"@{}\" falls back to service \"{}\", which has no contacts \
                             to show",
                            role.name,
                            f.get_ref()
                        ),
                    ));
                    return None;
                }
                Some(_) => {}
            }
            index.map(ServiceIdx::new)
        })
        .collect()
}

/// A selected area of a set with several, as the engine sees it. Its button needs a
/// name: without one, the file name stands in and an error says so.
fn built_area(area: &AreaDef, roles: Vec<RoleBinding>, report: &mut Report) -> Area {
    let name = match &area.name {
        Some(name) => name.get_ref().clone(),
        None => {
            report.push(area.file.error(
                0,
                format!(
                    "area {} has no name; with several areas, write name = \"...\" (the \
                     place as people write it, its button in the place question)",
                    area.id
                ),
            ));
            area.id.clone()
        }
    };
    let mut words: Vec<String> = Vec::new();
    for written in std::iter::once(&name).chain(&area.words) {
        let folded = crate::words::words(written).join(" ");
        if !folded.is_empty() && !words.contains(&folded) {
            words.push(folded);
        }
    }
    Area {
        id: area.id.clone(),
        name,
        words,
        roles,
    }
}

/// One area file: `[roles]` bindings and `[services.<id>]` entries.
fn parse<'f>(
    file: &'f SourceFile,
    today: jiff::civil::Date,
    report: &mut Report,
) -> Option<AreaDef<'f>> {
    let id = file
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let mut doc = toml_file::parse(file, report)?;
    let services = toml_file::take(doc.get_mut(), "services");
    let roles = toml_file::take(doc.get_mut(), "roles");
    let name = toml_file::take(doc.get_mut(), "name")
        .and_then(|v| toml_file::read::<Spanned<String>>(file, v, report))
        .filter(|n| !n.get_ref().trim().is_empty());
    let words = toml_file::take(doc.get_mut(), "words")
        .and_then(|v| toml_file::read::<Vec<String>>(file, v, report))
        .unwrap_or_default();
    toml_file::refuse_other_keys(
        file,
        doc.get_ref(),
        &["services", "roles", "name", "words"],
        report,
    );
    let mut binds = Vec::new();
    if let Some(roles) = roles {
        let at = roles.span().start;
        match roles.into_inner() {
            DeValue::Table(table) => {
                for (role, value) in table {
                    let role = Spanned::new(role.span(), role.get_ref().to_string());
                    if let Some(service) = toml_file::read::<Spanned<String>>(file, value, report) {
                        binds.push((role, service));
                    }
                }
            }
            _ => report.push(file.error(
                at,
                "roles must be a table of role = \"service id\", such as \
                 local-on-call = \"norrkoping-socialjour\"",
            )),
        }
    }
    let services = services
        .map(|s| services::entries(file, s, today, report))
        .unwrap_or_default();
    Some(AreaDef {
        file,
        id,
        name,
        words,
        services,
        binds,
    })
}

/// Checks an unselected area's bindings: known roles, services that exist and are shown.
fn check_binds(area: &AreaDef, directory: &DirectoryDef, report: &mut Report) {
    let all: Vec<&ServiceDef> = directory.services.iter().chain(&area.services).collect();
    for (role, service) in &area.binds {
        bind_one(area.file, role, service, directory, &all, report);
    }
}

/// Checks a selected area's bindings against the national entries and its own (at
/// `own` in the directory); returns them.
fn check_binds_selected(
    binds: &[(Spanned<String>, Spanned<String>)],
    file: &SourceFile,
    directory: &DirectoryDef,
    national: usize,
    own: std::ops::Range<usize>,
    report: &mut Report,
) -> HashMap<String, ServiceIdx> {
    let indices: Vec<usize> = (0..national).chain(own).collect();
    let all: Vec<&ServiceDef> = indices.iter().map(|&i| &directory.services[i]).collect();
    binds
        .iter()
        .filter_map(|(role, service)| {
            let at = bind_one(file, role, service, directory, &all, report)?;
            Some((role.get_ref().clone(), ServiceIdx::new(indices[at.index()])))
        })
        .collect()
}

/// One `role = "service"` line: the role must be declared, the service must exist, be
/// shown and have a contact.
fn bind_one(
    file: &SourceFile,
    role: &Spanned<String>,
    service: &Spanned<String>,
    directory: &DirectoryDef,
    all: &[&ServiceDef],
    report: &mut Report,
) -> Option<ServiceIdx> {
    if directory.complete && !directory.roles.iter().any(|r| &r.name == role.get_ref()) {
        report.push(file.error(
            role.span().start,
            format!(
                "unknown role \"@{}\"{}",
                role.get_ref(),
                role_hint(
                    role.get_ref(),
                    directory.roles.iter().map(|r| r.name.as_str())
                )
            ),
        ));
        return None;
    }
    let id = service.get_ref();
    let Some(index) = all.iter().position(|s| &s.id == id) else {
        report.push(file.error(
            service.span().start,
            format!(
                "unknown service \"{id}\"{}",
                suggest::hint(id, all.iter().map(|s| s.id.as_str()))
            ),
        ));
        return None;
    };
    let def = all[index];
    if def.verified == Some(false) {
        report.push(file.error(
            service.span().start,
            format!(
                "role \"@{}\" is bound to service \"{id}\", which is not verified and so never \
                 shown",
                role.get_ref()
            ),
        ));
        return None;
    }
    if def.service.as_ref().is_some_and(|s| s.is_named_only()) {
        report.push(file.error(
            service.span().start,
            format!(
                "role \"@{}\" is bound to service \"{id}\", which has no contacts to show",
                role.get_ref()
            ),
        ));
        return None;
    }
    Some(ServiceIdx::new(index))
}

/// "did you mean" for a role name, or else where roles are declared.
pub(super) fn role_hint<'a>(role: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    match suggest::hint(role, known) {
        hint if hint.is_empty() => "; roles are declared in services.toml".to_string(),
        hint => hint,
    }
}

//! The local layer: one file per area in `flows/areas/` (`norrkoping.toml`) holds the
//! area's own service entries and binds the roles flows name (`@local-on-call`) to
//! entries. `area` in `bot.toml` selects the file; every area file is checked, so a
//! second municipality's file is checked before it is switched on, but only the
//! selected area's entries join the directory.
//!
//! A role the area does not bind falls back to the national entry `services.toml`
//! declares for it; a role with neither is an error.

use std::collections::HashMap;

use toml::Spanned;
use toml::de::DeValue;

use super::diag::Report;
use super::services::{self, DirectoryDef, ServiceDef};
use super::settings::BotDef;
use super::span::SourceFile;
use super::suggest;
use super::toml_file;
use crate::model::{RoleBinding, ServiceIdx};

/// One area file, read.
struct AreaDef<'f> {
    file: &'f SourceFile,
    /// The file name without `.toml`.
    id: String,
    services: Vec<ServiceDef<'f>>,
    /// Role name (without `@`) to the service id, both as written.
    binds: Vec<(Spanned<String>, Spanned<String>)>,
}

/// The roles as resolved for the selected area.
#[derive(Debug, Default)]
pub struct Roles {
    /// The selected area's id.
    pub area: Option<String>,
    /// Every declared role with the service it stands for; roles that resolve to nothing
    /// (an error) are left out.
    pub bindings: Vec<RoleBinding>,
    /// Every declared role, resolved or not: a flow naming an undeclared role is
    /// an error, one naming a declared but unresolved role was already reported.
    pub declared: Vec<String>,
}

impl Roles {
    pub fn service(&self, role: &str) -> Option<ServiceIdx> {
        self.bindings
            .iter()
            .find(|b| b.role == role)
            .map(|b| b.service)
    }
}

/// Reads every area file, adds the selected area's entries to `directory` and binds
/// the roles.
pub fn bind<'f>(
    files: &'f [SourceFile],
    services_file: Option<&SourceFile>,
    bot: Option<(&BotDef, &SourceFile)>,
    directory: &mut DirectoryDef<'f>,
    today: jiff::civil::Date,
    report: &mut Report,
) -> Roles {
    let mut areas: Vec<AreaDef> = files
        .iter()
        .filter_map(|f| parse(f, today, report))
        .collect();
    let selected = bot.and_then(|(bot, file)| {
        let written = bot.area.as_ref()?;
        let found = areas.iter().position(|a| &a.id == written.get_ref());
        if found.is_none() {
            report.push(file.error(
                written.span().start,
                format!(
                    "area \"{}\" has no file flows/areas/{}.toml{}",
                    written.get_ref(),
                    written.get_ref(),
                    suggest::hint(written.get_ref(), areas.iter().map(|a| a.id.as_str()))
                ),
            ));
        }
        found
    });
    let national = directory.services.len();
    // Every area's bindings are checked against the national entries and its own.
    for (index, area) in areas.iter().enumerate() {
        if Some(index) != selected {
            check_binds(area, directory, report);
        }
    }
    let mut roles = Roles {
        declared: directory.roles.iter().map(|r| r.name.clone()).collect(),
        ..Roles::default()
    };
    let mut bound: HashMap<String, ServiceIdx> = HashMap::new();
    if let Some(index) = selected {
        let area = areas.swap_remove(index);
        for service in &area.services {
            if directory.services[..national]
                .iter()
                .any(|s| s.id == service.id)
            {
                report.push(area.file.error(
                    service.at,
                    format!(
                        "service \"{}\" is also in services.toml; an area's entries need ids \
                         of their own (such as \"{}-{}\")",
                        service.id, area.id, service.id
                    ),
                ));
            }
        }
        roles.area = Some(area.id.clone());
        directory.services.extend(area.services);
        bound = check_binds_selected(&area.binds, area.file, directory, report);
    }
    let Some(file) = services_file else {
        return roles;
    };
    let area_name = roles
        .area
        .clone()
        .unwrap_or_else(|| "(none chosen)".to_string());
    for role in &directory.roles {
        if let Some(&service) = bound.get(&role.name) {
            roles.bindings.push(RoleBinding {
                role: role.name.clone(),
                service,
                bound_by_area: true,
            });
            continue;
        }
        let fallback = role.fallback.as_ref().and_then(|f| {
            let all: Vec<&ServiceDef> = directory.services[..national].iter().collect();
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
            index
        });
        match fallback {
            Some(service) => {
                report.push(file.warning(
                    role.at,
                    format!(
                        "role \"@{}\" is not bound by area {area_name}; it shows the fallback \
                         \"{}\"",
                        role.name, directory.services[service].id
                    ),
                ));
                roles.bindings.push(RoleBinding {
                    role: role.name.clone(),
                    service: ServiceIdx::new(service),
                    bound_by_area: false,
                });
            }
            None if role.fallback.is_none() => report.push(file.error(
                role.at,
                format!(
                    "role \"@{}\" is not bound by area {area_name} and has no fallback; bind it \
                     in the area's file or give it a fallback",
                    role.name
                ),
            )),
            None => {}
        }
    }
    roles
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
    toml_file::refuse_other_keys(file, doc.get_ref(), &["services", "roles"], report);
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

/// Checks the selected area's bindings against the whole directory; returns them.
fn check_binds_selected(
    binds: &[(Spanned<String>, Spanned<String>)],
    file: &SourceFile,
    directory: &DirectoryDef,
    report: &mut Report,
) -> HashMap<String, ServiceIdx> {
    let all: Vec<&ServiceDef> = directory.services.iter().collect();
    binds
        .iter()
        .filter_map(|(role, service)| {
            let index = bind_one(file, role, service, directory, &all, report)?;
            Some((role.get_ref().clone(), index))
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
pub fn role_hint<'a>(role: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    match suggest::hint(role, known) {
        hint if hint.is_empty() => "; roles are declared in services.toml".to_string(),
        hint => hint,
    }
}

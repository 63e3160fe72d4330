//! Checks that look at the whole flow set at once, after every file has been read and
//! every name resolved.

pub(super) mod buttons;
pub(super) mod graph;
pub(super) mod handover;
pub(super) mod lengths;
pub(super) mod local;
pub(super) mod messages;
pub(super) mod readability;
pub(super) mod typed;

use crate::load::diag::Report;
use crate::load::services::DirectoryDef;
use crate::model::{Flow, ServiceIdx};

/// A verified service that no step shows (nor `bot.toml`: the emergency and distress
/// services) is probably forgotten (one with no contacts is only ever named in texts,
/// so it is left out).
pub(super) fn unused_services(
    directory: &DirectoryDef,
    flows: &[Flow],
    by_settings: &[ServiceIdx],
    report: &mut Report,
) {
    for (index, service) in directory.services.iter().enumerate() {
        let index = ServiceIdx::new(index);
        let shown = by_settings.contains(&index)
            || flows
                .iter()
                .flat_map(|f| f.steps.iter())
                .any(|s| s.signposts.contains(&index));
        let named_only = service.service.as_ref().is_some_and(|s| s.is_named_only());
        // A role's fallback is shown wherever an area leaves the role unbound.
        let fallback = directory.roles.iter().any(|r| {
            r.fallback
                .as_ref()
                .is_some_and(|f| f.get_ref() == &service.id)
        });
        if service.verified == Some(true) && !shown && !named_only && !fallback {
            report.push(service.file.warning(
                service.at,
                format!("service \"{}\" is not shown by any step", service.id),
            ));
        }
    }
}

//! Checks that look at the whole flow set at once, after every file has been read and
//! every name resolved.

pub mod buttons;
pub mod graph;
pub mod lengths;
pub mod messages;
pub mod typed;

use crate::load::diag::Report;
use crate::load::services::DirectoryDef;
use crate::load::span::SourceFile;
use crate::model::{Flow, ServiceIdx};

/// A verified service that no step shows (nor `bot.toml`: the emergency and distress
/// services) is probably forgotten.
pub fn unused_services(
    file: &SourceFile,
    directory: &DirectoryDef,
    flows: &[Flow],
    by_settings: &[ServiceIdx],
    report: &mut Report,
) {
    for (index, service) in directory.services.iter().enumerate() {
        let shown = by_settings.contains(&index)
            || flows
                .iter()
                .flat_map(|f| f.steps.iter())
                .any(|s| s.signposts.contains(&index));
        if service.verified == Some(true) && !shown {
            report.push(file.warning(
                service.at,
                format!("service \"{}\" is not shown by any step", service.id),
            ));
        }
    }
}

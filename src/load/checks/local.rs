//! Local cards say where they are: a person in Malmö or Umeå must not read Norrköping's
//! social services as their own. So a service of one municipality names the place in
//! its name line, and a step that shows only such services also shows a national line
//! (for the same need), which answers wherever the person lives.

use crate::load::diag::Report;
use crate::load::flows::FlowDef;
use crate::load::services::DirectoryDef;
use crate::model::{Coverage, Flow};

/// Both rules, as warnings: a wording or a missing line, not a broken set.
pub(crate) fn check(
    defs: &[FlowDef],
    flows: &[Flow],
    directory: &DirectoryDef,
    report: &mut Report,
) {
    let service = |v: crate::model::ServiceIdx| {
        directory
            .services
            .get(v.index())
            .and_then(|d| d.service.as_ref())
    };
    for (def, flow) in defs.iter().zip(flows) {
        for (step_def, step) in def.steps.iter().zip(&flow.steps) {
            if step_def.raw.is_none() || step.signposts.is_empty() {
                continue;
            }
            let shown: Vec<_> = step.signposts.iter().filter_map(|&v| service(v)).collect();
            let local: Vec<&str> = shown
                .iter()
                .filter(|s| matches!(s.coverage, Coverage::Municipality(_)))
                .map(|s| s.name.as_str())
                .collect();
            let national = shown.iter().any(|s| s.coverage == Coverage::National);
            if !local.is_empty() && !national {
                report.push(def.file.warning(
                    step_def.at,
                    format!(
                        "step \"{}\" shows only local services ({}); also show a national \
                         line for the same need, for a person who lives elsewhere",
                        step.id,
                        local.join(", ")
                    ),
                ));
            }
        }
    }
    for def in &directory.services {
        let Some(service) = &def.service else {
            continue;
        };
        if !service.is_verified() {
            continue;
        }
        if let Coverage::Municipality(place) = &service.coverage
            && !names_place(&service.name, place)
        {
            report.push(def.file.warning(
                def.at,
                format!(
                    "service \"{}\" serves {place} only, but its name \"{}\" does not say \
                     so; name the place in it, such as \"{}, {place}\"",
                    def.id, service.name, service.name
                ),
            ));
        }
    }
}

/// Whether `name` holds `place` as written (case aside), also inflected
/// ("Norrköpings kommun").
fn names_place(name: &str, place: &str) -> bool {
    name.to_lowercase().contains(&place.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_holds_its_place() {
        assert!(names_place("Socialjouren Norrköping", "Norrköping"));
        assert!(names_place(
            "Norrköpings kommun, kontaktcenter",
            "Norrköping"
        ));
        assert!(!names_place("Frideborg", "Norrköping"));
    }
}

//! `[handover]` in `bot.toml`: the staff group, staffed languages, the inactivity limit
//! and the opening hours.

use crate::load::diag::Report;
use crate::load::raw;
use crate::load::span::SourceFile;
use crate::load::suggest;
use toml::Spanned;

use super::*;

/// `[handover]`: a supergroup id, staffed languages among those offered, an inactivity
/// limit and opening hours (required: nobody is there around the clock unless
/// `always = true` says so).
pub(crate) fn handover(
    file: &SourceFile,
    written: &Spanned<raw::Handover>,
    codes: &[&str],
    report: &mut Report,
) -> Option<HandoverDef> {
    let at = written.span().start;
    let raw = written.get_ref();
    // Supergroup ids are written -100 followed by the group's own number.
    if *raw.group.get_ref() > -1_000_000_000_000 {
        report.push(file.error(
            raw.group.span().start,
            "handover group must be a supergroup's chat id, such as -1001234567890",
        ));
    }
    let mut languages = Vec::new();
    for lang in raw.languages.get_ref() {
        if codes.contains(&lang.get_ref().as_str()) {
            if !languages.contains(lang.get_ref()) {
                languages.push(lang.get_ref().clone());
            }
        } else {
            let hint = suggest::hint(lang.get_ref(), codes.iter().copied());
            report.push(file.error(
                lang.span().start,
                format!(
                    "handover language \"{}\" is not in languages{hint}",
                    lang.get_ref()
                ),
            ));
        }
    }
    if raw.languages.get_ref().is_empty() {
        report.push(file.error(
            raw.languages.span().start,
            "handover languages lists no language; list those someone on the staff writes",
        ));
    }
    let minutes = *raw.inactivity_minutes.get_ref();
    if !(5..=24 * 60).contains(&minutes) {
        report.push(file.error(
            raw.inactivity_minutes.span().start,
            "handover inactivity_minutes must be between 5 and 1440",
        ));
    }
    let hours = match &raw.hours {
        Some(hours) => crate::load::hours::build(file, hours, report),
        None => {
            report.push(file.error(
                at,
                "handover needs [handover.hours], in the format of a service's hours \
                 (always = true if someone is there day and night)",
            ));
            None
        }
    };
    // The staff's own user ids (positive); a group's id (negative) is a mistake.
    let staff = raw.staff.as_ref().map(|ids| {
        if ids.get_ref().is_empty() {
            report.push(file.error(
                ids.span().start,
                "handover staff lists nobody; list the user ids of those who may answer, \
                 or leave staff out to let every member of the group answer",
            ));
        }
        ids.get_ref()
            .iter()
            .filter_map(|id| match u64::try_from(*id.get_ref()) {
                Ok(user) if user > 0 => Some(user),
                _ => {
                    report.push(file.error(
                        id.span().start,
                        "handover staff must be Telegram user ids of the staff (positive \
                         numbers), not a group's id",
                    ));
                    None
                }
            })
            .collect()
    });
    Some(HandoverDef {
        group: *raw.group.get_ref(),
        service: raw.service.clone(),
        languages,
        inactivity_minutes: minutes,
        hours,
        staff,
    })
}

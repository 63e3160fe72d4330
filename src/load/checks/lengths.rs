//! Texts that would not fit in one Telegram message (4096 characters) once the engine
//! has filled in their values and put them together.
//!
//! Three kinds of message are measured: each message on its own (the bot's notices,
//! button labels), a step's `say` messages joined into one, and a signpost with all its
//! lines in its longest form. The joins mirror `engine::render`.

use std::collections::HashSet;

use crate::load::checks::messages::Use;
use crate::load::diag::Report;
use crate::load::flows::FlowDef;
use crate::load::locales::LangDef;
use crate::load::services::DirectoryDef;
use crate::model::{Arg, Flow, Hours, Service, Text, limits};

const MAX: usize = limits::MAX_MESSAGE_CHARS;

/// Checks every kind of message in every offered language.
pub(crate) fn check(
    offered: &[&LangDef],
    uses: &[Use],
    defs: &[FlowDef],
    flows: &[Flow],
    directory: &DirectoryDef,
    report: &mut Report,
) {
    for lang in offered {
        let too_long = single_messages(lang, uses, report);
        steps(lang, defs, flows, &too_long, report);
        signposts(lang, directory, &too_long, report);
    }
}

/// Each message alone; returns the ids found too long, so the messages they are part of
/// are not reported again.
fn single_messages<'a>(lang: &LangDef, uses: &'a [Use], report: &mut Report) -> HashSet<&'a str> {
    let mut too_long = HashSet::new();
    for u in uses {
        let id = u.text.id.as_str();
        let Some(def) = lang.messages.get(id).filter(|d| d.has_value) else {
            continue;
        };
        if too_long.contains(id) {
            continue;
        }
        let chars = lang.language.format(&u.text).chars().count();
        if chars > MAX {
            too_long.insert(id);
            report.push(def.file.error(
                def.at,
                format!(
                    "\"{id}\" is {chars} characters long when shown; Telegram allows at most \
                     {MAX}"
                ),
            ));
        }
    }
    too_long
}

/// A step's messages are sent as one, separated by blank lines.
fn steps(
    lang: &LangDef,
    defs: &[FlowDef],
    flows: &[Flow],
    too_long: &HashSet<&str>,
    report: &mut Report,
) {
    for (def, flow) in defs.iter().zip(flows) {
        for (step_def, step) in def.steps.iter().zip(&flow.steps) {
            if step.say.iter().any(|t| too_long.contains(t.id.as_str())) {
                continue;
            }
            let said: Vec<String> = step.say.iter().map(|t| lang.language.format(t)).collect();
            let chars = said.join("\n\n").chars().count();
            if chars > MAX {
                report.push(def.file.error(
                    step_def.at,
                    format!(
                        "step \"{}\" is {chars} characters long in {} when shown; Telegram \
                         allows at most {MAX}; split it over more steps",
                        step.id, lang.code
                    ),
                ));
            }
        }
    }
}

/// A signpost in its longest form: closed, with what to do meanwhile.
fn signposts(
    lang: &LangDef,
    directory: &DirectoryDef,
    too_long: &HashSet<&str>,
    report: &mut Report,
) {
    for def in &directory.services {
        let Some(service) = &def.service else {
            continue;
        };
        if def.verified != Some(true)
            || [&service.about, &service.anonymity_note]
                .into_iter()
                .chain(&service.meanwhile)
                .any(|id| too_long.contains(id.as_str()))
        {
            continue;
        }
        let chars = signpost_chars(lang, service);
        if chars > MAX {
            report.push(def.file.error(
                def.at,
                format!(
                    "service \"{}\" is {chars} characters long in {} when shown; Telegram \
                     allows at most {MAX}",
                    def.id, lang.code
                ),
            ));
        }
    }
}

/// The length of a signpost as `engine::render` lays it out, with the longest status.
fn signpost_chars(lang: &LangDef, service: &Service) -> usize {
    let say = |id: &str, args: &[(&str, &str)]| {
        lang.language.format(&Text {
            id: id.to_string(),
            args: args
                .iter()
                .map(|(k, v)| (k.to_string(), Arg::Str(v.to_string())))
                .collect(),
        })
    };
    let mut lines = vec![service.name.clone(), say(&service.about, &[])];
    for contact in &service.contacts {
        lines.push(say(contact.kind.message_id(), &[("value", &contact.value)]));
    }
    let status = match &service.hours {
        None => say("signpost-hours-unknown", &[]),
        Some(Hours::Always) => say("signpost-open-always", &[]),
        Some(Hours::Weekly { .. }) => {
            let meanwhile = say(
                service.meanwhile.as_deref().unwrap_or("signpost-meanwhile"),
                &[],
            );
            let open = say("signpost-open-now", &[("closes", "23:59")]);
            let closed = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                .into_iter()
                .flat_map(|day| ["yes", "no"].map(|today| (day, today)))
                .map(|(day, today)| {
                    let args = [("weekday", day), ("opens", "23:59"), ("today", today)];
                    format!("{}\n{meanwhile}", say("signpost-closed", &args))
                })
                .max_by_key(|s| s.chars().count())
                .unwrap_or_default();
            if open.chars().count() > closed.chars().count() {
                open
            } else {
                closed
            }
        }
    };
    lines.push(status);
    lines.push(say(service.anonymity.message_id(), &[]));
    lines.push(say(&service.anonymity_note, &[]));
    let last: Vec<String> = service
        .cost
        .map(|c| say(c.message_id(), &[]))
        .into_iter()
        .chain(
            service
                .interpreters
                .then(|| say("signpost-interpreters", &[])),
        )
        .collect();
    if !last.is_empty() {
        lines.push(last.join(" · "));
    }
    lines.join("\n").chars().count()
}

//! The handover to a person: a step that offers it must also show signposts (for when
//! nobody is there, which is most hours), and a set whose steps offer it without a
//! `[handover]` in `bot.toml` is told that they show only those signposts.

use crate::load::diag::Report;
use crate::load::flows::FlowDef;
use crate::load::services::DirectoryDef;
use crate::load::settings::BotDef;
use crate::load::span::SourceFile;
use crate::model::{Arg, Flow, HANDOVER_MESSAGES, Text};

use super::messages::{Giver, Use};

/// Reports offering steps without signposts or with `next`, and (a warning) offering
/// steps in a set without `[handover]`.
pub(crate) fn check(
    defs: &[FlowDef],
    flows: &[Flow],
    bot: Option<(&BotDef, &SourceFile)>,
    report: &mut Report,
) {
    let mut offering = 0;
    let mut first: Option<(&SourceFile, usize)> = None;
    for (def, flow) in defs.iter().zip(flows) {
        for (step_def, step) in def.steps.iter().zip(&flow.steps) {
            let Some(written) = step_def.raw.as_ref().and_then(|r| r.handover.as_ref()) else {
                continue;
            };
            if !*written.get_ref() {
                continue;
            }
            let at = written.span().start;
            offering += 1;
            first.get_or_insert((def.file, at));
            if step.signposts.is_empty() {
                report.push(def.file.error(
                    at,
                    format!(
                        "step \"{}\" offers a handover but shows no signpost; most hours \
                         nobody is there, so it needs services to show then",
                        step.id
                    ),
                ));
            }
            if step.next.is_some() {
                report.push(def.file.error(
                    at,
                    format!(
                        "step \"{}\" offers a handover but goes on at once (next), so its \
                         button would never be seen",
                        step.id
                    ),
                ));
            }
        }
    }
    if let (Some((file, at)), Some((bot, _))) = (first, bot)
        && bot.handover.is_none()
    {
        report.push(file.warning(
            at,
            format!(
                "{offering} step(s) offer a handover, but bot.toml has no [handover]: they \
                 show only their signposts until a staff group is configured"
            ),
        ));
    }
}

/// Whether the handover's texts are needed: a step offers it or `bot.toml` has it.
pub(crate) fn needed(defs: &[FlowDef], bot: Option<&BotDef>) -> bool {
    bot.is_some_and(|b| b.handover.is_some())
        || defs
            .iter()
            .flat_map(|d| &d.steps)
            .filter_map(|s| s.raw.as_ref()?.handover.as_ref())
            .any(|h| *h.get_ref())
}

/// The handover's messages, with the longest values the bot gives them.
pub(crate) fn uses(directory: &DirectoryDef) -> Vec<Use<'static>> {
    let longest_name = directory
        .services
        .iter()
        .filter_map(|s| s.service.as_ref())
        .map(|s| s.name.clone())
        .max_by_key(|n| n.chars().count())
        .unwrap_or_default();
    HANDOVER_MESSAGES
        .iter()
        .map(|(id, names)| Use {
            file: None,
            at: 0,
            text: Text {
                id: id.to_string(),
                args: names
                    .iter()
                    .map(|name| {
                        let sample = match *name {
                            "service" => longest_name.clone(),
                            "count" => "12".to_string(),
                            "case" => "K7Q2 · sv · selling".to_string(),
                            "lang" => "sv".to_string(),
                            _ => "selling/start → selling/talk".to_string(),
                        };
                        (name.to_string(), Arg::Str(sample))
                    })
                    .collect(),
            },
            arg_at: Vec::new(),
            giver: Giver::Bot(names),
        })
        .collect()
}

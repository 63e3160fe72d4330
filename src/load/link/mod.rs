//! Resolves the names flows use: steps, other flows, services, languages and deep-link
//! codes; compiles the free-text patterns; and builds the [`Flow`]s with every target
//! turned into indices. Each name that does not resolve is reported where it is written.

use std::collections::HashMap;

use toml::Spanned;

use crate::load::areas::Roles;
use crate::load::checks::messages::Use;
use crate::load::diag::Report;
use crate::load::flows::FlowDef;
use crate::load::services::DirectoryDef;
use crate::load::settings::BotDef;
use crate::load::span::SourceFile;
use crate::load::suggest;
use crate::model::{DeepLink, Flow, FlowIdx, LocalSignpost, ServiceIdx, StepIdx, Target};

mod names;
mod patterns;

use patterns::*;

/// What linking produced; complete only when the report has no errors.
pub(super) struct Linked<'f> {
    /// One per flow file, in file order (a flow's index is its file's position).
    pub flows: Vec<Flow>,
    pub deep_links: HashMap<String, DeepLink>,
    pub main_flow: Option<FlowIdx>,
    pub emergency_service: Option<ServiceIdx>,
    /// `distress_services` of `bot.toml`, those that resolved.
    pub distress_services: Vec<ServiceIdx>,
    /// The flow of `[age]`, when it is set and exists.
    pub age_flow: Option<FlowIdx>,
    /// The service of `[handover]` (a service or the one a role binds), when it resolves.
    pub handover_service: Option<ServiceIdx>,
    /// Every message a flow names, with its arguments.
    pub uses: Vec<Use<'f>>,
    /// Where steps show a role (see `Directory::local`).
    pub local: Vec<LocalSignpost>,
    /// `[questions.<id>]` with their services resolved.
    pub questions: Vec<crate::model::Question>,
}

/// Where a choice or route wants to go, as written.
struct Wanted<'a> {
    flow: Option<&'a Spanned<String>>,
    goto: Option<&'a Spanned<String>>,
    /// The choice or route itself, for when neither is given.
    at: usize,
    what: &'a str,
}

/// The names every flow can refer to.
struct Names<'a, 'f> {
    defs: &'a [FlowDef<'f>],
    /// Flow id to its index; the first file wins when two use the same id.
    flows: HashMap<&'a str, FlowIdx>,
    /// Whether every flow file could be read far enough to know its id.
    all_flows_known: bool,
    directory: &'a DirectoryDef<'a>,
    roles: &'a Roles,
    bot: Option<&'a BotDef>,
}

pub(super) fn link<'f>(
    defs: &[FlowDef<'f>],
    directory: &DirectoryDef,
    roles: &Roles,
    bot: Option<(&BotDef, &SourceFile)>,
    report: &mut Report,
) -> Linked<'f> {
    let mut flows: HashMap<&str, FlowIdx> = HashMap::new();
    for (index, def) in defs.iter().enumerate() {
        let Some(id) = &def.id else { continue };
        if let Some(first) = flows.get(id.get_ref().as_str()) {
            report.push(def.file.error(
                id.span().start,
                format!(
                    "flow id \"{}\" is also used by {}",
                    id.get_ref(),
                    defs[*first].file.path.display()
                ),
            ));
            continue;
        }
        flows.insert(id.get_ref(), FlowIdx::new(index));
    }
    let names = Names {
        defs,
        flows,
        all_flows_known: defs.iter().all(|d| d.id.is_some()),
        directory,
        roles,
        bot: bot.map(|(b, _)| b),
    };

    let starts: Vec<Option<StepIdx>> = defs.iter().map(|d| start(d, report)).collect();
    let mut uses = Vec::new();
    let mut built = Vec::new();
    for (index, def) in defs.iter().enumerate() {
        let flow = FlowIdx::new(index);
        let steps = def
            .steps
            .iter()
            .map(|step| names.step(flow, &starts, step, &mut uses, report))
            .collect();
        built.push(Flow {
            id: def
                .id
                .as_ref()
                .map(|i| i.get_ref().clone())
                .unwrap_or_default(),
            start: starts[index].unwrap_or(StepIdx::new(0)),
            steps,
            protect_content: def.head.as_ref().is_some_and(|h| h.protect_content),
            when_closed: def
                .head
                .as_ref()
                .and_then(|h| h.when_closed.as_ref())
                .and_then(|line| names.when_closed(def.file, line, report)),
        });
    }

    let deep_links = deep_links(&names, report);
    let (main_flow, emergency_service) = match bot {
        Some((bot, file)) => settings(&names, bot, file, report),
        None => (None, None),
    };
    let mut distress_services = Vec::new();
    let mut questions = Vec::new();
    let mut age_flow = None;
    let mut handover_service = None;
    if let Some((bot, file)) = bot {
        if let Some(handover) = &bot.handover {
            let written = &handover.service;
            handover_service = match written.get_ref().strip_prefix('@') {
                Some(role) => names.role(file, written, role, report),
                None => names.service(file, written, "handover ", report),
            };
        }
        for name in &bot.distress_services {
            if let Some(index) = names.service(file, name, "distress ", report) {
                distress_services.push(index);
            }
        }
        for q in &bot.questions {
            let signposts = q
                .signposts
                .iter()
                .filter_map(|written| match written.get_ref().strip_prefix('@') {
                    Some(role) => names.role(file, written, role, report),
                    None => names.service(file, written, "question ", report),
                })
                .collect();
            questions.push(crate::model::Question {
                id: q.id.clone(),
                say: q.say.get_ref().clone(),
                signposts,
                examples: q.examples.clone(),
            });
        }
        if let Some(age) = &bot.age {
            age_flow = names.flows.get(age.flow.get_ref().as_str()).copied();
            if age_flow.is_none() && names.all_flows_known {
                report.push(file.error(
                    age.flow.span().start,
                    format!(
                        "age flow \"{}\" does not exist{}; leave flow out until it does",
                        age.flow.get_ref(),
                        suggest::hint(age.flow.get_ref(), names.flows.keys().copied())
                    ),
                ));
            }
        }
    }
    let local = local_signposts(defs, roles);
    Linked {
        local,
        flows: built,
        deep_links,
        main_flow,
        emergency_service,
        distress_services,
        age_flow,
        handover_service,
        uses,
        questions,
    }
}

/// Every `@role` in a step's `signposts`, with its position there, so that the engine
/// can show the person's own area's service in its place. Positions are as written: a
/// signpost that does not resolve is an error, and then no set is built.
fn local_signposts(defs: &[FlowDef], roles: &Roles) -> Vec<LocalSignpost> {
    let mut local = Vec::new();
    for (f, def) in defs.iter().enumerate() {
        for (s, step) in def.steps.iter().enumerate() {
            let Some(raw) = &step.raw else { continue };
            for (position, written) in raw.signposts.iter().enumerate() {
                let role = written
                    .get_ref()
                    .strip_prefix('@')
                    .and_then(|name| roles.bindings.iter().position(|b| b.role == name));
                if let Some(role) = role {
                    local.push(LocalSignpost {
                        at: Target {
                            flow: FlowIdx::new(f),
                            step: StepIdx::new(s),
                        },
                        position,
                        role,
                    });
                }
            }
        }
    }
    local
}

/// The index of a flow's start step.
fn start(def: &FlowDef, report: &mut Report) -> Option<StepIdx> {
    let head = def.head.as_ref()?;
    let found = def.step(head.start.get_ref());
    if found.is_none() && def.step_ids_known {
        report.push(def.file.error(
            head.start.span().start,
            format!(
                "start step \"{}\" does not exist{}",
                head.start.get_ref(),
                suggest::hint(head.start.get_ref(), def.step_ids())
            ),
        ));
    }
    found.map(StepIdx::new)
}

/// Deep-link codes: their shape, that each is used once, and their language.
fn deep_links(names: &Names, report: &mut Report) -> HashMap<String, DeepLink> {
    let mut links: HashMap<String, DeepLink> = HashMap::new();
    let mut first_file: HashMap<String, &SourceFile> = HashMap::new();
    for (index, def) in names.defs.iter().enumerate() {
        let Some(head) = &def.head else { continue };
        for link in &head.deep_links {
            let link = link.get_ref();
            let code = link.code.get_ref();
            let at = link.code.span().start;
            let shape_ok = (1..=64).contains(&code.len())
                && code
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
            if !shape_ok {
                report.push(def.file.error(
                    at,
                    format!(
                        "deep-link code \"{code}\" must be 1 to 64 characters of A-Z, a-z, \
                         0-9, _ and -"
                    ),
                ));
                continue;
            }
            if let Some(first) = first_file.get(code) {
                report.push(def.file.error(
                    at,
                    format!(
                        "deep-link code \"{code}\" is also used in {}",
                        first.path.display()
                    ),
                ));
                continue;
            }
            if let (Some(lang), Some(bot)) = (&link.lang, names.bot)
                && !bot.offers(lang.get_ref())
            {
                report.push(def.file.error(
                    lang.span().start,
                    format!(
                        "deep-link language \"{}\" is not in languages{}",
                        lang.get_ref(),
                        suggest::hint(lang.get_ref(), bot.codes())
                    ),
                ));
            }
            first_file.insert(code.clone(), def.file);
            links.insert(
                code.clone(),
                DeepLink {
                    flow: FlowIdx::new(index),
                    lang: link.lang.as_ref().map(|l| l.get_ref().clone()),
                },
            );
        }
    }
    links
}

/// `main_flow` and `emergency_service` of `bot.toml`.
fn settings(
    names: &Names,
    bot: &BotDef,
    file: &SourceFile,
    report: &mut Report,
) -> (Option<FlowIdx>, Option<ServiceIdx>) {
    let main = names.flows.get(bot.main_flow.get_ref().as_str()).copied();
    if main.is_none() && names.all_flows_known {
        report.push(file.error(
            bot.main_flow.span().start,
            format!(
                "main flow \"{}\" does not exist{}",
                bot.main_flow.get_ref(),
                suggest::hint(bot.main_flow.get_ref(), names.flows.keys().copied())
            ),
        ));
    }
    let emergency = names.service(file, &bot.emergency_service, "emergency ", report);
    (main, emergency)
}

//! Resolves the names flows use: steps, other flows, services, languages and deep-link
//! codes; compiles the free-text patterns; and builds the [`Flow`]s with every target
//! turned into indices. Each name that does not resolve is reported where it is written.

use std::collections::HashMap;

use regex_automata::util::syntax;
use regex_automata::{MatchKind, meta};
use toml::Spanned;

use super::areas::Roles;
use super::checks::buttons;
use super::checks::messages::{Giver, Use};
use super::diag::Report;
use super::flows::{FlowDef, StepDef};
use super::raw;
use super::services::DirectoryDef;
use super::settings::BotDef;
use super::span::SourceFile;
use super::suggest;
use crate::model::{
    Arg, Choice, DeepLink, Flow, FlowIdx, LocalSignpost, Matcher, Phrase, Phrases, ServiceIdx,
    Step, StepIdx, Target, Text, TextRoute, limits,
};

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

impl<'f> Names<'_, 'f> {
    /// Builds one step, reporting what does not resolve.
    fn step(
        &self,
        flow: FlowIdx,
        starts: &[Option<StepIdx>],
        def: &StepDef,
        uses: &mut Vec<Use<'f>>,
        report: &mut Report,
    ) -> Step {
        let mut step = Step {
            id: def.id.clone(),
            say: Vec::new(),
            choices: Vec::new(),
            routes: Vec::new(),
            signposts: Vec::new(),
            next: None,
            end: false,
            handover: false,
        };
        let Some(raw) = &def.raw else {
            return step;
        };
        let file = self.defs[flow].file;
        let limit = |count: usize, max: usize, what: &str, report: &mut Report| {
            if count > max {
                report.push(file.error(
                    def.at,
                    format!(
                        "step \"{}\" has {count} {what}; at most {max} are allowed",
                        def.id
                    ),
                ));
            }
        };
        limit(
            raw.say.len(),
            limits::MAX_SAY_PER_STEP,
            "messages in say",
            report,
        );
        limit(
            raw.choices.len(),
            limits::MAX_CHOICES_PER_STEP,
            "choices",
            report,
        );
        limit(
            raw.routes.len(),
            limits::MAX_ROUTES_PER_STEP,
            "routes",
            report,
        );
        limit(
            raw.signposts.len(),
            limits::MAX_SIGNPOSTS_PER_STEP,
            "signposts",
            report,
        );

        for text in &raw.say {
            step.say.push(text_use(file, text, uses));
        }
        for (index, choice) in raw.choices.iter().enumerate() {
            let label = text_use(file, &choice.get_ref().label, uses);
            let data = buttons::choice_data(index);
            if let Some(message) = buttons::too_long(&format!("choice {}", index + 1), &data) {
                report.push(file.error(choice.span().start, message));
            }
            let c = choice.get_ref();
            let wanted = Wanted {
                flow: c.flow.as_ref(),
                goto: c.goto.as_ref(),
                at: choice.span().start,
                what: "a choice",
            };
            let target = self.target(flow, starts, &def.id, wanted, report);
            if let Some(target) = target {
                step.choices.push(Choice { label, target });
            }
        }
        for written in &raw.routes {
            if let Some(route) = self.route(flow, starts, &def.id, written, report) {
                // "Did you mean ...?" offers the step's own choice for the route.
                if route.confirm && !step.choices.iter().any(|c| c.target == route.target) {
                    report.push(file.error(
                        written.span().start,
                        "a route with confirm = true must lead where one of the step's \
                         choices leads: that choice is the button that confirms it",
                    ));
                }
                step.routes.push(route);
            }
        }
        for service in &raw.signposts {
            let index = match service.get_ref().strip_prefix('@') {
                Some(role) => self.role(file, service, role, report),
                None => self.service(file, service, "", report),
            };
            if let Some(index) = index {
                step.signposts.push(index);
            }
        }
        if let Some(next) = &raw.next {
            step.next = self.defs[flow].step(next.get_ref()).map(|s| Target {
                flow,
                step: StepIdx::new(s),
            });
            if step.next.is_none() && self.defs[flow].step_ids_known {
                report.push(file.error(
                    next.span().start,
                    format!(
                        "step \"{}\" goes on to unknown step \"{}\"{}",
                        def.id,
                        next.get_ref(),
                        suggest::hint(next.get_ref(), self.defs[flow].step_ids())
                    ),
                ));
            }
        }
        step.end = raw.end.as_ref().is_some_and(|e| *e.get_ref());
        step.handover = raw.handover.as_ref().is_some_and(|h| *h.get_ref());
        if let Some(global) = &raw.global_buttons
            && !*global.get_ref()
        {
            report.push(file.error(
                global.span().start,
                "global_buttons = false would leave this step without the emergency and \
                 quick-exit buttons; every step must keep a way to help and a way out",
            ));
        }
        step
    }

    fn route(
        &self,
        flow: FlowIdx,
        starts: &[Option<StepIdx>],
        step: &str,
        route: &Spanned<raw::Route>,
        report: &mut Report,
    ) -> Option<TextRoute> {
        let file = self.defs[flow].file;
        let r = route.get_ref();
        let lang = r.lang.as_ref().map(|l| l.get_ref().clone());
        // A route of examples alone may be in any language the matcher knows, also one
        // not yet offered: its people are understood before its texts are written.
        let examples_only = r.pattern.is_none() && r.words.is_none() && !r.examples.is_empty();
        if let (Some(lang), Some(bot)) = (&r.lang, self.bot)
            && !bot.offers(lang.get_ref())
            && !(examples_only && crate::understand::Lang::from_code(lang.get_ref()).is_some())
        {
            report.push(file.error(
                lang.span().start,
                format!(
                    "route language \"{}\" is not in languages{}",
                    lang.get_ref(),
                    suggest::hint(lang.get_ref(), bot.codes())
                ),
            ));
        }
        let matcher = match (&r.pattern, &r.words) {
            (Some(pattern), None) => compile(file, pattern, report).map(Matcher::Pattern),
            (None, Some(words)) => route_words(file, words, report),
            (Some(pattern), Some(_)) => {
                report.push(file.error(
                    pattern.span().start,
                    "a route has either match (a pattern) or words, not both",
                ));
                None
            }
            (None, None) if !r.examples.is_empty() => Some(Matcher::Examples),
            (None, None) => {
                report.push(file.error(
                    route.span().start,
                    "a route needs words = [...], examples = [...] (or a pattern: match = \"...\")",
                ));
                None
            }
        };
        if !r.examples.is_empty() && r.lang.is_none() {
            report.push(file.error(
                route.span().start,
                "a route with examples needs lang = \"...\", the language they are in",
            ));
        }
        let wanted = Wanted {
            flow: r.flow.as_ref(),
            goto: r.goto.as_ref(),
            at: route.span().start,
            what: "a route",
        };
        let target = self.target(flow, starts, step, wanted, report);
        Some(TextRoute {
            lang,
            matcher: matcher?,
            target: target?,
            confirm: r.confirm,
            examples: r.examples.iter().map(|e| e.get_ref().clone()).collect(),
        })
    }

    /// Resolves `goto` and `flow` of a choice or route in step `step` of `flow`.
    fn target(
        &self,
        flow: FlowIdx,
        starts: &[Option<StepIdx>],
        step: &str,
        wanted: Wanted,
        report: &mut Report,
    ) -> Option<Target> {
        let Wanted {
            flow: other,
            goto,
            at,
            what,
        } = wanted;
        let file = self.defs[flow].file;
        let (to_flow, flow_name) = match other {
            None => (flow, None),
            Some(name) => match self.flows.get(name.get_ref().as_str()) {
                Some(&index) => (index, Some(name.get_ref().as_str())),
                None => {
                    if self.all_flows_known {
                        report.push(file.error(
                            name.span().start,
                            format!(
                                "step \"{step}\" goes to unknown flow \"{}\"{}",
                                name.get_ref(),
                                suggest::hint(name.get_ref(), self.flows.keys().copied())
                            ),
                        ));
                    }
                    return None;
                }
            },
        };
        let Some(goto) = goto else {
            if other.is_none() {
                report.push(file.error(
                    at,
                    format!("{what} needs goto (a step of this flow) or flow (another flow)"),
                ));
            }
            return starts[to_flow.index()].map(|start| Target {
                flow: to_flow,
                step: start,
            });
        };
        let target = self.defs[to_flow].step(goto.get_ref());
        if target.is_none() && self.defs[to_flow].step_ids_known {
            let of = flow_name.map_or(String::new(), |f| format!(" of flow \"{f}\""));
            report.push(file.error(
                goto.span().start,
                format!(
                    "step \"{step}\" goes to unknown step \"{}\"{of}{}",
                    goto.get_ref(),
                    suggest::hint(goto.get_ref(), self.defs[to_flow].step_ids())
                ),
            ));
        }
        target.map(|s| Target {
            flow: to_flow,
            step: StepIdx::new(s),
        })
    }

    /// Resolves a service name; only verified services may be shown.
    fn service(
        &self,
        file: &SourceFile,
        name: &Spanned<String>,
        role: &str,
        report: &mut Report,
    ) -> Option<ServiceIdx> {
        let id = name.get_ref();
        let Some(index) = self.directory.services.iter().position(|s| &s.id == id) else {
            if self.directory.complete {
                report.push(file.error(
                    name.span().start,
                    format!(
                        "unknown {role}service \"{id}\"{}",
                        suggest::hint(id, self.directory.services.iter().map(|s| s.id.as_str()))
                    ),
                ));
            }
            return None;
        };
        if self.directory.services[index].verified == Some(false) {
            report.push(file.error(
                name.span().start,
                format!(
                    "{role}service \"{id}\" is not verified (it has no verified_on and \
                     verified_by), so it is never shown; verify it or leave it out here"
                ),
            ));
        }
        if self.directory.services[index]
            .service
            .as_ref()
            .is_some_and(|s| s.is_named_only())
        {
            report.push(file.error(
                name.span().start,
                format!(
                    "{role}service \"{id}\" has no contacts, so it cannot be a signpost; name \
                     it in a text with {{ -svc-{id} }} instead"
                ),
            ));
        }
        Some(ServiceIdx::new(index))
    }

    /// Resolves `@role` to the service the area binds it to (or its fallback).
    /// A flow's `when_closed`: a service or `@role` open around the clock.
    fn when_closed(
        &self,
        file: &SourceFile,
        line: &Spanned<String>,
        report: &mut Report,
    ) -> Option<ServiceIdx> {
        let index = match line.get_ref().strip_prefix('@') {
            Some(role) => self.role(file, line, role, report),
            None => self.service(file, line, "", report),
        }?;
        let always = self.directory.services[index.index()]
            .service
            .as_ref()
            .is_none_or(|s| s.hours == Some(crate::model::Hours::Always));
        if !always {
            report.push(file.error(
                line.span().start,
                format!(
                    "when_closed names \"{}\", which is not open around the clock \
                     (always = true); it is shown when everything else is closed",
                    line.get_ref()
                ),
            ));
            return None;
        }
        Some(index)
    }

    fn role(
        &self,
        file: &SourceFile,
        written: &Spanned<String>,
        role: &str,
        report: &mut Report,
    ) -> Option<ServiceIdx> {
        if !self.roles.declared.iter().any(|r| r == role) {
            if self.directory.complete {
                report.push(file.error(
                    written.span().start,
                    format!(
                        "unknown role \"@{role}\"{}",
                        super::areas::role_hint(
                            role,
                            self.roles.declared.iter().map(String::as_str)
                        )
                    ),
                ));
            }
            return None;
        }
        // A declared role that resolves to nothing was reported where it is declared.
        self.roles.service(role)
    }
}

/// A message a flow names, remembered for the checks of every language.
fn text_use<'f>(file: &'f SourceFile, text: &Spanned<raw::Text>, uses: &mut Vec<Use<'f>>) -> Text {
    let (id, at, args): (String, usize, Vec<(String, usize, Arg)>) = match text.get_ref() {
        raw::Text::Plain(id) => (id.clone(), text.span().start, Vec::new()),
        raw::Text::WithArgs(table) => (
            table.id.get_ref().clone(),
            table.id.span().start,
            table
                .args
                .iter()
                .map(|(name, value)| {
                    let value = match value.get_ref() {
                        raw::Arg::Str(s) => Arg::Str(s.clone()),
                        raw::Arg::Num(n) => Arg::Num(*n),
                    };
                    (name.get_ref().clone(), name.span().start, value)
                })
                .collect(),
        ),
    };
    let text = Text {
        id,
        args: args
            .iter()
            .map(|(n, _, v)| (n.clone(), v.clone()))
            .collect(),
    };
    uses.push(Use {
        file: Some(file),
        at,
        text: text.clone(),
        arg_at: args.iter().map(|(_, at, _)| *at).collect(),
        giver: Giver::Flow,
    });
    text
}

/// A route's `words`: each a phrase of whole words, maybe with `*` (see `Phrase::parse`).
fn route_words(
    file: &SourceFile,
    words: &Spanned<Vec<Spanned<String>>>,
    report: &mut Report,
) -> Option<Matcher> {
    if words.get_ref().is_empty() {
        report.push(file.error(words.span().start, "words lists no word"));
        return None;
    }
    let mut phrases = Vec::new();
    for word in words.get_ref() {
        let written = word.get_ref();
        let inner_star = written.trim().trim_matches('*').contains('*');
        let phrase = Phrase::parse(written);
        if phrase.is_empty() || inner_star {
            report.push(file.error(
                word.span().start,
                format!(
                    "\"{written}\" is not a word for a route: write letters or digits, with \
                     * only at the end (a stem) or at the start (joined to the word before)"
                ),
            ));
            continue;
        }
        phrases.push(phrase);
    }
    Some(Matcher::Words(Phrases::new(phrases)))
}

/// Compiles a free-text pattern, case-insensitive and within the size limits.
fn compile(
    file: &SourceFile,
    pattern: &Spanned<String>,
    report: &mut Report,
) -> Option<meta::Regex> {
    let at = pattern.span().start;
    let text = pattern.get_ref();
    if text.chars().count() > limits::MAX_PATTERN_LEN {
        report.push(file.error(
            at,
            format!(
                "the pattern is {} characters long; at most {} are allowed",
                text.chars().count(),
                limits::MAX_PATTERN_LEN
            ),
        ));
        return None;
    }
    // The configuration `regex::RegexBuilder` uses (same syntax, same matches), less two
    // things that only make searching long texts faster: the literal prefilter (finding
    // the literals of case-insensitive alternations such as `\b(child|kid|...)\b`, every
    // letter in all its Unicode cases, took two thirds of building the flow set) and the
    // fully built DFA for small patterns (a fifth of the rest). The lazy DFA still
    // matches; messages are at most a few thousand characters.
    let compiled = meta::Builder::new()
        .configure(
            meta::Config::new()
                .match_kind(MatchKind::LeftmostFirst)
                .utf8_empty(true)
                .nfa_size_limit(Some(limits::MAX_REGEX_BYTES))
                .hybrid_cache_capacity(2 * (1 << 20))
                .auto_prefilter(false)
                .dfa(false),
        )
        .syntax(syntax::Config::new().case_insensitive(true).utf8(true))
        .build(text);
    match compiled {
        Ok(regex) => Some(regex),
        Err(error) if error.size_limit().is_some() => {
            report.push(file.error(
                at,
                "the pattern is too complex; split it into simpler routes",
            ));
            None
        }
        Err(error) => {
            // The last line of the parser's message says what is wrong; the lines
            // before it draw the pattern, which the position here already points to.
            let text = match error.syntax_error() {
                Some(syntax) => syntax.to_string(),
                None => error.to_string(),
            };
            let reason = text
                .lines()
                .rev()
                .find_map(|l| l.trim().strip_prefix("error: "))
                .unwrap_or(text.lines().next().unwrap_or(""))
                .to_string();
            report.push(file.error(at, format!("invalid pattern: {reason}")));
            None
        }
    }
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

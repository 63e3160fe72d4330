//! Resolving what a step names: its texts, choices, typed answers, signposts and what
//! it does when a service is closed, each name reported where it is written.

use toml::Spanned;

use crate::load::checks::buttons;
use crate::load::checks::messages::Use;
use crate::load::diag::Report;
use crate::load::flows::StepDef;
use crate::load::raw;
use crate::load::span::SourceFile;
use crate::load::suggest;
use crate::model::{
    Choice, FlowIdx, Matcher, ServiceIdx, Step, StepIdx, Target, TextRoute, limits,
};

use super::*;

impl<'f> Names<'_, 'f> {
    /// Builds one step, reporting what does not resolve.
    pub(super) fn step(
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

    pub(super) fn route(
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
    pub(super) fn target(
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
    pub(super) fn service(
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
    pub(super) fn when_closed(
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

    pub(super) fn role(
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
                        crate::load::areas::role_hint(
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

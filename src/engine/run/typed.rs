//! A typed message, in the order of understanding: a command, safety (danger and fear,
//! an age), quick-exit words, the step's own answers, then the example matcher (clear,
//! close call, or nothing close).

use crate::engine::intents::{Message, parse_command};
use crate::engine::{Effect, Stat};
use crate::model::{Intent, Matcher, Target};
use crate::understand::Ranked;
use crate::understand::decide::{Decision, Dest, Read, decide_reading, dest};

use super::*;

impl<'a> Turn<'a> {
    pub(super) fn text(&mut self, text: &str) {
        if let Some(command) = parse_command(text) {
            // An argument can hold personal data too ("/sos call me on ..."): the message
            // goes, and the command is still carried out. Quick exit deletes it anyway.
            if command.argument.is_some()
                && command.intent != Some(Intent::Exit)
                && self.has_personal_data(text)
            {
                self.delete_personal_data();
                match command.intent {
                    Some(Intent::Restart) | None => self.reshow(),
                    Some(intent) => self.intent(intent),
                }
                return;
            }
            match (command.intent, command.argument) {
                (Some(Intent::Restart), Some(code)) => self.deep_link(code),
                (Some(intent), _) => self.intent(intent),
                (None, _) => self.not_understood(),
            }
            return;
        }
        // Split and folded once for every check below.
        let typed = text;
        let typed_read = Read::new(text);
        let detected = self.detected_language(text, &typed_read);
        let matching_at = self.at.unwrap_or_else(|| self.set.main_start());
        let lang = detected.unwrap_or(&self.lang);
        let (decision, reading) =
            decide_reading(self.set, matching_at, lang, text, Some(&typed_read));
        // Russian, Ukrainian or Arabic typed in Latin letters: every check below reads
        // the message in its own script, and the answer comes in its language.
        let in_script;
        let (text, read) = match reading {
            Some((reading, spelled, read)) => {
                self.switch_language(reading.lang().code());
                in_script = spelled;
                (in_script.as_str(), read)
            }
            None => {
                if let Some(code) = detected {
                    self.switch_language(code);
                }
                (text, typed_read)
            }
        };
        let message = &read.message;
        let safety = self.safety(text, message, &decision);
        if self.has_personal_data(typed) {
            self.delete_personal_data();
            match safety {
                Some(Safety::Intent(intent)) => self.intent(intent),
                Some(Safety::Route(target)) => self.go(target),
                Some(Safety::Understood(d, sos)) => self.follow_safely(d, sos),
                None => self.reshow(),
            }
            return;
        }
        let young = self.young(message);
        match safety {
            Some(Safety::Intent(intent)) => return self.intent(intent),
            Some(Safety::Route(target)) => return self.go(target),
            // A child who tells a situation in words of fear ("I am 16, my classmate
            // meets men for money, I am scared for her") is a child first: the flow
            // for children, which also says to call 112 in danger.
            Some(Safety::Understood(Dest::Go(_), _)) if young.is_some() => {}
            Some(Safety::Understood(d, sos)) => return self.follow_safely(d, sos),
            None => {}
        }
        if let Some(flow) = young {
            return self.go(Target {
                flow,
                step: self.set.flows[flow].start,
            });
        }
        let intents = &self.set.settings.intents;
        // Safety before the flow's own words: a quick-exit keyword must never be taken
        // by a step's pattern that happens to contain it ("avsluta" holds "sluta");
        // `check` refuses a route that would take a whole exit word as an answer.
        if let Some(exit) = message.intent(intents, &[Intent::Exit]) {
            return self.intent(exit);
        }
        // A town typed as the answer to the open place question (see `place`).
        if self.typed_place(typed) {
            return;
        }
        // A step's own pattern (a typed "no" at "are you in danger?") is an exact rule
        // written for that step: it goes first.
        if self.pattern_route(text, message) {
            return;
        }
        // Then its words: a step's own words win over global examples on the step that
        // owns them (none on a conversation's first message, see `live_routes`).
        if self.route(text, message) {
            return;
        }
        match &decision {
            Decision::Clear { best, runner_up } => {
                // A route to be confirmed (the buyer route) is asked about even when
                // clear: a person who sells sex must never be greeted as a buyer.
                if self.confirms(matching_at, dest(self.set, best.label)) {
                    let mut options = vec![*best];
                    options.extend(runner_up.filter(|r| {
                        r.label.is_local()
                            && r.score >= best.score - 2.0 * crate::understand::decide::MARGIN
                    }));
                    if self.ask(matching_at, &options, 1) {
                        return;
                    }
                }
                return self.follow(dest(self.set, best.label));
            }
            Decision::Close { options } => {
                if self.ask(matching_at, options, 2) {
                    return;
                }
                if options[0].score >= crate::understand::decide::CLEAR {
                    return self.follow(dest(self.set, options[0].label));
                }
            }
            Decision::Nothing { .. } => {}
        }
        if let Some(intent) = message.intent(intents, &Intent::ALL) {
            return self.intent(intent);
        }
        if self.fresh {
            // The first words of a conversation are a greeting, whatever they say.
            return self.go(self.set.main_start());
        }
        if self.at.is_none() {
            self.notice("step-gone");
            return self.go(self.set.main_start());
        }
        self.not_understood();
    }

    /// Whether `d` is where a route of the step at `at` marked `confirm` leads.
    pub(super) fn confirms(&self, at: Target, d: Dest) -> bool {
        let Dest::Go(target) = d else { return false };
        self.set
            .step(at)
            .routes
            .iter()
            .any(|r| r.confirm && r.target == target)
    }

    /// Acts on a place the matcher found, after the emergency service when `sos`.
    pub(super) fn follow_safely(&mut self, d: Dest, sos: bool) {
        if sos {
            self.show_service(self.set.settings.emergency_service);
        }
        self.follow(d);
    }

    /// Acts on a place the matcher found. A typed call for help may come from someone
    /// in danger who wrote no more: the help text, then the emergency service and a
    /// line open now.
    pub(super) fn follow(&mut self, d: Dest) {
        match d {
            Dest::Go(target) => self.go(target),
            Dest::Question(i) => self.question(i),
            Dest::Intent(Intent::Help) => {
                self.intent(Intent::Help);
                self.show_service(self.set.settings.emergency_service);
                if let Some(line) = self.line_open_now() {
                    self.show_service(line);
                }
            }
            Dest::Intent(intent) => self.intent(intent),
        }
    }

    /// "Did you mean ...?" with the step's choices for the close places, in the step's
    /// own order (the writer's own situation before reporting someone else, selling
    /// before buying), when there are `least` of them at least. Returns whether it asked.
    pub(super) fn ask(&mut self, at: Target, options: &[Ranked], least: usize) -> bool {
        let lang = self
            .set
            .locales
            .get_or(&self.lang, &self.set.settings.default_language);
        // A question among the close places is answered: the answer costs a moment and
        // shows the step again.
        if !options[0].label.is_local() || !lang.has("understanding-did-you-mean") {
            return false;
        }
        let choices = &self.set.step(at).choices;
        let mut picked: Vec<usize> = Vec::new();
        for r in options {
            let Dest::Go(target) = dest(self.set, r.label) else {
                continue;
            };
            let index = choices.iter().position(|c| c.target == target).or_else(|| {
                choices
                    .iter()
                    .position(|c| c.target.flow == target.flow && target.flow != at.flow)
            });
            if let Some(i) = index
                && !picked.contains(&i)
            {
                picked.push(i);
            }
        }
        // Beside a route to be confirmed (the buyer route), the step's first choice:
        // the writer's own situation ("I sell sex or am exploited") is always offered.
        let confirm = picked.iter().any(|&i| {
            self.set
                .step(at)
                .routes
                .iter()
                .any(|r| r.confirm && r.target == choices[i].target)
        });
        if confirm && !picked.contains(&0) && !choices.is_empty() {
            picked.push(0);
        }
        if picked.len() < least {
            return false;
        }
        picked.sort_unstable();
        if self.fresh {
            // The first message: the menu is where the choices are.
            self.at = Some(at);
        }
        let reply = self.renderer().did_you_mean(at, self.menu, &picked);
        self.reply(reply);
        self.effects.push(Effect::Count(Stat::Intent {
            intent: "did-you-mean",
        }));
        true
    }

    /// A global question: its short answer, its services, then the same step again.
    pub(super) fn question(&mut self, index: usize) {
        let Some(q) = self.set.settings.questions.get(index) else {
            return self.reshow();
        };
        self.effects
            .push(Effect::Count(Stat::Intent { intent: "question" }));
        let lang = self
            .set
            .locales
            .get_or(&self.lang, &self.set.settings.default_language);
        if lang.has(&q.say) {
            self.notice(&q.say);
        }
        for &service in &q.signposts {
            self.show_service(service);
        }
        if self.fresh {
            self.go(self.set.main_start());
        } else {
            self.reshow();
        }
    }

    /// The language the message is written in, when the bot speaks it and it is not
    /// the session's (see `switch_language`).
    fn detected_language(&self, text: &str, read: &Read) -> Option<&'static str> {
        let lang = crate::understand::detect::detect_tokens(
            &self.set.understanding,
            text,
            &read.words,
            read.scripts,
            &self.lang,
        )?;
        let code = lang.code();
        (code != self.lang && self.set.locales.get(code).is_some()).then_some(code)
    }

    /// Answers in `code` from now on when the bot speaks it and it is not the
    /// session's language, and says how to switch back.
    fn switch_language(&mut self, code: &str) {
        if code == self.lang {
            return;
        }
        let Some(language) = self.set.locales.get(code) else {
            return;
        };
        if !language.has("language-switched") {
            return;
        }
        self.lang = code.to_string();
        self.effects.push(Effect::Count(Stat::Language {
            lang: code.to_string(),
        }));
        self.notice("language-switched");
    }

    /// Follows the step's pattern route (`match = "..."`) that takes the message.
    pub(super) fn pattern_route(&mut self, text: &str, message: &Message) -> bool {
        let found = self
            .live_routes()
            .find(|r| matches!(r.matcher, Matcher::Pattern(_)) && r.matches(text, message));
        match found {
            Some(route) => {
                self.go(route.target);
                true
            }
            None => false,
        }
    }

    /// The routes of the current step that apply to the person's language; none on the
    /// first message of a conversation, which is a greeting.
    pub(super) fn live_routes(
        &self,
    ) -> impl Iterator<Item = &'a crate::model::TextRoute> + Clone + '_ {
        let step = self
            .at
            .filter(|_| !self.fresh)
            .map(|at| self.set.step(at).routes.as_slice())
            .unwrap_or_default();
        step.iter()
            .filter(|r| r.lang.as_deref().is_none_or(|l| l == self.lang))
    }

    /// Follows the step's free-text route that matches; asks instead ("Did you mean
    /// ...?") when the matching routes lead to different flows or one of them must be
    /// confirmed. Returns whether the message was taken.
    pub(super) fn route(&mut self, text: &str, message: &Message) -> bool {
        let mut matched = self.live_routes().filter(|r| r.matches(text, message));
        let Some(first) = matched.next() else {
            return false;
        };
        let mut targets = vec![first.target];
        let mut confirm = first.confirm;
        for route in matched {
            confirm |= route.confirm;
            if !targets.contains(&route.target) {
                targets.push(route.target);
            }
        }
        let several_flows = targets.iter().any(|t| t.flow != targets[0].flow);
        let lang = self
            .set
            .locales
            .get_or(&self.lang, &self.set.settings.default_language);
        if (confirm || several_flows)
            && lang.has("understanding-did-you-mean")
            && let Some(at) = self.at
        {
            // The step's own buttons for those targets: pressing one is pressing that
            // choice of the menu on screen, so both stay valid.
            let choices = &self.set.step(at).choices;
            let options: Vec<usize> = targets
                .iter()
                .filter_map(|t| choices.iter().position(|c| c.target == *t))
                .collect();
            if !options.is_empty() {
                let reply = self.renderer().did_you_mean(at, self.menu, &options);
                self.reply(reply);
                self.effects.push(Effect::Count(Stat::Intent {
                    intent: "did-you-mean",
                }));
                return true;
            }
        }
        self.go(targets[0]);
        true
    }

    /// The calm answer to a message nobody could place: what to do, how to reach 112,
    /// and the step again with its buttons.
    pub(super) fn not_understood(&mut self) {
        let lang = self
            .set
            .locales
            .get_or(&self.lang, &self.set.settings.default_language);
        if lang.has("understanding-not-understood") {
            self.notice("understanding-not-understood");
        } else {
            self.notice("not-understood");
        }
        // Never only "use the buttons": a line that answers now.
        if let Some(line) = self.line_open_now() {
            self.show_service(line);
        }
        self.reshow();
    }
}

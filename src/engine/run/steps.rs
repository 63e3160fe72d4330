//! A turn's moves: going to a step and showing it, buttons, deep links, the global
//! intents, the handover's offer, the place question, and the session made at the end.

use crate::engine::buttons::ButtonData;
use crate::engine::buttons::PlaceAnswer;
use crate::engine::place::{self, Local, Place};
use crate::engine::{Effect, HandoverEvent, HandoverStart, Outcome, Reply, Session, Stat};
use crate::model::{Intent, Target, limits};

use super::*;

impl<'a> Turn<'a> {
    /// Moves to `target` and shows it, following `next` steps up to the loop guard.
    pub(super) fn go(&mut self, mut target: Target) {
        for _ in 0..limits::MAX_AUTO_STEPS {
            // The place first, when this step shows a role and it is not known.
            if self.ask_place(target) {
                return;
            }
            self.at = Some(target);
            self.menu = self.menu.wrapping_add(1);
            let mut replies = self.renderer().step(target, self.menu, true);
            let flow = &self.set.flows[target.flow];
            let step = &flow.steps[target.step];
            self.remember(target);
            self.effects.push(Effect::Count(Stat::Step {
                flow: flow.id.clone(),
                step: step.id.clone(),
            }));
            let local = Local::of(self.set, self.place.as_ref());
            for service in place::signposts(self.set, target, local) {
                self.effects.push(Effect::Count(Stat::Signpost {
                    service: self.set.services.services[service].id.clone(),
                }));
            }
            match step.next {
                Some(next) => {
                    // Buttons on a step that goes on at once would be stale immediately.
                    for mut reply in replies {
                        reply.buttons.clear();
                        self.reply(reply);
                    }
                    target = next;
                }
                None => {
                    self.offer(target, &mut replies);
                    for reply in replies {
                        self.reply(reply);
                    }
                    return;
                }
            }
        }
        // `check` refuses `next` cycles, so this is reached only by a set that slipped
        // past it: say so and start over, without following `next` again.
        self.notice("flow-error");
        let start = self.set.main_start();
        self.at = Some(start);
        self.menu = self.menu.wrapping_add(1);
        for reply in self.renderer().step(start, self.menu, true) {
            self.reply(reply);
        }
    }

    /// Adds the steps shown to the trail a handover tells the staff. Without `[handover]`
    /// nothing is kept: the order of a person's steps is stored only where it serves them.
    pub(super) fn remember(&mut self, target: Target) {
        if self.set.settings.handover.is_none() {
            return;
        }
        let flow = &self.set.flows[target.flow];
        let id = format!("{}/{}", flow.id, flow.steps[target.step].id);
        if self.trail.last() != Some(&id) {
            self.trail.push(id);
        }
        let over = self.trail.len().saturating_sub(limits::MAX_TRAIL);
        self.trail.drain(..over);
    }

    /// Whether the step at `target` offers the handover now (see `handover::offered`).
    pub(super) fn offers_handover(&self, target: Target) -> bool {
        crate::engine::handover::offered(
            self.set,
            self.set.step(target),
            &self.lang,
            self.available,
            self.now,
        )
    }

    /// Puts the offer's button above the emergency and exit row of the step's last
    /// message, when the step offers a handover now, and counts the offer.
    pub(super) fn offer(&mut self, target: Target, replies: &mut [Reply]) {
        if !self.offers_handover(target) {
            return;
        }
        let button = self.renderer().offer_button(self.menu);
        if let Some(last) = replies.last_mut() {
            let at = last.buttons.len().saturating_sub(1);
            last.buttons.insert(at, vec![button]);
            self.effects
                .push(Effect::Count(HandoverEvent::Offered.stat()));
        }
    }

    /// The offer or the consent was pressed: `consent` says which. Either is acted on
    /// only from the menu on screen and while the handover is still possible; otherwise
    /// the person is told nobody can answer now and sees the step with its services.
    pub(super) fn handover(&mut self, menu: u32, consent: bool) {
        let Some(at) = self
            .at
            .filter(|_| !self.fresh && !self.outdated && menu == self.menu)
        else {
            return self.stale();
        };
        if !self.offers_handover(at) {
            self.notice("handover-unavailable");
            self.menu = self.menu.wrapping_add(1);
            for reply in self.renderer().step(at, self.menu, true) {
                self.reply(reply);
            }
            return;
        }
        if consent {
            self.effects
                .push(Effect::Count(HandoverEvent::Accepted.stat()));
            // With the emergency and exit buttons: they work during a case as everywhere.
            let mut waiting = self.renderer().notice("handover-waiting");
            waiting.buttons = vec![self.renderer().global_row()];
            self.reply(waiting);
            self.effects.push(Effect::Handover(HandoverStart {
                lang: self.lang.clone(),
                trail: self.trail.clone(),
            }));
        } else {
            // The same menu: the step's buttons stay valid beside the consent.
            let consent = self.renderer().consent(self.menu);
            self.reply(consent);
        }
    }

    pub(super) fn button(&mut self, data: &str) {
        match ButtonData::decode(data) {
            Some(ButtonData::Global(intent)) => self.intent(intent),
            Some(ButtonData::Offer { menu }) => self.handover(menu, false),
            Some(ButtonData::Consent { menu }) => self.handover(menu, true),
            Some(ButtonData::Place { menu, answer }) => self.answer_place(menu, answer),
            Some(ButtonData::Language(code)) if self.set.locales.get(&code).is_some() => {
                self.set_language(code);
            }
            Some(ButtonData::Choice { menu, index }) if !self.fresh && !self.outdated => {
                let choice = self.at.and_then(|at| {
                    let step = self.set.step(at);
                    (menu == self.menu)
                        .then(|| step.choices.get(usize::from(index)))
                        .flatten()
                });
                match choice {
                    Some(choice) => self.go(choice.target),
                    None => self.stale(),
                }
            }
            _ => self.stale(),
        }
    }

    /// A button that is not part of the current menu: forged, replayed or from an old
    /// message. Nothing happens but a calm word and the current step.
    pub(super) fn stale(&mut self) {
        if self.at.is_none() {
            self.notice("step-gone");
        } else {
            self.notice("stale-menu");
        }
        self.reshow();
    }

    pub(super) fn set_language(&mut self, code: String) {
        self.effects
            .push(Effect::Count(Stat::Language { lang: code.clone() }));
        self.lang = code;
        self.reshow();
    }

    pub(super) fn deep_link(&mut self, code: &str) {
        // A poster's link may carry the area (`menu_linkoping`; see `place`).
        let code = match place::split_link(self.set, code) {
            Some((base, area)) => {
                self.set_place(Place::Area(self.set.services.areas[area].id.clone()));
                base
            }
            None => code,
        };
        match self.set.deep_links.get(code) {
            Some(link) => {
                if let Some(lang) = &link.lang
                    && self.set.locales.get(lang).is_some()
                {
                    self.lang = lang.clone();
                }
                let flow = link.flow;
                self.go(Target {
                    flow,
                    step: self.set.flows[flow].start,
                });
            }
            None => self.go(self.set.main_start()),
        }
    }

    pub(super) fn intent(&mut self, intent: Intent) {
        self.effects.push(Effect::Count(Stat::Intent {
            intent: intent.name(),
        }));
        match intent {
            Intent::Emergency => {
                self.notice("emergency-text");
                self.show_service(self.set.settings.emergency_service);
                self.reshow();
            }
            Intent::Distress => {
                self.notice("understanding-distress");
                self.show_service(self.set.settings.emergency_service);
                for &service in &self.set.settings.distress_services {
                    self.show_service(service);
                }
                self.reshow();
            }
            Intent::Exit => {
                // What the person reads must be true: "deleted" only if it was.
                let partial = self.notice_or("exit-partial", "exit-done");
                let farewell = self.renderer().notice("exit-done");
                self.effects.push(Effect::QuickExit { farewell, partial });
                self.wiped = true;
            }
            Intent::Restart => self.go(self.set.main_start()),
            Intent::Language => {
                let menu = self.renderer().language_menu();
                self.reply(menu);
            }
            Intent::Privacy => {
                self.notice("privacy-text");
                self.reshow();
            }
            Intent::Help => {
                let help = self.renderer().help();
                self.reply(help);
            }
        }
    }

    /// The first of the distress lines that is open now.
    pub(super) fn line_open_now(&self) -> Option<crate::model::ServiceIdx> {
        use crate::engine::hours::{OpenState, open_state};
        self.set
            .settings
            .distress_services
            .iter()
            .copied()
            .find(|&s| {
                matches!(
                    open_state(self.set.services.services[s].hours.as_ref(), self.now),
                    OpenState::Always | OpenState::OpenUntil { .. }
                )
            })
    }

    /// One service's card, counted.
    pub(super) fn show_service(&mut self, service: crate::model::ServiceIdx) {
        let card = self.renderer().signpost(service);
        self.reply(card);
        self.effects.push(Effect::Count(Stat::Signpost {
            service: self.set.services.services[service].id.clone(),
        }));
    }

    // The place question (a set with several areas; see `place`). Kept together here so
    // that the rest of the turn only calls `ask_place`, `answer_place`, `typed_place`.

    /// Asks where the person is instead of showing the step at `target`, when the step
    /// shows a role and the place is not known; the session stays at that step, the one
    /// the question is for. Returns whether it asked.
    pub(super) fn ask_place(&mut self, target: Target) -> bool {
        if !place::asks(self.set, target, Local::of(self.set, self.place.as_ref())) {
            return false;
        }
        self.at = Some(target);
        self.menu = self.menu.wrapping_add(1);
        let question = self.renderer().place_question(self.menu);
        self.reply(question);
        true
    }

    pub(super) fn set_place(&mut self, place: Place) {
        self.effects.push(Effect::Count(Stat::Place {
            place: place.name().to_string(),
        }));
        self.place = Some(place);
    }

    /// A pressed answer of the place question (or "change place"), acted on only from
    /// the menu on screen; then the step it was for is shown.
    pub(super) fn answer_place(&mut self, menu: u32, answer: PlaceAnswer) {
        let Some(at) = self
            .at
            .filter(|_| !self.fresh && !self.outdated && menu == self.menu)
        else {
            return self.stale();
        };
        let place = match answer {
            PlaceAnswer::Area(index) => match self.set.services.areas.get(usize::from(index)) {
                Some(area) => Place::Area(area.id.clone()),
                None => return self.stale(),
            },
            PlaceAnswer::Elsewhere => Place::Elsewhere,
            PlaceAnswer::Unsaid => Place::Unsaid,
            PlaceAnswer::Change => {
                self.place = None;
                return self.reshow();
            }
        };
        self.set_place(place);
        self.go(at);
    }

    /// A typed town while the place question is open: taken as the answer.
    pub(super) fn typed_place(&mut self, text: &str) -> bool {
        let Some(at) = self.at.filter(|_| !self.fresh) else {
            return false;
        };
        if !place::asks(self.set, at, Local::of(self.set, self.place.as_ref())) {
            return false;
        }
        let Some(area) = place::typed(self.set, text) else {
            return false;
        };
        self.set_place(Place::Area(self.set.services.areas[area].id.clone()));
        self.go(at);
        true
    }

    pub(super) fn finish(mut self) -> Outcome {
        if self.fresh && !self.wiped {
            self.effects.push(Effect::Count(Stat::Language {
                lang: self.lang.clone(),
            }));
        }
        if self.fresh && self.offer_language && !self.wiped {
            // The app's language is not offered: the first screen says where to choose
            // one, next to the emergency and exit buttons.
            let button = self.renderer().language_button();
            if let Some(buttons) = self.effects.iter_mut().rev().find_map(|e| match e {
                Effect::Reply(r) if !r.buttons.is_empty() => Some(&mut r.buttons),
                _ => None,
            }) {
                let at = buttons.len().saturating_sub(1);
                buttons.insert(at, vec![button]);
            }
        }
        let session = if self.wiped {
            None
        } else {
            let at = self.at.unwrap_or_else(|| self.set.main_start());
            let flow = &self.set.flows[at.flow];
            Some(Session {
                flow: flow.id.clone(),
                step: flow.steps[at.step].id.clone(),
                lang: self.lang,
                version: self.set.version,
                menu: self.menu,
                trail: self.trail,
                place: self.place,
            })
        };
        Outcome {
            session,
            // One message per answer: the host sends what the planner joined.
            effects: crate::engine::messages::group(self.effects),
        }
    }
}

//! `handle`: one input in, the next session and the effects out.

use jiff::Timestamp;

use super::buttons::ButtonData;
use super::buttons::PlaceAnswer;
use super::intents::{Message, parse_command};
use super::personal::has_personal_data;
use super::place::{self, Local, Place};
use super::render::Renderer;
use super::{Context, Effect, HandoverEvent, HandoverStart, Input, Outcome, Reply, Session, Stat};
use crate::model::{FlowSet, Intent, Matcher, Target, limits};
use crate::understand::Ranked;
use crate::understand::decide::{Decision, Dest, decide, dest};

/// Handles one input of one conversation.
///
/// `session` is `None` for a new conversation (or one whose session expired or was
/// wiped). The outcome always holds at least one reply, except after nothing at all:
/// there is no such input.
pub fn handle(
    set: &FlowSet,
    session: Option<Session>,
    input: &Input,
    ctx: &Context<'_>,
    now: Timestamp,
) -> Outcome {
    let mut turn = Turn::new(set, session, ctx, now);
    match input {
        Input::Unsupported => {
            turn.notice("unsupported-message");
            turn.reshow();
        }
        Input::Caption(caption) => {
            if turn.has_personal_data(caption) {
                turn.delete_personal_data();
            } else {
                turn.notice("unsupported-message");
            }
            turn.reshow();
        }
        Input::Shared => turn.shared(false),
        Input::Button(data) => turn.button(data),
        Input::Text(text) => turn.text(text),
    }
    turn.finish()
}

/// An input handed over again after a crash, whose outcome `session` already holds: the
/// host wrote the session before it answered, and cannot tell whether the answer went
/// out. The step the session is at is shown again under the same menu number, so that
/// the buttons of the first answer, if it went out, stay valid beside these; a message
/// with personal data (`personal`) is deleted again; nothing is counted; the session
/// comes back as it came. A session from older flows, or whose step is gone, is answered
/// as any press on it would be (the step shown again under a new menu).
pub fn again(
    set: &FlowSet,
    session: Session,
    personal: bool,
    ctx: &Context<'_>,
    now: Timestamp,
) -> Outcome {
    let mut turn = Turn::new(set, Some(session), ctx, now);
    if personal {
        turn.delete_personal_data();
    }
    match turn.at {
        Some(target) if !turn.outdated => {
            let mut replies = turn.renderer().step(target, turn.menu, true);
            turn.offer(target, &mut replies);
            for reply in replies {
                turn.reply(reply);
            }
        }
        _ => turn.reshow(),
    }
    turn.finish()
}

/// A shared location (live or not), contact or venue, or an update of a live location:
/// the message is deleted at once, and the person told so the first time in a
/// conversation (`told`: they were told already), with a notice that depends on whether
/// the deletion worked. Never a step: a live location sends an update every few seconds,
/// and each answer would make the phone buzz. A new conversation is opened at the main
/// menu without showing it.
pub fn shared(
    set: &FlowSet,
    session: Option<Session>,
    ctx: &Context<'_>,
    now: Timestamp,
    told: bool,
) -> Outcome {
    let mut turn = Turn::new(set, session, ctx, now);
    turn.shared(told);
    turn.finish()
}

/// An edit of an earlier message (`Input::Text` for an edited text or caption,
/// `Input::Shared` for a live location's update). The edited text is only searched for
/// personal data: if it holds some, the message is deleted and the person told; otherwise
/// nothing happens. Edits never move the conversation and never get a step: the one input
/// that may get no reply at all.
pub fn edited(
    set: &FlowSet,
    session: Option<Session>,
    input: &Input,
    ctx: &Context<'_>,
    now: Timestamp,
    told: bool,
) -> Outcome {
    let mut turn = Turn::new(set, session, ctx, now);
    match input {
        Input::Text(text) | Input::Caption(text) if turn.has_personal_data(text) => {
            turn.delete_personal_data();
        }
        Input::Shared => turn.shared(told),
        _ => {}
    }
    turn.finish()
}

/// Opens `flow` at its start for a new conversation in `lang` (the terminal chat's
/// `--flow`). An unknown flow or language falls back to the main flow and the default
/// language.
pub fn enter(set: &FlowSet, flow: &str, lang: Option<&str>, now: Timestamp) -> Outcome {
    let ctx = Context {
        language_hint: lang,
        handover_available: false,
    };
    let mut turn = Turn::new(set, None, &ctx, now);
    if let Some(lang) = lang.filter(|l| set.locales.get(l).is_some()) {
        turn.lang = lang.to_string();
    }
    let target = set.flow_by_id(flow).map_or_else(
        || set.main_start(),
        |flow| Target {
            flow,
            step: set.flows[flow].start,
        },
    );
    turn.go(target);
    turn.finish()
}

/// The one calm answer to a chat that writes faster than the host takes its messages in
/// (see the adapter's intake limit): a notice in the person's language, the session
/// returned exactly as it came (an outdated one stays outdated, so that its buttons stay
/// stale), nothing counted.
pub fn slow_down(
    set: &FlowSet,
    session: Option<Session>,
    ctx: &Context<'_>,
    now: Timestamp,
) -> Outcome {
    let notice = Turn::new(set, session.clone(), ctx, now)
        .renderer()
        .notice("slow-down");
    Outcome {
        session,
        effects: vec![Effect::Reply(notice)],
    }
}

/// The short text on the answer to a button press from a chat held back by the
/// intake limit (Telegram shows it for a moment over the chat, at most 200 characters),
/// in the app's language (`hint`); `None` in a set without the message. Each language
/// formats its messages once when it is built, so this is a lookup and a copy.
pub fn press_held_back(set: &FlowSet, hint: Option<&str>) -> Option<String> {
    const ID: &str = "press-held-back";
    let (code, _) = choose_language(set, hint);
    let lang = set.locales.get_or(&code, &set.settings.default_language);
    lang.has(ID)
        .then(|| lang.message(ID))
        .filter(|text| text.chars().count() <= 200)
}

/// Whether `input` asks for emergency help or for the quick exit, by button, command or
/// keyword. A host that holds a chat back (a flood) still hands these to [`handle`]: the
/// person who needs them must never be told to wait.
pub fn urgent(set: &FlowSet, input: &Input) -> bool {
    const URGENT: [Intent; 2] = [Intent::Emergency, Intent::Exit];
    match input {
        Input::Button(data) => matches!(
            ButtonData::decode(data),
            Some(ButtonData::Global(intent)) if URGENT.contains(&intent)
        ),
        Input::Text(text) => match parse_command(text) {
            Some(command) => command.intent.is_some_and(|i| URGENT.contains(&i)),
            // Words of distress count too (they have no button or command of their own).
            None => Message::new(text)
                .intent(
                    &set.settings.intents,
                    &[Intent::Emergency, Intent::Exit, Intent::Distress],
                )
                .is_some(),
        },
        Input::Unsupported | Input::Caption(_) | Input::Shared => false,
    }
}

/// The language for a new conversation: the app's language when it is offered (or the
/// default without a hint), else the fallback language, with `true` to show the
/// language button.
fn choose_language(set: &FlowSet, hint: Option<&str>) -> (String, bool) {
    let settings = &set.settings;
    // Telegram may send an empty code; that says nothing about the person.
    match hint.filter(|h| !h.trim().is_empty()) {
        None => (settings.default_language.clone(), false),
        Some(hint) => {
            let chosen = set.locales.negotiate(Some(hint), "");
            if chosen.is_empty() {
                (settings.fallback_language.clone(), true)
            } else {
                (chosen, false)
            }
        }
    }
}

/// The answer to emergency or distress words.
enum Safety {
    /// What the matcher understood; `true`: the emergency service is to be shown with
    /// it (it does not show it itself).
    Understood(Dest, bool),
    /// The emergency or distress help.
    Intent(Intent),
    /// The step's own route that takes those words.
    Route(Target),
}

/// The state of one call of `handle`.
struct Turn<'a> {
    set: &'a FlowSet,
    now: Timestamp,
    lang: String,
    /// Where the person is; `None` when their step no longer exists.
    at: Option<Target>,
    menu: u32,
    /// The session was written against another version of the flows.
    outdated: bool,
    /// There was no session: this is the first input of a conversation.
    fresh: bool,
    /// The app's language is not offered, so `lang` is the fallback language.
    offer_language: bool,
    wiped: bool,
    /// The host says someone is available for a handover.
    available: bool,
    /// The steps shown lately (see `Session::trail`).
    trail: Vec<String>,
    /// Where the person said they are (see `place`).
    place: Option<Place>,
    effects: Vec<Effect>,
}

impl<'a> Turn<'a> {
    fn new(set: &'a FlowSet, session: Option<Session>, ctx: &Context<'_>, now: Timestamp) -> Self {
        let default = &set.settings.default_language;
        match session {
            None => {
                let (lang, offer_language) = choose_language(set, ctx.language_hint);
                Turn {
                    set,
                    now,
                    lang,
                    at: Some(set.main_start()),
                    menu: 0,
                    outdated: false,
                    fresh: true,
                    offer_language,
                    wiped: false,
                    available: ctx.handover_available,
                    trail: Vec::new(),
                    place: None,
                    // Room for a usual turn (a count or two and a few replies) without
                    // growing the list on the way.
                    effects: Vec::with_capacity(8),
                }
            }
            Some(s) => {
                let lang = if set.locales.get(&s.lang).is_some() {
                    s.lang
                } else {
                    set.locales.negotiate(ctx.language_hint, default)
                };
                let at = set.flow_by_id(&s.flow).and_then(|flow| {
                    set.flows[flow]
                        .step_by_id(&s.step)
                        .map(|step| Target { flow, step })
                });
                Turn {
                    set,
                    now,
                    lang,
                    at,
                    menu: s.menu,
                    outdated: s.version != set.version,
                    fresh: false,
                    offer_language: false,
                    wiped: false,
                    available: ctx.handover_available,
                    trail: s.trail,
                    place: s.place,
                    effects: Vec::with_capacity(8),
                }
            }
        }
    }

    fn renderer(&self) -> Renderer<'a> {
        Renderer {
            set: self.set,
            lang: self
                .set
                .locales
                .get_or(&self.lang, &self.set.settings.default_language),
            now: self.now,
            local: Local::of(self.set, self.place.as_ref()),
        }
    }

    fn reply(&mut self, reply: Reply) {
        self.effects.push(Effect::Reply(reply));
    }

    fn notice(&mut self, id: &str) {
        let reply = self.renderer().notice(id);
        self.reply(reply);
    }

    /// The notice `id`, or `fallback` in a language that lacks it (a set written before
    /// the message existed).
    fn notice_or(&self, id: &str, fallback: &str) -> Reply {
        let renderer = self.renderer();
        if renderer.lang.has(id) {
            renderer.notice(id)
        } else {
            renderer.notice(fallback)
        }
    }

    /// Deletes the person's message, then says so, or says that it could not.
    fn delete_input(&mut self, deleted: &str, kept: &str) {
        self.effects.push(Effect::DeleteInput);
        let kept = self.notice_or(kept, deleted);
        self.effects.push(Effect::IfNotDeleted(kept));
        self.notice(deleted);
    }

    fn delete_personal_data(&mut self) {
        self.delete_input("personal-data-notice", "personal-data-kept");
    }

    /// Whether `text` holds personal data (the directory's own numbers aside).
    fn has_personal_data(&self, text: &str) -> bool {
        has_personal_data(self.set, text)
    }

    /// A shared location, contact or venue: deleted, and told once (see [`shared`]).
    fn shared(&mut self, told: bool) {
        if told {
            self.effects.push(Effect::DeleteInput);
        } else {
            let unsupported = "unsupported-message";
            self.effects.push(Effect::DeleteInput);
            let kept = self.notice_or("shared-kept", unsupported);
            self.effects.push(Effect::IfNotDeleted(kept));
            let deleted = self.notice_or("shared-deleted", unsupported);
            self.reply(deleted);
        }
    }

    /// Shows the current step again (without its services unless it has no text), or
    /// the main menu when the step is gone.
    fn reshow(&mut self) {
        let at = self.at;
        match at {
            // The place question is still open: it comes again (see `place`).
            Some(target) if self.ask_place(target) => {}
            Some(target) => {
                self.menu = self.menu.wrapping_add(1);
                let mut replies = self.renderer().step(target, self.menu, false);
                self.offer(target, &mut replies);
                for reply in replies {
                    self.reply(reply);
                }
            }
            None => self.go(self.set.main_start()),
        }
    }

    /// Moves to `target` and shows it, following `next` steps up to the loop guard.
    fn go(&mut self, mut target: Target) {
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
    fn remember(&mut self, target: Target) {
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
    fn offers_handover(&self, target: Target) -> bool {
        super::handover::offered(
            self.set,
            self.set.step(target),
            &self.lang,
            self.available,
            self.now,
        )
    }

    /// Puts the offer's button above the emergency and exit row of the step's last
    /// message, when the step offers a handover now, and counts the offer.
    fn offer(&mut self, target: Target, replies: &mut [Reply]) {
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
    fn handover(&mut self, menu: u32, consent: bool) {
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

    fn button(&mut self, data: &str) {
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
    fn stale(&mut self) {
        if self.at.is_none() {
            self.notice("step-gone");
        } else {
            self.notice("stale-menu");
        }
        self.reshow();
    }

    fn set_language(&mut self, code: String) {
        self.effects
            .push(Effect::Count(Stat::Language { lang: code.clone() }));
        self.lang = code;
        self.reshow();
    }

    fn text(&mut self, text: &str) {
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
        let message = Message::new(text);
        self.detect_language(text);
        let matching_at = self.at.unwrap_or_else(|| self.set.main_start());
        let decision = decide(self.set, matching_at, &self.lang, text);
        let safety = self.safety(text, &message, &decision);
        if self.has_personal_data(text) {
            self.delete_personal_data();
            match safety {
                Some(Safety::Intent(intent)) => self.intent(intent),
                Some(Safety::Route(target)) => self.go(target),
                Some(Safety::Understood(d, sos)) => self.follow_safely(d, sos),
                None => self.reshow(),
            }
            return;
        }
        match safety {
            Some(Safety::Intent(intent)) => return self.intent(intent),
            Some(Safety::Route(target)) => return self.go(target),
            Some(Safety::Understood(d, sos)) => return self.follow_safely(d, sos),
            None => {}
        }
        if let Some(flow) = self.young(&message) {
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
        if self.typed_place(text) {
            return;
        }
        // A step's own pattern (a typed "no" at "are you in danger?") is an exact rule
        // written for that step: it goes first.
        if self.pattern_route(text, &message) {
            return;
        }
        // Then its words: a step's own words win over global examples on the step that
        // owns them (none on a conversation's first message, see `live_routes`).
        if self.route(text, &message) {
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
    fn confirms(&self, at: Target, d: Dest) -> bool {
        let Dest::Go(target) = d else { return false };
        self.set
            .step(at)
            .routes
            .iter()
            .any(|r| r.confirm && r.target == target)
    }

    /// Acts on a place the matcher found, after the emergency service when `sos`.
    fn follow_safely(&mut self, d: Dest, sos: bool) {
        if sos {
            self.show_service(self.set.settings.emergency_service);
        }
        self.follow(d);
    }

    /// Acts on a place the matcher found. A typed call for help may come from someone
    /// in danger who wrote no more: the help text, then the emergency service and a
    /// line open now.
    fn follow(&mut self, d: Dest) {
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
    fn ask(&mut self, at: Target, options: &[Ranked], least: usize) -> bool {
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
    fn question(&mut self, index: usize) {
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

    /// Answers in the language the message is written in, when the bot speaks it and
    /// it is not the session's, and says how to switch back.
    fn detect_language(&mut self, text: &str) {
        let Some(lang) =
            crate::understand::detect::detect(&self.set.understanding, text, &self.lang)
        else {
            return;
        };
        let code = lang.code();
        if code == self.lang || self.set.locales.get(code).is_none() {
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

    /// What emergency or distress words in the message call for. A step's own route
    /// wins when it is the route the message would take and it takes every such word
    /// itself ("police" in the reporting route): then the person goes there at once.
    /// Keywords marked `always` ("112", "sos") win everywhere.
    fn safety(&self, text: &str, message: &Message, decision: &Decision) -> Option<Safety> {
        let rules = self
            .set
            .settings
            .intents
            .iter()
            .filter(|r| matches!(r.intent, Intent::Emergency | Intent::Distress));
        // Most messages hold no such word: find that out before looking at routes.
        let mut hit_rules = rules
            .filter(|r| message.hits(r).next().is_some())
            .peekable();
        hit_rules.peek()?;
        let first = self.live_routes().find(|r| r.matches(text, message));
        let hits: Vec<&crate::model::IntentRule> = hit_rules.collect();
        for rule in hits.iter().copied() {
            let named = |i: usize| {
                !rule.always[i] && first.is_some_and(|r| r.matches_text(&rule.keywords[i]))
            };
            if !message.hits(rule).all(named) {
                let words_route = first.map(|r| r.target);
                return self
                    .understood(message, &hits, decision, words_route)
                    .or(Some(Safety::Intent(rule.intent)));
            }
        }
        // Every safety word was the route's own: follow it without asking, unless the
        // message clearly asks a question ("scared they deport me if I tell" at "are you
        // in danger?"): its answer, with the emergency service.
        // The question may be the runner-up behind the step's own words; it is still
        // clear when it scores as a clear match would with those words' weight.
        if let Decision::Clear { best, runner_up } = decision {
            let question = [Some(*best), *runner_up].into_iter().flatten().find(|r| {
                matches!(dest(self.set, r.label), Dest::Question(_))
                    && (r.label == best.label
                        || r.score
                            >= crate::understand::decide::CLEAR + crate::understand::decide::WORDS)
            });
            if let Some(q) = question {
                return Some(Safety::Understood(dest(self.set, q.label), true));
            }
        }
        first.map(|r| Safety::Route(r.target))
    }

    /// The flow for a young person, when the message gives an age under the limit
    /// and the person is not there already.
    fn young(&self, message: &Message) -> Option<crate::model::FlowIdx> {
        let rule = self.set.settings.age.as_ref()?;
        if self.at.is_some_and(|at| at.flow == rule.flow) {
            return None;
        }
        message.young_age(rule).map(|_| rule.flow)
    }

    /// What the matcher's clear answer calls for when words of danger are in a message
    /// that the step's own route does not take (see `safety`).
    fn understood(
        &self,
        message: &Message,
        hits: &[&crate::model::IntentRule],
        decision: &Decision,
        words_route: Option<Target>,
    ) -> Option<Safety> {
        // The matcher's clear answer wins when it shows the emergency service too: "I
        // was raped" gets 112 and 1177 with "time matters", a step's own route for
        // "I am scared" its own 112 step.
        let firm = hits
            .iter()
            .any(|rule| message.hits(rule).any(|i| rule.always[i]));
        if let Decision::Clear { best, .. } = decision
            && !firm
        {
            let d = dest(self.set, best.label);
            if self.shows_emergency(d) {
                return Some(Safety::Understood(d, false));
            }
            // A question asked in fear ("I am scared they will deport me"): its answer,
            // with the emergency service beside it; the same for a situation.
            let at = self.at.unwrap_or_else(|| self.set.main_start());
            match d {
                Dest::Question(_) => return Some(Safety::Understood(d, true)),
                // A situation told with words of fear ("he forces me and takes the
                // money"): the emergency service, then the place for that situation,
                // which for a victim starts by asking about danger. Never a route to be
                // confirmed (the buyer route).
                // Nor the step's own word route, which did not take those words.
                Dest::Go(target) if !self.confirms(at, d) && words_route != Some(target) => {
                    return Some(Safety::Understood(d, true));
                }
                _ => {}
            }
        }
        None
    }

    /// Whether following `d` shows the emergency service.
    fn shows_emergency(&self, d: Dest) -> bool {
        crate::understand::decide::shows_emergency(self.set, d)
    }

    /// Follows the step's pattern route (`match = "..."`) that takes the message.
    fn pattern_route(&mut self, text: &str, message: &Message) -> bool {
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
    fn live_routes(&self) -> impl Iterator<Item = &'a crate::model::TextRoute> + Clone + '_ {
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
    fn route(&mut self, text: &str, message: &Message) -> bool {
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
    fn not_understood(&mut self) {
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

    fn deep_link(&mut self, code: &str) {
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

    fn intent(&mut self, intent: Intent) {
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
    fn line_open_now(&self) -> Option<crate::model::ServiceIdx> {
        use super::hours::{OpenState, open_state};
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
    fn show_service(&mut self, service: crate::model::ServiceIdx) {
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
    fn ask_place(&mut self, target: Target) -> bool {
        if !place::asks(self.set, target, Local::of(self.set, self.place.as_ref())) {
            return false;
        }
        self.at = Some(target);
        self.menu = self.menu.wrapping_add(1);
        let question = self.renderer().place_question(self.menu);
        self.reply(question);
        true
    }

    fn set_place(&mut self, place: Place) {
        self.effects.push(Effect::Count(Stat::Place {
            place: place.name().to_string(),
        }));
        self.place = Some(place);
    }

    /// A pressed answer of the place question (or "change place"), acted on only from
    /// the menu on screen; then the step it was for is shown.
    fn answer_place(&mut self, menu: u32, answer: PlaceAnswer) {
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
    fn typed_place(&mut self, text: &str) -> bool {
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

    fn finish(mut self) -> Outcome {
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
            effects: super::messages::group(self.effects),
        }
    }
}

//! `handle`: one input in, the next session and the effects out.

use jiff::Timestamp;

use super::buttons::ButtonData;
use super::intents::{Message, parse_command};
use super::personal::contains_personal_data;
use super::render::Renderer;
use super::{Context, Effect, Input, Outcome, Reply, Session, Stat};
use crate::model::{FlowSet, Intent, Target, limits};

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
            None => Message::new(text)
                .intent(&set.settings.intents, &URGENT)
                .is_some(),
        },
        Input::Unsupported | Input::Caption(_) | Input::Shared => false,
    }
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
    wiped: bool,
    effects: Vec<Effect>,
}

impl<'a> Turn<'a> {
    fn new(set: &'a FlowSet, session: Option<Session>, ctx: &Context<'_>, now: Timestamp) -> Self {
        let default = &set.settings.default_language;
        match session {
            None => Turn {
                set,
                now,
                lang: set.locales.negotiate(ctx.language_hint, default),
                at: Some(set.main_start()),
                menu: 0,
                outdated: false,
                fresh: true,
                wiped: false,
                // Room for a usual turn (a count or two and a few replies) without
                // growing the list on the way.
                effects: Vec::with_capacity(8),
            },
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
                    wiped: false,
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
        // The directory's numbers only matter for a run of 7 or more digits (see
        // `contains_personal_data`); most messages have none, so skip collecting them.
        let directory_numbers = if text.bytes().filter(u8::is_ascii_digit).count() >= 7 {
            self.directory_numbers()
        } else {
            Vec::new()
        };
        contains_personal_data(text, &directory_numbers).is_some()
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
        match self.at {
            Some(target) => {
                self.menu = self.menu.wrapping_add(1);
                for reply in self.renderer().step(target, self.menu, false) {
                    self.reply(reply);
                }
            }
            None => self.go(self.set.main_start()),
        }
    }

    /// Moves to `target` and shows it, following `next` steps up to the loop guard.
    fn go(&mut self, mut target: Target) {
        for _ in 0..limits::MAX_AUTO_STEPS {
            self.at = Some(target);
            self.menu = self.menu.wrapping_add(1);
            let replies = self.renderer().step(target, self.menu, true);
            let flow = &self.set.flows[target.flow];
            let step = &flow.steps[target.step];
            self.effects.push(Effect::Count(Stat::Step {
                flow: flow.id.clone(),
                step: step.id.clone(),
            }));
            for &service in &step.signposts {
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

    fn button(&mut self, data: &str) {
        match ButtonData::decode(data) {
            Some(ButtonData::Global(intent)) => self.intent(intent),
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
                (None, _) => {
                    self.notice("not-understood");
                    self.reshow();
                }
            }
            return;
        }
        // Split into words once for both keyword checks below.
        let message = Message::new(text);
        let intents = &self.set.settings.intents;
        let intent = message.intent(intents, &Intent::ALL);
        if self.has_personal_data(text) {
            self.delete_personal_data();
            if intent == Some(Intent::Emergency) {
                self.intent(Intent::Emergency);
            } else {
                self.reshow();
            }
            return;
        }
        if intent == Some(Intent::Emergency) {
            return self.intent(Intent::Emergency);
        }
        // Safety before the flow's own words: a quick-exit keyword must never be taken
        // by a step's pattern that happens to contain it ("avsluta" holds "sluta").
        if let Some(exit) = message.intent(intents, &[Intent::Exit]) {
            return self.intent(exit);
        }
        if let Some(target) = self.route(text) {
            return self.go(target);
        }
        if let Some(intent) = intent {
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
        self.notice("not-understood");
        self.reshow();
    }

    /// The first free-text route of the current step that matches.
    fn route(&self, text: &str) -> Option<Target> {
        let at = self.at?;
        if self.fresh {
            return None;
        }
        self.set
            .step(at)
            .routes
            .iter()
            .filter(|r| r.lang.as_deref().is_none_or(|l| l == self.lang))
            .find(|r| r.pattern.is_match(text))
            .map(|r| r.target)
    }

    /// Digits of every phone number in the directory: typing one back is not sharing
    /// personal data.
    fn directory_numbers(&self) -> Vec<String> {
        self.set
            .services
            .services
            .iter()
            .flat_map(|s| &s.contacts)
            .filter(|c| c.kind == crate::model::ContactKind::Phone)
            .map(|c| c.value.chars().filter(char::is_ascii_digit).collect())
            .collect()
    }

    fn deep_link(&mut self, code: &str) {
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
                let service = self
                    .renderer()
                    .signpost(self.set.settings.emergency_service);
                self.reply(service);
                self.effects.push(Effect::Count(Stat::Signpost {
                    service: self.set.services.services[self.set.settings.emergency_service]
                        .id
                        .clone(),
                }));
                self.reshow();
            }
            Intent::Exit => {
                // What the person reads must be true: "deleted" only if it was.
                self.effects.push(Effect::DeleteConversation);
                let partly = self.notice_or("exit-partial", "exit-done");
                self.effects.push(Effect::IfNotDeleted(partly));
                self.notice("exit-done");
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

    fn finish(mut self) -> Outcome {
        if self.fresh && !self.wiped {
            self.effects.push(Effect::Count(Stat::Language {
                lang: self.lang.clone(),
            }));
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
            })
        };
        Outcome {
            session,
            effects: self.effects,
        }
    }
}

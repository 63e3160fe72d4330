//! `handle`: one input in, the next session and the effects out.

use jiff::Timestamp;

use crate::engine::buttons::ButtonData;
use crate::engine::intents::{Message, parse_command};
use crate::engine::personal::has_personal_data;
use crate::engine::place::{Local, Place};
use crate::engine::render::Renderer;
use crate::engine::{Context, Effect, Input, Outcome, Reply, Session};
use crate::model::{FlowSet, Intent, Target};
use crate::understand::decide::Dest;

mod safety;
mod steps;
mod typed;

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
}

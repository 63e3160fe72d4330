//! The handover to a person, as far as the engine goes: whether a step offers it now,
//! and the texts of a live conversation, rendered for the host (the relay in
//! `telegram/handover`), which decides when to send them.
//!
//! The offer shows only when the step asks for it (`handover = true`), `[handover]` is
//! configured, its hours are open at `now`, the person's language is staffed, and the
//! host says someone is available. None of that needs a clock or a network here: the
//! host passes availability in `Context`, time is an argument.

use jiff::Timestamp;

use super::buttons::ButtonData;
use super::hours::{OpenState, open_state};
use super::render::Renderer;
use super::{Button, Reply, ReplyKind};
use crate::model::{FlowSet, Handover, Step};

/// Whether the handover's hours are open at `now`.
pub(super) fn open(handover: &Handover, now: Timestamp) -> bool {
    matches!(
        open_state(Some(&handover.hours), now),
        OpenState::Always | OpenState::OpenUntil { .. }
    )
}

/// Whether `step` shows the offer to a person writing in `lang` at `now`.
pub(super) fn offered(
    set: &FlowSet,
    step: &Step,
    lang: &str,
    available: bool,
    now: Timestamp,
) -> bool {
    step.handover
        && available
        && set
            .settings
            .handover
            .as_ref()
            .is_some_and(|h| h.languages.iter().any(|l| l == lang) && open(h, now))
}

impl Renderer<'_> {
    /// The offer's button.
    pub(super) fn offer_button(&self, menu: u32) -> Button {
        Button {
            label: self.message("handover-offer-button"),
            data: ButtonData::Offer { menu }.encode(),
        }
    }

    /// What a handover means, before anything is passed on, with the button to agree.
    pub(super) fn consent(&self, menu: u32) -> Reply {
        let service = self
            .set
            .settings
            .handover
            .as_ref()
            .map(|h| self.set.services.services[h.service].name.as_str())
            .unwrap_or_default();
        Reply {
            kind: ReplyKind::Notice,
            text: self
                .lang
                .format_strs("handover-consent", &[("service", service)]),
            buttons: vec![
                vec![Button {
                    label: self.message("handover-consent-button"),
                    data: ButtonData::Consent { menu }.encode(),
                }],
                self.global_row(),
            ],
            protect_content: true,
        }
    }
}

/// A text of a live conversation for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandoverText {
    /// Connected; someone will answer here.
    Waiting,
    /// Their message waits a moment before it reaches the staff (said once a case).
    Delayed,
    /// Only text is passed on.
    OnlyText,
    /// Their message held personal data: it was taken out of the chat; send it on?
    PersonalHeld,
    /// The held message was passed on.
    PersonalSent,
    /// The held message was not passed on.
    PersonalDropped,
    /// The staff ended the conversation.
    EndedStaff,
    /// Nobody wrote for too long.
    EndedInactive,
    /// The service is restarting.
    EndedRestart,
}

impl HandoverText {
    fn id(self) -> &'static str {
        match self {
            HandoverText::Waiting => "handover-waiting",
            HandoverText::Delayed => "handover-delayed",
            HandoverText::OnlyText => "handover-only-text",
            HandoverText::PersonalHeld => "handover-personal-held",
            HandoverText::PersonalSent => "handover-personal-sent",
            HandoverText::PersonalDropped => "handover-personal-dropped",
            HandoverText::EndedStaff => "handover-ended-staff",
            HandoverText::EndedInactive => "handover-ended-inactive",
            HandoverText::EndedRestart => "handover-ended-restart",
        }
    }
}

/// `text` in `lang` (the set's default language if `lang` is gone). The question about
/// personal data carries its two answers; every text of a case carries the emergency and
/// quick-exit buttons, which work during a case as everywhere.
pub fn handover_reply(set: &FlowSet, lang: &str, text: HandoverText) -> Reply {
    let renderer = Renderer {
        set,
        lang: set.locales.get_or(lang, &set.settings.default_language),
        now: Timestamp::UNIX_EPOCH,
        local: super::place::Local::Unknown,
    };
    let mut buttons = Vec::new();
    if text == HandoverText::PersonalHeld {
        buttons.push(vec![
            Button {
                label: renderer.message("handover-personal-send"),
                data: ButtonData::Personal(true).encode(),
            },
            Button {
                label: renderer.message("handover-personal-drop"),
                data: ButtonData::Personal(false).encode(),
            },
        ]);
    }
    buttons.push(renderer.global_row());
    Reply {
        kind: ReplyKind::Notice,
        text: renderer.message(text.id()),
        buttons,
        protect_content: true,
    }
}

/// A text for the staff group, in the set's default language: `id` is one of the
/// `handover-staff-*` messages of `HANDOVER_MESSAGES`, with its arguments.
pub fn staff_text(set: &FlowSet, id: &str, args: &[(&str, &str)]) -> String {
    set.locales
        .get_or(
            &set.settings.default_language,
            &set.settings.default_language,
        )
        .format_strs(id, args)
}

/// Whether a person's text in a case holds personal data (the rule the flows use).
pub fn holds_personal_data(set: &FlowSet, text: &str) -> bool {
    super::personal::has_personal_data(set, text)
}

/// A staff member's text for the person: the text alone (no name, no id), with the
/// emergency and quick-exit buttons under it.
pub fn relayed(set: &FlowSet, lang: &str, text: String) -> Reply {
    let renderer = Renderer {
        set,
        lang: set.locales.get_or(lang, &set.settings.default_language),
        now: Timestamp::UNIX_EPOCH,
        local: super::place::Local::Unknown,
    };
    Reply {
        kind: ReplyKind::Notice,
        text,
        buttons: vec![renderer.global_row()],
        protect_content: true,
    }
}

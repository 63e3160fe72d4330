//! Turns steps, services and notices into localised replies with their buttons.

use jiff::Timestamp;

use super::buttons::{ButtonData, PlaceAnswer};
use super::hours::{OpenState, first_opening, open_state};
use super::place::{self, Local};
use super::{Button, Reply, ReplyKind};
use crate::locale::Language;
use crate::model::{FlowSet, Intent, ServiceIdx, Target, Text};

/// Renders in one language at one instant.
pub(super) struct Renderer<'a> {
    pub set: &'a FlowSet,
    pub lang: &'a Language,
    pub now: Timestamp,
    /// Where the person is, for a set with several areas (see `place`).
    pub local: Local,
}

impl Renderer<'_> {
    pub(super) fn text(&self, text: &Text) -> String {
        self.lang.format(text)
    }

    pub(super) fn message(&self, id: &str) -> String {
        self.lang.message(id)
    }

    fn message_with(&self, id: &str, args: &[(&str, &str)]) -> String {
        self.lang.format_strs(id, args)
    }

    fn global_button(&self, intent: Intent, label_id: &str) -> Button {
        Button {
            label: self.message(label_id),
            data: ButtonData::Global(intent).encode(),
        }
    }

    /// The row under every step: emergency help and quick exit.
    pub(super) fn global_row(&self) -> Vec<Button> {
        vec![
            self.global_button(Intent::Emergency, "button-emergency"),
            self.global_button(Intent::Exit, "button-exit"),
        ]
    }

    /// A message of the engine's own, with no buttons.
    pub(super) fn notice(&self, id: &str) -> Reply {
        Reply {
            kind: ReplyKind::Notice,
            text: self.message(id),
            buttons: Vec::new(),
            protect_content: false,
        }
    }

    /// A step: its text, then (if `with_signposts`) a word when all its services are
    /// closed with a line open day and night, and one block per service; the buttons
    /// (choices of menu `menu`, a restart button at an end, the global row) go on the last
    /// block so they stay in view. `messages::group` joins the blocks into one message.
    pub(super) fn step(&self, target: Target, menu: u32, with_signposts: bool) -> Vec<Reply> {
        let flow = &self.set.flows[target.flow];
        let step = &flow.steps[target.step];
        let mut replies = Vec::with_capacity(1 + step.signposts.len());
        let said = match step.say.as_slice() {
            [] => None,
            // One text (the usual case) needs no list and no joining.
            [one] => Some(self.text(one)),
            many => Some(
                many.iter()
                    .map(|t| self.text(t))
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            ),
        };
        if let Some(said) = said {
            replies.push(Reply {
                kind: ReplyKind::Step,
                text: said,
                buttons: Vec::new(),
                protect_content: flow.protect_content,
            });
        }
        let local_step = self.set.services.areas.len() > 1 && self.set.services.shows_role(target);
        if with_signposts || replies.is_empty() {
            if local_step && self.local == Local::Elsewhere {
                let mut reply = self.place_elsewhere();
                reply.protect_content = flow.protect_content;
                replies.push(reply);
            }
            let services = place::signposts(self.set, target, self.local);
            replies.extend(self.all_closed(target, &services));
            for service in services {
                let mut reply = self.signpost(service);
                reply.protect_content = flow.protect_content;
                replies.push(reply);
            }
        }
        // Sized for the choices, a restart row and the global row, so it never grows.
        let mut buttons: Vec<Vec<Button>> = Vec::with_capacity(step.choices.len() + 2);
        buttons.extend(step.choices.iter().enumerate().map(|(index, choice)| {
            vec![Button {
                label: self.text(&choice.label),
                // Limits cap choices far below 256; saturate rather than wrap anyway.
                data: ButtonData::Choice {
                    menu,
                    index: u8::try_from(index).unwrap_or(u8::MAX),
                }
                .encode(),
            }]
        }));
        if local_step && self.local != Local::Unknown {
            buttons.push(vec![self.place_change_button(menu)]);
        }
        if step.end {
            buttons.push(vec![self.global_button(Intent::Restart, "button-restart")]);
        }
        buttons.push(self.global_row());
        match replies.last_mut() {
            Some(last) => last.buttons = buttons,
            // A step with neither text nor services still needs a message to hold its
            // buttons; the help text is the most useful thing to say then.
            None => replies.push(Reply {
                kind: ReplyKind::Step,
                text: self.message("help-text"),
                buttons,
                protect_content: flow.protect_content,
            }),
        }
        replies
    }

    /// One service: who, how to reach them, open now or not, how anonymous, cost.
    pub(super) fn signpost(&self, idx: ServiceIdx) -> Reply {
        let service = &self.set.services.services[idx];
        // The name is a proper noun, usually Latin. In a right-to-left language a
        // RIGHT-TO-LEFT MARK first keeps the whole card laid out right to left, since
        // apps take a message's direction from its first strong character.
        let name = if self.lang.is_rtl() {
            format!("\u{200F}{}", service.name)
        } else {
            service.name.clone()
        };
        // No blank line inside a card: joined with others into one message (see
        // `messages`), each card reads as one block between blank lines.
        let mut lines = vec![name, self.message(&service.about)];
        for contact in &service.contacts {
            lines.push(self.message_with(contact.kind.message_id(), &[("value", &contact.value)]));
        }
        let state = open_state(service.hours.as_ref(), self.now);
        lines.push(match &state {
            OpenState::Always => self.message("signpost-open-always"),
            OpenState::OpenUntil {
                closes,
                weekday: None,
            } => self.message_with("signpost-open-now", &[("closes", closes)]),
            OpenState::OpenUntil {
                closes,
                weekday: Some(weekday),
            } => self.message_with(
                "hours-open-until-day",
                &[("closes", closes), ("weekday", weekday)],
            ),
            OpenState::Closed { .. } => self.opens("signpost-closed", &state),
            OpenState::Unknown => self.message("signpost-hours-unknown"),
        });
        if matches!(state, OpenState::Closed { .. }) {
            lines.push(match &service.meanwhile {
                Some(id) => self.message(id),
                None => self.message("signpost-meanwhile"),
            });
        }
        lines.push(self.message(service.anonymity.message_id()));
        lines.push(self.message(&service.anonymity_note));
        let last: Vec<String> = service
            .cost
            .map(|c| self.message(c.message_id()))
            .into_iter()
            .chain(
                service
                    .interpreters
                    .then(|| self.message("signpost-interpreters")),
            )
            .collect();
        if !last.is_empty() {
            lines.push(last.join(" · "));
        }
        Reply {
            kind: ReplyKind::Signpost,
            text: lines.join("\n"),
            buttons: Vec::new(),
            protect_content: false,
        }
    }

    /// A message saying when a closed service opens (`weekday`, `opens`, `today`).
    fn opens(&self, id: &str, state: &OpenState) -> String {
        let OpenState::Closed {
            weekday,
            opens,
            today,
            ..
        } = state
        else {
            return String::new();
        };
        self.message_with(
            id,
            &[
                ("weekday", weekday),
                ("opens", opens),
                ("today", if *today { "yes" } else { "no" }),
            ],
        )
    }

    /// When every service of a step is closed (none open now, one opening later): a
    /// block saying so and when the first opens, then the flow's line open day and night
    /// (`when_closed`), if it has one and the step does not show it already.
    fn all_closed(&self, target: Target, services: &[ServiceIdx]) -> Vec<Reply> {
        let flow = &self.set.flows[target.flow];
        let states: Vec<OpenState> = services
            .iter()
            .map(|&s| open_state(self.set.services.services[s].hours.as_ref(), self.now))
            .collect();
        let Some(first) = first_opening(&states) else {
            return Vec::new();
        };
        let mut text = self.opens("hours-all-closed", first);
        let line = flow.when_closed.filter(|line| !services.contains(line));
        if line.is_some() {
            text.push('\n');
            text.push_str(&self.message("hours-open-day-and-night"));
        }
        let mut replies = vec![Reply {
            kind: ReplyKind::Signpost,
            text,
            buttons: Vec::new(),
            protect_content: flow.protect_content,
        }];
        if let Some(line) = line {
            let mut card = self.signpost(line);
            card.protect_content = flow.protect_content;
            replies.push(card);
        }
        replies
    }

    /// The language menu: each language named in itself.
    pub(super) fn language_menu(&self) -> Reply {
        let mut buttons: Vec<Vec<Button>> = self
            .set
            .locales
            .codes()
            .iter()
            .filter_map(|code| {
                let lang = self.set.locales.get(code)?;
                Some(vec![Button {
                    label: lang.message("language-name"),
                    data: ButtonData::Language(code.clone()).encode(),
                }])
            })
            .collect();
        buttons.push(self.global_row());
        Reply {
            kind: ReplyKind::Notice,
            text: self.message("language-prompt"),
            buttons,
            protect_content: false,
        }
    }

    /// The language button, for the first screen of a person whose app language is not
    /// offered.
    pub(super) fn language_button(&self) -> Button {
        self.global_button(Intent::Language, "button-language")
    }

    /// "Did you mean ...?": the choices `options` (indices) of the step at `target`, as
    /// buttons of menu `menu`, then the global row.
    pub(super) fn did_you_mean(&self, target: Target, menu: u32, options: &[usize]) -> Reply {
        let step = self.set.step(target);
        let mut buttons: Vec<Vec<Button>> = options
            .iter()
            .filter_map(|&index| {
                let choice = step.choices.get(index)?;
                Some(vec![Button {
                    label: self.text(&choice.label),
                    data: ButtonData::Choice {
                        menu,
                        index: u8::try_from(index).unwrap_or(u8::MAX),
                    }
                    .encode(),
                }])
            })
            .collect();
        buttons.push(self.global_row());
        Reply {
            kind: ReplyKind::Notice,
            text: self.message("understanding-did-you-mean"),
            buttons,
            protect_content: self.set.flows[target.flow].protect_content,
        }
    }

    /// The help text with the other global intents as buttons.
    pub(super) fn help(&self) -> Reply {
        Reply {
            kind: ReplyKind::Notice,
            text: self.message("help-text"),
            buttons: vec![
                vec![
                    self.global_button(Intent::Language, "button-language"),
                    self.global_button(Intent::Privacy, "button-privacy"),
                ],
                vec![self.global_button(Intent::Restart, "button-restart")],
                self.global_row(),
            ],
            protect_content: false,
        }
    }
}
/// The place question of a set with several areas (see `place`).
impl Renderer<'_> {
    /// The place question, as buttons of menu `menu`: each area, somewhere else in
    /// Sweden, rather not say, then the emergency and exit row.
    pub(super) fn place_question(&self, menu: u32) -> Reply {
        let button = |label: String, answer: PlaceAnswer| {
            vec![Button {
                label,
                data: ButtonData::Place { menu, answer }.encode(),
            }]
        };
        let areas = &self.set.services.areas;
        let mut buttons: Vec<Vec<Button>> = Vec::with_capacity(areas.len() + 3);
        for (index, area) in areas.iter().enumerate() {
            let index = u8::try_from(index).unwrap_or(u8::MAX);
            buttons.push(button(area.name.clone(), PlaceAnswer::Area(index)));
        }
        buttons.push(button(
            self.message("place-button-elsewhere"),
            PlaceAnswer::Elsewhere,
        ));
        buttons.push(button(
            self.message("place-button-unsaid"),
            PlaceAnswer::Unsaid,
        ));
        buttons.push(self.global_row());
        Reply {
            kind: ReplyKind::Notice,
            text: self.message("place-question"),
            buttons,
            protect_content: false,
        }
    }

    /// The sentence for a person elsewhere in Sweden (or who would rather not say), shown
    /// with a step's services when a role stands for its national fallback.
    pub(super) fn place_elsewhere(&self) -> Reply {
        self.notice("place-elsewhere-text")
    }

    /// The button under a step that shows a role, once the place is known.
    pub(super) fn place_change_button(&self, menu: u32) -> Button {
        Button {
            label: self.message("place-button-change"),
            data: ButtonData::Place {
                menu,
                answer: PlaceAnswer::Change,
            }
            .encode(),
        }
    }
}

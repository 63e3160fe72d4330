//! How one outcome of the engine is carried out, decided in pure code: which writes,
//! sends and deletions a turn takes, in which order, and what the adapter remembers of
//! them. The handler (`conversation`) performs each [`Action`] and reports what came
//! of it ([`Done`]); every rule is here, unit-tested without a network or a disk.
//!
//! The rules:
//! - **durable first**: when the conversation goes on, its next session (with the id of
//!   the person's message and of the message a pressed button is on) is on disk before
//!   anything is sent or deleted. Once an answer is on the screen, a crash must not send
//!   the person back a step (their next press would be taken as stale);
//! - a shared location, contact or venue is told about once per conversation: the
//!   session remembers that it was, with the durable write;
//! - the engine's effects in its order; the notice for a deletion that could not be done
//!   ([`Effect::IfNotDeleted`]) takes the place of the next reply only when the deletion
//!   failed, or there was no message to delete, so that every notice is true;
//! - the ids of the messages sent are remembered (the oldest and the newest of the
//!   conversation) and saved at the end without waiting for the disk: the state the
//!   person acts on is durable already, and ids lost to a crash cost only the quick
//!   exit's span, whose sweep covers the newest ids anyway. The update's id goes into
//!   the durable write as applied, and into this one as answered (after the answer,
//!   never before it), so that an update handed over again after a crash is skipped
//!   once answered, and otherwise gets its step shown again rather than a second turn
//!   (see `conversation`). Nothing is written when nothing new was remembered;
//! - **quick exit** ([`Effect::QuickExit`]): every id from [`SWEEP`] back from the newest
//!   one known to it to [`SWEEP`] past it is deleted (in a private chat every later id is
//!   a later message of the same conversation: texts the person wrote under an older
//!   button, messages set aside by the intake limit), then the farewell is sent, or the
//!   notice that not everything could be deleted when a batch failed, nothing was known
//!   to delete, or the conversation is longer than the sweep. Nothing sent from then on is remembered: the farewell is the one thing the
//!   person should find. A handover case the person is in ends ([`Action::EndCase`]:
//!   "the person left"), and the session is wiped last, after the deletion, so that a
//!   crash in between leaves the ids for a second try.

use crate::engine::{Effect, HandoverStart, Outcome, Reply, Session, Stat};
use crate::store::StoredSession;

/// How far back from the newest message a quick exit sweeps every id.
pub(crate) const SWEEP: i32 = 1000;

/// One thing for the host to do.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Action {
    /// Write the session and wait until it is on disk.
    SaveDurably(StoredSession),
    /// Send a reply; report the ids of the messages that went out ([`Done::Sent`]).
    Send(Reply),
    /// Delete the person's message; report whether it went ([`Done::Deleted`]).
    DeleteInput(i32),
    /// Delete these messages (the quick exit's sweep); report whether every batch went
    /// ([`Done::Deleted`]). `reaches_oldest` is false when the conversation is longer
    /// than the sweep (for the log: the plan has taken it into account). Ids from
    /// `ahead_from` on lie past the newest message known: once a whole batch of them is
    /// refused (none was there), no later one is either, since a private chat numbers
    /// its messages one after another, and the rest need not be tried.
    Sweep {
        ids: Vec<i32>,
        reaches_oldest: bool,
        ahead_from: i32,
    },
    /// Count an event in the aggregate statistics.
    Count(Stat),
    /// Open a handover case for this chat (the relay's; see `telegram/handover`).
    OpenCase(HandoverStart),
    /// Write the session without waiting for the disk.
    SavePending(StoredSession),
    /// End the person's handover case, if they are in one ("the person left"): the
    /// quick exit ends it, on both sides, before the session goes.
    EndCase,
    /// Remove the session.
    Wipe,
}

/// What came of the last [`Action`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Done {
    /// Nothing the plan needs to know (a write, a count: failures are the host's to log).
    Nothing,
    /// The ids of the messages a [`Action::Send`] put in the chat.
    Sent(Vec<i32>),
    /// Whether a deletion worked, wholly.
    Deleted(bool),
}

/// What the adapter keeps beside the engine's session (see `StoredSession`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Memory {
    pub oldest: Option<i32>,
    pub newest: Option<i32>,
    pub told_shared: bool,
    /// The newest update answered (see `StoredSession::answered`).
    pub answered: Option<u32>,
    /// The newest update whose outcome the session holds (see `StoredSession::applied`).
    pub applied: Option<u32>,
}

impl Memory {
    /// What a stored session remembers.
    pub(crate) fn of(stored: &StoredSession) -> Memory {
        Memory {
            oldest: stored.oldest_message,
            newest: stored.newest_message,
            told_shared: stored.told_shared,
            answered: stored.answered,
            applied: stored.applied,
        }
    }

    fn remember(&mut self, id: i32) {
        self.oldest = Some(self.oldest.map_or(id, |o| o.min(id)));
        self.newest = Some(self.newest.map_or(id, |n| n.max(id)));
    }

    fn keep(self, session: Session) -> StoredSession {
        StoredSession {
            session,
            oldest_message: self.oldest,
            newest_message: self.newest,
            told_shared: self.told_shared,
            answered: self.answered,
            applied: self.applied,
        }
    }
}

/// The messages of the chat an update is known to concern.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Seen {
    /// The person's message (deleted when it holds personal data).
    pub input: Option<i32>,
    /// Another message known to be in the chat (the one a pressed button is on).
    pub other: Option<i32>,
    /// The newest of the person's messages set aside by the intake limit since the
    /// chat's last update was handled (never handled, so remembered only here).
    pub aside: Option<i32>,
    /// The id of the update being answered: written with the session before the answer
    /// (applied), and again once the answer is out (answered).
    pub update: Option<u32>,
    /// The input is a shared location, contact or venue: its answer tells the person
    /// (the engine's notice, given once per conversation), which is remembered.
    pub shared: bool,
}

/// The actions of one outcome, handed out one at a time as the host reports what came
/// of the last (see the module documentation for the rules).
#[derive(Debug)]
pub(crate) struct Plan {
    effects: std::vec::IntoIter<Effect>,
    /// The session to keep; `None`: wipe it.
    session: Option<Session>,
    /// Whether the outcome is written to the store at all (see [`Plan::send_only`]).
    store: bool,
    input: Option<i32>,
    /// The update being answered (see [`Seen::update`]).
    update: Option<u32>,
    memory: Memory,
    /// What the durable write held, to tell whether anything new was remembered.
    saved: Memory,
    stage: Stage,
    /// What the result of the last action means.
    waiting: Waiting,
    /// Whether the last deletion worked (true before any).
    deleted: bool,
    /// The notice that replaces the next reply, the last deletion having failed.
    instead: Option<Reply>,
    /// Whether the ids of messages sent are remembered (not after a quick exit).
    remember: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Start,
    Effects,
    End,
    /// The case ended, the session to wipe.
    Wipe,
    Over,
}

#[derive(Debug)]
enum Waiting {
    Nothing,
    Sent,
    InputDeleted,
    Swept {
        reaches_oldest: bool,
        farewell: Reply,
        partial: Reply,
    },
}

impl Plan {
    /// The plan for `outcome` in a conversation the adapter remembers as `memory`;
    /// `seen` are the messages the update showed to be in the chat.
    pub(crate) fn new(outcome: Outcome, mut memory: Memory, seen: Seen) -> Plan {
        for id in seen.input.into_iter().chain(seen.other).chain(seen.aside) {
            memory.remember(id);
        }
        if seen.update.is_some() {
            memory.applied = seen.update;
        }
        memory.told_shared |= seen.shared;
        Plan {
            effects: outcome.effects.into_iter(),
            session: outcome.session,
            store: true,
            input: seen.input,
            update: seen.update,
            memory,
            saved: memory,
            stage: Stage::Start,
            waiting: Waiting::Nothing,
            deleted: true,
            instead: None,
            remember: true,
        }
    }

    /// The plan for an outcome with no conversation to keep it in (the calm notice to a
    /// held-back chat that has no session): its messages are sent, nothing is written.
    pub(crate) fn send_only(outcome: Outcome) -> Plan {
        let mut plan = Plan::new(outcome, Memory::default(), Seen::default());
        plan.store = false;
        plan
    }

    /// The next action, given what came of the last one (`Done::Nothing` at first);
    /// `None` when the plan is carried out.
    pub(crate) fn next(&mut self, last: Done) -> Option<Action> {
        match (std::mem::replace(&mut self.waiting, Waiting::Nothing), last) {
            (Waiting::Sent, Done::Sent(ids)) if self.remember => {
                for id in ids {
                    self.memory.remember(id);
                }
            }
            (Waiting::InputDeleted, last) => self.deleted = last == Done::Deleted(true),
            (
                Waiting::Swept {
                    reaches_oldest,
                    farewell,
                    partial,
                },
                last,
            ) => {
                self.deleted = reaches_oldest && last == Done::Deleted(true);
                return Some(self.farewell(farewell, partial));
            }
            _ => {}
        }
        loop {
            match self.stage {
                Stage::Start => {
                    self.stage = Stage::Effects;
                    if let Some(session) = self.session.clone().filter(|_| self.store) {
                        return Some(Action::SaveDurably(self.memory.keep(session)));
                    }
                }
                Stage::Effects => match self.effects.next() {
                    Some(effect) => {
                        if let Some(action) = self.effect(effect) {
                            return Some(action);
                        }
                    }
                    None => self.stage = Stage::End,
                },
                Stage::End => {
                    self.stage = Stage::Over;
                    if !self.store {
                        return None;
                    }
                    if self.update.is_some() {
                        self.memory.answered = self.update;
                    }
                    return match self.session.take() {
                        Some(_) if self.memory == self.saved => None,
                        Some(session) => Some(Action::SavePending(self.memory.keep(session))),
                        None => {
                            self.stage = Stage::Wipe;
                            Some(Action::EndCase)
                        }
                    };
                }
                Stage::Wipe => {
                    self.stage = Stage::Over;
                    return Some(Action::Wipe);
                }
                Stage::Over => return None,
            }
        }
    }

    /// The action an effect calls for, if any.
    fn effect(&mut self, effect: Effect) -> Option<Action> {
        match effect {
            Effect::Reply(reply) => {
                let reply = self.instead.take().unwrap_or(reply);
                self.waiting = Waiting::Sent;
                Some(Action::Send(reply))
            }
            Effect::IfNotDeleted(reply) => {
                if !self.deleted {
                    self.instead = Some(reply);
                }
                None
            }
            Effect::DeleteInput => match self.input {
                Some(id) => {
                    self.waiting = Waiting::InputDeleted;
                    Some(Action::DeleteInput(id))
                }
                // Nothing to delete (a press): the deletion did not happen.
                None => {
                    self.deleted = false;
                    None
                }
            },
            Effect::QuickExit { farewell, partial } => {
                let ids = conversation_ids(self.memory.newest);
                let reaches_oldest = reaches_oldest(self.memory.oldest, self.memory.newest);
                let ahead_from = self.memory.newest.unwrap_or_default().saturating_add(1);
                if ids.is_empty() {
                    // Nothing known to delete: "deleted" would not be true.
                    self.deleted = false;
                    return Some(self.farewell(farewell, partial));
                }
                self.waiting = Waiting::Swept {
                    reaches_oldest,
                    farewell,
                    partial,
                };
                Some(Action::Sweep {
                    ids,
                    reaches_oldest,
                    ahead_from,
                })
            }
            Effect::Count(stat) => Some(Action::Count(stat)),
            Effect::Handover(start) => Some(Action::OpenCase(start)),
        }
    }

    /// After a quick exit's sweep: the true one of its two messages, and nothing
    /// remembered from now on.
    fn farewell(&mut self, farewell: Reply, partial: Reply) -> Action {
        self.memory = Memory::default();
        self.remember = false;
        self.waiting = Waiting::Sent;
        Action::Send(if self.deleted { farewell } else { partial })
    }
}

/// The ids a quick exit deletes: every id from [`SWEEP`] back from the newest one known
/// (the newest message the conversation remembered, the exit message itself, or the
/// message a pressed button is on) to [`SWEEP`] past it. Every id, not only the
/// remembered ones: this catches what the bot never remembered (messages set aside while
/// the chat was held back, or sent just before a crash). Past the newest id known: the
/// person's own messages carry no buttons, so an Exit button pressed is always above
/// their latest words, and in a private chat every later id is a later message of the
/// same conversation; the farewell, sent after the deletion, gets a higher id still.
/// Telegram skips ids that are gone or were never used. Sorted, without repeats.
fn conversation_ids(newest: Option<i32>) -> Vec<i32> {
    match newest {
        Some(newest) if newest >= 1 => {
            let to = newest.saturating_add(SWEEP - 1);
            (newest.saturating_sub(SWEEP - 1).max(1)..=to).collect()
        }
        _ => Vec::new(),
    }
}

/// Whether the sweep of [`conversation_ids`] reaches back to the oldest message the
/// conversation remembered (a very long conversation may outrun it): if not, quick exit
/// says that not everything could be deleted.
fn reaches_oldest(oldest: Option<i32>, newest: Option<i32>) -> bool {
    match (oldest, conversation_ids(newest).first()) {
        (Some(oldest), Some(&from)) => oldest >= from,
        _ => true,
    }
}

#[cfg(test)]
mod tests;

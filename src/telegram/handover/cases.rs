//! The open cases, in memory only: which private chat belongs to which staff topic. A
//! case is named by a random label (`K7Q2 · sv · selling`), never by anything derived
//! from the chat id, and nothing here is ever written to disk: a restart ends every case.
//! (What a crash must not lose, the topic ids and a mark per person, the relay keeps in
//! the store: see `store::open_cases`.)

use std::collections::{HashMap, VecDeque};

use jiff::Timestamp;

/// Letters and digits that cannot be read as one another (no 0/O, 1/I/L, 5/S, 8/B).
const ALPHABET: &[u8] = b"ACDEFHJKMNPQRTUVWXY234679";

/// A case's number in the map (never shown, never derived from a chat).
pub(crate) type CaseId = u64;

/// One live conversation between a person and the staff.
pub(crate) struct Case {
    /// The person's private chat: kept in memory while the case is open, never logged.
    pub chat: i64,
    /// The topic's name in the staff group.
    pub label: String,
    pub lang: String,
    /// The staff topic, once created.
    pub topic: Option<i32>,
    /// The last message from either side (for the inactivity limit).
    pub last: Timestamp,
    /// A message with personal data the person has not yet said to pass on.
    pub held: Option<String>,
    /// The person was told once that their messages wait a moment.
    pub told_delayed: bool,
    /// The staff's latest texts sent to the person: the staff message's id in the group
    /// and the ids it became in the person's chat, so that an edit is carried over (at
    /// most [`RELAYED_KEPT`], the newest).
    pub relayed: VecDeque<(i32, Vec<i32>)>,
}

/// Staff texts remembered per case for their edits.
pub(crate) const RELAYED_KEPT: usize = 32;

impl Case {
    /// Remembers that staff message `staff` went to the person as `sent`.
    pub(crate) fn relayed(&mut self, staff: i32, sent: Vec<i32>) {
        if self.relayed.len() >= RELAYED_KEPT {
            self.relayed.pop_front();
        }
        self.relayed.push_back((staff, sent));
    }

    /// The ids staff message `staff` became in the person's chat, if still remembered.
    pub(crate) fn sent_for(&self, staff: i32) -> Vec<i32> {
        self.relayed
            .iter()
            .find(|(id, _)| *id == staff)
            .map(|(_, sent)| sent.clone())
            .unwrap_or_default()
    }
}

// Written by hand: the derived form would print the chat id and a held text.
impl std::fmt::Debug for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Case")
            .field("label", &self.label)
            .field("topic", &self.topic)
            .finish_non_exhaustive()
    }
}

/// The open cases, by chat and by topic.
#[derive(Debug, Default)]
pub(crate) struct Cases {
    cases: HashMap<CaseId, Case>,
    next: CaseId,
}

impl Cases {
    /// Opens a case for `chat`; `None` if it has one already.
    pub(crate) fn open(
        &mut self,
        chat: i64,
        label: String,
        lang: String,
        now: Timestamp,
    ) -> Option<CaseId> {
        if self.of_chat(chat).is_some() {
            return None;
        }
        self.next += 1;
        self.cases.insert(
            self.next,
            Case {
                chat,
                label,
                lang,
                topic: None,
                last: now,
                held: None,
                told_delayed: false,
                relayed: VecDeque::new(),
            },
        );
        Some(self.next)
    }

    pub(crate) fn of_chat(&self, chat: i64) -> Option<CaseId> {
        self.cases
            .iter()
            .find(|(_, c)| c.chat == chat)
            .map(|(id, _)| *id)
    }

    pub(crate) fn of_topic(&self, topic: i32) -> Option<CaseId> {
        self.cases
            .iter()
            .find(|(_, c)| c.topic == Some(topic))
            .map(|(id, _)| *id)
    }

    pub(crate) fn get(&self, id: CaseId) -> Option<&Case> {
        self.cases.get(&id)
    }

    pub(crate) fn get_mut(&mut self, id: CaseId) -> Option<&mut Case> {
        self.cases.get_mut(&id)
    }

    /// Ends a case, returning it.
    pub(crate) fn close(&mut self, id: CaseId) -> Option<Case> {
        self.cases.remove(&id)
    }

    /// Cases with no message from either side for `minutes` or more at `now`.
    pub(crate) fn idle(&self, now: Timestamp, minutes: u32) -> Vec<CaseId> {
        let limit = jiff::SignedDuration::from_mins(i64::from(minutes));
        self.cases
            .iter()
            .filter(|(_, c)| now.duration_since(c.last) >= limit)
            .map(|(id, _)| *id)
            .collect()
    }

    /// The topics of the open cases, oldest case first.
    pub(crate) fn topics(&self) -> Vec<i32> {
        let mut open: Vec<(CaseId, i32)> = self
            .cases
            .iter()
            .filter_map(|(id, c)| Some((*id, c.topic?)))
            .collect();
        open.sort_unstable();
        open.into_iter().map(|(_, topic)| topic).collect()
    }

    pub(crate) fn ids(&self) -> Vec<CaseId> {
        self.cases.keys().copied().collect()
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }
}

/// A topic's name: four letters from random bytes, the language, and the flow the person
/// came from (the first part of the trail's last step, `selling/talk` -> `selling`).
pub(crate) fn label(random: [u8; 4], lang: &str, trail: &[String]) -> String {
    let code: String = random
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect();
    match trail.last().and_then(|s| s.split('/').next()) {
        Some(flow) if !flow.is_empty() => format!("{code} · {lang} · {flow}"),
        _ => format!("{code} · {lang}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: i64) -> Timestamp {
        Timestamp::UNIX_EPOCH + jiff::SignedDuration::from_mins(minute)
    }

    #[test]
    fn a_label_is_random_letters_the_language_and_the_flow() {
        let trail = vec!["menu/start".to_string(), "selling/talk".to_string()];
        let label = label([0, 1, 24, 25], "sv", &trail);
        assert_eq!(label, "AC9A · sv · selling");
        assert_eq!(super::label([3, 3, 3, 3], "en", &[]), "EEEE · en");
    }

    #[test]
    fn the_label_holds_nothing_of_the_chat() {
        // Two chats with the same bytes get the same code: the code comes only from
        // the random bytes given, never from the chat.
        let mut cases = Cases::default();
        let a = cases.open(111, label([9; 4], "sv", &[]), "sv".into(), at(0));
        let b = cases.open(222, label([9; 4], "sv", &[]), "sv".into(), at(0));
        let (Some(a), Some(b)) = (a, b) else {
            panic!("both open");
        };
        assert_eq!(
            cases.get(a).map(|c| &c.label),
            cases.get(b).map(|c| &c.label)
        );
        assert!(cases.get(a).is_some_and(|c| !c.label.contains("111")));
    }

    #[test]
    fn one_case_per_chat_found_by_chat_and_by_topic() {
        let mut cases = Cases::default();
        let Some(id) = cases.open(5, "X".into(), "sv".into(), at(0)) else {
            panic!("opens");
        };
        assert_eq!(cases.open(5, "Y".into(), "sv".into(), at(0)), None);
        if let Some(case) = cases.get_mut(id) {
            case.topic = Some(77);
        }
        assert_eq!(cases.of_chat(5), Some(id));
        assert_eq!(cases.of_topic(77), Some(id));
        assert_eq!(cases.topics(), [77]);
        assert_eq!(cases.of_topic(78), None);
        assert!(cases.close(id).is_some());
        assert!(cases.is_empty());
        assert_eq!(cases.of_topic(77), None);
    }

    #[test]
    fn a_case_remembers_its_newest_staff_texts_only() {
        let mut cases = Cases::default();
        let Some(id) = cases.open(5, "X".into(), "sv".into(), at(0)) else {
            panic!("opens");
        };
        let Some(case) = cases.get_mut(id) else {
            panic!("open");
        };
        for staff in 0..(RELAYED_KEPT as i32 + 3) {
            case.relayed(staff, vec![1000 + staff]);
        }
        assert_eq!(case.relayed.len(), RELAYED_KEPT);
        assert!(case.sent_for(0).is_empty());
        assert_eq!(
            case.sent_for(RELAYED_KEPT as i32 + 2),
            [1000 + RELAYED_KEPT as i32 + 2]
        );
    }

    #[test]
    fn a_case_is_idle_after_the_limit_since_its_last_message() {
        let mut cases = Cases::default();
        let Some(id) = cases.open(5, "X".into(), "sv".into(), at(0)) else {
            panic!("opens");
        };
        assert!(cases.idle(at(29), 30).is_empty());
        assert_eq!(cases.idle(at(30), 30), [id]);
        if let Some(case) = cases.get_mut(id) {
            case.last = at(20);
        }
        assert!(cases.idle(at(40), 30).is_empty());
    }
}

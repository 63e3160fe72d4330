//! Pacing of the bot's messages into the staff group. Telegram lets a bot send about 20
//! messages a minute into one group; past that it answers 429 and the adapter would hold
//! every message back. So the relay queues what goes into the group and sends it when
//! the limit allows: never more than [`PER_MINUTE`] in any 60 seconds, a few at once and
//! then one every [`SPACING`]. Pure: time is an argument.
//!
//! Fair: each topic (one case; `None`, the general topic) has a queue of its own, and the
//! topics take turns, one message each, so that one person writing a lot delays the
//! others by one message at most, never by their whole backlog. A person's texts join
//! the last one queued for their topic while they fit in one message (in order), and a
//! topic holds at most [`PER_TOPIC`] messages ([`GENERAL`] for the general topic):
//! what comes on top is dropped, and the first drop since the queue was last empty is
//! said ([`Queued::Dropped`]), so that the person can be told. Memory is bounded by the
//! number of open cases times [`PER_TOPIC`] messages of at most Telegram's length.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use tokio::time::Instant;

/// Telegram's limit for one group.
pub(crate) const PER_MINUTE: usize = 20;
/// Sent at once before the spacing applies.
pub(crate) const BURST: usize = 5;
/// Between two messages once a burst has gone (20 a minute, evenly).
pub(crate) const SPACING: Duration = Duration::from_secs(3);
/// Messages one case's topic may have waiting (each up to Telegram's length): at the
/// group's pace, about half a minute of that case's turns.
pub(crate) const PER_TOPIC: usize = 8;
/// Messages the general topic may have waiting (the staff's notices).
pub(crate) const GENERAL: usize = 64;
const WINDOW: Duration = Duration::from_secs(60);
/// Telegram's limit on one message.
const MAX_CHARS: usize = crate::model::limits::MAX_MESSAGE_CHARS;
/// Between two joined messages.
const JOINER: &str = "\n\n";

/// A message for the staff group.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Item {
    /// The topic (`None`: the group's general topic).
    pub topic: Option<i32>,
    pub text: String,
    /// A person's message: may be joined with the next ones of the same topic.
    pub joinable: bool,
}

// Written by hand: the derived form would print what the person wrote.
impl std::fmt::Debug for Item {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Item")
            .field("topic", &self.topic)
            .field("chars", &self.text.chars().count())
            .field("joinable", &self.joinable)
            .finish()
    }
}

/// What became of a message queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Queued {
    /// It may go at once.
    Now,
    /// It waits for its turn or for the limit.
    Waits,
    /// Its topic's queue was full: it was dropped. `first`: the first drop since the
    /// topic's queue was last empty (say so once).
    Dropped { first: bool },
}

/// What to do next.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Next {
    Send(Item),
    /// Nothing may go before this much time has passed.
    Wait(Duration),
    /// The queue is empty.
    Idle,
}

/// One topic's waiting messages.
#[derive(Debug, Default)]
struct Waiting {
    items: VecDeque<Item>,
    /// Something was dropped since the queue was last empty.
    dropped: bool,
}

/// The queues, whose turn it is, and what was sent in the last minute.
#[derive(Debug, Default)]
pub(crate) struct Pacer {
    sent: VecDeque<Instant>,
    topics: HashMap<Option<i32>, Waiting>,
    /// Topics with something waiting, in turn order; each appears once.
    turns: VecDeque<Option<i32>>,
}

impl Pacer {
    /// Queues `item` (joined to the last one of its topic when both are a person's and
    /// fit in one message).
    pub(crate) fn push(&mut self, item: Item, now: Instant) -> Queued {
        let waits = !self.turns.is_empty() || self.wait(now).is_some();
        let cap = match item.topic {
            Some(_) => PER_TOPIC,
            None => GENERAL,
        };
        let topic = item.topic;
        let waiting = self.topics.entry(topic).or_default();
        if let Some(last) = waiting.items.back_mut()
            && last.joinable
            && item.joinable
            && last.text.chars().count() + JOINER.len() + item.text.chars().count() <= MAX_CHARS
        {
            last.text.push_str(JOINER);
            last.text.push_str(&item.text);
            return Queued::Waits;
        }
        if waiting.items.len() >= cap {
            let first = !waiting.dropped;
            waiting.dropped = true;
            return Queued::Dropped { first };
        }
        if waiting.items.is_empty() {
            self.turns.push_back(topic);
        }
        waiting.items.push_back(item);
        if waits { Queued::Waits } else { Queued::Now }
    }

    /// Drops everything queued for `topic` (its case ended).
    pub(crate) fn forget(&mut self, topic: i32) {
        self.topics.remove(&Some(topic));
        self.turns.retain(|t| *t != Some(topic));
    }

    #[cfg(test)]
    /// Messages waiting, in every topic.
    pub(crate) fn len(&self) -> usize {
        self.topics.values().map(|w| w.items.len()).sum()
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.turns.is_empty()
    }

    /// The next message to send at `now`, counted as sent; or how long to wait.
    pub(crate) fn next(&mut self, now: Instant) -> Next {
        if self.turns.is_empty() {
            return Next::Idle;
        }
        if let Some(wait) = self.wait(now) {
            return Next::Wait(wait);
        }
        while let Some(topic) = self.turns.pop_front() {
            let Some(waiting) = self.topics.get_mut(&topic) else {
                continue;
            };
            let Some(item) = waiting.items.pop_front() else {
                self.topics.remove(&topic);
                continue;
            };
            if waiting.items.is_empty() {
                // Empty: forgotten, so that memory follows what waits.
                self.topics.remove(&topic);
            } else {
                self.turns.push_back(topic);
            }
            self.sent.push_back(now);
            return Next::Send(item);
        }
        Next::Idle
    }

    /// How long until a message may go at `now`, if it may not go now.
    fn wait(&mut self, now: Instant) -> Option<Duration> {
        while self
            .sent
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            self.sent.pop_front();
        }
        let full = self
            .sent
            .front()
            .filter(|_| self.sent.len() >= PER_MINUTE)
            .map(|oldest| WINDOW - now.duration_since(*oldest));
        let spaced = self
            .sent
            .back()
            .filter(|_| self.sent.len() >= BURST)
            .map(|last| now.duration_since(*last))
            .filter(|since| *since < SPACING)
            .map(|since| SPACING - since);
        match (full, spaced) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(topic: i32, text: &str) -> Item {
        Item {
            topic: Some(topic),
            text: text.into(),
            joinable: true,
        }
    }

    /// Runs the pacer like the relay does: sends whenever it may, sleeping as told, with
    /// `arrivals` (at a time, an item) queued as their time comes. Returns what was sent
    /// and when.
    fn drive(start: Instant, mut arrivals: Vec<(Duration, Item)>) -> Vec<(Duration, Item)> {
        let mut pacer = Pacer::default();
        let mut now = start;
        let mut sent = Vec::new();
        arrivals.reverse();
        loop {
            while arrivals.last().is_some_and(|(at, _)| start + *at <= now) {
                if let Some((_, item)) = arrivals.pop() {
                    pacer.push(item, now);
                }
            }
            match pacer.next(now) {
                Next::Send(item) => sent.push((now - start, item)),
                Next::Wait(wait) => {
                    let arrival = arrivals.last().map(|(at, _)| start + *at);
                    now = arrival.map_or(now + wait, |a| a.min(now + wait));
                }
                Next::Idle => match arrivals.last() {
                    Some((at, _)) => now = start + *at,
                    None => return sent,
                },
            }
        }
    }

    #[test]
    fn never_more_than_twenty_in_any_minute() {
        let start = Instant::now();
        // 200 messages in forty topics, not joinable (each must go on its own).
        let arrivals = (0..200)
            .map(|i| {
                let mut item = text(i % 40, &format!("m{i}"));
                item.joinable = false;
                (Duration::from_millis(100 * i as u64), item)
            })
            .collect();
        let sent = drive(start, arrivals);
        assert_eq!(sent.len(), 200);
        assert_eq!(most_in_a_minute(&sent), PER_MINUTE);
    }

    /// The most messages sent in any 60 seconds.
    fn most_in_a_minute(sent: &[(Duration, Item)]) -> usize {
        (0..sent.len())
            .map(|i| {
                sent[i..]
                    .iter()
                    .take_while(|(later, _)| *later < sent[i].0 + WINDOW)
                    .count()
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn thirty_messages_in_a_minute_go_joined_in_order_within_the_limit() {
        let start = Instant::now();
        let arrivals: Vec<(Duration, Item)> = (1..=30)
            .map(|i| (Duration::from_secs(2 * i as u64), text(7, &format!("m{i}"))))
            .collect();
        let sent = drive(start, arrivals);
        assert!(most_in_a_minute(&sent) <= PER_MINUTE);
        assert!(sent.len() < 30, "{}", sent.len());
        let all: Vec<String> = sent
            .iter()
            .flat_map(|(_, item)| {
                item.text
                    .split(JOINER)
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .collect();
        let expected: Vec<String> = (1..=30).map(|i| format!("m{i}")).collect();
        assert_eq!(all, expected);
        assert!(sent.iter().any(|(_, item)| item.text.contains(JOINER)));
    }

    #[test]
    fn a_quiet_case_goes_at_once_and_a_busy_one_waits() {
        let now = Instant::now();
        let mut pacer = Pacer::default();
        for i in 0..BURST {
            assert_eq!(pacer.push(text(1, &format!("m{i}")), now), Queued::Now);
            assert!(matches!(pacer.next(now), Next::Send(_)));
        }
        assert_eq!(pacer.push(text(1, "late"), now), Queued::Waits);
        assert_eq!(pacer.next(now), Next::Wait(SPACING));
        assert!(matches!(pacer.next(now + SPACING), Next::Send(i) if i.text == "late"));
    }

    #[test]
    fn messages_of_two_cases_are_never_joined() {
        let now = Instant::now();
        let mut pacer = Pacer::default();
        pacer.push(text(1, "a1"), now);
        pacer.push(text(2, "b1"), now);
        pacer.push(text(1, "a2"), now);
        let Next::Send(first) = pacer.next(now) else {
            panic!("sends");
        };
        assert_eq!(first.text, "a1\n\na2");
        let Next::Send(second) = pacer.next(now) else {
            panic!("sends");
        };
        assert_eq!(second.text, "b1");
        pacer.push(text(3, "c"), now);
        pacer.forget(3);
        assert_eq!(pacer.next(now), Next::Idle);
    }

    #[test]
    fn a_joined_message_stays_within_telegrams_limit() {
        let now = Instant::now();
        let mut pacer = Pacer::default();
        let long = "x".repeat(3000);
        pacer.push(text(1, &long), now);
        pacer.push(text(1, &long), now);
        let Next::Send(first) = pacer.next(now) else {
            panic!("sends");
        };
        assert_eq!(first.text.len(), 3000);
        assert!(matches!(pacer.next(now), Next::Send(_)));
    }

    #[test]
    fn a_flooding_case_delays_another_by_one_message_at_most() {
        // M4 (issue 21): case 1 has a backlog of long texts (none can be joined); case
        // 2's first line comes after it and still goes second.
        let now = Instant::now();
        let mut pacer = Pacer::default();
        let long = "x".repeat(3000);
        for _ in 0..PER_TOPIC {
            pacer.push(text(1, &long), now);
        }
        pacer.push(text(2, "first line"), now);
        let mut order = Vec::new();
        let mut at = now;
        while order.len() < 3 {
            match pacer.next(at) {
                Next::Send(item) => order.push(item.topic),
                Next::Wait(wait) => at += wait,
                Next::Idle => break,
            }
        }
        assert_eq!(order, [Some(1), Some(2), Some(1)]);
    }

    #[test]
    fn a_case_holds_so_many_messages_and_the_first_drop_is_said_once() {
        let now = Instant::now();
        let mut pacer = Pacer::default();
        let long = "x".repeat(3000);
        for _ in 0..PER_TOPIC {
            assert_ne!(
                pacer.push(text(1, &long), now),
                Queued::Dropped { first: true }
            );
        }
        assert_eq!(
            pacer.push(text(1, &long), now),
            Queued::Dropped { first: true }
        );
        assert_eq!(
            pacer.push(text(1, &long), now),
            Queued::Dropped { first: false }
        );
        // Short texts still join the last one while it has room.
        assert_eq!(pacer.push(text(1, "short"), now), Queued::Waits);
        // Another case is not held by it.
        assert_ne!(
            pacer.push(text(2, &long), now),
            Queued::Dropped { first: true }
        );
        assert_eq!(pacer.len(), PER_TOPIC + 1);
        // Once the case's queue has emptied, a later drop is said again.
        let mut at = now;
        while !pacer.is_empty() {
            if let Next::Wait(wait) = pacer.next(at) {
                at += wait;
            }
        }
        for _ in 0..PER_TOPIC {
            pacer.push(text(1, &long), at);
        }
        assert_eq!(
            pacer.push(text(1, &long), at),
            Queued::Dropped { first: true }
        );
    }

    #[test]
    fn memory_follows_what_waits() {
        let now = Instant::now();
        let mut pacer = Pacer::default();
        for topic in 0..100 {
            pacer.push(text(topic, "hello"), now);
        }
        let mut at = now;
        while !pacer.is_empty() {
            if let Next::Wait(wait) = pacer.next(at) {
                at += wait;
            }
        }
        assert!(pacer.topics.is_empty() && pacer.turns.is_empty());
        // The general topic has its own, larger cap.
        for i in 0..GENERAL + 5 {
            let notice = Item {
                topic: None,
                text: format!("n{i}"),
                joinable: false,
            };
            pacer.push(notice, at);
        }
        assert_eq!(pacer.len(), GENERAL);
    }
}

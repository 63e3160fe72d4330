//! Pacing of the bot's messages into the staff group. Telegram lets a bot send about 20
//! messages a minute into one group; past that it answers 429 and the adapter would hold
//! every message back. So the relay queues what goes into the group and sends it when
//! the limit allows: never more than [`PER_MINUTE`] in any 60 seconds, a few at once and
//! then one every [`SPACING`], and when it must wait, the queued messages of one case
//! (in one topic) are joined into one message, in order. Pure: time is an argument.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::Instant;

/// Telegram's limit for one group.
pub const PER_MINUTE: usize = 20;
/// Sent at once before the spacing applies.
pub const BURST: usize = 5;
/// Between two messages once a burst has gone (20 a minute, evenly).
pub const SPACING: Duration = Duration::from_secs(3);
const WINDOW: Duration = Duration::from_secs(60);
/// Telegram's limit on one message.
const MAX_CHARS: usize = crate::model::limits::MAX_MESSAGE_CHARS;
/// Between two joined messages.
const JOINER: &str = "\n\n";

/// A message for the staff group.
#[derive(Clone, PartialEq, Eq)]
pub struct Item {
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

/// What to do next.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    Send(Item),
    /// Nothing may go before this much time has passed.
    Wait(Duration),
    /// The queue is empty.
    Idle,
}

/// The queue and what was sent in the last minute.
#[derive(Debug, Default)]
pub struct Pacer {
    sent: VecDeque<Instant>,
    queue: VecDeque<Item>,
}

impl Pacer {
    /// Queues `item`; returns whether it has to wait (something is queued before it,
    /// or the limit does not allow a message now).
    pub fn push(&mut self, item: Item, now: Instant) -> bool {
        let waits = !self.queue.is_empty() || self.wait(now).is_some();
        self.queue.push_back(item);
        waits
    }

    /// Drops everything queued for `topic` (its case ended).
    pub fn forget(&mut self, topic: i32) {
        self.queue.retain(|i| i.topic != Some(topic));
    }

    /// The next message to send at `now`, counted as sent; or how long to wait.
    pub fn next(&mut self, now: Instant) -> Next {
        if self.queue.is_empty() {
            return Next::Idle;
        }
        if let Some(wait) = self.wait(now) {
            return Next::Wait(wait);
        }
        let Some(mut item) = self.queue.pop_front() else {
            return Next::Idle;
        };
        if item.joinable {
            // Join the case's later queued messages, in order, while they fit.
            let mut index = 0;
            while index < self.queue.len() {
                let other = &self.queue[index];
                if other.joinable && other.topic == item.topic {
                    let length =
                        item.text.chars().count() + JOINER.len() + other.text.chars().count();
                    if length > MAX_CHARS {
                        break;
                    }
                    if let Some(other) = self.queue.remove(index) {
                        item.text.push_str(JOINER);
                        item.text.push_str(&other.text);
                    }
                } else {
                    index += 1;
                }
            }
        }
        self.sent.push_back(now);
        Next::Send(item)
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
        // 200 messages in ten topics, not joinable (each must go on its own).
        let arrivals = (0..200)
            .map(|i| {
                let mut item = text(i % 10, &format!("m{i}"));
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
            assert!(!pacer.push(text(1, &format!("m{i}")), now));
            assert!(matches!(pacer.next(now), Next::Send(_)));
        }
        assert!(pacer.push(text(1, "late"), now));
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
}

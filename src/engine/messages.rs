//! One message per turn: the replies of one answer (a notice, the step's text, its
//! service cards, the buttons) are joined into as few messages as Telegram's length limit
//! allows, usually one.
//!
//! Why: every message is a notification on a lock screen, one more thing for the quick
//! exit to delete, and a share of Telegram's sending limits (about one message a second
//! per chat). The engine renders its parts as separate [`Reply`] blocks because each is
//! made in a different place; this planner decides how they travel, in pure code, so
//! every host (the Telegram adapter, the terminal chat, the golden transcripts) shows
//! the same grouping.
//!
//! The rules:
//! - blocks are joined with a blank line between them; a card keeps its lines together
//!   (no blank line inside it), so each card reads as one block;
//! - a new message starts only when the next block would take the message past
//!   [`MAX_MESSAGE_CHARS`] (counted in UTF-16 code units, as Telegram does), so a cut
//!   never falls inside a card; a single block longer than that is left for the host to
//!   split;
//! - buttons belong to the text above them: a block with buttons ends its message;
//! - a deletion ([`Effect::DeleteInput`], [`Effect::QuickExit`]) is a boundary: what
//!   comes after it (a notice that the message was deleted) is never joined with what
//!   came before; the quick exit's farewell travels inside its effect, alone;
//! - the notice that a deletion could not be done ([`Effect::IfNotDeleted`]) replaces
//!   the message that says it was done, so both get the same rest of the answer joined
//!   to them, and only when both fit in one message; otherwise the notice stays alone;
//! - statistics ([`Effect::Count`]) are not messages: they never separate blocks, and
//!   keep their order among themselves.

use super::{Effect, Reply, ReplyKind};
use crate::model::limits::MAX_MESSAGE_CHARS;

/// Between two blocks of one message.
const SEPARATOR: &str = "\n\n";

/// The effects with the replies of each answer joined into messages (see the module
/// documentation for the rules). Effects other than replies keep their order.
pub fn group(effects: Vec<Effect>) -> Vec<Effect> {
    let mut out = Vec::with_capacity(effects.len());
    let mut run: Vec<Reply> = Vec::new();
    let mut alternative: Option<Reply> = None;
    let mut counts: Vec<Effect> = Vec::new();
    for effect in effects {
        match effect {
            Effect::Reply(reply) => run.push(reply),
            Effect::Count(_) => counts.push(effect),
            Effect::IfNotDeleted(reply) => {
                flush(&mut out, &mut run, alternative.take(), &mut counts);
                alternative = Some(reply);
            }
            Effect::DeleteInput | Effect::QuickExit { .. } | Effect::Handover(_) => {
                flush(&mut out, &mut run, alternative.take(), &mut counts);
                out.push(effect);
            }
        }
    }
    flush(&mut out, &mut run, alternative, &mut counts);
    out
}

/// Emits the replies gathered so far as messages, preceded by the notice that replaces
/// the first of them if a deletion failed, followed by the statistics counted meanwhile.
fn flush(
    out: &mut Vec<Effect>,
    run: &mut Vec<Reply>,
    alternative: Option<Reply>,
    counts: &mut Vec<Effect>,
) {
    let mut blocks = std::mem::take(run);
    if let Some(alternative) = alternative {
        if blocks.is_empty() {
            out.push(Effect::IfNotDeleted(alternative));
        } else {
            let first = blocks.remove(0);
            // How much of the rest of the answer joins the first message, the same
            // whichever of the two notices is sent.
            let joined = if first.buttons.is_empty() && alternative.buttons.is_empty() {
                let limit = MAX_MESSAGE_CHARS
                    .saturating_sub(utf16_units(&first.text).max(utf16_units(&alternative.text)));
                fitting(&blocks, limit)
            } else {
                0
            };
            let rest: Vec<Reply> = blocks.drain(..joined).collect();
            out.push(Effect::IfNotDeleted(join(
                std::iter::once(alternative).chain(rest.iter().cloned()),
            )));
            out.push(Effect::Reply(join(std::iter::once(first).chain(rest))));
        }
    }
    while !blocks.is_empty() {
        let taken = fitting(&blocks, MAX_MESSAGE_CHARS + utf16_units(SEPARATOR)).max(1);
        out.push(Effect::Reply(join(blocks.drain(..taken))));
    }
    out.append(counts);
}

/// How many of the leading `blocks` fit, joined, into `limit` code units (each block
/// costed with a separator before it), stopping after the first block with buttons.
fn fitting(blocks: &[Reply], limit: usize) -> usize {
    let mut used = 0;
    let mut taken = 0;
    for block in blocks {
        let cost = utf16_units(SEPARATOR) + utf16_units(&block.text);
        if used + cost > limit {
            break;
        }
        used += cost;
        taken += 1;
        if !block.buttons.is_empty() {
            break;
        }
    }
    taken
}

/// One message of `blocks`: their texts with a blank line between, the buttons of the
/// last, the kind of the first, protected if any block asked for it.
fn join(blocks: impl IntoIterator<Item = Reply>) -> Reply {
    let mut message = Reply {
        kind: ReplyKind::Notice,
        text: String::new(),
        buttons: Vec::new(),
        protect_content: false,
    };
    for (i, block) in blocks.into_iter().enumerate() {
        if i == 0 {
            // A message is of the kind it begins with.
            message.kind = block.kind;
        }
        if !message.text.is_empty() && !block.text.is_empty() {
            message.text.push_str(SEPARATOR);
        }
        message.text.push_str(&block.text);
        message.protect_content |= block.protect_content;
        if !block.buttons.is_empty() {
            message.buttons = block.buttons;
        }
    }
    message
}

/// How long a text is for Telegram, which counts its limits in UTF-16 code units (the
/// stricter reading of "characters"): the one counter of the engine and the adapter.
pub fn utf16_units(text: &str) -> usize {
    // Counted on the bytes, eight at a time: every character but a four-byte one is one
    // unit, and has exactly one byte that is not a continuation byte (0b10xx_xxxx); a
    // four-byte one (lead byte 0b1111_0xxx) is two. Replies are long (service cards)
    // and measured again for every way of joining them.
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut units = 0usize;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // Bit 7 of a lane: set for a continuation byte (bit 7 set, bit 6 clear) ...
        let continuation = x & !(x << 1) & HIGH;
        // ... and for a four-byte lead (bits 7 to 4 set).
        let four = x & (x << 1) & (x << 2) & (x << 3) & HIGH;
        units += 8 - continuation.count_ones() as usize + four.count_ones() as usize;
    }
    for &b in chunks.remainder() {
        units += usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0);
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Button, Stat};

    fn block(kind: ReplyKind, text: &str) -> Reply {
        Reply {
            kind,
            text: text.to_string(),
            buttons: Vec::new(),
            protect_content: false,
        }
    }

    fn with_buttons(mut reply: Reply, data: &str) -> Reply {
        reply.buttons = vec![vec![Button {
            label: "go".into(),
            data: data.into(),
        }]];
        reply
    }

    fn count(step: &str) -> Effect {
        Effect::Count(Stat::Step {
            flow: "main".into(),
            step: step.into(),
        })
    }

    fn texts(effects: &[Effect]) -> Vec<String> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Reply(r) => Some(format!("reply:{}", r.text)),
                Effect::IfNotDeleted(r) => Some(format!("else:{}", r.text)),
                Effect::DeleteInput => Some("delete-input".into()),
                Effect::QuickExit { farewell, partial } => Some(format!(
                    "delete-all, then:{} else:{}",
                    farewell.text, partial.text
                )),
                Effect::Count(_) => None,
                Effect::Handover(_) => Some("handover".into()),
            })
            .collect()
    }

    #[test]
    fn utf16_units_counts_as_telegram_does() {
        for text in [
            "",
            "abc",
            "åäö",
            "мене б'ють",
            "عمري ١٥",
            "🆘 help",
            "a\u{10FFFF}é",
        ] {
            let expected: usize = text.chars().map(char::len_utf16).sum();
            assert_eq!(utf16_units(text), expected, "{text}");
        }
    }

    #[test]
    fn a_step_its_cards_and_buttons_become_one_message() {
        let effects = vec![
            Effect::Reply(block(ReplyKind::Notice, "slow")),
            Effect::Reply(block(ReplyKind::Step, "text")),
            count("a"),
            Effect::Reply(block(ReplyKind::Signpost, "Card one\nPhone: 1")),
            Effect::Reply(with_buttons(
                block(ReplyKind::Signpost, "Card two\nPhone: 2"),
                "x",
            )),
            count("b"),
        ];
        let grouped = group(effects);
        assert_eq!(
            texts(&grouped),
            ["reply:slow\n\ntext\n\nCard one\nPhone: 1\n\nCard two\nPhone: 2"]
        );
        let Effect::Reply(message) = &grouped[0] else {
            panic!("not a reply: {grouped:?}");
        };
        assert_eq!(message.kind, ReplyKind::Notice);
        assert_eq!(message.buttons[0][0].data, "x");
        // The statistics are kept, in order, after the message.
        assert_eq!(grouped[1..], [count("a"), count("b")]);
    }

    #[test]
    fn a_protected_block_protects_its_whole_message() {
        let mut card = block(ReplyKind::Signpost, "card");
        card.protect_content = true;
        let grouped = group(vec![
            Effect::Reply(block(ReplyKind::Step, "text")),
            Effect::Reply(card),
        ]);
        assert!(matches!(&grouped[..], [Effect::Reply(r)] if r.protect_content));
    }

    #[test]
    fn a_long_answer_is_cut_between_cards_never_inside_one() {
        let card = |n: usize| block(ReplyKind::Signpost, &format!("{n}{}", "é".repeat(1499)));
        let mut effects = vec![Effect::Reply(block(ReplyKind::Step, "intro"))];
        effects.extend((0..5).map(|n| Effect::Reply(card(n))));
        if let Some(Effect::Reply(last)) = effects.last_mut() {
            *last = with_buttons(last.clone(), "b");
        }
        let grouped = group(effects);
        let messages: Vec<&Reply> = grouped
            .iter()
            .filter_map(|e| match e {
                Effect::Reply(r) => Some(r),
                _ => None,
            })
            .collect();
        // intro + two cards fit (5 + 2 + 1500 + 2 + 1500 = 3009); a third would not.
        assert_eq!(messages.len(), 3);
        assert!(messages[0].text.starts_with("intro\n\n0"));
        assert!(messages[1].text.starts_with('2'));
        assert!(messages[2].text.starts_with('4'));
        for (i, m) in messages.iter().enumerate() {
            assert!(utf16_units(&m.text) <= MAX_MESSAGE_CHARS);
            // Every card whole: each part after a separator is a whole card.
            for part in m.text.split(SEPARATOR).filter(|p| *p != "intro") {
                assert_eq!(part.chars().count(), 1500, "message {i}");
            }
            // The buttons stay under the last message only.
            assert_eq!(m.buttons.is_empty(), i < 2);
        }
    }

    #[test]
    fn an_answer_of_exactly_the_limit_is_one_message() {
        let a = "a".repeat(2000);
        let b = "b".repeat(MAX_MESSAGE_CHARS - 2000 - 2);
        let grouped = group(vec![
            Effect::Reply(block(ReplyKind::Step, &a)),
            Effect::Reply(block(ReplyKind::Signpost, &b)),
        ]);
        assert_eq!(grouped.len(), 1);
        let grouped = group(vec![
            Effect::Reply(block(ReplyKind::Step, &a)),
            Effect::Reply(block(ReplyKind::Signpost, &format!("{b}b"))),
        ]);
        assert_eq!(grouped.len(), 2);
    }

    #[test]
    fn a_block_with_buttons_ends_its_message() {
        let grouped = group(vec![
            Effect::Reply(with_buttons(block(ReplyKind::Notice, "languages"), "l")),
            Effect::Reply(block(ReplyKind::Notice, "after")),
        ]);
        assert_eq!(texts(&grouped), ["reply:languages", "reply:after"]);
    }

    #[test]
    fn the_quick_exit_farewell_stays_apart_from_what_came_before() {
        let grouped = group(vec![
            Effect::Reply(block(ReplyKind::Notice, "before")),
            Effect::QuickExit {
                farewell: block(ReplyKind::Notice, "done"),
                partial: block(ReplyKind::Notice, "partly"),
            },
            Effect::Reply(block(ReplyKind::Notice, "after")),
        ]);
        assert_eq!(
            texts(&grouped),
            [
                "reply:before",
                "delete-all, then:done else:partly",
                "reply:after"
            ]
        );
    }

    #[test]
    fn a_deletion_notice_and_its_alternative_take_the_same_rest_of_the_answer() {
        let grouped = group(vec![
            Effect::DeleteInput,
            Effect::IfNotDeleted(block(ReplyKind::Notice, "kept")),
            Effect::Reply(block(ReplyKind::Notice, "deleted")),
            Effect::Reply(with_buttons(block(ReplyKind::Step, "step"), "s")),
        ]);
        assert_eq!(
            texts(&grouped),
            ["delete-input", "else:kept\n\nstep", "reply:deleted\n\nstep"]
        );
        for effect in &grouped[1..] {
            let (Effect::IfNotDeleted(r) | Effect::Reply(r)) = effect else {
                panic!("not a message: {effect:?}");
            };
            assert_eq!(r.buttons[0][0].data, "s");
        }
    }

    #[test]
    fn a_deletion_notice_stays_alone_when_the_rest_would_not_fit_with_either() {
        let long = "x".repeat(MAX_MESSAGE_CHARS - 10);
        let grouped = group(vec![
            Effect::DeleteInput,
            Effect::IfNotDeleted(block(ReplyKind::Notice, "the message could not be deleted")),
            Effect::Reply(block(ReplyKind::Notice, "deleted")),
            Effect::Reply(block(ReplyKind::Step, &long)),
        ]);
        assert_eq!(grouped.len(), 4);
        assert!(matches!(&grouped[1], Effect::IfNotDeleted(r) if r.text.starts_with("the")));
        assert!(matches!(&grouped[2], Effect::Reply(r) if r.text == "deleted"));
        assert!(matches!(&grouped[3], Effect::Reply(r) if r.text == long));
    }

    #[test]
    fn an_alternative_with_nothing_after_it_is_kept() {
        let grouped = group(vec![
            Effect::DeleteInput,
            Effect::IfNotDeleted(block(ReplyKind::Notice, "kept")),
        ]);
        assert_eq!(texts(&grouped), ["delete-input", "else:kept"]);
    }
}

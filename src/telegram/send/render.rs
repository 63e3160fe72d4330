//! Turns the engine's replies into Telegram messages: HTML parse mode with `&`, `<` and
//! `>` escaped (the engine's texts are plain), texts longer than Telegram's limit split at
//! a paragraph, line or word boundary, and the buttons as an inline keyboard under the
//! last part.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::engine::{Button, Reply, utf16_units};
use crate::model::limits::{MAX_BUTTON_DATA_BYTES, MAX_MESSAGE_CHARS};

/// One message to send.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outgoing {
    /// Escaped for HTML parse mode.
    pub html: String,
    pub keyboard: Option<InlineKeyboardMarkup>,
    pub protect_content: bool,
}

/// The messages that carry one reply, in order; none if the reply has no visible text.
pub(crate) fn render(reply: &Reply) -> Vec<Outgoing> {
    let parts = split(&reply.text, MAX_MESSAGE_CHARS);
    let last = parts.len().saturating_sub(1);
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| Outgoing {
            html: escape_html(part),
            keyboard: if i == last {
                keyboard(&reply.buttons)
            } else {
                None
            },
            protect_content: reply.protect_content,
        })
        .collect()
}

/// Escapes text for Telegram's HTML parse mode, which needs exactly these three.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Splits `text` into parts of at most `max` UTF-16 code units, preferring to cut at a
/// blank line, then a line break, then a space; parts are trimmed and empty ones dropped.
pub(crate) fn split(text: &str, max: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        if utf16_units(rest) <= max {
            parts.push(rest);
            break;
        }
        // The longest prefix that fits, ending on a character boundary.
        let mut fit = 0;
        let mut count = 0;
        for (i, c) in rest.char_indices() {
            if count + c.len_utf16() > max {
                break;
            }
            count += c.len_utf16();
            fit = i + c.len_utf8();
        }
        let window = &rest[..fit];
        // A cut in the first half would leave a short part; only then cut mid-word.
        let half = fit / 2;
        let cut = ["\n\n", "\n", " "]
            .iter()
            .find_map(|sep| window.rfind(sep).filter(|&at| at > half))
            .unwrap_or(fit);
        let cut = if cut == 0 { fit.max(1) } else { cut };
        let (head, tail) = rest.split_at(cut);
        let head = head.trim_end();
        if !head.is_empty() {
            parts.push(head);
        }
        rest = tail.trim_start();
    }
    parts
}

/// The inline keyboard for the engine's buttons. A button whose data Telegram would
/// refuse is left out rather than losing the whole message; `signpost check` and the
/// engine keep that from happening.
pub(crate) fn keyboard(rows: &[Vec<Button>]) -> Option<InlineKeyboardMarkup> {
    let rows: Vec<Vec<InlineKeyboardButton>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .filter(|b| {
                    let fits = !b.data.is_empty() && b.data.len() <= MAX_BUTTON_DATA_BYTES;
                    if !fits {
                        tracing::warn!("a button with unusable data was left out");
                    }
                    fits && !b.label.trim().is_empty()
                })
                .map(|b| InlineKeyboardButton::callback(b.label.clone(), b.data.clone()))
                .collect::<Vec<_>>()
        })
        .filter(|row| !row.is_empty())
        .collect();
    (!rows.is_empty()).then(|| InlineKeyboardMarkup::new(rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ReplyKind;

    fn reply(text: &str, buttons: Vec<Vec<Button>>) -> Reply {
        Reply {
            kind: ReplyKind::Step,
            text: text.to_string(),
            buttons,
            protect_content: true,
        }
    }

    fn button(label: &str, data: &str) -> Button {
        Button {
            label: label.to_string(),
            data: data.to_string(),
        }
    }

    #[test]
    fn escapes_exactly_the_three_html_characters() {
        assert_eq!(
            escape_html("a < b && c > d \"e\" 'f'"),
            "a &lt; b &amp;&amp; c &gt; d \"e\" 'f'"
        );
    }

    #[test]
    fn a_short_reply_is_one_message_with_its_buttons() {
        let out = render(&reply("Hej <3", vec![vec![button("Ja", "a:1")]]));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].html, "Hej &lt;3");
        assert!(out[0].protect_content);
        let keyboard = out[0].keyboard.as_ref().map(|k| k.inline_keyboard.len());
        assert_eq!(keyboard, Some(1));
    }

    #[test]
    fn long_texts_split_at_paragraphs_and_buttons_go_last() {
        let paragraph = "word ".repeat(500);
        let text = format!("{paragraph}\n\n{paragraph}\n\n{paragraph}");
        let out = render(&reply(&text, vec![vec![button("Ok", "x")]]));
        assert!(out.len() >= 2);
        for part in &out {
            assert!(utf16_units(&part.html) <= MAX_MESSAGE_CHARS);
        }
        assert!(out[..out.len() - 1].iter().all(|o| o.keyboard.is_none()));
        assert!(out[out.len() - 1].keyboard.is_some());
        let joined: String = out.iter().map(|o| o.html.replace(' ', "")).collect();
        assert_eq!(joined, text.replace([' ', '\n'], ""));
    }

    #[test]
    fn splitting_counts_utf16_units_and_never_cuts_a_character() {
        let text = "🙂".repeat(3000);
        let parts = split(&text, MAX_MESSAGE_CHARS);
        assert_eq!(parts.len(), 2);
        assert_eq!(utf16_units(parts[0]), 4096);
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn splitting_without_spaces_cuts_mid_word() {
        let text = "x".repeat(10_000);
        let parts = split(&text, 4096);
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [4096, 4096, 1808]
        );
    }

    #[test]
    fn blank_text_sends_nothing() {
        assert!(render(&reply("  \n ", vec![])).is_empty());
    }

    #[test]
    fn buttons_with_oversized_or_empty_data_are_left_out() {
        let long = "d".repeat(65);
        let k = keyboard(&[
            vec![button("A", &long), button("B", "b")],
            vec![button("C", "")],
        ]);
        let k = k.map(|k| k.inline_keyboard);
        assert_eq!(k.as_ref().map(Vec::len), Some(1));
        assert_eq!(k.as_ref().map(|rows| rows[0].len()), Some(1));
    }
}

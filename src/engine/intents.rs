//! Understanding what a person typed before the flow sees it: commands (`/exit`) and the
//! keywords of the global intents, in every language at once.

use crate::model::{Intent, IntentRule, KeywordMatch};

/// A parsed command: its intent (or `None` if unknown) and its argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command<'a> {
    pub intent: Option<Intent>,
    pub argument: Option<&'a str>,
}

/// Parses `/name`, `/name@bot` and `/name argument`; `None` if `text` is not a command.
pub fn parse_command(text: &str) -> Option<Command<'_>> {
    let rest = text.trim().strip_prefix('/')?;
    let (head, argument) = match rest.split_once(char::is_whitespace) {
        Some((head, arg)) => (head, Some(arg.trim()).filter(|a| !a.is_empty())),
        None => (rest, None),
    };
    let name = head.split('@').next().unwrap_or(head).to_lowercase();
    let intent = Intent::ALL.into_iter().find(|i| i.command() == name).or(
        // `/restart` and `/menu` are what people try; `/start` is Telegram's own.
        match name.as_str() {
            "restart" | "menu" => Some(Intent::Restart),
            "stop" | "quit" => Some(Intent::Exit),
            _ => None,
        },
    );
    Some(Command { intent, argument })
}

/// Lower-cased words of `text`, with invisible formatting characters (zero-width and
/// bidi controls) removed first so they cannot hide a keyword or fake one.
pub fn words(text: &str) -> Vec<String> {
    let mut words = Words::default();
    words.split(text);
    words.iter().map(str::to_string).collect()
}

/// The words of one message, in one buffer: splitting a message this way costs two
/// allocations however many words it has.
#[derive(Default)]
struct Words {
    /// The letters and digits of every word, lower-cased, one word after the other.
    buf: String,
    /// Where each word starts and ends in `buf`.
    bounds: Vec<(usize, usize)>,
}

impl Words {
    /// Splits `text` as [`words`] does: invisible characters removed, lower-cased, cut at
    /// every character that is neither a letter nor a digit, empty pieces dropped.
    fn split(&mut self, text: &str) {
        self.buf.clear();
        self.bounds.clear();
        // Lower-casing rarely makes a text longer; this spares most regrowth.
        self.buf.reserve(text.len());
        let mut start = None;
        for c in text.chars() {
            if c.is_ascii() {
                // The same as the general case below, without the Unicode tables (no
                // ASCII character is invisible; ASCII lower-cases to one character).
                self.add(
                    c.to_ascii_lowercase(),
                    c.is_ascii_alphanumeric(),
                    &mut start,
                );
            } else if !is_invisible(c) {
                for lower in c.to_lowercase() {
                    self.add(lower, lower.is_alphanumeric(), &mut start);
                }
            }
        }
        if let Some(s) = start {
            self.bounds.push((s, self.buf.len()));
        }
    }

    /// Adds one cleaned character: a letter or digit to the current word, anything else
    /// ends it.
    fn add(&mut self, c: char, alphanumeric: bool, start: &mut Option<usize>) {
        if alphanumeric {
            start.get_or_insert(self.buf.len());
            self.buf.push(c);
        } else if let Some(s) = start.take() {
            self.bounds.push((s, self.buf.len()));
        }
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        self.bounds
            .iter()
            .map(|&(start, end)| &self.buf[start..end])
    }
}

/// Whether `words` from `at` on begin with `keyword`'s words.
fn starts_with_at(words: &[&str], at: usize, keyword: &[String]) -> bool {
    words
        .get(at..at + keyword.len())
        .is_some_and(|w| w.iter().zip(keyword).all(|(w, k)| *w == k))
}

/// Zero-width and direction characters, and the soft hyphen: they change nothing a reader
/// sees in a word or a number.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

impl IntentRule {
    /// A rule with its keywords split into words once, as [`Message`] splits a
    /// message, so that matching compares words and does nothing else per keyword.
    pub fn new(intent: Intent, matching: KeywordMatch, keywords: Vec<String>) -> Self {
        let keyword_words = keywords.iter().map(|k| words(k)).collect();
        IntentRule {
            intent,
            matching,
            keywords,
            keyword_words,
        }
    }
}

/// A message split into words once, to be matched against several sets of rules.
pub struct Message {
    words: Words,
}

impl Message {
    /// Splits `text` as [`words`] does.
    pub fn new(text: &str) -> Self {
        let mut words = Words::default();
        words.split(text);
        Message { words }
    }

    /// The first intent among `among` whose keyword the message contains, in the rules'
    /// order.
    pub fn intent(&self, rules: &[IntentRule], among: &[Intent]) -> Option<Intent> {
        let words: Vec<&str> = self.words.iter().collect();
        if words.is_empty() {
            return None;
        }
        rules
            .iter()
            .filter(|rule| among.contains(&rule.intent))
            .find(|rule| {
                rule.keyword_words.iter().any(|keyword_words| {
                    if keyword_words.is_empty() {
                        return false;
                    }
                    match rule.matching {
                        KeywordMatch::Whole => {
                            words.len() == keyword_words.len()
                                && starts_with_at(&words, 0, keyword_words)
                        }
                        KeywordMatch::Word => {
                            (0..words.len()).any(|at| starts_with_at(&words, at, keyword_words))
                        }
                    }
                })
            })
            .map(|rule| rule.intent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn match_intent(rules: &[IntentRule], text: &str) -> Option<Intent> {
        Message::new(text).intent(rules, &Intent::ALL)
    }

    fn rules() -> Vec<IntentRule> {
        vec![
            IntentRule::new(
                Intent::Emergency,
                KeywordMatch::Word,
                vec!["112".into(), "police".into(), "polis".into()],
            ),
            IntentRule::new(
                Intent::Exit,
                KeywordMatch::Whole,
                vec!["exit".into(), "avsluta".into()],
            ),
            IntentRule::new(
                Intent::Help,
                KeywordMatch::Word,
                vec!["hjälp".into(), "help me".into()],
            ),
        ]
    }

    #[test]
    fn matches_keywords() {
        let r = rules();
        assert_eq!(
            match_intent(&r, "I need the POLICE!"),
            Some(Intent::Emergency)
        );
        assert_eq!(match_intent(&r, "ring 112"), Some(Intent::Emergency));
        assert_eq!(match_intent(&r, "Exit."), Some(Intent::Exit));
        assert_eq!(match_intent(&r, "  avsluta "), Some(Intent::Exit));
        assert_eq!(match_intent(&r, "how do I exit this life"), None);
        assert_eq!(match_intent(&r, "jag behöver hjälp"), Some(Intent::Help));
        assert_eq!(match_intent(&r, "please help me now"), Some(Intent::Help));
        assert_eq!(match_intent(&r, "policeman"), None);
        assert_eq!(match_intent(&r, "1120"), None);
        assert_eq!(match_intent(&r, ""), None);
    }

    #[test]
    fn invisible_characters_neither_hide_nor_fake_keywords() {
        let r = rules();
        assert_eq!(match_intent(&r, "po\u{200B}lice"), Some(Intent::Emergency));
        assert_eq!(match_intent(&r, "\u{202E}tixe"), None);
        assert_eq!(match_intent(&r, "e\u{2066}xit"), Some(Intent::Exit));
    }

    #[test]
    fn parses_commands() {
        assert_eq!(
            parse_command("/start buyer_sv"),
            Some(Command {
                intent: Some(Intent::Restart),
                argument: Some("buyer_sv")
            })
        );
        assert_eq!(
            parse_command("/EXIT@signpost_bot"),
            Some(Command {
                intent: Some(Intent::Exit),
                argument: None
            })
        );
        assert_eq!(
            parse_command("/sos").and_then(|c| c.intent),
            Some(Intent::Emergency)
        );
        assert_eq!(parse_command("/nonsense").map(|c| c.intent), Some(None));
        assert_eq!(parse_command("hello /exit"), None);
        assert_eq!(
            parse_command("/"),
            Some(Command {
                intent: None,
                argument: None
            })
        );
    }
}

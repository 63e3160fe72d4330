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
    let cleaned: String = text
        .chars()
        .filter(|c| !is_invisible(*c))
        .flat_map(char::to_lowercase)
        .collect();
    cleaned
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

/// The first intent whose keyword `text` contains, in the rules' order.
pub fn match_intent(rules: &[IntentRule], text: &str) -> Option<Intent> {
    let text_words = words(text);
    if text_words.is_empty() {
        return None;
    }
    rules
        .iter()
        .find(|rule| {
            rule.keywords.iter().any(|keyword| {
                let keyword_words = words(keyword);
                if keyword_words.is_empty() {
                    return false;
                }
                match rule.matching {
                    KeywordMatch::Whole => text_words == keyword_words,
                    KeywordMatch::Word => text_words
                        .windows(keyword_words.len())
                        .any(|w| w == keyword_words.as_slice()),
                }
            })
        })
        .map(|rule| rule.intent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Vec<IntentRule> {
        vec![
            IntentRule {
                intent: Intent::Emergency,
                matching: KeywordMatch::Word,
                keywords: vec!["112".into(), "police".into(), "polis".into()],
            },
            IntentRule {
                intent: Intent::Exit,
                matching: KeywordMatch::Whole,
                keywords: vec!["exit".into(), "avsluta".into()],
            },
            IntentRule {
                intent: Intent::Help,
                matching: KeywordMatch::Word,
                keywords: vec!["hjälp".into(), "help me".into()],
            },
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

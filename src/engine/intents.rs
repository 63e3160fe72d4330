//! Understanding what a person typed before the flow sees it: commands (`/exit`), the
//! keywords of the global intents in every language at once, the words of the routes
//! and an age given in words ("I am 15").
//!
//! A message is split and folded once ([`Message::new`]) by the rule of
//! [`words`](crate::words) (lower case, no diacritics, no invisible characters), the
//! rule the set's keywords and route words were folded by when it was built, so
//! matching compares words and nothing else.

use crate::model::{
    AgeRule, Intent, IntentRule, KeywordMatch, Matcher, Phrase, Phrases, TextRoute,
};
use crate::words::Words;

/// A parsed command: its intent (or `None` if unknown) and its argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Command<'a> {
    pub intent: Option<Intent>,
    pub argument: Option<&'a str>,
}

/// Parses `/name`, `/name@bot` and `/name argument`; `None` if `text` is not a command.
pub(super) fn parse_command(text: &str) -> Option<Command<'_>> {
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

/// A message split into words once, to be matched against several sets of rules.
pub struct Message {
    words: Words,
}

impl Message {
    /// Splits `text` as [`words`](crate::words::words) does.
    pub fn new(text: &str) -> Self {
        let mut words = Words::default();
        words.split(text);
        Message { words }
    }

    /// The message's words, as split.
    pub(crate) fn words(&self) -> &Words {
        &self.words
    }

    /// Whether `phrase`'s words stand in the message from word `at` on.
    fn phrase_at(&self, at: usize, phrase: &Phrase) -> bool {
        phrase.parts.iter().enumerate().all(|(i, part)| {
            self.words
                .get(at + i)
                .is_some_and(|word| part.matches(word))
        })
    }

    /// Whether the message has the letter `phrase` starts with where the phrase needs
    /// it: first in a word, or anywhere in a word for a joined (`*word`) phrase.
    fn may_hold(&self, phrase: &Phrase) -> bool {
        let joined = phrase.parts.first().is_some_and(|p| p.joined);
        let letters = if joined {
            self.words.letters
        } else {
            self.words.firsts
        };
        letters & phrase.first_letter != 0
            && (phrase.first_pair == u64::MAX || self.words.pairs & phrase.first_pair != 0)
    }

    /// Whether the message holds `phrase` anywhere, as whole words.
    pub fn contains(&self, phrase: &Phrase) -> bool {
        self.may_hold(phrase)
            && self.words.len() >= phrase.parts.len()
            && (0..=self.words.len() - phrase.parts.len()).any(|at| self.phrase_at(at, phrase))
    }

    /// Whether the message is nothing but `phrase`.
    pub fn is(&self, phrase: &Phrase) -> bool {
        self.may_hold(phrase) && self.words.len() == phrase.parts.len() && self.phrase_at(0, phrase)
    }

    /// Whether the message may hold one of `phrases`: whether it has a letter one of
    /// them starts with where that phrase needs it.
    fn may_hold_any(&self, phrases: &Phrases) -> bool {
        self.words.firsts & phrases.firsts != 0 || self.words.letters & phrases.joined != 0
    }

    /// Whether the message holds any of `phrases`.
    pub fn contains_any(&self, phrases: &Phrases) -> bool {
        self.may_hold_any(phrases) && phrases.list.iter().any(|p| self.contains(p))
    }

    /// The keywords of `rule` the message holds, as indices into `rule.keywords`.
    pub fn hits<'r>(&'r self, rule: &'r IntentRule) -> impl Iterator<Item = usize> + 'r {
        let phrases: &[Phrase] = if self.may_hold_any(&rule.phrases) {
            &rule.phrases.list
        } else {
            &[]
        };
        phrases
            .iter()
            .enumerate()
            .filter(move |(_, phrase)| match rule.matching {
                KeywordMatch::Whole => self.is(phrase),
                KeywordMatch::Word => self.contains(phrase),
            })
            .map(|(i, _)| i)
    }

    /// The first intent among `among` whose keyword the message contains, in the rules'
    /// order.
    pub fn intent(&self, rules: &[IntentRule], among: &[Intent]) -> Option<Intent> {
        if self.words.len() == 0 {
            return None;
        }
        rules
            .iter()
            .filter(|rule| among.contains(&rule.intent))
            .find(|rule| self.hits(rule).next().is_some())
            .map(|rule| rule.intent)
    }

    /// The age the message gives, if it is under `rule.under`: a number next to an
    /// age word ("jag är 15", "15 år", "15år", "мені 15", "عمري 15").
    pub fn young_age(&self, rule: &AgeRule) -> Option<u32> {
        let young = |digits: &str| {
            (digits.len() <= 2)
                .then(|| digits.parse::<u32>().ok())
                .flatten()
                .filter(|n| (MIN_AGE..rule.under).contains(n))
        };
        // A school year next to a number ("i 9 klass", "clasa a 8a", "grade 7"): a child.
        for (at, word) in self.words.iter().enumerate() {
            let digits_end = word
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(word.len());
            let year = (1..=2)
                .contains(&digits_end)
                .then(|| word[..digits_end].parse::<u32>().ok())
                .flatten()
                .filter(|n| (1..=SCHOOL_YEARS).contains(n));
            if year.is_some() {
                let near = at.saturating_sub(2)..=at + 2;
                if near
                    .into_iter()
                    .any(|i| rule.school.iter().any(|p| i != at && self.phrase_at(i, p)))
                {
                    return Some(MIN_AGE.max(6 + year.unwrap_or(0)));
                }
            }
        }
        // A message that opens with "under 18" ("sub 18" in Romanian): the writer is
        // younger than the limit, whatever comes after ("under 18 and my stepdad ...").
        if matches!(self.words.get(0), Some("under" | "sub"))
            && self.words.get(1) == Some(rule.under.to_string().as_str())
        {
            return Some(rule.under - 1);
        }
        for (at, word) in self.words.iter().enumerate() {
            let digits_end = word
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(word.len());
            if digits_end == 0 {
                continue;
            }
            let Some(age) = young(&word[..digits_end]) else {
                continue;
            };
            let suffix = &word[digits_end..];
            // A message that opens with an age ("16 bast ...", "17f, ...", "15yo and
            // ..."): the number first, with an `opening` word after it or written onto
            // it. Further into a message such a number is more often someone else's age
            // ("my daughter is 15 years old", "a 13 year old girl").
            let opening = at == 0
                && if suffix.is_empty() {
                    rule.opening.iter().any(|p| self.phrase_at(at + 1, p))
                } else {
                    rule.opening
                        .iter()
                        .any(|p| matches!(p.parts.as_slice(), [part] if part.matches(suffix)))
                };
            // "är 17 o ...": the number second, after a word that says "I am" alone.
            let after_self = at == 1
                && rule
                    .first
                    .iter()
                    .any(|p| p.parts.len() == 1 && self.phrase_at(0, p));
            if opening || after_self {
                return Some(age);
            }
            let found = if suffix.is_empty() {
                rule.before
                    .iter()
                    .any(|p| at >= p.parts.len() && self.phrase_at(at - p.parts.len(), p))
                    || rule.after.iter().any(|p| self.phrase_at(at + 1, p))
            } else {
                // "15år", "15yo": the age word written onto the number.
                rule.after
                    .iter()
                    .any(|p| matches!(p.parts.as_slice(), [part] if part.matches(suffix)))
            };
            if found {
                return Some(age);
            }
        }
        None
    }
}

impl TextRoute {
    /// Whether the route takes `text` (split once into `message`).
    pub fn matches(&self, text: &str, message: &Message) -> bool {
        match &self.matcher {
            Matcher::Words(phrases) => message.contains_any(phrases),
            Matcher::Pattern(regex) => regex.is_match(text),
            Matcher::Examples => false,
        }
    }

    /// [`TextRoute::matches`] for a text not yet split (checks and tests).
    pub fn matches_text(&self, text: &str) -> bool {
        self.matches(text, &Message::new(text))
    }
}

/// The school years of a child: a number up to this next to a school word is a child's
/// year at school.
const SCHOOL_YEARS: u32 = 9;

/// Below this a number next to an age word is more likely something else ("I am 2
/// minutes away" aside, "am 2 copii": I have 2 children).
const MIN_AGE: u32 = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;

    fn match_intent(rules: &[IntentRule], text: &str) -> Option<Intent> {
        Message::new(text).intent(rules, &Intent::ALL)
    }

    fn rules() -> Vec<IntentRule> {
        vec![
            IntentRule::new(
                Intent::Emergency,
                KeywordMatch::Word,
                vec!["112".into(), "police".into(), "polis".into()],
                vec![],
            ),
            IntentRule::new(
                Intent::Exit,
                KeywordMatch::Whole,
                vec!["exit".into(), "avsluta".into()],
                vec![],
            ),
            IntentRule::new(
                Intent::Help,
                KeywordMatch::Word,
                vec!["hjälp".into(), "help me".into()],
                vec![],
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
    fn folding_ignores_case_and_diacritics() {
        assert_eq!(
            words("Mi-e FRICĂ, mă bate!"),
            ["mi", "e", "frica", "ma", "bate"]
        );
        assert_eq!(words("Jag är RÄDD"), ["jag", "ar", "radd"]);
        assert_eq!(words("أُريد الشُّرطة"), ["اريد", "الشرطه"]);
        assert_eq!(words("Ещё"), ["еще"]);
        // A combining accent typed separately vanishes as the precomposed one does.
        assert_eq!(words("frica\u{0306}"), words("frică"));
    }

    #[test]
    fn phrases_match_whole_words_stems_and_joined_words() {
        let m = Message::new("Jag har jobbat med sexarbete, prostitution i två år");
        assert!(m.contains(&Phrase::parse("sexarbete")));
        assert!(m.contains(&Phrase::parse("prostitu*")));
        assert!(m.contains(&Phrase::parse("två år")));
        assert!(!m.contains(&Phrase::parse("jobb")));
        assert!(m.contains(&Phrase::parse("jobb*")));
        assert!(!m.contains(&Phrase::parse("arbete")));
        assert!(m.contains(&Phrase::parse("*arbete")));
        assert!(Message::new("والشرطة").contains(&Phrase::parse("*شرطه")));
        assert!(!m.contains(&Phrase::parse("")));
        assert!(!m.contains(&Phrase::parse("*")));
    }

    #[test]
    fn ages_under_the_limit_next_to_an_age_word() {
        let rule = AgeRule {
            flow: crate::model::FlowIdx::new(0),
            under: 18,
            before: ["i am", "i m", "im", "jag ar", "am", "мені", "мне", "عمري"]
                .map(Phrase::parse)
                .to_vec(),
            after: ["år", "ani", "years", "yo", "років", "лет", "سنه"]
                .map(Phrase::parse)
                .to_vec(),
            examples: Vec::new(),
            opening: ["bast", "yo", "f"].map(Phrase::parse).to_vec(),
            first: ["är"].map(Phrase::parse).to_vec(),
            school: ["klass*", "grade", "клас*"].map(Phrase::parse).to_vec(),
        };
        let age = |t: &str| Message::new(t).young_age(&rule);
        assert_eq!(age("I am 15"), Some(15));
        assert_eq!(age("i'm 14 and scared"), Some(14));
        assert_eq!(age("jag är 16 år och säljer sex"), Some(16));
        assert_eq!(age("am 14 ani"), Some(14));
        assert_eq!(age("мені 15"), Some(15));
        assert_eq!(age("عمري 15"), Some(15));
        assert_eq!(age("hon är 15år"), Some(15));
        assert_eq!(age("I am 18"), None);
        assert_eq!(age("I am 25 years old"), None);
        assert_eq!(age("15"), None);
        assert_eq!(age("room 15"), None);
        assert_eq!(age("I am 150"), None);
        assert_eq!(age("16 bast o har träffat män"), Some(16));
        assert_eq!(age("17f, a man offers me money"), Some(17));
        assert_eq!(age("15yo and scared"), Some(15));
        assert_eq!(age("my daughter is 15 and scared"), None);
        assert_eq!(age("är 17 o rädd"), Some(17));
        assert_eq!(age("hon är 17"), None);
        assert_eq!(age("jag går i 8 klass"), Some(14));
        assert_eq!(age("я в 9 классе"), Some(15));
        assert_eq!(age("room 9 in the hotel"), None);
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

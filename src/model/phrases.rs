//! The constructors of the keyword and route-word types, built on the word rule of
//! [`words`](crate::words) (folded once, when `load` builds the set, as a message is
//! folded once per input), so that matching compares words and nothing else. `load`
//! calls them without reaching into the engine.

use super::{Intent, IntentRule, KeywordMatch, Phrase, Phrases, WordPart};
use crate::words::{letter_bit, pair_bit, words};

impl Phrase {
    /// A keyword or route word as written: words, the last maybe with a trailing `*`
    /// (a stem: "prostitu*"), the first maybe with a leading `*` (joined to what comes
    /// before it in the same word). Folded like a message.
    pub fn parse(written: &str) -> Phrase {
        let trimmed = written.trim();
        let joined = trimmed.starts_with('*');
        let stem = trimmed.len() > 1 && trimmed.ends_with('*');
        let mut parts: Vec<WordPart> = words(trimmed.trim_matches('*'))
            .into_iter()
            .map(|word| WordPart {
                word,
                stem: false,
                joined: false,
            })
            .collect();
        if let Some(first) = parts.first_mut() {
            first.joined = joined;
        }
        if let Some(last) = parts.last_mut() {
            last.stem = stem;
        }
        let first_letter = parts
            .first()
            .and_then(|p| p.word.chars().next())
            .map_or(0, letter_bit);
        // A joined part may match the end of a word, and a one-letter stem any word
        // that starts with the letter: no filter for those.
        let first_pair = parts
            .first()
            .filter(|p| !p.joined)
            .and_then(|p| {
                let mut chars = p.word.chars();
                Some(pair_bit(chars.next()?, chars.next()?))
            })
            .unwrap_or(u64::MAX);
        Phrase {
            parts,
            first_letter,
            first_pair,
        }
    }

    /// Whether the phrase has no words.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

impl Phrases {
    /// The phrases, with the union of their first letters.
    pub fn new(list: Vec<Phrase>) -> Self {
        let mut firsts = 0;
        let mut joined = 0;
        for phrase in &list {
            if phrase.parts.first().is_some_and(|p| p.joined) {
                joined |= phrase.first_letter;
            } else {
                firsts |= phrase.first_letter;
            }
        }
        Phrases {
            list,
            firsts,
            joined,
        }
    }
}

impl WordPart {
    /// Whether `word` (folded) is this part: the same word, or for a stem or a joined
    /// part, a word that starts with it, ends with it, or both.
    pub(crate) fn matches(&self, word: &str) -> bool {
        match (self.joined, self.stem) {
            (false, false) => word == self.word,
            (false, true) => word.starts_with(&self.word),
            (true, false) => word.ends_with(&self.word),
            (true, true) => word.contains(&self.word),
        }
    }
}

impl IntentRule {
    /// A rule with its keywords split into words once, as [`Message`] splits a
    /// message, so that matching compares words and does nothing else per keyword.
    /// `always[i]` says whether keyword `i` wins even over a step's route (see the field).
    pub fn new(
        intent: Intent,
        matching: KeywordMatch,
        keywords: Vec<String>,
        always: Vec<bool>,
    ) -> Self {
        let phrases = Phrases::new(keywords.iter().map(|k| Phrase::parse(k)).collect());
        let mut always = always;
        always.resize(keywords.len(), false);
        IntentRule {
            intent,
            matching,
            keywords,
            phrases,
            always,
            examples: Vec::new(),
        }
    }
}

//! Readability of the Swedish and English texts: the LIX index (Björnsson's
//! läsbarhetsindex) and the longest sentence, so that staff see which texts a
//! 12-year-old would stumble over.
//!
//! LIX = words per sentence + 100 × long words (more than 6 letters) / words. Below 30
//! is very easy, 30-40 easy (children's books), above 50 hard. The index says little
//! about a text of a few words (a button, a name alone scores 100), so it is only
//! computed for a message of at least [`MIN_WORDS`] words; the sentence length is
//! checked for every message.

use crate::load::diag::Report;
use crate::load::locales::LangDef;

/// Above this LIX a text gets a warning.
pub(crate) const MAX_LIX: f64 = 45.0;
/// A sentence with more words than this gets a warning.
pub(crate) const MAX_SENTENCE_WORDS: usize = 25;
/// Fewer words than this and the index is not computed.
pub(crate) const MIN_WORDS: usize = 10;
/// Languages LIX was made for and is used with.
const LANGUAGES: [&str; 2] = ["sv", "en"];

/// What the check measures in one text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Measure {
    pub words: usize,
    pub sentences: usize,
    pub long_words: usize,
    /// The number of words in the longest sentence.
    pub longest_sentence: usize,
}

impl Measure {
    pub(crate) fn lix(&self) -> f64 {
        if self.words == 0 {
            return 0.0;
        }
        let sentences = self.sentences.max(1) as f64;
        self.words as f64 / sentences + 100.0 * self.long_words as f64 / self.words as f64
    }
}

/// Measures a text. A sentence ends at `.`, `!`, `?` or `:` followed by a space or the
/// end (so `08:00` and `ecpat.se` do not end one), and at a line break (each line of a
/// list is read on its own). A word is a run of characters between spaces that holds a
/// letter or a digit, or stands for a value (`…`, what the loader puts for `{ ... }`).
pub(crate) fn measure(text: &str) -> Measure {
    let mut m = Measure {
        words: 0,
        sentences: 0,
        long_words: 0,
        longest_sentence: 0,
    };
    let mut in_sentence = 0;
    let close = |m: &mut Measure, in_sentence: &mut usize| {
        if *in_sentence > 0 {
            m.sentences += 1;
            m.longest_sentence = m.longest_sentence.max(*in_sentence);
        }
        *in_sentence = 0;
    };
    for line in text.lines() {
        for token in line.split_whitespace() {
            let letters = token.chars().filter(|c| c.is_alphabetic()).count();
            let is_word =
                letters > 0 || token.chars().any(|c| c.is_numeric()) || token.contains('\u{2026}');
            if is_word {
                m.words += 1;
                in_sentence += 1;
                if letters > 6 {
                    m.long_words += 1;
                }
            }
            if token.ends_with(['.', '!', '?', ':']) {
                close(&mut m, &mut in_sentence);
            }
        }
        close(&mut m, &mut in_sentence);
    }
    m
}

/// Warns about the Swedish and English messages that are hard to read.
pub(crate) fn check(offered: &[&LangDef], report: &mut Report) {
    for lang in offered {
        let primary = lang.code.split('-').next().unwrap_or(lang.code);
        if !LANGUAGES.contains(&primary) {
            continue;
        }
        let mut ids: Vec<&&str> = lang.messages.keys().collect();
        ids.sort();
        for id in ids {
            let def = &lang.messages[*id];
            let m = measure(&def.words);
            if m.words >= MIN_WORDS && m.lix() > MAX_LIX {
                report.push(def.file.warning(
                    def.at,
                    format!(
                        "\"{id}\" is hard to read: LIX {:.0}, above {MAX_LIX:.0}; use shorter \
                         words and sentences",
                        m.lix()
                    ),
                ));
            }
            if m.longest_sentence > MAX_SENTENCE_WORDS {
                report.push(def.file.warning(
                    def.at,
                    format!(
                        "\"{id}\" has a sentence of {} words, more than {MAX_SENTENCE_WORDS}; split \
                         it",
                        m.longest_sentence
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_sentences_and_long_words() {
        let m = measure("Ring oss i dag. Samtalet syns inte på telefonräkningen!");
        assert_eq!(
            m,
            Measure {
                words: 9,
                sentences: 2,
                long_words: 2,
                longest_sentence: 5
            }
        );
        // 9 / 2 + 100 * 2 / 9
        assert!((m.lix() - 26.7).abs() < 0.1, "{}", m.lix());
    }

    #[test]
    fn times_addresses_and_values_do_not_end_sentences() {
        let m = measure("Open from 08:00 on ecpat.se/hotline for \u{2026} now.");
        assert_eq!((m.words, m.sentences, m.longest_sentence), (8, 1, 8));
    }

    #[test]
    fn each_line_of_a_list_is_read_on_its_own() {
        let m = measure("How anonymous is each way?\n• 112: for emergencies\n• Police web tip");
        assert_eq!(m.sentences, 4);
        assert_eq!(m.longest_sentence, 5);
    }

    #[test]
    fn an_empty_text_scores_nothing() {
        assert_eq!(measure("").lix(), 0.0);
        assert_eq!(measure("• …").words, 1);
    }
}

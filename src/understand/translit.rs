//! Russian, Ukrainian and Arabic typed in Latin letters ("pomogite mne", "ana mish
//! 3arfa"), read back into their own script, so that the examples written in Cyrillic
//! and Arabic letters can answer them.
//!
//! Why: a phone without a Cyrillic or Arabic keyboard, or a borrowed one, is common
//! among the people who write to the bot, and they write their own language in the
//! letters they have. Their words match nothing in Latin; spelled back, the stems and
//! trigrams of the examples find them. The spellings are loose conventions, so each
//! reading is a guess: it is tried only when the message as typed matched nothing
//! close, and only a match as clear as any other is taken (`decide`).

use super::text::Lang;

/// A reading of a Latin-letter message in another script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Russian-style transliteration ("shch" щ, "y" ы, "i" и).
    Russian,
    /// Ukrainian-style transliteration ("i" і, "y" и, "h" г, "yi" ї).
    Ukrainian,
    /// Arabizi: digits for letters (3 ع, 7 ح, 2 ء, 5 خ), short vowels left out.
    Arabizi,
}

impl Reading {
    /// Every reading, in the order they are tried.
    pub const ALL: [Reading; 3] = [Reading::Russian, Reading::Ukrainian, Reading::Arabizi];

    /// The language whose examples the reading is matched against.
    pub fn lang(self) -> Lang {
        match self {
            Reading::Russian => Lang::Ru,
            Reading::Ukrainian => Lang::Uk,
            Reading::Arabizi => Lang::Ar,
        }
    }
}

/// Whether `text` could be one of the readings: Latin letters only (with digits and
/// punctuation), at least one word of three letters, and nothing in another script.
pub fn candidate(text: &str) -> bool {
    let mut letters = 0usize;
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            letters += 1;
        } else if c.is_alphabetic() {
            // Diacritics say Swedish or Romanian, other scripts say themselves.
            return false;
        }
    }
    letters >= 3
}

/// The readings worth trying for `text`: Arabizi alone when a word holds one of the
/// digits that only Arabizi writes inside a word ("3omri", "s7abo", "awra2"), else all.
pub fn readings(text: &str) -> &'static [Reading] {
    if arabizi_digits(text) {
        &Reading::ALL[2..]
    } else {
        &Reading::ALL
    }
}

/// Whether a word of `text` holds one of the digits that stand for Arabic letters
/// among its letters ("3omri", "s7abo").
pub fn arabizi_digits(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        w.chars().any(|c| c.is_ascii_alphabetic())
            && w.chars().any(|c| matches!(c, '2' | '3' | '5' | '7' | '9'))
    })
}

/// `text` spelled in the script of `reading`, word by word (lower case).
pub fn read(text: &str, reading: Reading) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(lower.len() * 2);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            match reading {
                Reading::Russian => cyrillic(word, false, out),
                Reading::Ukrainian => cyrillic(word, true, out),
                Reading::Arabizi => arabizi(word, out),
            }
            word.clear();
        }
    };
    for c in lower.chars() {
        // Digits stand for letters in Arabizi ("3arfa") and in Russian chat ("4to").
        if c.is_ascii_alphanumeric() || c == '\'' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// A Latin word in Cyrillic letters.
fn cyrillic(word: &str, ukrainian: bool, out: &mut String) {
    // A number alone stays a number ("mne 15 let").
    if word.chars().all(|c| c.is_ascii_digit()) {
        out.push_str(word);
        return;
    }
    let bytes = word.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &word[i..];
        let at_start = i == 0;
        let after_vowel = i > 0 && b"aeiouy".contains(&bytes[i - 1]);
        // Longest spellings first.
        let (letters, len): (&str, usize) = if rest.starts_with("shch") {
            ("щ", 4)
        } else if rest.starts_with("sch") {
            ("щ", 3)
        } else if rest.starts_with("zh") {
            ("ж", 2)
        } else if rest.starts_with("kh") {
            ("х", 2)
        } else if rest.starts_with("ch") {
            ("ч", 2)
        } else if rest.starts_with("sh") {
            ("ш", 2)
        } else if rest.starts_with("ts") {
            ("ц", 2)
        } else if rest.starts_with("yu") || rest.starts_with("ju") || rest.starts_with("iu") {
            ("ю", 2)
        } else if rest.starts_with("ya") || rest.starts_with("ja") || rest.starts_with("ia") {
            ("я", 2)
        } else if rest.starts_with("yo") || rest.starts_with("jo") {
            ("е", 2)
        } else if ukrainian && (rest.starts_with("yi") || rest.starts_with("ji")) {
            ("ї", 2)
        } else if ukrainian && (rest.starts_with("ye") || rest.starts_with("je")) {
            ("є", 2)
        } else if rest.starts_with("ye") || rest.starts_with("je") {
            ("е", 2)
        } else {
            let c = bytes[i];
            let letter = match c {
                b'a' => "а",
                b'b' => "б",
                b'v' | b'w' => "в",
                b'g' => "г",
                b'd' => "д",
                b'e' => {
                    if ukrainian || !at_start {
                        "е"
                    } else {
                        "э"
                    }
                }
                b'z' => "з",
                b'i' => {
                    if ukrainian {
                        "і"
                    } else {
                        "и"
                    }
                }
                b'j' => "й",
                b'k' | b'q' => "к",
                b'l' => "л",
                b'm' => "м",
                b'n' => "н",
                b'o' => "о",
                b'p' => "п",
                b'r' => "р",
                b's' => "с",
                b't' => "т",
                b'u' => "у",
                b'f' => "ф",
                b'h' => {
                    if ukrainian {
                        "г"
                    } else {
                        "х"
                    }
                }
                b'c' => "ц",
                b'x' => "кс",
                b'y' => {
                    if ukrainian {
                        "и"
                    } else if after_vowel {
                        "й"
                    } else {
                        "ы"
                    }
                }
                b'\'' => "ь",
                b'4' => "ч",
                b'6' => "ш",
                b'3' => "з",
                _ => "",
            };
            (letter, 1)
        };
        out.push_str(letters);
        i += len;
    }
}

/// A Latin word written in Arabizi, in Arabic letters: the digits and pairs that stand
/// for Arabic letters, long vowels as letters, short ones left out as Arabic does.
fn arabizi(word: &str, out: &mut String) {
    if word.chars().all(|c| c.is_ascii_digit()) {
        out.push_str(word);
        return;
    }
    let bytes = word.as_bytes();
    let last = bytes.len().saturating_sub(1);
    let mut i = 0;
    while i < bytes.len() {
        let rest = &word[i..];
        let (letters, len): (&str, usize) = if rest.starts_with("sh") || rest.starts_with("ch") {
            ("ش", 2)
        } else if rest.starts_with("kh") || rest.starts_with("7'") || rest.starts_with("5") {
            ("خ", if rest.starts_with('5') { 1 } else { 2 })
        } else if rest.starts_with("gh") || rest.starts_with("3'") {
            ("غ", 2)
        } else if rest.starts_with("th") {
            ("ث", 2)
        } else if rest.starts_with("dh") {
            ("ذ", 2)
        } else if rest.starts_with("aa") {
            ("ا", 2)
        } else if rest.starts_with("ee")
            || rest.starts_with("ii")
            || (i > 0 && (rest.starts_with("ei") || rest.starts_with("ai")))
        {
            ("ي", 2)
        } else if rest.starts_with("oo") || rest.starts_with("ou") || rest.starts_with("uu") {
            ("و", 2)
        } else {
            let c = bytes[i];
            let letter = match c {
                // A word's first vowel is written with alef; a last "a" is alef in a
                // short word ("ana", "la") and the feminine ending (ة, folded to ه) in a
                // longer one; a last "i", "o" or "u" is the long vowel of an ending
                // ("3omri", "s7abo"); other single vowels are short and not written.
                b'a' | b'e' | b'i' | b'o' | b'u' if i == 0 => "ا",
                b'a' if i == last && i <= 2 => "ا",
                b'a' if i == last => "ه",
                b'i' if i == last => "ي",
                b'o' | b'u' if i == last => "و",
                b'a' | b'e' | b'i' | b'o' | b'u' => "",
                // A doubled letter is written once ("biddi").
                _ if i > 0 && c == bytes[i - 1] => "",
                // "2" is a glottal stop: the hamza first in a word ("2ana"), after
                // that mostly the spoken ق of Levantine and Egyptian ("hala2", "7a2i2i").
                b'2' if i == 0 => "ا",
                b'2' => "ق",
                b'3' => "ع",
                b'6' => "ط",
                b'7' => "ح",
                b'8' | b'9' | b'q' => "ق",
                b'b' | b'p' => "ب",
                b't' => "ت",
                b'j' | b'g' => "ج",
                b'd' => "د",
                b'r' => "ر",
                b'z' => "ز",
                b's' | b'c' => "س",
                b'f' | b'v' => "ف",
                b'k' => "ك",
                b'l' => "ل",
                b'm' => "م",
                b'n' => "ن",
                b'h' => "ه",
                b'w' => "و",
                b'y' => "ي",
                _ => "",
            };
            (letter, 1)
        };
        out.push_str(letters);
        i += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_and_ukrainian_in_latin_letters_read_back() {
        assert_eq!(read("pomogite mne", Reading::Russian), "помогите мне");
        assert_eq!(
            read("Mne nuzhna pomoshch", Reading::Russian),
            "мне нужна помощ"
        );
        assert_eq!(read("mne 15 let", Reading::Russian), "мне 15 лет");
        assert_eq!(read("4to delat'", Reading::Russian), "что делать");
        assert_eq!(read("dopomozhit", Reading::Ukrainian), "допоможіт");
        assert_eq!(read("yikh", Reading::Ukrainian), "їх");
        assert_eq!(read("vin bye mene", Reading::Ukrainian), "він бє мене");
    }

    #[test]
    fn arabizi_reads_back_with_its_digits_and_long_vowels() {
        assert_eq!(read("3arfa", Reading::Arabizi), "عرفه");
        assert_eq!(read("ana 5ayfa", Reading::Arabizi), "انا خيفه");
        assert_eq!(read("7elwa", Reading::Arabizi), "حلوه");
        assert_eq!(read("shoo", Reading::Arabizi), "شو");
        assert_eq!(read("mish", Reading::Arabizi), "مش");
        assert_eq!(read("3omri", Reading::Arabizi), "عمري");
        assert_eq!(read("biddi", Reading::Arabizi), "بدي");
        assert_eq!(read("howe", Reading::Arabizi), "هو");
        assert_eq!(read("hala2 leila", Reading::Arabizi), "هلق ليله");
    }

    #[test]
    fn digits_inside_words_say_arabizi() {
        assert_eq!(readings("3omri 14"), &[Reading::Arabizi]);
        assert_eq!(readings("mne 15 let"), &Reading::ALL);
        assert_eq!(readings("4to delat"), &Reading::ALL);
    }

    #[test]
    fn only_latin_letters_are_candidates() {
        assert!(candidate("pomogite mne"));
        assert!(candidate("ana 5ayfa"));
        assert!(!candidate("hjälp"));
        assert!(!candidate("помогите"));
        assert!(!candidate("ok"));
    }
}

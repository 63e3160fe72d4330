//! Folding a message for matching, beyond the shared word rule of
//! [`words`](crate::words): Latin look-alikes inside Cyrillic words made Cyrillic,
//! letters typed over and over ("helppp") made one, spoken Swedish spellings made
//! written ones, and each word's stem per language (Snowball where it has the
//! language, a light suffix rule for Ukrainian).

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

use crate::words::Words;

/// The languages the matcher knows: a stemmer and a script each. A route's or an
/// intent's examples may be in any of them, also one the bot does not offer yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Swedish.
    Sv,
    /// English.
    En,
    /// Romanian.
    Ro,
    /// Ukrainian.
    Uk,
    /// Russian.
    Ru,
    /// Arabic.
    Ar,
}

/// How a text is written; a message may use several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scripts {
    /// Latin letters.
    pub latin: bool,
    /// Cyrillic letters.
    pub cyrillic: bool,
    /// Arabic letters.
    pub arabic: bool,
}

impl Lang {
    /// Every language the matcher knows.
    pub const ALL: [Lang; 6] = [Lang::Sv, Lang::En, Lang::Ro, Lang::Uk, Lang::Ru, Lang::Ar];

    /// This language's bit in a set of languages, as [`super::Model::languages_of`]
    /// gives it.
    pub(crate) fn bit(self) -> u8 {
        1 << self as u8
    }

    /// The set of `langs`, one bit each (see [`Lang::bit`]).
    pub(crate) fn set(langs: &[Lang]) -> u8 {
        langs.iter().fold(0, |set, lang| set | lang.bit())
    }

    /// The language code, as `bot.toml` and the locales name it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
            Lang::Ro => "ro",
            Lang::Uk => "uk",
            Lang::Ru => "ru",
            Lang::Ar => "ar",
        }
    }

    /// The language with this code, if the matcher knows it.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Whether text in `scripts` may be in this language.
    pub fn written_in(self, scripts: Scripts) -> bool {
        match self {
            Lang::Sv | Lang::En | Lang::Ro => scripts.latin,
            Lang::Uk | Lang::Ru => scripts.cyrillic,
            Lang::Ar => scripts.arabic,
        }
    }

    fn algorithm(self) -> Algorithm {
        match self {
            Lang::Sv => Algorithm::Swedish,
            Lang::En => Algorithm::English,
            Lang::Ro => Algorithm::Romanian,
            // Snowball has no Ukrainian; the Russian rules cut many shared endings, and
            // `uk_light` below the rest.
            Lang::Uk | Lang::Ru => Algorithm::Russian,
            Lang::Ar => Algorithm::Arabic,
        }
    }
}

/// The stemmers, made once.
pub(crate) struct Stemmers {
    stemmers: Vec<Stemmer>,
}

impl Default for Stemmers {
    fn default() -> Self {
        Stemmers {
            stemmers: Lang::ALL
                .iter()
                .map(|l| Stemmer::create(l.algorithm()))
                .collect(),
        }
    }
}

impl std::fmt::Debug for Stemmers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stemmers")
    }
}

impl Stemmers {
    /// The stem of a folded word in `lang`.
    pub(crate) fn stem(&self, lang: Lang, word: &str) -> String {
        let stemmer = &self.stemmers[lang as usize];
        match lang {
            Lang::Uk => uk_light(&stemmer.stem(word)).to_string(),
            _ => stemmer.stem(word).into_owned(),
        }
    }
}

/// Ukrainian endings the Russian rules leave (a light rule: the stem keeps three
/// letters at least).
fn uk_light(word: &str) -> &str {
    const ENDINGS: [&str; 24] = [
        "ами", "ями", "ові", "еві", "ого", "ому", "ими", "ють", "ать", "ять", "ити", "ати", "ів",
        "їв", "ою", "ею", "ий", "ій", "их", "им", "ім", "ти", "ть", "ує",
    ];
    const SHORT: [&str; 7] = ["і", "ї", "у", "ю", "я", "а", "ь"];
    let chars = word.chars().count();
    for ending in ENDINGS {
        if chars >= ending.chars().count() + 3
            && let Some(stem) = word.strip_suffix(ending)
        {
            return stem;
        }
    }
    for ending in SHORT {
        if chars >= 4
            && let Some(stem) = word.strip_suffix(ending)
        {
            return stem;
        }
    }
    word
}

/// The words of a message as the matcher compares them, and the scripts it uses.
pub fn tokens(text: &str) -> (Vec<String>, Scripts) {
    tokens_with(text, None)
}

/// As [`tokens`], from the message's words as the engine split them (`split`, from
/// the same `text`) when the text needs no normalising, so that a typed message is
/// split once for every check.
pub(crate) fn tokens_with(text: &str, split: Option<&Words>) -> (Vec<String>, Scripts) {
    // NFKC first: full-width letters, ligatures and the like become plain ones. Most
    // messages are in that form already (all of ASCII is): then nothing is copied.
    let normal = text.is_ascii()
        || unicode_normalization::is_nfkc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes;
    let mut own = Words::default();
    let words = match split {
        Some(words) if normal => words,
        _ => {
            if normal {
                own.split(text);
            } else {
                own.split(&text.nfkc().collect::<String>());
            }
            &own
        }
    };
    let mut scripts = Scripts::default();
    let mut out = Vec::with_capacity(words.len());
    for word in words.iter() {
        let word = collapse_repeats(cyrillic_lookalikes(word));
        for c in word.chars() {
            match c {
                'a'..='z' => scripts.latin = true,
                '\u{0400}'..='\u{04FF}' => scripts.cyrillic = true,
                '\u{0600}'..='\u{06FF}' => scripts.arabic = true,
                _ => {}
            }
        }
        out.push(spoken(word));
    }
    (out, scripts)
}

/// Latin letters that look Cyrillic, inside a word that is mostly Cyrillic.
fn cyrillic_lookalikes(word: &str) -> String {
    if word.is_ascii() {
        return word.to_string();
    }
    let cyrillic = word
        .chars()
        .filter(|c| ('\u{0400}'..='\u{04FF}').contains(c))
        .count();
    let latin = word.chars().filter(char::is_ascii_lowercase).count();
    if cyrillic == 0 || latin == 0 || latin > cyrillic {
        return word.to_string();
    }
    word.chars()
        .map(|c| match c {
            'a' => 'а',
            'e' => 'е',
            'o' => 'о',
            'p' => 'р',
            'c' => 'с',
            'x' => 'х',
            'i' => 'і',
            'y' => 'у',
            'k' => 'к',
            'm' => 'м',
            't' => 'т',
            'h' => 'н',
            'b' => 'в',
            _ => c,
        })
        .collect()
}

/// A letter typed three or more times in a row counts once ("helppp", "snällaaa").
fn collapse_repeats(word: String) -> String {
    // Most words have no letter three times in a row: kept as they are.
    let (mut last, mut run) = (None, 0);
    let repeats = word.chars().any(|c| {
        run = if Some(c) == last { run + 1 } else { 1 };
        last = Some(c);
        run >= 3 && !c.is_ascii_digit()
    });
    if !repeats {
        return word;
    }
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut j = i;
        while j < chars.len() && chars[j] == c {
            j += 1;
        }
        let run = j - i;
        let keep = if run >= 3 && !c.is_ascii_digit() {
            1
        } else {
            run
        };
        for _ in 0..keep {
            out.push(c);
        }
        i = j;
    }
    out
}

/// Spoken Swedish spellings common in writing, as the written word (folded).
fn spoken(word: String) -> String {
    let written = match word.as_str() {
        "e" => "ar",
        "nan" => "nagon",
        "nat" => "nagot",
        "mej" => "mig",
        "dej" => "dig",
        "sej" => "sig",
        "int" => "inte",
        "hjalpp" => "hjalp",
        _ => return word,
    };
    written.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_lookalikes_repeats_and_apostrophes() {
        let (words, scripts) = tokens("мене б\u{02BC}ють, helppp!!! Рoліція");
        assert_eq!(words, ["мене", "бють", "help", "роліція"]);
        assert!(scripts.latin && scripts.cyrillic && !scripts.arabic);
        assert_eq!(tokens("б'ють").0, tokens("б’ють").0);
        assert_eq!(tokens("ja e 15 o nån").0, ["ja", "ar", "15", "o", "nagon"]);
        assert_eq!(tokens("عمري ١٥").0, ["عمري", "15"]);
        assert_eq!(tokens("ＨＥＬＰ").0, ["help"]);
    }

    #[test]
    fn stems_per_language() {
        let s = Stemmers::default();
        assert_eq!(s.stem(Lang::En, "selling"), s.stem(Lang::En, "sell"));
        assert_eq!(s.stem(Lang::Sv, "pengarna"), s.stem(Lang::Sv, "pengar"));
        assert_eq!(s.stem(Lang::Ru, "деньгами"), s.stem(Lang::Ru, "деньги"));
        assert_eq!(s.stem(Lang::Uk, "роботу"), s.stem(Lang::Uk, "робота"));
    }
}

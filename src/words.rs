//! How text is split into words: the one rule shared by the flow set's keywords and
//! route words (folded once, when `load` builds the set) and a person's message (folded
//! once per input, by the engine's `Message`), so that matching compares words and
//! nothing else.
//!
//! A text is cut at every character that is neither a letter nor a digit; each word is
//! lower-cased and folded (no diacritics: `å` as `a`, `ș` as `s`; Arabic vowel marks
//! dropped and the forms of alef made one, Arabic-Indic digits as digits; every form of
//! apostrophe removed, so "б'ють", "бʼють" and "б’ють" are one word), and invisible
//! characters (zero-width and
//! direction controls, the soft hyphen) are removed, so they can neither hide a word
//! nor fake one. The constructors built on that rule (`Phrase::parse`,
//! `Phrases::new`, `IntentRule::new`) are in `model::phrases`.

/// Folded words of `text`: lower case, without diacritics and invisible formatting
/// characters (zero-width and bidi controls), which can neither hide a word nor fake one.
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut words = Words::default();
    words.split(text);
    words.iter().map(str::to_string).collect()
}

/// The words of one message, in one buffer: splitting a message this way costs two
/// allocations however many words it has.
#[derive(Default)]
pub(crate) struct Words {
    /// The letters and digits of every word, folded, one word after the other.
    buf: String,
    /// Where each word starts and ends in `buf`.
    bounds: Vec<(usize, usize)>,
    /// [`letter_bit`] of every word's first character.
    pub(crate) firsts: u64,
    /// [`letter_bit`] of every character of every word.
    pub(crate) letters: u64,
    /// [`pair_bit`] of every word's first two characters.
    pub(crate) pairs: u64,
    /// The first character of the word being split, and how many it has so far (up
    /// to two).
    first: char,
    length: u8,
}

/// One of 64 bits for a character: a summary that tells at once that a message lacks a
/// letter a phrase needs (two characters may share a bit; then the words are compared).
pub(crate) fn letter_bit(c: char) -> u64 {
    1 << (u32::from(c) % 64)
}

/// One of 64 bits for a word's first two characters, as [`letter_bit`] for one.
pub(crate) fn pair_bit(first: char, second: char) -> u64 {
    let mixed =
        (u32::from(first).wrapping_mul(0x9E37_79B1) ^ u32::from(second)).wrapping_mul(0x85EB_CA6B);
    1 << (mixed >> 26)
}

impl Words {
    /// Splits `text` as [`words`] does: invisible characters and combining marks removed,
    /// lower-cased and folded, cut at every character that is neither a letter nor a
    /// digit, empty pieces dropped.
    pub(crate) fn split(&mut self, text: &str) {
        self.buf.clear();
        self.bounds.clear();
        self.firsts = 0;
        self.letters = 0;
        self.pairs = 0;
        // Lower-casing rarely makes a text longer; this spares most regrowth.
        self.buf.reserve(text.len());
        let mut start = None;
        for c in text.chars() {
            if is_apostrophe(c) {
                // "don't", "б'ють", "бʼють": one word, whichever apostrophe was typed.
                continue;
            } else if c.is_ascii() {
                // The same as the general case below, without the Unicode tables (no
                // ASCII character is invisible; ASCII lower-cases to one character).
                self.add(
                    c.to_ascii_lowercase(),
                    c.is_ascii_alphanumeric(),
                    &mut start,
                );
            } else if !is_invisible(c) && !is_mark(c) {
                for lower in c.to_lowercase() {
                    let folded = fold(lower);
                    self.add(folded, folded.is_alphanumeric(), &mut start);
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
            let bit = letter_bit(c);
            if start.is_none() {
                *start = Some(self.buf.len());
                self.firsts |= bit;
                self.first = c;
                self.length = 1;
            } else if self.length == 1 {
                self.pairs |= pair_bit(self.first, c);
                self.length = 2;
            }
            self.letters |= bit;
            self.buf.push(c);
        } else if let Some(s) = start.take() {
            self.bounds.push((s, self.buf.len()));
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        self.bounds
            .iter()
            .map(|&(start, end)| &self.buf[start..end])
    }

    pub(crate) fn len(&self) -> usize {
        self.bounds.len()
    }

    pub(crate) fn get(&self, at: usize) -> Option<&str> {
        self.bounds
            .get(at)
            .map(|&(start, end)| &self.buf[start..end])
    }
}

/// A lower-case letter without its diacritic, for the letters of the shipped languages
/// and their neighbours; Arabic letters in their most common written form.
fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ă' | 'ā' | 'ą' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'ő' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ș' | 'ş' | 'š' | 'ś' => 's',
        'ț' | 'ţ' | 'ť' => 't',
        'ç' | 'č' | 'ć' => 'c',
        'ñ' | 'ń' | 'ň' => 'n',
        'ý' | 'ÿ' => 'y',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ď' => 'd',
        // Russian ё is written е by most people.
        'ё' => 'е',
        // Arabic: the hamza forms of alef, alef maqsura, and the seats of hamza.
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ئ' => 'ي',
        'ؤ' => 'و',
        'ة' => 'ه',
        // Arabic-Indic and Eastern Arabic-Indic digits are digits ("عمري ١٥").
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (u32::from(c) - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (u32::from(c) - 0x06F0) as u8),
        _ => c,
    }
}

/// Every form of apostrophe, inside a word or around it: typed, curly, the modifier
/// letter U+02BC that Ukrainian keyboards produce, the turned comma, the grave and acute
/// accents used as one.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BB}' | '\u{00B4}'
    )
}

/// Combining marks (accents typed as separate characters, Arabic vowel marks) and the
/// Arabic stretching character: they change how a word looks, not which word it is.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Zero-width and direction characters, and the soft hyphen: they change nothing a reader
/// sees in a word or a number.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

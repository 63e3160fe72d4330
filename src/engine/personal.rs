//! Recognises personal data a person typed (phone numbers, e-mail addresses, Swedish
//! personal identity numbers, IBANs, street addresses), so the bot can tell them they
//! need not share it and delete the message. The text is only read here, in memory.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{ContactKind, FlowSet};
use crate::words::is_invisible;

/// What kind of personal data was found (never the data itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonalData {
    Email,
    IdentityNumber,
    Iban,
    Phone,
    Address,
}

// The patterns are literals checked by the unit tests below, so compiling them cannot
// fail at run time on any input.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}")
        .expect("static pattern")
});
static IDENTITY_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    // YYMMDD-NNNN or YYYYMMDDNNNN; day + 60 for co-ordination numbers; `+` for 100+.
    Regex::new(r"\b(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])[-+ ]?\d{4}\b")
        .expect("static pattern")
});
static IBAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")
        .expect("static pattern")
});
static DIGIT_RUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\+?\d[\d \-().]{5,}\d").expect("static pattern"));
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b\p{L}+(?:gatan|vägen|gränd|torget|allén|backen|stigen|gata|väg)\s+\d{1,4}\s?[a-z]?\b|\b\d{1,5}\s+\p{L}+\s+(?:street|st|road|rd|avenue|ave|lane|strada|str|вулиця|вул)\b",
    )
    .expect("static pattern")
});

/// The first kind of personal data in `text`, if any. A number that is one of
/// `allowed_numbers` (digits only, such as the directory's phone numbers, which a person
/// may well type back to ask about them) is not personal data. Zero-width and direction
/// characters are looked through: a number pasted with them in it is still a number.
pub fn contains_personal_data(text: &str, allowed_numbers: &[String]) -> Option<PersonalData> {
    // Most texts hold none of them, and are searched as they are.
    if text.contains(is_invisible) {
        let visible: String = text.chars().filter(|&c| !is_invisible(c)).collect();
        return search(&visible, allowed_numbers);
    }
    search(text, allowed_numbers)
}

fn search(text: &str, allowed_numbers: &[String]) -> Option<PersonalData> {
    // Each pattern needs a least number of digits (or an `@`), so counting them first
    // spares most messages most searches: typed messages rarely hold a digit. `\d` is a
    // Unicode decimal digit; `is_numeric` covers those and more, so `numeric` is never
    // below what a pattern's `\d`s can match.
    let (mut ascii_digits, mut numeric, mut at_sign) = (0usize, 0usize, false);
    for c in text.chars() {
        if c.is_ascii_digit() {
            ascii_digits += 1;
            numeric += 1;
        } else if c == '@' {
            at_sign = true;
        } else if !c.is_ascii() && c.is_numeric() {
            numeric += 1;
        }
    }
    if at_sign && EMAIL.is_match(text) {
        return Some(PersonalData::Email);
    }
    // Six digits of a date and four more.
    if numeric >= 10 && IDENTITY_NUMBER.is_match(text) {
        return Some(PersonalData::IdentityNumber);
    }
    if ascii_digits >= 8
        && let Some(m) = IBAN.find(text)
        && m.as_str().bytes().filter(u8::is_ascii_digit).count() >= 8
    {
        return Some(PersonalData::Iban);
    }
    if ascii_digits >= 7 {
        for m in DIGIT_RUN.find_iter(text) {
            let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
            if (7..=15).contains(&digits.len()) && !allowed_numbers.contains(&digits) {
                return Some(PersonalData::Phone);
            }
        }
    }
    // An address has a number beside a space (`\s+\d` or `\d\s+`); `is_numeric` and
    // `is_whitespace` take in at least what `\d` and `\s` do.
    let spaced_number = || {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if let Some(&next) = chars.peek()
                && ((c.is_whitespace() && next.is_numeric())
                    || (c.is_numeric() && next.is_whitespace()))
            {
                return true;
            }
        }
        false
    };
    if numeric >= 1 && spaced_number() && ADDRESS.is_match(text) {
        return Some(PersonalData::Address);
    }
    None
}

/// Whether `text` holds personal data, the directory's own phone numbers aside (typing
/// one back is not sharing anything).
pub(super) fn has_personal_data(set: &FlowSet, text: &str) -> bool {
    // The directory's numbers only matter for a run of 7 or more digits (see
    // `contains_personal_data`); most messages have none, so skip collecting them.
    let directory_numbers: Vec<String> = if text.bytes().filter(u8::is_ascii_digit).count() >= 7 {
        set.services
            .services
            .iter()
            .flat_map(|s| &s.contacts)
            .filter(|c| c.kind == ContactKind::Phone)
            .map(|c| c.value.chars().filter(char::is_ascii_digit).collect())
            .collect()
    } else {
        Vec::new()
    };
    contains_personal_data(text, &directory_numbers).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Option<PersonalData> {
        contains_personal_data(text, &["020505050".to_string(), "11414".to_string()])
    }

    #[test]
    fn finds_personal_data() {
        use PersonalData::*;
        for (text, kind) in [
            ("my mail is anna.k@example.se", Email),
            ("mejla mig på någon@post.nu tack", Email),
            ("890101-1234", IdentityNumber),
            ("personnummer 198901011234", IdentityNumber),
            ("samordningsnummer 890161-1234", IdentityNumber),
            ("SE45 5000 0000 0583 9825 7466", Iban),
            ("ring mig 070-123 45 67", Phone),
            ("+46 70 123 45 67", Phone),
            ("0046701234567", Phone),
            ("(08) 123 456 78", Phone),
            ("jag bor på Storgatan 12", Address),
            ("Drottninggatan 5B", Address),
            ("I live at 221 Baker Street", Address),
        ] {
            assert_eq!(find(text), Some(kind), "{text:?}");
        }
    }

    #[test]
    fn invisible_characters_inside_do_not_hide_it() {
        use PersonalData::*;
        for (text, kind) in [
            ("ring 070\u{200B}-123\u{200B} 45\u{200B} 67", Phone),
            ("+4\u{200D}6 7\u{200D}0 1\u{200D}23 4\u{200D}5 67", Phone),
            ("\u{2066}070-123\u{2069} 45 67", Phone),
            ("8901\u{FEFF}01-1234", IdentityNumber),
            ("anna\u{200B}@exa\u{00AD}mple.se", Email),
        ] {
            assert_eq!(find(text), Some(kind), "{text:?}");
        }
        // Nor do they turn a directory number into personal data.
        assert_eq!(find("020\u{200B}50 50 50"), None);
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        for text in [
            "112",
            "ring 112 nu",
            "is 020-50 50 50 free?",
            "polisen 114 14",
            "I am 25 years old",
            "hjälp",
            "I need help with debts of 20000 kr",
            "",
            "året 2026",
        ] {
            assert_eq!(find(text), None, "{text:?}");
        }
    }
}

//! Which language a typed message is in, among the matcher's languages: the script
//! first (Arabic letters are Arabic; Cyrillic is Ukrainian or Russian, told apart by
//! the letters only one of them has, else by `whatlang`), then `whatlang`'s trigram
//! model, limited to our Latin-script languages. Short messages say little: below three
//! words, or when the detector is not sure, nothing is claimed.

use whatlang::{Detector, Lang as W};

use super::text::{Lang, tokens};

/// The language of `text` when it is clear enough to answer in it.
pub fn detect(text: &str) -> Option<Lang> {
    let (words, scripts) = tokens(text);
    if words.len() < 3 {
        return None;
    }
    let letters = |set: &[char]| text.to_lowercase().chars().any(|c| set.contains(&c));
    match (scripts.latin, scripts.cyrillic, scripts.arabic) {
        (_, false, true) if !scripts.latin || arabic_majority(&words) => Some(Lang::Ar),
        (false, true, false) => {
            let uk = letters(&['і', 'ї', 'є', 'ґ']);
            let ru = letters(&['ы', 'э', 'ъ', 'ё']);
            match (uk, ru) {
                (true, false) => Some(Lang::Uk),
                (false, true) => Some(Lang::Ru),
                _ => whatlang_among(text, &[W::Ukr, W::Rus]),
            }
        }
        (true, false, false) => whatlang_among(text, &[W::Swe, W::Eng, W::Ron]),
        _ => None,
    }
}

fn arabic_majority(words: &[String]) -> bool {
    let arabic = words
        .iter()
        .filter(|w| w.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)))
        .count();
    arabic * 2 > words.len()
}

fn whatlang_among(text: &str, langs: &[W]) -> Option<Lang> {
    let info = Detector::with_allowlist(langs.to_vec()).detect(text)?;
    if !info.is_reliable() {
        return None;
    }
    match info.lang() {
        W::Swe => Some(Lang::Sv),
        W::Eng => Some(Lang::En),
        W::Ron => Some(Lang::Ro),
        W::Ukr => Some(Lang::Uk),
        W::Rus => Some(Lang::Ru),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_our_languages() {
        assert_eq!(
            detect("jag behöver hjälp med att hitta ett boende i natt"),
            Some(Lang::Sv)
        );
        assert_eq!(
            detect("i need help finding somewhere to sleep tonight"),
            Some(Lang::En)
        );
        assert_eq!(
            detect("am nevoie de ajutor, nu am unde sa dorm in noaptea asta"),
            Some(Lang::Ro)
        );
        assert_eq!(
            detect("мені потрібна допомога, я не маю де спати"),
            Some(Lang::Uk)
        );
        assert_eq!(
            detect("мне нужна помощь, мне негде спать эту ночь"),
            Some(Lang::Ru)
        );
        assert_eq!(detect("أحتاج مساعدة لا يوجد مكان أنام فيه"), Some(Lang::Ar));
        assert_eq!(detect("ok"), None);
    }
}

//! Which language a typed message is in, among the matcher's languages: the script
//! first (Arabic letters are Arabic; Cyrillic is Ukrainian or Russian, told apart by
//! the letters only one of them has), then the words only one language's examples use
//! ("jag", "the", "sunt"), which may confirm the conversation's language, then `whatlang`'s trigram model, limited to the languages of
//! that script. Short messages say little: below three words, or when neither the
//! words nor the detector are sure, nothing is claimed.

use whatlang::{Detector, Lang as W};

use super::Model;
use super::text::{Lang, Scripts, tokens};

/// The language of `text` when it is clear enough to answer in it; `model` holds the
/// words of each language's examples, `session` is the conversation's language.
pub(crate) fn detect(model: &Model, text: &str, session: &str) -> Option<Lang> {
    let (words, scripts) = tokens(text);
    detect_tokens(model, text, &words, scripts, session)
}

/// As [`detect`], with the message's `words` and `scripts` made already ([`tokens`]).
pub(crate) fn detect_tokens(
    model: &Model,
    text: &str,
    words: &[String],
    scripts: Scripts,
    session: &str,
) -> Option<Lang> {
    let session = Lang::from_code(session);
    if words.len() < 3 {
        return None;
    }
    // Lower case without a copy; `tokens` folds ё into е, so the letters are read here.
    let letters = |set: &[char]| {
        text.chars()
            .flat_map(char::to_lowercase)
            .any(|c| set.contains(&c))
    };
    match (scripts.latin, scripts.cyrillic, scripts.arabic) {
        (_, false, true) if !scripts.latin || arabic_majority(words) => Some(Lang::Ar),
        (false, true, false) => {
            let uk = letters(&['і', 'ї', 'є', 'ґ']);
            let ru = letters(&['ы', 'э', 'ъ', 'ё']);
            match (uk, ru) {
                (true, false) => Some(Lang::Uk),
                (false, true) => Some(Lang::Ru),
                _ => by_words(model, words, &[Lang::Uk, Lang::Ru])
                    .filter(|l| Some(*l) == session)
                    .or_else(|| whatlang_among(text, &[W::Ukr, W::Rus])),
            }
        }
        (true, false, false) => by_words(model, words, &[Lang::Sv, Lang::En, Lang::Ro])
            .filter(|l| Some(*l) == session)
            .or_else(|| whatlang_among(text, &[W::Swe, W::Eng, W::Ron])),
        _ => None,
    }
}

/// The language among `langs` whose examples alone use at least two of the words, and
/// at least twice as many as any other language's. When it is the conversation's own
/// language, that is the answer, and the trigram detector (the costliest step of a typed
/// message before) is not asked; a change of language is always the detector's to say,
/// as it is more careful with short messages ("what is treatment?" in a Swedish
/// conversation stays Swedish).
fn by_words(model: &Model, words: &[String], langs: &[Lang]) -> Option<Lang> {
    let mut counts = [0u32; Lang::ALL.len()];
    let among = Lang::set(langs);
    for word in words {
        let mask = model.languages_of(word) & among;
        if mask.count_ones() == 1 {
            counts[mask.trailing_zeros() as usize] += 1;
        }
    }
    let (best, &top) = counts.iter().enumerate().max_by_key(|(_, c)| **c)?;
    let second = counts
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, c)| *c)
        .max()
        .unwrap_or(0);
    if top >= 2 && top >= 2 * second {
        Lang::ALL.into_iter().find(|l| *l as usize == best)
    } else {
        None
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
        let model = Model::default();
        let detect = |text: &str| detect(&model, text, "sv");
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

//! "Did you mean ...?" hints for misspelt ids, keys and values.

/// The closest candidate to `word`, if one is close enough to be a likely typo: a
/// letter or two off (one for short words such as language codes), or very similar by
/// Jaro-Winkler for longer ids that share a beginning.
pub(super) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    let allowed_edits = (word.chars().count() / 4).max(1);
    // Fewer edits first, then the more similar, then the alphabetically first, so the
    // hint never depends on the order candidates come in.
    let mut best: Option<(usize, f64, &str)> = None;
    for candidate in candidates {
        if candidate == word {
            continue;
        }
        let other = candidate.to_lowercase();
        let edits = strsim::damerau_levenshtein(&word_lower, &other);
        let similarity = strsim::jaro_winkler(&word_lower, &other);
        if edits > allowed_edits && similarity < 0.8 {
            continue;
        }
        let better = best.is_none_or(|(e, s, c)| (edits, -similarity, candidate) < (e, -s, c));
        if better {
            best = Some((edits, similarity, candidate));
        }
    }
    best.map(|(_, _, c)| c)
}

/// `; did you mean "x"?` or nothing, to append to a message.
pub(super) fn hint<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match closest(word, candidates) {
        Some(c) => format!("; did you mean \"{c}\"?"),
        None => String::new(),
    }
}

/// `"a", "b" or "c"`: a list of choices in words.
pub(super) fn one_of<S: AsRef<str>>(items: &[S]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|s| format!("\"{}\"", s.as_ref()))
        .collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_near_miss() {
        assert_eq!(
            closest("kastt", ["kast", "menu", "treatment"]),
            Some("kast")
        );
        assert_eq!(
            hint("trattment", ["kast", "treatment"]),
            "; did you mean \"treatment\"?"
        );
    }

    #[test]
    fn suggests_for_short_codes_and_swapped_letters() {
        assert_eq!(closest("se", ["sv", "en"]), Some("sv"));
        assert_eq!(closest("sso", ["sos", "line"]), Some("sos"));
    }

    #[test]
    fn says_nothing_for_unrelated_words() {
        assert_eq!(closest("zebra", ["kast", "menu"]), None);
        assert_eq!(hint("zebra", ["kast"]), "");
    }

    #[test]
    fn lists_choices_in_words() {
        assert_eq!(one_of(&["a"]), "\"a\"");
        assert_eq!(one_of(&["a", "b", "c"]), "\"a\", \"b\" or \"c\"");
    }
}

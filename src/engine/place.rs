//! Where the person is, for a set with several areas (one bot for a county).
//!
//! The place is asked once, and only when it matters: the first time a step would show
//! a role (`@local-on-call`), the engine interrupts with the place question instead of
//! that step. The session stays at the step the question is for, so the interruption
//! records where the person was going; the answer (a button, or a town name typed with
//! slips or without diacritics) then shows that step with the area's own services in
//! the roles' places. "Somewhere else in Sweden" and "I'd rather not say" show the
//! roles' national fallbacks and one sentence on finding the local social services.
//!
//! The answer lives only in the session (sealed in the store, see `store::codec`); it
//! ends with the session, and the quick exit wipes it with the rest. A step that shows
//! a role carries a button to change it. A deep link can carry an area
//! (`menu_linkoping`: the link `menu` and the area `linkoping`), so a poster in one
//! town needs no question. With one area or none, nothing here does anything.

use crate::model::{FlowSet, ServiceIdx, Target};

/// The person's answer to the place question, as the session keeps it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Place {
    /// An area of the set, by its id (the file name in `flows/areas/`).
    Area(String),
    /// "Somewhere else in Sweden".
    Elsewhere,
    /// "I'd rather not say".
    Unsaid,
}

impl Place {
    /// Its name in the statistics: the area's id, `elsewhere` or `unsaid`.
    pub fn name(&self) -> &str {
        match self {
            Place::Area(id) => id,
            Place::Elsewhere => "elsewhere",
            Place::Unsaid => "unsaid",
        }
    }
}

/// The place as it applies to the set at hand (an area may be gone after a reload).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Local {
    /// Not known (or the set has one area or none): the flows' own signposts.
    #[default]
    Unknown,
    /// This area of `Directory::areas`.
    Area(usize),
    /// Elsewhere in Sweden, or not said: the roles' national fallbacks and the sentence.
    Elsewhere,
}

impl Local {
    pub(super) fn of(set: &FlowSet, place: Option<&Place>) -> Local {
        match place {
            None => Local::Unknown,
            Some(Place::Area(id)) => set.services.area(id).map_or(Local::Unknown, Local::Area),
            Some(Place::Elsewhere | Place::Unsaid) => Local::Elsewhere,
        }
    }
}

/// Whether showing the step at `at` must wait for the place question.
pub(super) fn asks(set: &FlowSet, at: Target, local: Local) -> bool {
    local == Local::Unknown && set.services.areas.len() > 1 && set.services.shows_role(at)
}

/// The services the step at `at` shows for this place: an area's own service in each
/// role's position, the same service never twice (two roles may stand for one).
pub(super) fn signposts(set: &FlowSet, at: Target, local: Local) -> Vec<ServiceIdx> {
    let mut services = set.step(at).signposts.clone();
    if let Local::Area(area) = local
        && let Some(area) = set.services.areas.get(area)
    {
        for local in set.services.local.iter().filter(|l| l.at == at) {
            if let (Some(slot), Some(binding)) =
                (services.get_mut(local.position), area.roles.get(local.role))
            {
                *slot = binding.service;
            }
        }
    }
    let mut seen = Vec::with_capacity(services.len());
    services.retain(|s| {
        let first = !seen.contains(s);
        seen.push(*s);
        first
    });
    services
}

/// The area a typed answer names, if exactly one does: each word of the message is
/// compared, folded, with the areas' names and words, allowing a slip or two in a long
/// name ("linkopin", "norrköpings") and none in a short one.
pub(super) fn typed(set: &FlowSet, text: &str) -> Option<usize> {
    let words = crate::words::words(text);
    let joined = words.join(" ");
    let mut best: Option<(usize, usize)> = None;
    let mut tie = false;
    for (index, area) in set.services.areas.iter().enumerate() {
        for written in &area.words {
            let distance = if written.contains(' ') {
                // A name of several words is looked for as written.
                contains_words(&joined, written).then_some(0)
            } else {
                words.iter().filter_map(|w| within(w, written)).min()
            };
            let Some(distance) = distance else { continue };
            match best {
                Some((_, d)) if d < distance => {}
                Some((other, d)) if d == distance => tie |= other != index,
                _ => {
                    best = Some((index, distance));
                    tie = false;
                }
            }
        }
    }
    best.filter(|_| !tie).map(|(index, _)| index)
}

/// Whether `words` (folded, joined by spaces) holds `name` as whole words.
fn contains_words(words: &str, name: &str) -> bool {
    let padded = format!(" {words} ");
    padded.contains(&format!(" {name} "))
}

/// The edit distance of a typed word from a name, when small enough to be a slip: none
/// below 5 letters, one up to 7, two from 8.
fn within(typed: &str, name: &str) -> Option<usize> {
    let length = name.chars().count();
    let allowed = match length {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    };
    let typed_length = typed.chars().count();
    if typed_length.abs_diff(length) > allowed {
        return None;
    }
    let distance = edit_distance(typed, name);
    (distance <= allowed).then_some(distance)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbouring letters, each counting one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// Between a deep-link code and the area it carries (`menu_linkoping`).
const AREA_IN_LINK: char = '_';

/// The deep-link code that opens `code` with the place already `area` (for a poster in
/// that town), when it fits in Telegram's 64 characters and the set has no code of that
/// name already.
pub fn link_with_area(set: &FlowSet, code: &str, area: &str) -> Option<String> {
    let link = format!("{code}{AREA_IN_LINK}{area}");
    (link.len() <= crate::model::limits::MAX_DEEP_LINK_CHARS && !set.deep_links.contains_key(&link))
        .then_some(link)
}

/// A deep-link code that carries an area: `<code>_<area>`, where `<code>` is a deep
/// link of the set and `<area>` one of its areas. A code the set has as written is never
/// split.
pub(super) fn split_link<'c>(set: &FlowSet, code: &'c str) -> Option<(&'c str, usize)> {
    if set.deep_links.contains_key(code) {
        return None;
    }
    let (base, area) = code.rsplit_once(AREA_IN_LINK)?;
    let area = set.services.area(area)?;
    set.deep_links.contains_key(base).then_some((base, area))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_in_a_long_name_are_within_reach_and_short_words_are_not() {
        assert_eq!(within("linkoping", "linkoping"), Some(0));
        assert_eq!(within("linkopin", "linkoping"), Some(1));
        assert_eq!(within("linkopings", "linkoping"), Some(1));
        assert_eq!(within("lnikoping", "linkoping"), Some(1));
        assert_eq!(within("norrkoeping", "norrkoping"), Some(1));
        assert_eq!(within("norkopin", "norrkoping"), Some(2));
        assert_eq!(within("koping", "linkoping"), None);
        assert_eq!(within("norrkoping", "linkoping"), None);
        assert_eq!(within("mota", "motala"), None);
        assert_eq!(within("motal", "motala"), Some(1));
        assert_eq!(within("ume", "umea"), None);
    }

    #[test]
    fn the_distance_counts_a_swap_as_one() {
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn a_name_of_several_words_is_found_only_whole() {
        assert!(contains_words(
            "i am in vastra frolunda now",
            "vastra frolunda"
        ));
        assert!(!contains_words("vastra frolundas", "vastra frolunda"));
    }
}

//! Typed understanding written back with `toml_edit`: a step's routes (`words` and
//! `examples`, in `routes = [...]` of a flow file) and the examples of a question or
//! intent of `bot.toml` (`examples.LANG = [...]`). A list is changed entry by entry, in
//! place, so an unchanged entry keeps its line and a multi-line list keeps its layout
//! and the comments around it.

use toml_edit::{Array, DocumentMut, Item, TableLike, Value};

/// The longest entry taken: a route's phrase or an example is a sentence as a person
/// types it, not a paragraph.
pub(crate) const MAX_ENTRY: usize = 200;
/// The most entries one list takes.
pub(crate) const MAX_ENTRIES: usize = 400;

/// One route of a step as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Route {
    pub lang: Option<String>,
    /// Where it leads, as written (`flow`, `goto`).
    pub to: String,
    /// `words = [...]`, when it has them.
    pub words: Option<Vec<String>>,
    /// `examples = [...]`, when it has them.
    pub examples: Option<Vec<String>>,
    /// `match = "..."`: a pattern, shown and not edited here.
    pub pattern: Option<String>,
}

/// Examples per language, in the file's order.
pub(crate) type PerLanguage = Vec<(String, Vec<String>)>;

/// The kinds of `bot.toml` tables with examples per language.
pub(crate) const KINDS: [&str; 2] = ["questions", "intents"];

fn strings(value: Option<&Value>) -> Option<Vec<String>> {
    value.and_then(Value::as_array).map(|a| {
        a.iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    })
}

fn routes_array<'d>(doc: &'d DocumentMut, step: &str) -> Option<&'d Array> {
    doc.get("steps")?
        .as_table_like()?
        .get(step)?
        .as_table_like()?
        .get("routes")?
        .as_array()
}

/// The routes of `step` in a flow file's text (empty when it has none; `None` when the
/// text does not parse or has no such step).
pub(crate) fn routes(text: &str, step: &str) -> Option<Vec<Route>> {
    let doc: DocumentMut = text.parse().ok()?;
    doc.get("steps")?.as_table_like()?.get(step)?;
    let Some(array) = routes_array(&doc, step) else {
        return Some(Vec::new());
    };
    Some(
        array
            .iter()
            .map(|v| {
                let table = v.as_inline_table();
                let get = |k: &str| table.and_then(|t| t.get(k));
                let str_of = |k: &str| get(k).and_then(Value::as_str).map(str::to_string);
                let to = [("flow", str_of("flow")), ("goto", str_of("goto"))]
                    .into_iter()
                    .filter_map(|(k, v)| v.map(|v| format!("{k} {v}")))
                    .collect::<Vec<_>>()
                    .join(", ");
                Route {
                    lang: str_of("lang"),
                    to,
                    words: strings(get("words")),
                    examples: strings(get("examples")),
                    pattern: str_of("match"),
                }
            })
            .collect(),
    )
}

/// Entries typed in a text area, one a line: blank lines are dropped and each entry is
/// trimmed.
pub(crate) fn lines(typed: &str) -> Vec<String> {
    typed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Refuses, with what to do, a changed list with an entry that is too long, too many
/// entries or one entry twice (compared without case). `what` names the list. Only a
/// list being changed is judged, so a form posted unchanged is never refused for what
/// the file already holds.
pub(crate) fn judge(entries: &[String], what: &str) -> Result<(), String> {
    if let Some(long) = entries.iter().find(|e| e.chars().count() > MAX_ENTRY) {
        let start: String = long.chars().take(40).collect();
        return Err(format!(
            "{what}: \"{start}…\" is longer than {MAX_ENTRY} characters; write a sentence as a person would type it"
        ));
    }
    if entries.len() > MAX_ENTRIES {
        return Err(format!(
            "{what}: more than {MAX_ENTRIES} entries; keep the list to the sentences that teach something"
        ));
    }
    let mut seen = std::collections::HashSet::new();
    match entries.iter().find(|e| !seen.insert(e.to_lowercase())) {
        Some(twice) => Err(format!("{what}: \"{twice}\" is there twice")),
        None => Ok(()),
    }
}

/// The text with route `index` of `step` given these words and examples (`None`: the
/// list is left as it is). A route left with neither words, examples nor a pattern is
/// refused: it could never be followed.
pub(crate) fn set_route(
    text: &str,
    step: &str,
    index: usize,
    words: Option<&[String]>,
    examples: Option<&[String]>,
) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| format!("the file does not parse as TOML: {e}"))?;
    let table = doc
        .get_mut("steps")
        .and_then(Item::as_table_like_mut)
        .and_then(|t| t.get_mut(step))
        .and_then(Item::as_table_like_mut)
        .and_then(|t| t.get_mut("routes"))
        .and_then(Item::as_array_mut)
        .and_then(|a| a.get_mut(index))
        .and_then(Value::as_inline_table_mut)
        .ok_or_else(|| format!("step \"{step}\" has no route {}", index + 1))?;
    let table: &mut dyn TableLike = table;
    for (key, new) in [("words", words), ("examples", examples)] {
        if let Some(new) = new {
            set_list(table, key, new);
        }
    }
    let has = |k: &str| {
        table
            .get(k)
            .and_then(Item::as_array)
            .is_some_and(|a| !a.is_empty())
    };
    if !has("words") && !has("examples") && table.get("match").is_none() {
        return Err(format!(
            "route {} of step \"{step}\": give it at least one word or example, or it can never be followed",
            index + 1
        ));
    }
    Ok(doc.to_string())
}

/// The tables of `bot.toml` with examples: (kind, id) for each of [`KINDS`].
pub(crate) fn tables(text: &str) -> Vec<(&'static str, String)> {
    let Ok(doc) = text.parse::<DocumentMut>() else {
        return Vec::new();
    };
    KINDS
        .iter()
        .flat_map(|kind| {
            doc.get(kind)
                .and_then(Item::as_table_like)
                .map(|t| {
                    t.iter()
                        .filter(|(_, v)| {
                            v.as_table_like()
                                .is_some_and(|t| t.contains_key("examples"))
                        })
                        .map(|(id, _)| (*kind, id.to_string()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .collect()
}

/// The examples of `[KIND.ID]` in `bot.toml`, per language as written.
pub(crate) fn examples(text: &str, kind: &str, id: &str) -> Option<PerLanguage> {
    let doc: DocumentMut = text.parse().ok()?;
    let table = doc.get(kind)?.as_table_like()?.get(id)?.as_table_like()?;
    let Some(examples) = table.get("examples").and_then(Item::as_table_like) else {
        return Some(Vec::new());
    };
    Some(
        examples
            .iter()
            .map(|(lang, item)| {
                (
                    lang.to_string(),
                    item.as_value()
                        .and_then(|v| strings(Some(v)))
                        .unwrap_or_default(),
                )
            })
            .collect(),
    )
}

/// The text with `[KIND.ID]`'s examples in language `lang` set to `new`. A list cannot
/// be emptied here: a language without examples is not taught at all.
pub(crate) fn set_examples(
    text: &str,
    kind: &str,
    id: &str,
    lang: &str,
    new: &[String],
) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| format!("the file does not parse as TOML: {e}"))?;
    let table = doc
        .get_mut(kind)
        .and_then(Item::as_table_like_mut)
        .and_then(|t| t.get_mut(id))
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| format!("[{kind}.{id}] is not in the file"))?;
    let old = table
        .get("examples")
        .and_then(Item::as_table_like)
        .and_then(|t| t.get(lang))
        .and_then(Item::as_array)
        .map(|a| a.len())
        .unwrap_or(0);
    if new.is_empty() {
        if old == 0 {
            return Ok(text.to_string());
        }
        return Err(format!(
            "{kind}.{id}, {lang}: the examples cannot all be removed here; keep at least one sentence"
        ));
    }
    if table.get("examples").is_none() {
        let mut dotted = toml_edit::Table::new();
        dotted.set_dotted(true);
        table.insert("examples", Item::Table(dotted));
    }
    let examples = table
        .get_mut("examples")
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| format!("{kind}.{id}: examples is not a table of languages"))?;
    set_list(examples, lang, new);
    Ok(doc.to_string())
}

/// Sets a list of strings: in place when there is one (each changed entry replaced with
/// its own spacing, new ones laid out as the last one, extra ones removed from the end),
/// else as a new one-line list.
fn set_list(table: &mut dyn TableLike, key: &str, new: &[String]) {
    let Some(array) = table.get_mut(key).and_then(Item::as_array_mut) else {
        if !new.is_empty() {
            let array: Array = new.iter().map(String::as_str).collect();
            table.insert(key, toml_edit::value(array));
        }
        return;
    };
    if strings(Some(&Value::Array(array.clone()))).as_deref() == Some(new) {
        return;
    }
    while array.len() > new.len() {
        array.remove(array.len() - 1);
    }
    // New entries are laid out as the last one is (its own line in a list written one
    // entry a line), and at least a space apart in a list on one line.
    let last_decor = array.iter().last().map(|v| {
        let mut decor = v.decor().clone();
        if decor
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or("")
            .is_empty()
        {
            decor.set_prefix(" ");
        }
        decor
    });
    for (i, entry) in new.iter().enumerate() {
        match array.get_mut(i) {
            Some(old) if old.as_str() == Some(entry.as_str()) => {}
            Some(old) => {
                let mut value = Value::from(entry.as_str());
                *value.decor_mut() = old.decor().clone();
                *old = value;
            }
            None => {
                let mut value = Value::from(entry.as_str());
                if let Some(decor) = &last_decor {
                    *value.decor_mut() = decor.clone();
                }
                array.push_formatted(value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLOW: &str = "id = \"m\"\n\n[steps.start]\nsay = [\"a\"]\n# Typed answers.\nroutes = [\n  # Work first.\n  { lang = \"en\", words = [\"boss\", \"wage\"], flow = \"selling\", goto = \"work\" },\n  { lang = \"en\", flow = \"selling\", examples = [\n    \"i sell sex\",\n    \"he takes my money\",\n  ] },\n]\n";

    const BOT: &str = "[questions.person]\nsay = \"q\"\nexamples.sv = [\n  \"är du en robot\",\n]\n# English below.\nexamples.en = [\n  \"are you a bot\",\n  \"is a human reading this\",\n]\n";

    fn owned(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn routes_are_read_as_written() {
        let routes = routes(FLOW, "start").unwrap();
        assert_eq!(routes.len(), 2);
        assert_eq!(
            routes[0].words.as_deref(),
            Some(&owned(&["boss", "wage"])[..])
        );
        assert_eq!(routes[0].to, "flow selling, goto work");
        assert_eq!(routes[1].words, None);
        assert_eq!(
            routes[1].examples.as_deref(),
            Some(&owned(&["i sell sex", "he takes my money"])[..])
        );
    }

    #[test]
    fn one_changed_example_changes_one_line_and_an_added_one_gets_its_own() {
        let new = owned(&[
            "i sell sex",
            "he takes all my money",
            "my boyfriend sells me",
        ]);
        let out = set_route(FLOW, "start", 1, None, Some(&new)).unwrap();
        assert_eq!(
            out,
            FLOW.replace(
                "    \"he takes my money\",\n",
                "    \"he takes all my money\",\n    \"my boyfriend sells me\",\n"
            )
        );
        let words = owned(&["boss", "wages"]);
        let out = set_route(FLOW, "start", 0, Some(&words), None).unwrap();
        assert_eq!(out, FLOW.replace("\"wage\"]", "\"wages\"]"));
        assert_eq!(
            set_route(
                FLOW,
                "start",
                1,
                None,
                Some(&owned(&["i sell sex", "he takes my money"]))
            )
            .unwrap(),
            FLOW
        );
    }

    #[test]
    fn a_route_left_with_nothing_is_refused() {
        let err = set_route(FLOW, "start", 1, None, Some(&[])).unwrap_err();
        assert!(err.contains("at least one word or example"), "{err}");
        assert!(set_route(FLOW, "start", 5, None, None).is_err());
    }

    #[test]
    fn bad_entries_are_refused_with_what_to_do() {
        assert_eq!(lines("  a   b \r\n\r\nc\n"), owned(&["a   b", "c"]));
        let long = "word ".repeat(60);
        assert!(
            judge(&lines(&long), "examples")
                .unwrap_err()
                .contains("longer than 200")
        );
        assert!(
            judge(&lines("a\nA\n"), "words")
                .unwrap_err()
                .contains("twice")
        );
        assert_eq!(judge(&lines("a\nb"), "words"), Ok(()));
    }

    #[test]
    fn a_question_s_examples_change_in_one_language_with_the_comments_kept() {
        assert_eq!(
            examples(BOT, "questions", "person").unwrap(),
            vec![
                ("sv".to_string(), owned(&["är du en robot"])),
                (
                    "en".to_string(),
                    owned(&["are you a bot", "is a human reading this"])
                )
            ]
        );
        let out = set_examples(
            BOT,
            "questions",
            "person",
            "en",
            &owned(&["are you a robot", "is a human reading this"]),
        )
        .unwrap();
        assert_eq!(out, BOT.replace("are you a bot", "are you a robot"));
        let err = set_examples(BOT, "questions", "person", "sv", &[]).unwrap_err();
        assert!(err.contains("at least one"), "{err}");
        let out = set_examples(BOT, "questions", "person", "ar", &owned(&["انت روبوت"])).unwrap();
        assert!(out.ends_with("examples.ar = [\"انت روبوت\"]\n"), "{out}");
    }
}

//! The texts against what needs them: every message a flow, the directory or the bot
//! itself names must exist in every offered language, use only the values it is given,
//! and refer only to messages and terms that exist.

use std::collections::HashSet;
use std::path::Path;

use crate::load::diag::{Diagnostic, Owner, Report};
use crate::load::locales::LangDef;
use crate::load::services::DirectoryDef;
use crate::load::settings::BotDef;
use crate::load::span::SourceFile;
use crate::load::suggest;
use crate::load::summary::Completeness;
use crate::locale::Review;
use crate::model::{
    Arg, BUILTIN_MESSAGES, ContactKind, PLACE_MESSAGES, Text, UNDERSTANDING_MESSAGES,
};

/// Who gives a message its values.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Giver {
    /// A flow step: the values written beside the id.
    Flow,
    /// The service directory: no values.
    Service,
    /// The engine itself: these names.
    Bot(&'static [&'static str]),
}

/// One place that needs a message.
#[derive(Debug)]
pub(crate) struct Use<'f> {
    /// Where the id is written; `None` for the bot's own messages.
    pub file: Option<&'f SourceFile>,
    pub at: usize,
    /// The id with the values it is shown with (samples for the bot's own messages).
    pub text: Text,
    /// Where each argument of `text` is written.
    pub arg_at: Vec<usize>,
    pub giver: Giver,
}

impl Use<'_> {
    fn gives(&self, name: &str) -> bool {
        match self.giver {
            Giver::Flow => self.text.args.iter().any(|(n, _)| n == name),
            Giver::Service => false,
            Giver::Bot(names) => names.contains(&name),
        }
    }

    fn given(&self) -> Vec<&str> {
        match self.giver {
            Giver::Flow => self.text.args.iter().map(|(n, _)| n.as_str()).collect(),
            Giver::Service => Vec::new(),
            Giver::Bot(names) => names.to_vec(),
        }
    }
}

/// The messages of verified services: only those can be shown.
pub(crate) fn service_uses<'f>(directory: &DirectoryDef<'f>) -> Vec<Use<'f>> {
    directory
        .services
        .iter()
        .filter(|s| s.verified == Some(true))
        .flat_map(|s| s.messages.iter().map(move |id| (s.file, id)))
        .map(|(file, id)| Use {
            file: Some(file),
            at: id.span().start,
            text: Text::plain(id.get_ref().clone()),
            arg_at: Vec::new(),
            giver: Giver::Service,
        })
        .collect()
}

/// The bot's own messages, with the longest values it may give them.
pub(crate) fn builtin_uses(directory: &DirectoryDef) -> Vec<Use<'static>> {
    bot_uses(BUILTIN_MESSAGES, directory)
}

/// The messages of the understanding of typed text, needed by a set whose `bot.toml`
/// lists distress words (see `UNDERSTANDING_MESSAGES`).
pub(crate) fn understanding_uses(directory: &DirectoryDef) -> Vec<Use<'static>> {
    bot_uses(UNDERSTANDING_MESSAGES, directory)
}

/// The messages of the place question, needed by a set with several areas (see
/// `PLACE_MESSAGES`).
pub(crate) fn place_uses(directory: &DirectoryDef) -> Vec<Use<'static>> {
    bot_uses(PLACE_MESSAGES, directory)
}

/// The messages of opening hours, needed by a set where a service has weekly hours or
/// a flow has `when_closed` (see `HOURS_MESSAGES`).
pub(crate) fn hours_uses(directory: &DirectoryDef) -> Vec<Use<'static>> {
    bot_uses(crate::model::HOURS_MESSAGES, directory)
}

fn bot_uses(
    messages: &'static [(&'static str, &'static [&'static str])],
    directory: &DirectoryDef,
) -> Vec<Use<'static>> {
    messages
        .iter()
        .map(|(id, names)| {
            let args = names
                .iter()
                .map(|name| (name.to_string(), Arg::Str(sample(id, name, directory))))
                .collect();
            Use {
                file: None,
                at: 0,
                text: Text {
                    id: id.to_string(),
                    args,
                },
                arg_at: Vec::new(),
                giver: Giver::Bot(names),
            }
        })
        .collect()
}

/// The longest value the engine may give a built-in message's argument.
fn sample(id: &str, name: &str, directory: &DirectoryDef) -> String {
    match name {
        "closes" | "opens" => "23:59".to_string(),
        "weekday" => "wed".to_string(),
        "today" => "yes".to_string(),
        _ => {
            // Contact lines get the longest contact of their kind in the directory.
            let kinds = [
                ContactKind::Phone,
                ContactKind::Web,
                ContactKind::Email,
                ContactKind::Chat,
                ContactKind::Visit,
            ];
            let kind = kinds.into_iter().find(|k| k.message_id() == id);
            directory
                .services
                .iter()
                .filter_map(|s| s.service.as_ref())
                .flat_map(|s| s.contacts.iter())
                .filter(|c| Some(c.kind) == kind)
                .map(|c| c.value.clone())
                .max_by_key(|v| v.chars().count())
                .unwrap_or_default()
        }
    }
}

/// Runs every check on the offered languages; returns the completeness table.
pub(crate) fn check(
    bot: &BotDef,
    bot_file: &SourceFile,
    locales: &Path,
    langs: &[LangDef],
    uses: &[Use],
    report: &mut Report,
) -> Vec<Completeness> {
    for code in &bot.languages {
        match langs.iter().find(|l| l.code == code.get_ref()) {
            None => report.push(bot_file.error(
                code.span().start,
                format!(
                    "language \"{}\" has no folder {}",
                    code.get_ref(),
                    locales.join(code.get_ref()).display()
                ),
            )),
            Some(lang) if lang.dir.files.is_empty() => report.push(bot_file.error(
                code.span().start,
                format!(
                    "language \"{}\" has no .ftl files in {}",
                    code.get_ref(),
                    lang.dir.path.display()
                ),
            )),
            Some(_) => {}
        }
    }
    let offered = offered(bot, langs);
    for lang in langs {
        if !bot.offers(lang.code) {
            report.push(Diagnostic::warning(
                &lang.dir.path,
                0,
                0,
                format!(
                    "\"{}\" is not in languages in bot.toml, so these texts are not used",
                    lang.code
                ),
            ));
        }
    }
    missing(&offered, uses, report);
    arguments(&offered, uses, report);
    references(&offered, report);
    completeness(bot, langs, uses)
}

/// The languages `bot.toml` offers that have texts.
pub(crate) fn offered<'l, 'a>(bot: &BotDef, langs: &'l [LangDef<'a>]) -> Vec<&'l LangDef<'a>> {
    bot.languages
        .iter()
        .filter_map(|code| langs.iter().find(|l| l.code == code.get_ref()))
        .filter(|l| !l.dir.files.is_empty())
        .collect()
}

/// Messages a use needs that a language lacks, reported where the id is written.
fn missing(offered: &[&LangDef], uses: &[Use], report: &mut Report) {
    for u in uses {
        let id = u.text.id.as_str();
        let lacking: Vec<&LangDef> = offered
            .iter()
            .copied()
            .filter(|l| !l.has(id) && !l.broken.contains(id))
            .collect();
        if lacking.is_empty() {
            continue;
        }
        match u.file {
            Some(file) => {
                // Missing everywhere: most likely a typo in the id.
                let hint = if lacking.len() == offered.len() {
                    let known = offered.first().map(|l| l.messages.keys().copied());
                    suggest::hint(id, known.into_iter().flatten())
                } else {
                    String::new()
                };
                let codes: Vec<&str> = lacking.iter().map(|l| l.code).collect();
                report.push(file.error(
                    u.at,
                    format!("message \"{id}\" is missing in {}{hint}", and_list(&codes)),
                ));
            }
            None => {
                for lang in lacking {
                    report.push(
                        Diagnostic::error(
                            &lang.dir.path,
                            0,
                            0,
                            format!(
                                "the bot's own message \"{id}\" is missing (see locales/README.md)"
                            ),
                        )
                        .owned_by(Owner::Message {
                            lang: lang.code.to_string(),
                            id: id.to_string(),
                        }),
                    );
                }
            }
        }
    }
}

/// Variables a message uses that are not given, and values given that no language uses.
fn arguments(offered: &[&LangDef], uses: &[Use], report: &mut Report) {
    let mut seen_ids: HashSet<&str> = HashSet::new();
    for lang in offered {
        seen_ids.clear();
        for first in uses {
            let id = first.text.id.as_str();
            if !seen_ids.insert(id) {
                continue;
            }
            let Some(def) = lang.messages.get(id) else {
                continue;
            };
            let mut seen_vars: HashSet<&str> = HashSet::new();
            for &(var, at) in &def.variables {
                if !seen_vars.insert(var) {
                    continue;
                }
                let Some(u) = uses.iter().find(|u| u.text.id == id && !u.gives(var)) else {
                    continue;
                };
                report.push(def.file.error(at, not_given(id, var, u)));
            }
        }
    }
    for u in uses {
        let Some(file) = u.file else { continue };
        let defined: Vec<_> = offered
            .iter()
            .filter_map(|l| l.messages.get(u.text.id.as_str()))
            .collect();
        if defined.is_empty() {
            continue;
        }
        for ((name, _), &at) in u.text.args.iter().zip(&u.arg_at) {
            if !defined
                .iter()
                .any(|d| d.variables.iter().any(|(v, _)| v == name))
            {
                report.push(file.warning(
                    at,
                    format!(
                        "value \"{name}\" is given to \"{}\" but no language uses it",
                        u.text.id
                    ),
                ));
            }
        }
    }
}

fn not_given(id: &str, var: &str, u: &Use) -> String {
    let given = u.given();
    let hint = match suggest::closest(var, given.iter().copied()) {
        Some(close) => format!("; did you mean {{ ${close} }}?"),
        None if given.is_empty() => "; it gives no values".to_string(),
        None => {
            let list: Vec<String> = given.iter().map(|g| format!("{{ ${g} }}")).collect();
            let list: Vec<&str> = list.iter().map(String::as_str).collect();
            format!("; it gives {}", and_list(&list))
        }
    };
    match (u.giver, u.file) {
        (Giver::Flow, Some(file)) => {
            let (line, col) = file.line_col(u.at);
            format!(
                "\"{id}\" uses {{ ${var} }}, which the flow at {}:{line}:{col} does not \
                 give{hint}",
                file.path.display()
            )
        }
        (Giver::Service, _) => format!(
            "\"{id}\" uses {{ ${var} }}, but texts of the service directory are shown \
             without values"
        ),
        _ => format!("\"{id}\" uses {{ ${var} }}, which the bot does not give{hint}"),
    }
}

/// References to messages and terms that do not exist in the same language.
fn references(offered: &[&LangDef], report: &mut Report) {
    for lang in offered {
        for (id, def) in &lang.messages {
            for r in &def.references {
                let exists = if r.term {
                    lang.terms.contains(r.id)
                } else {
                    lang.has(r.id)
                };
                if exists {
                    continue;
                }
                let message = if r.term && r.id.starts_with("svc-") {
                    format!(
                        "\"{id}\" names service \"{}\", which the directory does not show (it \
                         is unknown, or has no verified_on and source); a text may name only \
                         shown services",
                        &r.id["svc-".len()..]
                    )
                } else if r.term && r.id.starts_with("role-") {
                    format!(
                        "\"{id}\" names role \"@{}\", which is unknown or stands for no shown \
                         service",
                        &r.id["role-".len()..]
                    )
                } else if r.term {
                    let hint = suggest::hint(r.id, lang.terms.iter().copied());
                    format!(
                        "\"{id}\" refers to term \"-{}\", which does not exist in {}{hint}",
                        r.id, lang.code
                    )
                } else {
                    let hint = suggest::hint(r.id, lang.messages.keys().copied());
                    format!(
                        "\"{id}\" refers to message \"{}\", which does not exist in {}{hint}",
                        r.id, lang.code
                    )
                };
                report.push(def.file.error(r.at, message));
            }
        }
    }
}

/// Texts that name a service the directory hides, word for word: the name of a hidden
/// entry (or one of its other names) found in a message of an offered language.
/// A name that a shown entry also uses is not looked for.
pub(crate) fn hidden_names(offered: &[&LangDef], directory: &DirectoryDef, report: &mut Report) {
    let shown: HashSet<String> = directory
        .services
        .iter()
        .filter(|s| s.verified == Some(true))
        .flat_map(|s| s.names.iter().map(|n| n.to_lowercase()))
        .collect();
    let hidden: Vec<(&str, String, &str)> = directory
        .services
        .iter()
        .filter(|s| s.verified == Some(false))
        .flat_map(|s| {
            s.names
                .iter()
                .filter(|n| !shown.contains(&n.to_lowercase()))
                .map(move |n| (s.id.as_str(), n.to_lowercase(), n.as_str()))
        })
        .collect();
    // A hidden entry's own texts are shown only once it is verified.
    let shown_messages: HashSet<&str> = directory
        .services
        .iter()
        .filter(|s| s.verified == Some(true))
        .flat_map(|s| s.messages.iter().map(|m| m.get_ref().as_str()))
        .collect();
    let hidden_messages: HashSet<&str> = directory
        .services
        .iter()
        .filter(|s| s.verified == Some(false))
        .flat_map(|s| s.messages.iter().map(|m| m.get_ref().as_str()))
        .filter(|m| !shown_messages.contains(m))
        .collect();
    for lang in offered {
        let mut ids: Vec<&&str> = lang
            .messages
            .keys()
            .filter(|id| !hidden_messages.contains(**id))
            .collect();
        ids.sort();
        for id in ids {
            let def = &lang.messages[*id];
            let text = def.words.to_lowercase();
            // One warning per name, even when several hidden entries share it.
            let mut reported: HashSet<&str> = HashSet::new();
            for (service, lower, name) in &hidden {
                if reported.contains(lower.as_str()) || !contains_word(&text, lower) {
                    continue;
                }
                reported.insert(lower);
                report.push(def.file.warning(
                    def.at,
                    format!(
                        "\"{id}\" names \"{name}\", a service the directory does not show \
                         (\"{service}\" is not verified); leave it out, or verify the entry and \
                         write {{ -svc-{service} }}"
                    ),
                ));
            }
        }
    }
}

/// Whether `needle` stands in `text` as whole words (no letter or digit either side).
fn contains_word(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Per offered language: how many of the needed messages it has.
fn completeness(bot: &BotDef, langs: &[LangDef], uses: &[Use]) -> Vec<Completeness> {
    let needed: HashSet<&str> = uses.iter().map(|u| u.text.id.as_str()).collect();
    bot.languages
        .iter()
        .map(|code| {
            let lang = langs.iter().find(|l| l.code == code.get_ref());
            Completeness {
                code: code.get_ref().clone(),
                present: lang.map_or(0, |l| needed.iter().filter(|id| l.has(id)).count()),
                needed: needed.len(),
                review: lang.map_or(Review::Unknown, |l| l.review),
                files: lang.map_or_else(Vec::new, |l| l.file_reviews.clone()),
                messages: None,
            }
        })
        .collect()
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_as_whole_words() {
        assert!(contains_word("ring kast göteborg i dag", "kast göteborg"));
        assert!(contains_word("(kast)", "kast"));
        assert!(!contains_word("kastrull", "kast"));
        assert!(!contains_word("bekast", "kast"));
    }
}

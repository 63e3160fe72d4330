//! The command menu Telegram shows next to the text field, registered per language for
//! private chats. Descriptions come from the locales (`command-<name>` message ids) when a
//! language has them; otherwise from the short texts below, and a language with neither
//! shows the default language's menu.

use teloxide::types::BotCommand;

use crate::model::{FlowSet, Intent, Text};

use crate::telegram::send::api::Api;

/// Built-in descriptions, used when a locale has no `command-<name>` messages.
fn fallback(language: &str, intent: Intent) -> Option<&'static str> {
    let text = match (language, intent) {
        ("sv", Intent::Emergency) => "Akut hjälp, 112",
        ("sv", Intent::Exit) => "Avsluta och radera samtalet",
        ("sv", Intent::Restart) => "Börja om",
        ("sv", Intent::Language) => "Byt språk",
        ("sv", Intent::Privacy) => "Vad som sparas och inte",
        ("sv", Intent::Help) => "Hjälp",
        ("en", Intent::Emergency) => "Emergency help, 112",
        ("en", Intent::Exit) => "Exit and delete this conversation",
        ("en", Intent::Restart) => "Start again",
        ("en", Intent::Language) => "Change language",
        ("en", Intent::Privacy) => "What is stored and what is not",
        ("en", Intent::Help) => "Help",
        _ => return None,
    };
    Some(text)
}

/// The commands in one language, or `None` if it has no descriptions.
pub(crate) fn commands(flows: &FlowSet, language: &str) -> Option<Vec<BotCommand>> {
    let locale = flows.locales.get(language)?;
    Intent::ALL
        .iter()
        .map(|&intent| {
            let id = format!("command-{}", intent.command());
            let description = if locale.has(&id) {
                locale.format(&Text::plain(id))
            } else {
                fallback(language, intent)?.to_string()
            };
            let description: String = description.trim().chars().take(256).collect();
            (!description.is_empty()).then(|| BotCommand::new(intent.command(), description))
        })
        .collect()
}

/// Telegram takes two-letter ISO 639-1 codes only.
pub(super) fn telegram_code(language: &str) -> Option<&str> {
    let code = language.split(['-', '_']).next()?;
    (code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())).then_some(code)
}

/// Registers the menu for every language and, as the default, in the default language.
/// Failures are logged: the bot works without a command menu.
pub(crate) async fn register(api: &Api, flows: &FlowSet) {
    let default = &flows.settings.default_language;
    match commands(flows, default) {
        Some(list) => {
            if let Err(error) = api.set_my_commands(list, None).await {
                tracing::warn!(%error, "the command menu could not be registered");
            }
        }
        None => tracing::warn!(
            "no command descriptions in the default language; add command-<name> messages"
        ),
    }
    for language in flows.locales.codes() {
        let Some(code) = telegram_code(language) else {
            continue;
        };
        let Some(list) = commands(flows, language) else {
            tracing::info!(language = %language, "no command descriptions; the default menu is shown");
            continue;
        };
        if let Err(error) = api.set_my_commands(list, Some(code)).await {
            tracing::warn!(%error, language = %language, "the command menu could not be registered");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_two_letter_codes_go_to_telegram() {
        assert_eq!(telegram_code("sv"), Some("sv"));
        assert_eq!(telegram_code("pt-BR"), Some("pt"));
        assert_eq!(telegram_code("ckb"), None);
    }

    #[test]
    fn every_intent_has_a_fallback_in_swedish_and_english() {
        for language in ["sv", "en"] {
            for intent in Intent::ALL {
                assert!(
                    fallback(language, intent).is_some(),
                    "{language} {intent:?}"
                );
            }
        }
    }
}

//! The bot's public profile in every language: the description shown in an empty chat
//! before the person presses Start, and the short description on the profile page and
//! when the bot is shared. Both come from the locales (`bot-description` and
//! `bot-short-description`), so staff word them with the other texts, and they are kept
//! discreet there: someone looking over a shared phone should not learn more than the
//! person chose to show.
//!
//! The name, the picture and "Allow Groups" cannot be set through the Bot API; staff set
//! them in @BotFather (README.md, "The bot's profile").
//!
//! Planning is pure ([`plan`]); [`Profile::apply`] asks Telegram for each text and sets
//! only those that differ, so a restart changes nothing, and a reload whose texts are the
//! same makes no call at all. Telegram limits how often a profile may change: a 429 is
//! not waited out (the texts are set at the next start or reload), and a failure never
//! stops the bot.

use tokio::sync::Mutex;

use crate::model::FlowSet;

use crate::telegram::ops::commands::telegram_code;
use crate::telegram::send::api::{Api, CallError, ProfileField};

/// The message ids the texts come from.
pub(crate) const DESCRIPTION_ID: &str = "bot-description";
pub(crate) const SHORT_DESCRIPTION_ID: &str = "bot-short-description";

/// Telegram's limits, in characters.
pub(crate) const DESCRIPTION_MAX: usize = 512;
pub(crate) const SHORT_DESCRIPTION_MAX: usize = 120;

/// One text to set: which field, in which language (`None`: the default, for everyone
/// whose app language has none of its own), and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProfileText {
    pub field: ProfileField,
    pub language: Option<String>,
    pub text: String,
}

/// Why a language's text is left out of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Skipped {
    pub language: String,
    pub id: &'static str,
    pub reason: &'static str,
}

/// The texts to set for `flows`: the default language's as the default, then each
/// language with a two-letter code Telegram accepts. A language without the message, or
/// with a text over Telegram's limit, is skipped (and reported): people with that app
/// language then see the default text.
pub(crate) fn plan(flows: &FlowSet) -> (Vec<ProfileText>, Vec<Skipped>) {
    let mut texts = Vec::new();
    let mut skipped = Vec::new();
    let default = flows.settings.default_language.as_str();
    let scopes = std::iter::once((default, None)).chain(
        flows
            .locales
            .codes()
            .iter()
            .filter_map(|code| telegram_code(code).map(|t| (code.as_str(), Some(t)))),
    );
    for (language, code) in scopes {
        let Some(locale) = flows.locales.get(language) else {
            continue;
        };
        for (field, id, max) in [
            (ProfileField::Description, DESCRIPTION_ID, DESCRIPTION_MAX),
            (
                ProfileField::Short,
                SHORT_DESCRIPTION_ID,
                SHORT_DESCRIPTION_MAX,
            ),
        ] {
            let skip = |reason| Skipped {
                language: language.to_string(),
                id,
                reason,
            };
            if !locale.has(id) {
                skipped.push(skip("the message is missing"));
                continue;
            }
            let text = locale.message(id).trim().to_string();
            if text.is_empty() {
                skipped.push(skip("the message is empty"));
            } else if text.chars().count() > max {
                skipped.push(skip("the text is longer than Telegram allows"));
            } else {
                texts.push(ProfileText {
                    field,
                    language: code.map(str::to_string),
                    text,
                });
            }
        }
    }
    (texts, skipped)
}

/// Keeps the profile in step with the flows in service.
#[derive(Debug, Default)]
pub(crate) struct Profile {
    /// The plan last set in full, so that a reload with the same texts calls nothing.
    applied: Mutex<Option<Vec<ProfileText>>>,
}

impl Profile {
    /// Sets every text of `flows`' plan that Telegram does not show already. Failures are
    /// logged; the texts that failed are tried again at the next reload.
    pub(crate) async fn apply(&self, api: &Api, flows: &FlowSet) {
        let (texts, skipped) = plan(flows);
        for skip in &skipped {
            tracing::warn!(
                language = %skip.language,
                message = skip.id,
                reason = skip.reason,
                "a profile text is left out; the default language's is shown instead"
            );
        }
        let mut applied = self.applied.lock().await;
        if applied.as_ref() == Some(&texts) {
            return;
        }
        let mut changed = 0;
        let mut failed = 0;
        for text in &texts {
            match set_if_different(api, text).await {
                Ok(true) => changed += 1,
                Ok(false) => {}
                Err(error) => {
                    failed += 1;
                    tracing::warn!(
                        %error,
                        language = text.language.as_deref().unwrap_or("default"),
                        "a profile text could not be set; it is tried again at the next start or reload"
                    );
                }
            }
        }
        tracing::info!(changed, failed, "bot profile texts checked");
        *applied = (failed == 0).then_some(texts);
    }
}

async fn set_if_different(api: &Api, text: &ProfileText) -> Result<bool, CallError> {
    let language = text.language.as_deref();
    if api.profile_text(text.field, language).await? == text.text {
        return Ok(false);
    }
    api.set_profile_text(text.field, &text.text, language)
        .await
        .map(|()| true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> FlowSet {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        match crate::load::load(&root.join("flows"), &root.join("locales")) {
            (Some(flows), _) => flows,
            (None, report) => panic!("the shipped flows do not load:\n{report}"),
        }
    }

    #[test]
    fn every_shipped_language_has_both_texts_within_telegrams_limits() {
        let flows = shipped();
        let (texts, skipped) = plan(&flows);
        assert_eq!(skipped, []);
        let mut scopes: Vec<(Option<&str>, ProfileField)> = texts
            .iter()
            .map(|t| (t.language.as_deref(), t.field))
            .collect();
        scopes.dedup();
        let mut expected = vec![
            (None, ProfileField::Description),
            (None, ProfileField::Short),
        ];
        for code in ["sv", "en", "ro", "uk", "ar", "ru"] {
            expected.push((Some(code), ProfileField::Description));
            expected.push((Some(code), ProfileField::Short));
        }
        assert_eq!(scopes, expected);
        // The default is the default language's own text.
        let default = flows.settings.default_language.as_str();
        assert_eq!(
            texts[0].text,
            texts
                .iter()
                .find(|t| t.language.as_deref() == Some(default))
                .map(|t| t.text.clone())
                .unwrap_or_default()
        );
    }

    /// Someone looking over a shared phone sees the profile: it names what the bot offers,
    /// not what the person may be going through.
    #[test]
    fn the_shipped_texts_are_discreet() {
        let revealing = [
            "sex",
            "prostitu",
            "traffick",
            "exploit",
            "escort",
            "abuse",
            "människohandel",
            "utnyttj",
            "köp",
            "trafic",
            "exploat",
            "abuz",
            "секс",
            "проститу",
            "торгівл",
            "експлуат",
            "торговл",
            "эксплуат",
            "насили",
            "насильств",
            "جنس",
            "دعارة",
            "اتجار",
            "استغلال",
        ];
        let (texts, _) = plan(&shipped());
        for text in texts {
            let lower = text.text.to_lowercase();
            for word in revealing {
                assert!(
                    !lower.contains(word),
                    "{:?} {:?} says {word:?}: {}",
                    text.language,
                    text.field,
                    text.text
                );
            }
        }
    }
}

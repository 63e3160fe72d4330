//! Button data: Telegram refuses a button whose data is over 64 bytes, so every kind of
//! button the engine makes is checked in its longest form, encoded by the engine's own
//! [`ButtonData::encode`] (the one place that knows the encoding). A global button fits
//! whatever the files say, so only a unit test checks it.

use crate::engine::ButtonData;
use crate::model::limits::MAX_BUTTON_DATA_BYTES;

/// The longest data of the choice at `index` on any menu (the highest menu number).
pub(crate) fn choice_data(index: usize) -> String {
    ButtonData::Choice {
        menu: u32::MAX,
        index: u8::try_from(index).unwrap_or(u8::MAX),
    }
    .encode()
}

/// The data of the language menu's button for `code`.
pub(crate) fn language_data(code: &str) -> String {
    ButtonData::Language(code.to_string()).encode()
}

/// `Some(message)` when the data does not fit.
pub(crate) fn too_long(what: &str, data: &str) -> Option<String> {
    (data.len() > MAX_BUTTON_DATA_BYTES).then(|| {
        format!(
            "{what} would need {} bytes of button data; Telegram allows at most {}",
            data.len(),
            MAX_BUTTON_DATA_BYTES
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::limits::MAX_CHOICES_PER_STEP;

    #[test]
    fn every_choice_and_global_button_fits() {
        for index in 0..MAX_CHOICES_PER_STEP {
            assert_eq!(too_long("a choice", &choice_data(index)), None);
        }
        // Global buttons do not depend on the files, so they are checked here once.
        for intent in crate::model::Intent::ALL {
            let data = ButtonData::Global(intent).encode();
            assert_eq!(too_long("a global button", &data), None);
        }
    }

    #[test]
    fn long_language_codes_do_not_fit() {
        assert_eq!(too_long("x", &language_data("sv")), None);
        let code = "a".repeat(64);
        assert_eq!(
            too_long("language \"a...\"", &language_data(&code)).as_deref(),
            Some(
                "language \"a...\" would need 65 bytes of button data; Telegram allows at most 64"
            )
        );
    }
}

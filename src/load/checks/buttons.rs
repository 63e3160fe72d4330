//! Button data: Telegram refuses a button whose data is over 64 bytes, so every kind of
//! button the engine makes is checked in its longest form.
//!
//! The engine encodes a choice as `c{menu}.{index}` (the menu number up to `u32::MAX`),
//! a language as `l{code}` and a global button as `g{letter}` (which fits whatever the
//! files say, so only a unit test checks it).

use crate::model::limits::MAX_BUTTON_DATA_BYTES;

/// The longest data of the choice at `index` on any menu.
pub fn choice_data(index: usize) -> String {
    format!("c{}.{index}", u32::MAX)
}

/// The data of the language menu's button for `code`.
pub fn language_data(code: &str) -> String {
    format!("l{code}")
}

/// `Some(message)` when the data does not fit.
pub fn too_long(what: &str, data: &str) -> Option<String> {
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

    /// The longest data of a global button (a letter may take up to 4 bytes in UTF-8);
    /// it does not depend on the files, so it is checked here once.
    fn global_data() -> String {
        format!("g{}", char::MAX)
    }

    #[test]
    fn every_choice_and_global_button_fits() {
        for index in 0..MAX_CHOICES_PER_STEP {
            assert_eq!(too_long("a choice", &choice_data(index)), None);
        }
        assert_eq!(too_long("a global button", &global_data()), None);
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

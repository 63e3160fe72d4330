//! Button data: what a pressed button says, in at most 64 bytes, and nothing a forger
//! could use to reach a step the current menu does not offer.
//!
//! A choice button carries only the menu counter and the choice's position; the engine
//! acts on it only if that menu is the one the session shows now. Global buttons and
//! language buttons are valid from every step, so they carry no menu.

use crate::model::Intent;

/// The decoded data of a button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ButtonData {
    /// The `index`th choice of menu number `menu`.
    Choice {
        /// The menu counter the button was shown with.
        menu: u32,
        /// The choice's position on the step.
        index: u8,
    },
    /// A global intent (emergency, exit...).
    Global(Intent),
    /// Switch to this language.
    Language(String),
    /// "Write with a person here" on menu number `menu`: shows what the handover means.
    Offer {
        /// The menu counter the button was shown with.
        menu: u32,
    },
    /// "Yes, start" under that text, for menu number `menu`.
    Consent {
        /// The menu counter the button was shown with.
        menu: u32,
    },
    /// During a live conversation, the answer to "pass on the message with personal
    /// data?" (`true`: send it). Only the relay acts on it.
    Personal(bool),
    /// An answer to the place question of menu number `menu`, or its "change" button
    /// (`a{menu}.{area}`, `.e` elsewhere, `.n` rather not say, `.c` change).
    Place {
        /// The menu counter the button was shown with.
        menu: u32,
        /// The answer, or "change".
        answer: PlaceAnswer,
    },
}

impl ButtonData {
    /// The button's data as sent to Telegram (at most 64 bytes), the inverse of decoding.
    pub fn encode(&self) -> String {
        // Written out rather than with `format!`: every reply carries several buttons,
        // and the formatting machinery was a tenth of the engine's time.
        match self {
            ButtonData::Choice { menu, index } => {
                let mut data = String::with_capacity(16);
                data.push('c');
                push_decimal(&mut data, *menu);
                data.push('.');
                push_decimal(&mut data, u32::from(*index));
                data
            }
            ButtonData::Global(intent) => ['g', intent_letter(*intent)].into_iter().collect(),
            ButtonData::Language(code) => {
                let mut data = String::with_capacity(1 + code.len());
                data.push('l');
                data.push_str(code);
                data
            }
            ButtonData::Offer { menu } | ButtonData::Consent { menu } => {
                let mut data = String::with_capacity(11);
                data.push(if matches!(self, ButtonData::Offer { .. }) {
                    'o'
                } else {
                    'k'
                });
                push_decimal(&mut data, *menu);
                data
            }
            ButtonData::Personal(send) => if *send { "p1" } else { "p0" }.to_string(),
            ButtonData::Place { menu, answer } => {
                let mut data = String::with_capacity(16);
                data.push('a');
                push_decimal(&mut data, *menu);
                data.push('.');
                match answer {
                    PlaceAnswer::Area(index) => push_decimal(&mut data, u32::from(*index)),
                    PlaceAnswer::Elsewhere => data.push('e'),
                    PlaceAnswer::Unsaid => data.push('n'),
                    PlaceAnswer::Change => data.push('c'),
                }
                data
            }
        }
    }

    /// Decodes data from a pressed button. Anything malformed, oversized or unknown is
    /// `None`: the caller treats it as an out-of-date menu.
    pub fn decode(data: &str) -> Option<Self> {
        if data.is_empty() || data.len() > crate::model::limits::MAX_BUTTON_DATA_BYTES {
            return None;
        }
        let (kind, rest) = data.split_at_checked(1)?;
        match kind {
            "c" => {
                let (menu, index) = rest.split_once('.')?;
                Some(ButtonData::Choice {
                    menu: parse_decimal(menu)?,
                    index: u8::try_from(parse_decimal(index)?).ok()?,
                })
            }
            "g" => {
                let mut chars = rest.chars();
                let letter = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                Intent::ALL
                    .into_iter()
                    .find(|i| intent_letter(*i) == letter)
                    .map(ButtonData::Global)
            }
            "o" => Some(ButtonData::Offer {
                menu: parse_decimal(rest)?,
            }),
            "k" => Some(ButtonData::Consent {
                menu: parse_decimal(rest)?,
            }),
            "a" => {
                let (menu, answer) = rest.split_once('.')?;
                let answer = match answer {
                    "e" => PlaceAnswer::Elsewhere,
                    "n" => PlaceAnswer::Unsaid,
                    "c" => PlaceAnswer::Change,
                    index => PlaceAnswer::Area(u8::try_from(parse_decimal(index)?).ok()?),
                };
                Some(ButtonData::Place {
                    menu: parse_decimal(menu)?,
                    answer,
                })
            }
            "p" => match rest {
                "1" => Some(ButtonData::Personal(true)),
                "0" => Some(ButtonData::Personal(false)),
                _ => None,
            },
            "l" if !rest.is_empty()
                && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') =>
            {
                Some(ButtonData::Language(rest.to_string()))
            }
            _ => None,
        }
    }
}

/// Appends `n` in decimal, without leading zeros.
fn push_decimal(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut start = digits.len();
    loop {
        start -= 1;
        // `n % 10` is below 10, so the cast cannot truncate.
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
}

/// A strict decimal `u32`: digits only, no sign, no leading zeros.
fn parse_decimal(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || (s.len() > 1 && s.starts_with('0'))
    {
        return None;
    }
    s.parse().ok()
}

fn intent_letter(intent: Intent) -> char {
    match intent {
        Intent::Emergency => 'e',
        // Never on a button (no button offers it); a letter so the match is complete.
        Intent::Distress => 'd',
        Intent::Exit => 'x',
        Intent::Restart => 'r',
        Intent::Language => 'l',
        Intent::Privacy => 'p',
        Intent::Help => 'h',
    }
}

/// A pressed answer of the place question, or the button that asks it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceAnswer {
    /// The area at this position of `Directory::areas`.
    Area(u8),
    /// "Somewhere else": none of the areas.
    Elsewhere,
    /// "I would rather not say".
    Unsaid,
    /// "Change place": forget the answer and ask again.
    Change,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for data in [
            ButtonData::Choice { menu: 0, index: 0 },
            ButtonData::Choice {
                menu: u32::MAX,
                index: 11,
            },
            ButtonData::Global(Intent::Exit),
            ButtonData::Global(Intent::Emergency),
            ButtonData::Language("sv".into()),
            ButtonData::Offer { menu: 7 },
            ButtonData::Consent { menu: u32::MAX },
            ButtonData::Personal(true),
            ButtonData::Personal(false),
            ButtonData::Place {
                menu: 3,
                answer: PlaceAnswer::Area(0),
            },
            ButtonData::Place {
                menu: u32::MAX,
                answer: PlaceAnswer::Area(u8::MAX),
            },
            ButtonData::Place {
                menu: 1,
                answer: PlaceAnswer::Elsewhere,
            },
            ButtonData::Place {
                menu: 1,
                answer: PlaceAnswer::Unsaid,
            },
            ButtonData::Place {
                menu: 1,
                answer: PlaceAnswer::Change,
            },
        ] {
            assert_eq!(ButtonData::decode(&data.encode()), Some(data));
        }
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "c",
            "c1",
            "c1.",
            "c.1",
            "c01.1",
            "c1.01",
            "c-1.0",
            "c1.256",
            "c4294967296.0",
            "gz",
            "gee",
            "g",
            "l",
            "l<script>",
            "x1",
            "c1.1 ",
            "é",
            "o",
            "o01",
            "k-1",
            "p",
            "p2",
            "p10",
            "a",
            "a1",
            "a1.",
            "a.e",
            "a1.x",
            "a1.256",
            "a1.01",
            "a01.e",
        ] {
            assert_eq!(ButtonData::decode(bad), None, "{bad:?}");
        }
        assert_eq!(ButtonData::decode(&"l".repeat(65)), None);
    }

    #[test]
    fn encodes_like_format() {
        for (menu, index) in [
            (0, 0),
            (9, 1),
            (10, 10),
            (4_294_967_295, 255),
            (1_000_000, 7),
        ] {
            assert_eq!(
                ButtonData::Choice { menu, index }.encode(),
                format!("c{menu}.{index}")
            );
        }
        assert_eq!(ButtonData::Global(Intent::Privacy).encode(), "gp");
        assert_eq!(ButtonData::Language("uk".into()).encode(), "luk");
    }

    #[test]
    fn worst_case_fits_in_64_bytes() {
        let worst = ButtonData::Choice {
            menu: u32::MAX,
            index: u8::MAX,
        };
        assert!(worst.encode().len() <= 64);
    }
}

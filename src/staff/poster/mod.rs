//! Posters and cards: a QR code for each deep link, with the link written under it, as
//! SVG (for print shops) and PNG (for everything else), both drawn here.
//!
//! The QR code is encoded by the `qrcode` crate at error-correction level M, which
//! survives a crease or a smudge on a printed card. The text under the PNG's code is
//! drawn with a built-in bitmap font ([`font`]); links are ASCII.

mod font;

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};

use super::markup::escape;

/// Why a poster could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PosterError {
    /// The bot's username is not one Telegram allows.
    #[error(
        "\"{0}\" is not a Telegram bot username; use its 5 to 32 letters, digits and \
         underscores, as in @signpost_bot"
    )]
    BotName(String),
    /// The link is too long for a QR code.
    #[error("the link {0} does not fit in a QR code")]
    TooLong(String),
    /// The PNG encoder failed.
    #[error("cannot encode the PNG image: {0}")]
    Png(#[from] png::EncodingError),
}

/// The bot's username without a leading `@`, checked.
pub fn bot_name(name: &str) -> Result<&str, PosterError> {
    let bare = name.strip_prefix('@').unwrap_or(name);
    let fine = (5..=32).contains(&bare.len())
        && bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if fine {
        Ok(bare)
    } else {
        Err(PosterError::BotName(name.to_string()))
    }
}

/// The link that opens the bot at a deep link.
pub fn link(bot: &str, code: &str) -> String {
    format!("https://t.me/{bot}?start={code}")
}

/// Modules of quiet (white) border the QR standard asks for on each side.
const QUIET: usize = 4;
/// PNG pixels per module, and per pixel of the font.
const MODULE_PX: usize = 10;
const FONT_SCALE: usize = 2;

/// A QR code for one link.
pub struct Poster {
    /// The link the code opens, also written under it.
    pub url: String,
    /// Modules per side.
    width: usize,
    /// Row by row, `true` for dark.
    dark: Vec<bool>,
}

impl Poster {
    /// The QR code for `url`, at error-correction level M.
    pub fn new(url: &str) -> Result<Poster, PosterError> {
        let code = QrCode::with_error_correction_level(url, EcLevel::M)
            .map_err(|_| PosterError::TooLong(url.to_string()))?;
        Ok(Poster {
            url: url.to_string(),
            width: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect(),
        })
    }

    fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// The code in an SVG, one unit per module, the link under it in monospace.
    pub fn svg(&self) -> String {
        let side = self.width + 2 * QUIET;
        // Room under the code for the link, sized so the text fits the width.
        let chars = self.url.chars().count().max(1) as f64;
        let font = (side as f64 * 1.6 / chars).clamp(0.8, 2.2);
        let text_w = chars * font * 0.6;
        let width = (side as f64).max(text_w + 2.0);
        let height = side as f64 + font * 2.2;
        let left = (width - side as f64) / 2.0;
        let mut path = String::new();
        for y in 0..self.width {
            for x in 0..self.width {
                if self.is_dark(x, y) {
                    let _ = write!(path, "M{},{}h1v1h-1z", x + QUIET, y + QUIET);
                }
            }
        }
        let mut out = String::new();
        let _ = write!(
            out,
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.2} {height:.2}" width="{:.0}mm" height="{:.0}mm"><title>{url}</title><rect width="{width:.2}" height="{height:.2}" fill="#ffffff"/><path transform="translate({left:.2},0)" d="{path}" fill="#000000" shape-rendering="crispEdges"/><text x="{:.2}" y="{:.2}" font-family="DejaVu Sans Mono, Consolas, monospace" font-size="{font:.2}" text-anchor="middle" fill="#000000">{url}</text></svg>"##,
            width * 2.0,
            height * 2.0,
            width / 2.0,
            side as f64 + font * 0.9,
            url = escape(&self.url),
        );
        out.push('\n');
        out
    }

    /// The code in a greyscale PNG, the link under it.
    pub fn png(&self) -> Result<Vec<u8>, PosterError> {
        let side = (self.width + 2 * QUIET) * MODULE_PX;
        let text_w = font::text_width(&self.url, FONT_SCALE);
        let width = side.max(text_w + 2 * QUIET * MODULE_PX);
        let text_h = font::HEIGHT * FONT_SCALE;
        let height = side + text_h + QUIET * MODULE_PX;
        let mut pixels = vec![255u8; width * height];
        let left = (width - side) / 2 + QUIET * MODULE_PX;
        for y in 0..self.width {
            for x in 0..self.width {
                if !self.is_dark(x, y) {
                    continue;
                }
                for py in y * MODULE_PX..(y + 1) * MODULE_PX {
                    let row = (py + QUIET * MODULE_PX) * width;
                    let start = row + left + x * MODULE_PX;
                    pixels[start..start + MODULE_PX].fill(0);
                }
            }
        }
        // The link sits in the lower quiet zone's second half, centred.
        let text_left = (width - text_w) / 2;
        let text_top = side - QUIET * MODULE_PX / 2;
        font::draw(&self.url, text_left, text_top, FONT_SCALE, |x, y| {
            if x < width && y < height {
                pixels[y * width + x] = 0;
            }
        });

        let mut bytes = Vec::new();
        {
            let w = u32::try_from(width).unwrap_or(u32::MAX);
            let h = u32::try_from(height).unwrap_or(u32::MAX);
            let mut encoder = png::Encoder::new(&mut bytes, w, h);
            encoder.set_color(png::ColorType::Grayscale);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header()?;
            writer.write_image_data(&pixels)?;
            writer.finish()?;
        }
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bot_names_are_checked() {
        assert_eq!(bot_name("@signpost_bot").ok(), Some("signpost_bot"));
        assert_eq!(bot_name("SignpostBot").ok(), Some("SignpostBot"));
        for bad in [
            "bot",
            "a/b_bot",
            "signpost bot",
            "@",
            "x".repeat(33).as_str(),
        ] {
            assert!(bot_name(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn links_open_the_bot_at_the_code() {
        assert_eq!(
            link("signpost_bot", "support_sv"),
            "https://t.me/signpost_bot?start=support_sv"
        );
    }
}

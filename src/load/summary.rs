//! The completeness table: how many of the messages the bot needs each language has,
//! and how far its texts have been reviewed.

use std::fmt;

use crate::locale::Review;

/// One language's line in the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completeness {
    /// The language code.
    pub code: String,
    /// Needed messages this language has.
    pub present: usize,
    /// Messages the flows, the directory and the bot itself need.
    pub needed: usize,
    /// The least reviewed of its files.
    pub review: Review,
    /// Each `.ftl` file's own status, by file name.
    pub files: Vec<(String, Review)>,
    /// Its messages by review state, when some language of the set keeps review records
    /// (`review.toml`); `None` otherwise.
    pub messages: Option<ReviewCounts>,
}

/// A language's messages by their review record: reviewed against the source text as
/// it is, reviewed against an older source text, or with no record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewCounts {
    /// Reviewed against the source text as it is now.
    pub reviewed: usize,
    /// Reviewed against an older source text.
    pub stale: usize,
    /// With no review record: machine-drafted.
    pub drafted: usize,
}

impl Completeness {
    /// Whole percent, rounded down so that a language one message short never shows 100%.
    pub fn percent(&self) -> usize {
        (self.present * 100).checked_div(self.needed).unwrap_or(100)
    }
}

/// The table as `signpost check` prints it, one language a line.
pub struct Table<'a>(pub &'a [Completeness]);

impl fmt::Display for Table<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The per-message columns only when some language keeps review records.
        let per_message = self.0.iter().any(|c| c.messages.is_some());
        let rows: Vec<[String; 4]> = self
            .0
            .iter()
            .map(|c| {
                let review = match (per_message, c.messages) {
                    (true, Some(m)) => format!(
                        "{} reviewed, {} stale, {} machine-drafted",
                        m.reviewed, m.stale, m.drafted
                    ),
                    (true, None) => "no texts".to_string(),
                    (false, _) => review_name(c.review).to_string(),
                };
                [
                    c.code.clone(),
                    format!("{}/{}", c.present, c.needed),
                    format!("{}%", c.percent()),
                    review,
                ]
            })
            .collect();
        let header = [
            "language",
            "messages",
            "complete",
            if per_message {
                "review per message"
            } else {
                "review"
            },
        ];
        let mut widths = header.map(str::len);
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let line = |f: &mut fmt::Formatter<'_>, cells: [&str; 4]| {
            let text = format!(
                "{:<w0$}  {:>w1$}  {:>w2$}  {}",
                cells[0],
                cells[1],
                cells[2],
                cells[3],
                w0 = widths[0],
                w1 = widths[1],
                w2 = widths[2],
            );
            writeln!(f, "{}", text.trim_end())
        };
        line(f, header)?;
        for row in &rows {
            line(f, [&row[0], &row[1], &row[2], &row[3]])?;
        }
        Ok(())
    }
}

/// The word used in `main.ftl`'s review line, or what the table shows without one.
pub fn review_name(review: Review) -> &'static str {
    match review {
        Review::Reviewed => "reviewed",
        Review::MachineDrafted => "machine-drafted",
        Review::Unknown => "not stated",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_down() {
        let c = Completeness {
            code: "sv".into(),
            present: 199,
            needed: 200,
            review: Review::Reviewed,
            files: Vec::new(),
            messages: None,
        };
        assert_eq!(c.percent(), 99);
    }

    #[test]
    fn table_aligns_columns() {
        let rows = [
            Completeness {
                code: "sv".into(),
                present: 40,
                needed: 40,
                review: Review::Reviewed,
                files: Vec::new(),
                messages: None,
            },
            Completeness {
                code: "en".into(),
                present: 3,
                needed: 40,
                review: Review::Unknown,
                files: Vec::new(),
                messages: None,
            },
        ];
        assert_eq!(
            Table(&rows).to_string(),
            "language  messages  complete  review\n\
             sv           40/40      100%  reviewed\n\
             en            3/40        7%  not stated\n"
        );
    }
}

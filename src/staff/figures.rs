//! Figures for the cooperation network (`signpost stats --html`): one HTML page with a
//! picture per question, drawn here as inline SVG (no script, nothing from elsewhere):
//! per ISO week, how often each route was entered, each signpost shown, each language
//! used, and how often people used the quick exit or asked for emergency help.
//!
//! **Small counts stay hidden.** A day's count below the threshold is never shown and
//! never added into anything: a week's figure is the sum of its days that reached the
//! threshold, and says "at least" when other days had fewer; a week whose every day was
//! below it says "fewer than N". So no figure on the page, set beside `signpost stats`'s
//! table, lets anyone work out a hidden count by subtraction. The daily counts come in
//! as [`DayCount`]s, which may already say only "fewer than N" (a statistics file may
//! keep no more than that); nothing here needs the exact number of a small count.
//!
//! **Invariant:** pure: rows in, HTML out; no totals across weeks or across rows (a total
//! over hidden counts would give them away).

use std::collections::BTreeMap;

use jiff::civil::Date;

use maud::{Markup, html};

use super::markup::text_width;

/// One day's count of one event, as the statistics files keep it: the number, or only
/// that it was fewer than a bound.
pub(crate) use crate::store::Count as DayCount;

/// What the page says about one event in one week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WeekFigure {
    /// Every day of the week with the event reached the threshold: their sum.
    Exact(u64),
    /// The sum of the days that reached the threshold; other days had fewer than it.
    AtLeast { counted: u64, threshold: u64 },
    /// Every day with the event had fewer than `threshold`; `days` of them.
    FewerThan { threshold: u64, days: usize },
}

impl WeekFigure {
    /// The week's figure from its days' counts. A count below `threshold`, or given as
    /// "fewer than" some number, is hidden and left out of the sum.
    pub(crate) fn of(days: &[DayCount], threshold: u64) -> Option<WeekFigure> {
        let mut counted = 0u64;
        let mut hidden = 0usize;
        let mut bound = threshold;
        let mut any = false;
        for day in days {
            match *day {
                DayCount::Exact(0) => {}
                DayCount::Exact(n) if n >= threshold => {
                    counted = counted.saturating_add(n);
                    any = true;
                }
                DayCount::Exact(_) => {
                    hidden += 1;
                    any = true;
                }
                DayCount::FewerThan(n) => {
                    hidden += 1;
                    bound = bound.max(n);
                    any = true;
                }
            }
        }
        if !any {
            return None;
        }
        Some(match (counted, hidden) {
            (counted, 0) => WeekFigure::Exact(counted),
            (0, days) => WeekFigure::FewerThan {
                threshold: bound,
                days,
            },
            (counted, _) => WeekFigure::AtLeast {
                counted,
                threshold: bound,
            },
        })
    }

    /// The figure in words, as shown under its bar and in the table.
    pub(crate) fn words(self) -> String {
        match self {
            WeekFigure::Exact(n) => n.to_string(),
            WeekFigure::AtLeast { counted, .. } => format!("at least {counted}"),
            WeekFigure::FewerThan { threshold, days: 1 } => format!("fewer than {threshold}"),
            WeekFigure::FewerThan { threshold, .. } => format!("fewer than {threshold} a day"),
        }
    }

    /// The height the bar is drawn to: the counted part only.
    fn counted(self) -> u64 {
        match self {
            WeekFigure::Exact(n) | WeekFigure::AtLeast { counted: n, .. } => n,
            WeekFigure::FewerThan { .. } => 0,
        }
    }
}

/// An ISO week: its year, number and Monday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Week {
    pub year: i16,
    pub number: i8,
    pub monday: Date,
}

impl Week {
    pub(crate) fn of(day: Date) -> Week {
        let iso = day.iso_week_date();
        let monday = iso.first_of_week().map_or(day, |first| first.date());
        Week {
            year: iso.year(),
            number: iso.week(),
            monday,
        }
    }

    fn label(self) -> String {
        format!("week {} of {}", self.number, self.year)
    }
}

/// One question the page answers: what it counts, and a name for each event.
pub(crate) struct Section {
    pub id: &'static str,
    pub title: String,
    pub explanation: String,
    /// Per event (its name as shown), per day: the counts.
    pub rows: BTreeMap<String, Vec<(Date, DayCount)>>,
}

/// The page. `threshold` is the smallest count shown; `span` the first and last day the
/// figures cover (for the heading); `partial` the days whose counts from before a restart
/// were dropped (said in the heading: those weeks read low).
pub(crate) fn html(
    sections: &[Section],
    threshold: u64,
    span: Option<(Date, Date)>,
    partial: &[Date],
) -> String {
    let weeks: Vec<Week> = {
        let mut weeks: Vec<Week> = sections
            .iter()
            .flat_map(|s| s.rows.values().flatten().map(|(day, _)| Week::of(*day)))
            .collect();
        weeks.sort();
        weeks.dedup();
        weeks
    };
    let partial: Vec<String> = partial.iter().map(Date::to_string).collect();
    let body = html! {
        header {
            h1 { "Figures" }
            @match span {
                Some((from, to)) => p.meta {
                    "From " (from) " to " (to) ", counted per week (Monday to Sunday; days are UTC). Made by "
                    code { "signpost stats --html" } "."
                },
                None => p.meta { "No statistics were recorded for these days." },
            }
            @if !partial.is_empty() {
                p.meta {
                    "On " (partial.join(", ")) " the bot restarted, and the counts from before the \
                     restart could not be kept: the weeks with these days read low."
                }
            }
            p.note {
                "So that no one person's way through the bot can be picked out, a day on which \
                 something happened fewer than " (threshold) " times is not shown and not added \
                 in. A week reads " b { "fewer than " (threshold) } " when that was so on its only \
                 day, " b { "fewer than " (threshold) " a day" } " when it was so on every day, and "
                b { "at least" } " a number when only some days reached " (threshold) ". There are \
                 no totals, for the same reason."
            }
        }
        @for section in sections {
            (section_html(section, &weeks, threshold))
        }
    };
    let mut out = String::from(HEAD);
    out.push_str(&body.into_string());
    out.push_str("\n</body>\n</html>\n");
    out
}

fn section_html(section: &Section, weeks: &[Week], threshold: u64) -> Markup {
    let figures: Vec<(&String, Vec<Option<WeekFigure>>)> = section
        .rows
        .iter()
        .map(|(name, days)| {
            let per_week: Vec<Option<WeekFigure>> = weeks
                .iter()
                .map(|week| {
                    let counts: Vec<DayCount> = days
                        .iter()
                        .filter(|(day, _)| Week::of(*day) == *week)
                        .map(|(_, count)| *count)
                        .collect();
                    WeekFigure::of(&counts, threshold)
                })
                .collect();
            (name, per_week)
        })
        .filter(|(_, per_week)| per_week.iter().any(Option::is_some))
        .collect();
    html! {
        section id=(section.id) {
            h2 { (section.title) }
            p { (section.explanation) }
            @if figures.is_empty() {
                p.none { "Nothing recorded in these weeks." }
            } @else {
                (picture(&section.title, &figures, weeks))
                (table(&figures, weeks))
            }
        }
    }
}

const LABEL_GAP: f64 = 16.0;
const CELL: f64 = 96.0;
const ROW: f64 = 70.0;
const BAR_MAX: f64 = 42.0;
const HEADER: f64 = 40.0;
const FONT: f64 = 12.0;
const BAR: f64 = 28.0;

/// A coordinate as the picture writes it: one decimal.
fn at(value: f64) -> String {
    format!("{value:.1}")
}

/// A grid of bars: one row per event, one column per week. A bar's height is the
/// counted part of the week's figure; "at least" adds a dashed cap, and a week with
/// only small counts gets a grey stub of a fixed height that says nothing of its size.
fn picture(title: &str, figures: &[(&String, Vec<Option<WeekFigure>>)], weeks: &[Week]) -> Markup {
    let label_width = figures
        .iter()
        .map(|(name, _)| text_width(name, FONT))
        .fold(80.0, f64::max)
        + LABEL_GAP;
    let width = format!("{:.0}", label_width + CELL * weeks.len() as f64 + 8.0);
    let height = format!("{:.0}", HEADER + ROW * figures.len() as f64 + 4.0);
    let max = figures
        .iter()
        .flat_map(|(_, per_week)| per_week.iter().flatten().map(|f| f.counted()))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let column_x = |column: usize| label_width + CELL * column as f64 + CELL / 2.0;
    html! {
        div.picture {
            svg xmlns="http://www.w3.org/2000/svg" width=(width) height=(height)
                viewBox={ "0 0 " (width) " " (height) } role="img" aria-label=(title)
                font-family="DejaVu Sans, Verdana, sans-serif" font-size=(FONT) {
                defs {
                    pattern #small width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                        rect width="6" height="6" fill="#e8eaed" {}
                        line x1="0" y1="0" x2="0" y2="6" stroke="#9aa0a6" stroke-width="2" {}
                    }
                }
                @for (column, week) in weeks.iter().enumerate() {
                    @let x = at(column_x(column));
                    text x=(x) y="16" text-anchor="middle" font-weight="bold" { (week.label()) }
                    text x=(x) y="31" text-anchor="middle" fill="#5f6368" { "from " (week.monday) }
                }
                @for (row, (name, per_week)) in figures.iter().enumerate() {
                    @let top = HEADER + ROW * row as f64;
                    @let base = top + 8.0 + BAR_MAX;
                    @if row % 2 == 1 {
                        rect x="0" y=(at(top)) width=(width) height=(ROW) fill="#f8f9fa" {}
                    }
                    text x="4" y=(at(base - BAR_MAX / 2.0 + FONT / 2.0)) { (name) }
                    @for (column, figure) in per_week.iter().enumerate() {
                        @let x = column_x(column);
                        @match figure {
                            None => {
                                text x=(at(x)) y=(at(base + 16.0)) text-anchor="middle" fill="#9aa0a6" { "none" }
                            }
                            Some(figure) => {
                                (bar(*figure, x, base, max))
                                text x=(at(x)) y=(at(base + 16.0)) text-anchor="middle" { (figure.words()) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One week's bar: a grey stub for small counts, else a bar as high as the counted
/// part, with a dashed cap when the week had more than it shows.
fn bar(figure: WeekFigure, x: f64, base: f64, max: f64) -> Markup {
    let left = at(x - BAR / 2.0);
    match figure {
        WeekFigure::FewerThan { .. } => html! {
            rect.small x=(left) y=(at(base - 6.0)) width=(BAR) height="6" fill="url(#small)" {}
        },
        WeekFigure::Exact(n) | WeekFigure::AtLeast { counted: n, .. } => {
            let h = (n as f64 / max * BAR_MAX).max(2.0);
            html! {
                rect.bar x=(left) y=(at(base - h)) width=(BAR) height=(at(h)) fill="#1a73e8" {}
                @if matches!(figure, WeekFigure::AtLeast { .. }) {
                    rect.more x=(left) y=(at(base - h - 7.0)) width=(BAR) height="6" fill="none"
                        stroke="#1a73e8" stroke-dasharray="3 2" {}
                }
            }
        }
    }
}

/// The same figures as a table, for reading aloud and copying.
fn table(figures: &[(&String, Vec<Option<WeekFigure>>)], weeks: &[Week]) -> Markup {
    html! {
        table.figures {
            thead {
                tr {
                    th {}
                    @for week in weeks { th { (week.label()) } }
                }
            }
            tbody {
                @for (name, per_week) in figures {
                    tr {
                        th { (name) }
                        @for figure in per_week {
                            @match figure {
                                Some(figure) => td { (figure.words()) },
                                None => td.none { "none" },
                            }
                        }
                    }
                }
            }
        }
    }
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>signpost: figures</title>
<style>
body { font-family: "DejaVu Sans", Verdana, system-ui, sans-serif; color: #202124; margin: 0 auto; padding: 1rem 2rem 4rem; max-width: 1400px; line-height: 1.45; }
h1 { margin-bottom: 0; }
h2 { border-bottom: 2px solid #dadce0; padding-bottom: .2rem; margin-top: 2.5rem; }
.meta { color: #5f6368; margin-top: .2rem; }
.note { background: #f1f3f4; padding: .5rem .8rem; border-radius: 4px; max-width: 60rem; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: .9em; background: #f1f3f4; padding: 0 .25em; border-radius: 3px; }
.picture { overflow-x: auto; border: 1px solid #dadce0; border-radius: 4px; margin: 1rem 0; }
.picture svg { display: block; }
table.figures { border-collapse: collapse; margin: .4rem 0 1rem; }
table.figures th, table.figures td { border: 1px solid #dadce0; padding: .25rem .6rem; text-align: end; }
table.figures tbody th { text-align: start; font-weight: normal; }
table.figures thead th { background: #f1f3f4; }
td.none, p.none { color: #9aa0a6; }
</style>
</head>
<body>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_day_is_never_added_in() {
        use DayCount::{Exact, FewerThan};
        assert_eq!(
            WeekFigure::of(&[Exact(7), Exact(9)], 5),
            Some(WeekFigure::Exact(16))
        );
        assert_eq!(
            WeekFigure::of(&[Exact(7), Exact(3)], 5),
            Some(WeekFigure::AtLeast {
                counted: 7,
                threshold: 5
            })
        );
        assert_eq!(
            WeekFigure::of(&[Exact(3)], 5),
            Some(WeekFigure::FewerThan {
                threshold: 5,
                days: 1
            })
        );
        // A file that kept only "fewer than 10" raises the bound shown.
        assert_eq!(
            WeekFigure::of(&[FewerThan(10), Exact(1)], 5),
            Some(WeekFigure::FewerThan {
                threshold: 10,
                days: 2
            })
        );
        assert_eq!(WeekFigure::of(&[Exact(0)], 5), None);
        assert_eq!(WeekFigure::of(&[], 5), None);
    }

    #[test]
    fn a_day_with_counts_dropped_at_a_restart_is_named() {
        let day: Date = "2025-03-04".parse().unwrap();
        let page = html(&[], 5, Some((day, day)), &[day]);
        assert!(page.contains("On 2025-03-04 the bot restarted"), "{page}");
        assert!(!html(&[], 5, Some((day, day)), &[]).contains("restarted"));
    }

    #[test]
    fn figures_read_plainly() {
        assert_eq!(WeekFigure::Exact(12).words(), "12");
        assert_eq!(
            WeekFigure::AtLeast {
                counted: 12,
                threshold: 5
            }
            .words(),
            "at least 12"
        );
        assert_eq!(
            WeekFigure::FewerThan {
                threshold: 5,
                days: 1
            }
            .words(),
            "fewer than 5"
        );
        assert_eq!(
            WeekFigure::FewerThan {
                threshold: 5,
                days: 3
            }
            .words(),
            "fewer than 5 a day"
        );
    }

    #[test]
    fn weeks_are_iso_weeks() {
        let day = |text: &str| match text.parse::<Date>() {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        // 2027-01-01 is a Friday in ISO week 53 of 2026.
        let week = Week::of(day("2027-01-01"));
        assert_eq!((week.year, week.number), (2026, 53));
        assert_eq!(week.monday, day("2026-12-28"));
        assert_eq!(Week::of(day("2026-12-28")), week);
        assert_ne!(Week::of(day("2027-01-04")), week);
    }
}

//! Opening hours: `"08:00-16:30"` intervals per weekday, `always = true`, dated
//! exceptions, yearly periods and the hours of public holidays and the days before them
//! (computed in [`model::holidays`](crate::model::holidays), so a file never lists
//! Easter's date), checked and turned into [`model::Hours`](crate::model::Hours).

use toml::Spanned;
use toml::value::Datetime;

use super::diag::Report;
use super::raw;
use super::span::SourceFile;
use crate::model::{Exception, Hours, Interval, Period, Special};

/// Minutes in a day: `24:00` is allowed as the end of an interval.
const DAY: u16 = 24 * 60;

/// Parses `"HH:MM-HH:MM"`, the end after the start, `24:00` allowed as an end.
pub fn parse_interval(text: &str) -> Result<Interval, String> {
    let shape = || format!("\"{text}\" is not a time range such as \"08:00-16:30\"");
    let (start, end) = text.split_once('-').ok_or_else(shape)?;
    let start = parse_time(start.trim()).ok_or_else(shape)?;
    let end = parse_time(end.trim()).ok_or_else(shape)?;
    if start == DAY {
        return Err(shape());
    }
    if end <= start {
        return Err(format!(
            "\"{text}\" does not end after it starts; split hours past midnight over two \
             days, such as \"22:00-24:00\" and \"00:00-06:00\""
        ));
    }
    Ok(Interval { start, end })
}

/// `HH:MM` in minutes after midnight; `24:00` is the end of the day.
fn parse_time(text: &str) -> Option<u16> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !(h.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    let minutes = h * 60 + m;
    (m < 60 && minutes <= DAY).then_some(minutes)
}

/// A day's intervals, sorted; overlapping intervals are reported.
fn day(file: &SourceFile, written: &[Spanned<String>], report: &mut Report) -> Vec<Interval> {
    let mut intervals: Vec<(Interval, usize)> = Vec::new();
    for text in written {
        match parse_interval(text.get_ref()) {
            Ok(interval) => intervals.push((interval, text.span().start)),
            Err(message) => report.push(file.error(text.span().start, message)),
        }
    }
    intervals.sort_by_key(|(i, _)| (i.start, i.end));
    for pair in intervals.windows(2) {
        let ((a, _), (b, at)) = (pair[0], pair[1]);
        if b.start < a.end {
            report.push(file.error(at, format!("\"{}\" overlaps \"{}\"", show(b), show(a))));
        }
    }
    intervals.into_iter().map(|(i, _)| i).collect()
}

fn show(i: Interval) -> String {
    format!(
        "{:02}:{:02}-{:02}:{:02}",
        i.start / 60,
        i.start % 60,
        i.end / 60,
        i.end % 60
    )
}

/// A TOML date without a time, as a calendar date.
pub(super) fn date(value: &Datetime) -> Option<jiff::civil::Date> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => {
            let year = i16::try_from(d.year).ok()?;
            jiff::civil::Date::new(year, d.month as i8, d.day as i8).ok()
        }
        _ => None,
    }
}

/// Reads and reports a date written in a file.
pub(super) fn read_date(
    file: &SourceFile,
    value: &Spanned<Datetime>,
    report: &mut Report,
) -> Option<jiff::civil::Date> {
    let parsed = date(value.get_ref());
    if parsed.is_none() {
        report.push(file.error(
            value.span().start,
            format!(
                "\"{}\" is not a plain date; write it as 2026-01-31, without a time",
                value.get_ref()
            ),
        ));
    }
    parsed
}

/// Checks a service's `hours` table and builds its opening hours.
pub(super) fn build(
    file: &SourceFile,
    hours: &Spanned<raw::Hours>,
    report: &mut Report,
) -> Option<Hours> {
    let raw = hours.get_ref();
    let errors_before = report.errors();
    let always = raw.always.as_ref().is_some_and(|a| *a.get_ref());
    let any_day = raw.days().iter().any(|d| d.is_some());
    let any_special = raw.special().iter().any(|(_, r)| r.is_some());
    if always && (any_day || any_special || !raw.exceptions.is_empty() || !raw.periods.is_empty()) {
        let at = raw
            .always
            .as_ref()
            .map_or(hours.span().start, |a| a.span().start);
        report.push(file.error(
            at,
            "a service open around the clock (always = true) cannot also list days, \
             exceptions, periods or holidays",
        ));
        return None;
    }
    if always {
        return Some(Hours::Always);
    }
    if !any_day {
        report.push(file.error(
            hours.span().start,
            "opening hours list no days; add always = true or days such as \
             mon = [\"08:00-16:00\"]",
        ));
        return None;
    }
    let days = raw
        .days()
        .map(|d| d.as_deref().map_or(Vec::new(), |d| day(file, d, report)));
    let mut exceptions: Vec<Exception> = Vec::new();
    for exception in &raw.exceptions {
        let exception = exception.get_ref();
        let Some(date) = read_date(file, &exception.date, report) else {
            continue;
        };
        if exceptions.iter().any(|e| e.date == date) {
            report.push(file.error(
                exception.date.span().start,
                format!("{date} is listed twice in exceptions"),
            ));
            continue;
        }
        exceptions.push(Exception {
            date,
            hours: day(file, &exception.hours, report),
        });
    }
    exceptions.sort_by_key(|e| e.date);
    let mut periods: Vec<Period> = Vec::new();
    for written in &raw.periods {
        if let Some(period) = period(file, written, report) {
            if let Some(other) = periods.iter().find(|p| overlaps(p, &period)) {
                report.push(file.error(
                    written.span().start,
                    format!(
                        "this period overlaps the one from {}; a day may be in only one period",
                        month_day(other.from)
                    ),
                ));
                continue;
            }
            periods.push(period);
        }
    }
    let [
        holidays,
        holiday_eve,
        midsummer_eve,
        christmas_eve,
        new_years_eve,
    ] = raw
        .special()
        .map(|(key, rule)| rule.as_ref().and_then(|r| day_rule(file, key, r, report)));
    let special = Special {
        holidays,
        holiday_eve,
        midsummer_eve,
        christmas_eve,
        new_years_eve,
    };
    (report.errors() == errors_before).then_some(Hours::Weekly {
        days,
        exceptions,
        periods,
        special,
    })
}

/// A kind of day's hours: `"closed"` (no hours) or its intervals.
fn day_rule(
    file: &SourceFile,
    key: &str,
    rule: &Spanned<raw::DayRule>,
    report: &mut Report,
) -> Option<Vec<Interval>> {
    match rule.get_ref() {
        raw::DayRule::Word(word) if word == "closed" => Some(Vec::new()),
        raw::DayRule::Word(word) => {
            report.push(file.error(
                rule.span().start,
                format!(
                    "{key} = \"{word}\" is not understood; write {key} = \"closed\" or its \
                     hours, such as {key} = [\"10:00-14:00\"]"
                ),
            ));
            None
        }
        raw::DayRule::Times(times) => {
            let at = rule.span();
            let times: Vec<Spanned<String>> = times
                .iter()
                .map(|t| Spanned::new(at.clone(), t.clone()))
                .collect();
            Some(day(file, &times, report))
        }
    }
}

/// One `periods` entry: two days of the year and its weekly hours.
fn period(
    file: &SourceFile,
    written: &Spanned<raw::Period>,
    report: &mut Report,
) -> Option<Period> {
    let raw = written.get_ref();
    let from = read_month_day(file, &raw.from, report);
    let to = read_month_day(file, &raw.to, report);
    if raw.days().iter().all(|d| d.is_none()) {
        report.push(file.error(
            written.span().start,
            "this period lists no days; add days such as mon = [\"08:00-16:00\"]",
        ));
        return None;
    }
    let days = raw
        .days()
        .map(|d| d.as_deref().map_or(Vec::new(), |d| day(file, d, report)));
    Some(Period {
        from: from?,
        to: to?,
        days,
    })
}

/// `"MM-DD"`, a day that exists in a leap year.
fn read_month_day(
    file: &SourceFile,
    written: &Spanned<String>,
    report: &mut Report,
) -> Option<(i8, i8)> {
    let parsed = parse_month_day(written.get_ref());
    if parsed.is_none() {
        report.push(file.error(
            written.span().start,
            format!(
                "\"{}\" is not a day of the year; write it as \"06-01\" (month-day)",
                written.get_ref()
            ),
        ));
    }
    parsed
}

fn parse_month_day(text: &str) -> Option<(i8, i8)> {
    let (m, d) = text.trim().split_once('-')?;
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (m, d): (i8, i8) = (m.parse().ok()?, d.parse().ok()?);
    // 2024 is a leap year, so 02-29 is accepted.
    jiff::civil::Date::new(2024, m, d).ok().map(|_| (m, d))
}

fn month_day((m, d): (i8, i8)) -> String {
    format!("{m:02}-{d:02}")
}

/// Whether two periods share a day (checked over a leap year).
fn overlaps(a: &Period, b: &Period) -> bool {
    let mut date = jiff::civil::date(2024, 1, 1);
    while date.year() == 2024 {
        if a.contains(date) && b.contains(date) {
            return true;
        }
        match date.tomorrow() {
            Ok(next) => date = next,
            Err(_) => break,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i(start: u16, end: u16) -> Interval {
        Interval { start, end }
    }

    #[test]
    fn parses_a_range() {
        assert_eq!(parse_interval("08:00-16:30"), Ok(i(480, 990)));
        assert_eq!(parse_interval("00:00-24:00"), Ok(i(0, 1440)));
        assert_eq!(parse_interval(" 09:15 - 10:00 "), Ok(i(555, 600)));
    }

    #[test]
    fn refuses_malformed_times() {
        for bad in [
            "8:00-16:00",
            "08:00",
            "08:00-16:60",
            "24:00-24:00",
            "25:00-26:00",
            "08.00-16.00",
            "08:00-24:01",
            "ab:cd-ef:gh",
            "",
        ] {
            assert!(parse_interval(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn refuses_ranges_past_midnight() {
        let error = parse_interval("22:00-06:00").unwrap_err();
        assert!(error.contains("split hours past midnight"), "{error}");
        assert!(parse_interval("10:00-10:00").is_err());
    }

    #[test]
    fn sorts_a_day_and_reports_overlaps() {
        let file = SourceFile::new("s.toml", String::new());
        let spanned = |s: &str| Spanned::new(0..0, s.to_string());
        let mut report = Report::default();
        let sorted = day(
            &file,
            &[spanned("13:00-16:00"), spanned("08:00-12:00")],
            &mut report,
        );
        assert_eq!(sorted, vec![i(480, 720), i(780, 960)]);
        assert_eq!(report.errors(), 0);
        day(
            &file,
            &[spanned("08:00-12:00"), spanned("11:00-13:00")],
            &mut report,
        );
        assert_eq!(
            report.diagnostics[0].message,
            "\"11:00-13:00\" overlaps \"08:00-12:00\""
        );
    }

    #[test]
    fn reads_days_of_the_year() {
        assert_eq!(parse_month_day("06-01"), Some((6, 1)));
        assert_eq!(parse_month_day("02-29"), Some((2, 29)));
        for bad in ["6-01", "06-31", "13-01", "0601", "aa-bb"] {
            assert_eq!(parse_month_day(bad), None, "{bad}");
        }
        let period = |from, to| Period {
            from,
            to,
            days: Default::default(),
        };
        assert!(overlaps(
            &period((6, 1), (8, 31)),
            &period((8, 31), (9, 10))
        ));
        assert!(!overlaps(
            &period((6, 1), (8, 31)),
            &period((9, 1), (9, 10))
        ));
        assert!(overlaps(&period((12, 20), (1, 6)), &period((1, 1), (1, 2))));
    }

    #[test]
    fn reads_plain_dates_only() {
        let d: Datetime = "2026-12-24".parse().unwrap();
        assert_eq!(date(&d), Some(jiff::civil::date(2026, 12, 24)));
        let dt: Datetime = "2026-12-24T10:00:00".parse().unwrap();
        assert_eq!(date(&dt), None);
    }
}

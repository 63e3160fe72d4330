//! Opening hours in Europe/Stockholm local time: the week, yearly periods, dated
//! exceptions and the rules of public holidays, computed here (`holidays`).

/// Opening hours in Europe/Stockholm local time.
// A few dozen of these are built once at load and only read by reference, so the size of
// the weekly variant costs nothing worth a box on every look-up.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hours {
    /// Open around the clock.
    Always,
    /// A usual week, with the days and parts of the year that differ from it.
    Weekly {
        /// Monday first; each day's intervals sorted and not overlapping.
        days: [Vec<Interval>; 7],
        /// Dated days with other hours, which win over everything else.
        exceptions: Vec<Exception>,
        /// Parts of every year with other weekly hours; they do not overlap.
        periods: Vec<Period>,
        /// Hours on the days of the year with their own rule (public holidays, the day
        /// before one, Christmas Eve ...); a day without a rule here keeps its week.
        special: Special,
    },
}

/// The hours of days that are not ordinary weekdays, each `None` when the service's page
/// says nothing of them (the usual week applies); `Some(vec![])`: closed all day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Special {
    /// Public holidays by law (`holidays::public_holiday`), Sundays apart.
    pub holidays: Option<Vec<Interval>>,
    /// A weekday (Monday to Friday) before a public holiday that is not one itself.
    pub holiday_eve: Option<Vec<Interval>>,
    /// Midsommarafton, julafton and nyårsafton: not public holidays by law, but many
    /// offices close on them, so a page may give them their own hours.
    pub midsummer_eve: Option<Vec<Interval>>,
    /// Julafton (24 December).
    pub christmas_eve: Option<Vec<Interval>>,
    /// Nyårsafton (31 December).
    pub new_years_eve: Option<Vec<Interval>>,
}

impl Special {
    /// The rule that applies on `date`, the most specific first: one of the three eves,
    /// a public holiday, the day before one.
    pub fn on(&self, date: jiff::civil::Date) -> Option<&[Interval]> {
        use holidays::Day;
        let day = holidays::day(date);
        let named = match day {
            Some(Day::MidsummerEve) => self.midsummer_eve.as_deref(),
            Some(Day::ChristmasEve) => self.christmas_eve.as_deref(),
            Some(Day::NewYearsEve) => self.new_years_eve.as_deref(),
            _ => None,
        };
        named
            .or_else(|| {
                holidays::public_holiday(date)
                    .is_some()
                    .then_some(self.holidays.as_deref())
                    .flatten()
            })
            .or_else(|| {
                holidays::is_holiday_eve(date)
                    .then_some(self.holiday_eve.as_deref())
                    .flatten()
            })
    }

    /// Whether any rule is given.
    pub fn is_empty(&self) -> bool {
        *self == Special::default()
    }
}

/// Swedish public holidays (lag 1989:253), computed for any year: the fixed dates, those
/// that follow Easter, midsummer day and All Saints' Day; and the three eves that are no
/// public holidays but have their own rules. Sundays are public holidays too, but every
/// service's usual week already says what it does on a Sunday, so they are left out.
pub mod holidays {
    use jiff::civil::{Date, Weekday, date};

    /// A day with a name of its own.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Day {
        /// A public holiday by law, with its Swedish name.
        Holiday(&'static str),
        /// Midsommarafton: the Friday before midsummer day.
        MidsummerEve,
        /// Julafton, 24 December.
        ChristmasEve,
        /// Nyårsafton, 31 December.
        NewYearsEve,
    }

    /// Easter Sunday of `year` (the anonymous Gregorian computus).
    pub fn easter(year: i16) -> Option<Date> {
        let y = i32::from(year);
        let a = y % 19;
        let b = y / 100;
        let c = y % 100;
        let d = b / 4;
        let e = b % 4;
        let f = (b + 8) / 25;
        let g = (b - f + 1) / 3;
        let h = (19 * a + b - d - g + 15) % 30;
        let i = c / 4;
        let k = c % 4;
        let l = (32 + 2 * e + 2 * i - h - k) % 7;
        let m = (a + 11 * h + 22 * l) / 451;
        let month = (h + l - 7 * m + 114) / 31;
        let day = (h + l - 7 * m + 114) % 31 + 1;
        Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
    }

    /// The Saturday from `month`-`first` to six days later.
    fn saturday_from(year: i16, month: i8, first: i8) -> Option<Date> {
        let start = Date::new(year, month, first).ok()?;
        (0..7)
            .filter_map(|d| start.checked_add(jiff::Span::new().days(d)).ok())
            .find(|d| d.weekday() == Weekday::Saturday)
    }

    /// The named day `date` is, if any.
    pub fn day(date: Date) -> Option<Day> {
        let (m, d) = (date.month(), date.day());
        let fixed = match (m, d) {
            (1, 1) => Some(Day::Holiday("nyårsdagen")),
            (1, 6) => Some(Day::Holiday("trettondedag jul")),
            (5, 1) => Some(Day::Holiday("första maj")),
            (6, 6) => Some(Day::Holiday("nationaldagen")),
            (12, 24) => Some(Day::ChristmasEve),
            (12, 25) => Some(Day::Holiday("juldagen")),
            (12, 26) => Some(Day::Holiday("annandag jul")),
            (12, 31) => Some(Day::NewYearsEve),
            _ => None,
        };
        if fixed.is_some() {
            return fixed;
        }
        let year = date.year();
        if m == 6
            && let Some(midsummer) = saturday_from(year, 6, 20)
        {
            if date == midsummer {
                return Some(Day::Holiday("midsommardagen"));
            }
            if date.tomorrow().ok() == Some(midsummer) {
                return Some(Day::MidsummerEve);
            }
        }
        if (m == 10 || m == 11) && saturday_from(year, 10, 31) == Some(date) {
            return Some(Day::Holiday("alla helgons dag"));
        }
        let easter = easter(year)?;
        let offset = (date - easter).get_days();
        match offset {
            -2 => Some(Day::Holiday("långfredagen")),
            0 => Some(Day::Holiday("påskdagen")),
            1 => Some(Day::Holiday("annandag påsk")),
            39 => Some(Day::Holiday("Kristi himmelsfärdsdag")),
            49 => Some(Day::Holiday("pingstdagen")),
            _ => None,
        }
    }

    /// The public holiday `date` is (Sundays apart), by its Swedish name.
    pub fn public_holiday(date: Date) -> Option<&'static str> {
        match day(date) {
            Some(Day::Holiday(name)) => Some(name),
            _ => None,
        }
    }

    /// A weekday (Monday to Friday) that is no public holiday, before one.
    pub fn is_holiday_eve(date: Date) -> bool {
        date.weekday().to_monday_zero_offset() < 5
            && public_holiday(date).is_none()
            && date.tomorrow().is_ok_and(|t| public_holiday(t).is_some())
    }

    /// Every named day of `year`, in order.
    pub fn of_year(year: i16) -> Vec<(Date, Day)> {
        let mut days = Vec::new();
        let mut at = date(year, 1, 1);
        while at.year() == year {
            if let Some(d) = day(at) {
                days.push((at, d));
            }
            match at.tomorrow() {
                Ok(next) => at = next,
                Err(_) => break,
            }
        }
        days
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn easter_of_known_years() {
            // Dates from the Swedish almanac.
            for (year, m, d) in [
                (2024, 3, 31),
                (2025, 4, 20),
                (2026, 4, 5),
                (2027, 3, 28),
                (2038, 4, 25),
                (2285, 3, 22),
            ] {
                assert_eq!(easter(year), Some(date(year, m, d)), "{year}");
            }
        }

        #[test]
        fn the_holidays_of_2026() {
            let names: Vec<String> = of_year(2026)
                .into_iter()
                .map(|(d, day)| format!("{d} {day:?}"))
                .collect();
            assert_eq!(
                names,
                [
                    "2026-01-01 Holiday(\"nyårsdagen\")",
                    "2026-01-06 Holiday(\"trettondedag jul\")",
                    "2026-04-03 Holiday(\"långfredagen\")",
                    "2026-04-05 Holiday(\"påskdagen\")",
                    "2026-04-06 Holiday(\"annandag påsk\")",
                    "2026-05-01 Holiday(\"första maj\")",
                    "2026-05-14 Holiday(\"Kristi himmelsfärdsdag\")",
                    "2026-05-24 Holiday(\"pingstdagen\")",
                    "2026-06-06 Holiday(\"nationaldagen\")",
                    "2026-06-19 MidsummerEve",
                    "2026-06-20 Holiday(\"midsommardagen\")",
                    "2026-10-31 Holiday(\"alla helgons dag\")",
                    "2026-12-24 ChristmasEve",
                    "2026-12-25 Holiday(\"juldagen\")",
                    "2026-12-26 Holiday(\"annandag jul\")",
                    "2026-12-31 NewYearsEve",
                ]
            );
        }

        #[test]
        fn midsummer_and_all_saints_move() {
            // Midsummer day is the Saturday of 20-26 June, All Saints' the one of
            // 31 October to 6 November.
            assert_eq!(public_holiday(date(2027, 6, 26)), Some("midsommardagen"));
            assert_eq!(day(date(2027, 6, 25)), Some(Day::MidsummerEve));
            assert_eq!(public_holiday(date(2027, 11, 6)), Some("alla helgons dag"));
            assert_eq!(public_holiday(date(2027, 10, 31)), None);
            // Every year has its thirteen (Sundays apart), on twelve dates when Ascension
            // Day falls on 1 May (as in 2008) or Whitsun on 6 June (as in 2049).
            for year in 1900..2200 {
                let count = of_year(year)
                    .iter()
                    .filter(|(_, d)| matches!(d, Day::Holiday(_)))
                    .count();
                let Some(easter) = easter(year) else {
                    panic!("{year} has an Easter");
                };
                let shared = [(39, 5, 1), (49, 6, 6)]
                    .iter()
                    .filter(|&&(days, m, d)| {
                        easter.checked_add(jiff::Span::new().days(days)).ok()
                            == Some(date(year, m, d))
                    })
                    .count();
                assert_eq!(count + shared, 13, "{year}");
            }
        }

        #[test]
        fn the_day_before_a_holiday_is_a_weekday() {
            // Wednesday before Ascension Day 2026; Thursday 30 April 2026.
            assert!(is_holiday_eve(date(2026, 5, 13)));
            assert!(is_holiday_eve(date(2026, 4, 30)));
            // Maundy Thursday, before Good Friday.
            assert!(is_holiday_eve(date(2026, 4, 2)));
            // Easter Saturday is no weekday; Good Friday is a holiday itself.
            assert!(!is_holiday_eve(date(2026, 4, 4)));
            // Christmas Day, a holiday, before Boxing Day.
            assert!(!is_holiday_eve(date(2026, 12, 25)));
            assert!(!is_holiday_eve(date(2026, 12, 22)));
        }
    }
}

impl Hours {
    /// The hours open on a local `date`: its exception if it has one, else the rule of
    /// its kind of day (a public holiday, the day before one, one of the three eves) if
    /// the service has one, else the weekly hours of a period that holds it, else the
    /// usual week. `None`: open around the
    /// clock. The one place that says which hours apply on a date (the engine's "open
    /// now" and `check`'s walk through the hours both ask it).
    pub fn intervals_on(&self, date: jiff::civil::Date) -> Option<&[Interval]> {
        let Hours::Weekly {
            days,
            exceptions,
            periods,
            special,
        } = self
        else {
            return None;
        };
        let weekday = date.weekday().to_monday_zero_offset() as usize;
        if let Some(e) = exceptions.iter().find(|e| e.date == date) {
            return Some(&e.hours);
        }
        if let Some(hours) = special.on(date) {
            return Some(hours);
        }
        Some(match periods.iter().find(|p| p.contains(date)) {
            Some(period) => &period.days[weekday],
            None => &days[weekday],
        })
    }
}

/// Weekly hours that replace the usual ones from one day of the year to another, both
/// included (`from` after `to` wraps over the new year).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// (month, day).
    pub from: (i8, i8),
    /// (month, day), the last day of the period.
    pub to: (i8, i8),
    /// Monday first.
    pub days: [Vec<Interval>; 7],
}

impl Period {
    /// Whether `date` falls in the period.
    pub fn contains(&self, date: jiff::civil::Date) -> bool {
        let day = (date.month(), date.day());
        if self.from <= self.to {
            self.from <= day && day <= self.to
        } else {
            day >= self.from || day <= self.to
        }
    }
}

/// Minutes after local midnight, `start < end <= 24 * 60`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// The first minute open.
    pub start: u16,
    /// The first minute closed again.
    pub end: u16,
}

/// A date with other hours than usual (an empty list: closed all day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    /// The date.
    pub date: jiff::civil::Date,
    /// The hours on that date; empty: closed all day.
    pub hours: Vec<Interval>,
}

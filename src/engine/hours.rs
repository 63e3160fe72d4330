//! Whether a service is open at a given instant, and when it opens next, in
//! Europe/Stockholm local time. Pure: the instant is an argument.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::model::{Hours, Interval};

/// How many days ahead to look for the next opening.
const LOOKAHEAD_DAYS: i64 = 14;
const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Open or closed, as the signpost says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenState {
    /// Open around the clock.
    Always,
    /// Open now; `closes` is local `HH:MM` (`24:00` for midnight).
    OpenUntil { closes: String },
    /// Closed now; opens on `weekday` (`mon`..`sun`) at `opens` (`HH:MM`), maybe today.
    Closed {
        weekday: &'static str,
        opens: String,
        today: bool,
    },
    /// No hours listed, or no opening in the next two weeks.
    Unknown,
}

/// The state of `hours` at `now`.
pub fn open_state(hours: Option<&Hours>, now: Timestamp) -> OpenState {
    let hours = match hours {
        None => return OpenState::Unknown,
        Some(Hours::Always) => return OpenState::Always,
        Some(hours) => hours,
    };
    // The zone is compiled in (jiff's bundled database); failing to find it is a build
    // problem, reported as unknown hours rather than a wrong answer.
    let Ok(tz) = TimeZone::get("Europe/Stockholm") else {
        return OpenState::Unknown;
    };
    let local = now.to_zoned_datetime(tz);
    let today = local.date();
    let minute = (local.hour() as u16) * 60 + local.minute() as u16;
    let intervals_on = |date: Date| -> &[Interval] { hours.intervals_on(date).unwrap_or(&[]) };
    if let Some(open) = intervals_on(today)
        .iter()
        .find(|i| i.start <= minute && minute < i.end)
    {
        let mut closes = open.end;
        // An interval to midnight that the next day continues from 00:00 closes later.
        if closes == 24 * 60
            && let Ok(tomorrow) = today.tomorrow()
            && let Some(next) = intervals_on(tomorrow).iter().find(|i| i.start == 0)
        {
            closes = next.end;
        }
        return OpenState::OpenUntil {
            closes: hhmm(closes),
        };
    }
    let mut date = today;
    for offset in 0..=LOOKAHEAD_DAYS {
        let next = intervals_on(date)
            .iter()
            .find(|i| offset > 0 || i.start > minute);
        if let Some(next) = next {
            return OpenState::Closed {
                weekday: WEEKDAYS[date.weekday().to_monday_zero_offset() as usize],
                opens: hhmm(next.start),
                today: offset == 0,
            };
        }
        match date.tomorrow() {
            Ok(d) => date = d,
            Err(_) => break,
        }
    }
    OpenState::Unknown
}

fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Exception;

    fn office() -> Hours {
        let day = vec![Interval {
            start: 8 * 60,
            end: 16 * 60 + 30,
        }];
        Hours::Weekly {
            days: [
                day.clone(),
                day.clone(),
                day.clone(),
                day.clone(),
                day,
                vec![],
                vec![],
            ],
            exceptions: vec![Exception {
                date: jiff::civil::date(2026, 12, 24),
                hours: vec![],
            }],
            periods: vec![],
            special: Default::default(),
        }
    }

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn open_in_office_hours_local_time() {
        // 2026-11-30 is a Monday; 09:00 UTC is 10:00 in Stockholm (CET).
        assert_eq!(
            open_state(Some(&office()), at("2026-11-30T09:00:00Z")),
            OpenState::OpenUntil {
                closes: "16:30".into()
            }
        );
    }

    #[test]
    fn closed_before_opening_today() {
        assert_eq!(
            open_state(Some(&office()), at("2026-11-30T06:00:00Z")),
            OpenState::Closed {
                weekday: "mon",
                opens: "08:00".into(),
                today: true
            }
        );
    }

    #[test]
    fn closed_over_the_weekend_opens_monday() {
        // Saturday 2026-11-28 12:00 local.
        assert_eq!(
            open_state(Some(&office()), at("2026-11-28T11:00:00Z")),
            OpenState::Closed {
                weekday: "mon",
                opens: "08:00".into(),
                today: false
            }
        );
    }

    #[test]
    fn exception_closes_a_weekday() {
        // Thursday 2026-12-24 10:00 local: closed, opens Friday.
        assert_eq!(
            open_state(Some(&office()), at("2026-12-24T09:00:00Z")),
            OpenState::Closed {
                weekday: "fri",
                opens: "08:00".into(),
                today: false
            }
        );
    }

    #[test]
    fn summer_time_is_respected() {
        // 2026-06-01 is a Monday; 06:30 UTC is 08:30 in Stockholm (CEST).
        assert!(matches!(
            open_state(Some(&office()), at("2026-06-01T06:30:00Z")),
            OpenState::OpenUntil { .. }
        ));
    }

    #[test]
    fn a_summer_period_replaces_the_usual_hours() {
        let short = vec![Interval {
            start: 8 * 60,
            end: 12 * 60,
        }];
        let Hours::Weekly {
            days, exceptions, ..
        } = office()
        else {
            unreachable!()
        };
        let hours = Hours::Weekly {
            days,
            exceptions,
            periods: vec![crate::model::Period {
                from: (6, 1),
                to: (8, 31),
                days: [
                    short.clone(),
                    short.clone(),
                    short.clone(),
                    short.clone(),
                    short,
                    vec![],
                    vec![],
                ],
            }],
            special: Default::default(),
        };
        // Thursday 2026-07-02, 13:00 in Stockholm (11:00 UTC): closed in summer.
        assert_eq!(
            open_state(Some(&hours), at("2026-07-02T11:00:00Z")),
            OpenState::Closed {
                weekday: "fri",
                opens: "08:00".to_string(),
                today: false
            }
        );
        // The same time on Thursday 2026-09-03: the usual hours again.
        assert_eq!(
            open_state(Some(&hours), at("2026-09-03T11:00:00Z")),
            OpenState::OpenUntil {
                closes: "16:30".to_string()
            }
        );
    }

    #[test]
    fn always_and_unknown() {
        assert_eq!(
            open_state(Some(&Hours::Always), at("2026-11-28T03:00:00Z")),
            OpenState::Always
        );
        assert_eq!(
            open_state(None, at("2026-11-28T03:00:00Z")),
            OpenState::Unknown
        );
        let never = Hours::Weekly {
            days: Default::default(),
            exceptions: vec![],
            periods: vec![],
            special: Default::default(),
        };
        assert_eq!(
            open_state(Some(&never), at("2026-11-28T03:00:00Z")),
            OpenState::Unknown
        );
    }

    /// The kontaktcenter's rule: the day before a public holiday 08-14, public holidays
    /// closed.
    fn with_holidays() -> Hours {
        let Hours::Weekly { days, .. } = office() else {
            unreachable!()
        };
        Hours::Weekly {
            days,
            exceptions: vec![],
            periods: vec![],
            special: crate::model::Special {
                holidays: Some(vec![]),
                holiday_eve: Some(vec![Interval {
                    start: 8 * 60,
                    end: 14 * 60,
                }]),
                ..Default::default()
            },
        }
    }

    #[test]
    fn closed_on_public_holidays_open_short_the_day_before() {
        let hours = with_holidays();
        // Friday 2026-12-25 (Christmas Day) 10:00 local: closed until Monday 28th
        // (Saturday 26th is Boxing Day, then a Sunday).
        assert_eq!(
            open_state(Some(&hours), at("2026-12-25T09:00:00Z")),
            OpenState::Closed {
                weekday: "mon",
                opens: "08:00".into(),
                today: false
            }
        );
        // Christmas Eve (Thursday, the day before a holiday) at 10:00: open until 14:00.
        assert_eq!(
            open_state(Some(&hours), at("2026-12-24T09:00:00Z")),
            OpenState::OpenUntil {
                closes: "14:00".into()
            }
        );
        // Good Friday 2027 (26 March) is closed; Maundy Thursday closes at 14:00 and
        // Easter Monday too is closed: next opening Tuesday 30 March.
        assert_eq!(
            open_state(Some(&hours), at("2027-03-25T14:00:00Z")),
            OpenState::Closed {
                weekday: "tue",
                opens: "08:00".into(),
                today: false
            }
        );
        // An ordinary Wednesday keeps its week.
        assert_eq!(
            open_state(Some(&hours), at("2026-12-02T15:00:00Z")),
            OpenState::OpenUntil {
                closes: "16:30".into()
            }
        );
    }
}

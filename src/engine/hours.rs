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
    /// Open now; `closes` is local `HH:MM` (`24:00` for midnight), on `weekday` when that
    /// is after tomorrow morning (hours that run through a weekend).
    OpenUntil {
        /// Local closing time, `HH:MM`.
        closes: String,
        /// The day it closes, when that is after tomorrow morning.
        weekday: Option<&'static str>,
    },
    /// Closed now; opens on `weekday` (`mon`..`sun`) at `opens` (`HH:MM`), maybe today,
    /// `in_days` days from today (what orders openings: the first to open first).
    Closed {
        /// The day it opens, `mon`..`sun`.
        weekday: &'static str,
        /// Local opening time, `HH:MM`.
        opens: String,
        /// It opens later today.
        today: bool,
        /// Days from today to the opening.
        in_days: i64,
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
        // An interval to midnight that the next day continues from 00:00 closes later,
        // maybe days later (open all weekend).
        let mut day = today;
        let mut days = 0;
        while closes == 24 * 60 && days < LOOKAHEAD_DAYS {
            let Ok(next_day) = day.tomorrow() else { break };
            let Some(next) = intervals_on(next_day).iter().find(|i| i.start == 0) else {
                break;
            };
            closes = next.end;
            day = next_day;
            days += 1;
        }
        return OpenState::OpenUntil {
            closes: hhmm(closes),
            weekday: (days > 1 || (days == 1 && closes == 24 * 60)).then(|| weekday(day)),
        };
    }
    let mut date = today;
    for offset in 0..=LOOKAHEAD_DAYS {
        let next = intervals_on(date)
            .iter()
            .find(|i| offset > 0 || i.start > minute);
        if let Some(next) = next {
            return OpenState::Closed {
                weekday: weekday(date),
                opens: hhmm(next.start),
                today: offset == 0,
                in_days: offset,
            };
        }
        match date.tomorrow() {
            Ok(d) => date = d,
            Err(_) => break,
        }
    }
    OpenState::Unknown
}

/// The first of several closed services to open: the earliest `Closed` state, if all
/// are closed (one without known hours may be open: then `None`, as when one is open).
pub(super) fn first_opening(states: &[OpenState]) -> Option<&OpenState> {
    if !states.iter().all(|s| matches!(s, OpenState::Closed { .. })) {
        return None;
    }
    states
        .iter()
        .filter_map(|s| match s {
            OpenState::Closed { in_days, opens, .. } => Some(((*in_days, opens.clone()), s)),
            _ => None,
        })
        .min_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, s)| s)
}

fn weekday(date: Date) -> &'static str {
    WEEKDAYS[date.weekday().to_monday_zero_offset() as usize]
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
                closes: "16:30".into(),
                weekday: None
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
                today: true,
                in_days: 0,
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
                today: false,
                in_days: 2,
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
                today: false,
                in_days: 1,
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
                today: false,
                in_days: 1,
            }
        );
        // The same time on Thursday 2026-09-03: the usual hours again.
        assert_eq!(
            open_state(Some(&hours), at("2026-09-03T11:00:00Z")),
            OpenState::OpenUntil {
                closes: "16:30".to_string(),
                weekday: None
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
                today: false,
                in_days: 3,
            }
        );
        // Christmas Eve (Thursday, the day before a holiday) at 10:00: open until 14:00.
        assert_eq!(
            open_state(Some(&hours), at("2026-12-24T09:00:00Z")),
            OpenState::OpenUntil {
                closes: "14:00".into(),
                weekday: None
            }
        );
        // Good Friday 2027 (26 March) is closed; Maundy Thursday closes at 14:00 and
        // Easter Monday too is closed: next opening Tuesday 30 March.
        assert_eq!(
            open_state(Some(&hours), at("2027-03-25T14:00:00Z")),
            OpenState::Closed {
                weekday: "tue",
                opens: "08:00".into(),
                today: false,
                in_days: 5,
            }
        );
        // An ordinary Wednesday keeps its week.
        assert_eq!(
            open_state(Some(&hours), at("2026-12-02T15:00:00Z")),
            OpenState::OpenUntil {
                closes: "16:30".into(),
                weekday: None
            }
        );
    }

    #[test]
    fn open_through_the_weekend_says_until_which_day() {
        let all = vec![Interval {
            start: 0,
            end: 24 * 60,
        }];
        let evening = vec![
            Interval {
                start: 0,
                end: 8 * 60,
            },
            Interval {
                start: 16 * 60,
                end: 24 * 60,
            },
        ];
        let hours = Hours::Weekly {
            days: [
                evening.clone(),
                evening.clone(),
                evening.clone(),
                evening.clone(),
                evening.clone(),
                all.clone(),
                all,
            ],
            exceptions: vec![],
            periods: vec![],
            special: Default::default(),
        };
        // Friday 2026-11-27 20:00 local: open until Monday 08:00.
        assert_eq!(
            open_state(Some(&hours), at("2026-11-27T19:00:00Z")),
            OpenState::OpenUntil {
                closes: "08:00".into(),
                weekday: Some("mon")
            }
        );
        // Tuesday 20:00: until the next morning, no day named.
        assert_eq!(
            open_state(Some(&hours), at("2026-12-01T19:00:00Z")),
            OpenState::OpenUntil {
                closes: "08:00".into(),
                weekday: None
            }
        );
    }

    #[test]
    fn the_first_to_open_of_closed_services() {
        let closed = |in_days, opens: &str| OpenState::Closed {
            weekday: "mon",
            opens: opens.to_string(),
            today: in_days == 0,
            in_days,
        };
        let states = [closed(2, "08:00"), closed(1, "09:00"), closed(1, "07:00")];
        assert_eq!(first_opening(&states), Some(&closed(1, "07:00")));
        // One without hours may be open: nothing is said.
        let unknown = [closed(2, "08:00"), OpenState::Unknown];
        assert_eq!(first_opening(&unknown), None);
        let with_open = [closed(1, "07:00"), OpenState::Always];
        assert_eq!(first_opening(&with_open), None);
        assert_eq!(first_opening(&[OpenState::Unknown]), None);
    }
}

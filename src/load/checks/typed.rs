//! Checks of what people can type and where it leads, run on a set without errors:
//! words a route shares with a global intent, patterns that match inside common words,
//! steps that show no open service at some hour, and steps too many taps from help.

use std::collections::VecDeque;

use crate::engine::Message;
use crate::load::diag::Report;
use crate::load::flows::FlowDef;
use crate::model::{
    ContactKind, Flow, FlowIdx, Hours, Intent, IntentRule, Interval, Matcher, Service, ServiceIdx,
    Settings, StepIdx, Target, TextRoute,
};

/// Common words per language that a route's pattern must not match inside of, one
/// language a line (`sv: word word ...`). Built in: it describes the languages, not a
/// set of flows, and staff never need to edit it. A pattern that matches inside one of
/// them ("köp" in "köpte") would send someone down a route for a word they never wrote.
const COMMON_WORDS: &str = include_str!("common_words.txt");

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Runs every check of this module.
pub(crate) fn check(
    defs: &[FlowDef],
    flows: &[Flow],
    settings: &Settings,
    services: &[Service],
    report: &mut Report,
) {
    let keywords = Keywords::new(&settings.intents);
    for (f, def) in defs.iter().enumerate() {
        for (s, step_def) in def.steps.iter().enumerate() {
            let Some(raw) = &step_def.raw else { continue };
            let step = &flows[f].steps[s];
            for (route, written) in step.routes.iter().zip(&raw.routes) {
                let at = written.span().start;
                if let Some(word) = distress_without_emergency(route, flows, settings, &keywords) {
                    report.push(def.file.warning(
                        at,
                        format!(
                            "this route takes the distress word \"{word}\" from the distress \
                             help, but its step does not show the emergency service; show it \
                             there or leave the word out"
                        ),
                    ));
                }
                for (message, error) in shadowed(route, &keywords) {
                    report.push(if error {
                        def.file.error(at, message)
                    } else {
                        def.file.warning(at, message)
                    });
                }
                if let Matcher::Pattern(regex) = &route.matcher
                    && let Some(word) = inside_common_word(regex, route.lang.as_deref())
                {
                    report.push(def.file.warning(
                        at,
                        format!(
                            "this pattern has no word boundary and matches inside the common \
                             word \"{word}\"; write the route as words = [...] or add \\b"
                        ),
                    ));
                }
            }
            // A flow's `when_closed` line (open around the clock) is shown whenever all
            // of a step's services are closed, so such a step is never left without one
            // (when every service has hours: one without may be open, and nothing is said).
            let line_when_closed = flows[f].when_closed.is_some()
                && step.signposts.iter().all(|&v| services[v].hours.is_some());
            if !step.signposts.is_empty()
                && !line_when_closed
                && let Some(message) = closed_hours(&step.id, &step.signposts, services)
            {
                report.push(def.file.warning(step_def.at, message));
            }
        }
    }
    taps(defs, flows, settings.max_taps, report);
}

/// The keywords these checks try on every route, each split once.
struct Keywords<'a> {
    /// (intent, keyword, marked `always`, the keyword as a message).
    all: Vec<(Intent, &'a str, bool, Message)>,
}

impl<'a> Keywords<'a> {
    /// The exit keywords, the keywords marked `always` and the distress keywords.
    fn new(intents: &'a [IntentRule]) -> Self {
        let mut all = Vec::new();
        for rule in intents {
            for (i, keyword) in rule.keywords.iter().enumerate() {
                let always = rule.always.get(i).copied().unwrap_or(false);
                if rule.intent == Intent::Exit || rule.intent == Intent::Distress || always {
                    all.push((rule.intent, keyword.as_str(), always, Message::new(keyword)));
                }
            }
        }
        Keywords { all }
    }
}

/// Global keywords a route takes as an answer although the intent gets them first:
/// an exit word (an error: quick exit must mean the same on every step, so the word
/// must go from the route or from the exit words) or an emergency word marked
/// `always` (a warning: the route never sees it).
fn shadowed(route: &TextRoute, keywords: &Keywords) -> Vec<(String, bool)> {
    let mut found = Vec::new();
    for (intent, keyword, always, message) in &keywords.all {
        let exit = *intent == Intent::Exit;
        if !(exit || *always) || !route.matches(keyword, message) {
            continue;
        }
        found.push(if exit {
            (
                format!(
                    "the exit word \"{keyword}\" is also an answer of this route, and \
                     typing it deletes the conversation; remove it from the route or \
                     from the exit keywords"
                ),
                true,
            )
        } else {
            (
                format!(
                    "the {} keyword \"{keyword}\" always wins, so this route never gets \
                     it; remove it from the route",
                    intent.name()
                ),
                false,
            )
        });
    }
    found
}

/// A distress keyword the route takes (so the distress help gives way to it) although
/// the step it leads to does not show the emergency service.
fn distress_without_emergency<'a>(
    route: &TextRoute,
    flows: &[Flow],
    settings: &Settings,
    keywords: &Keywords<'a>,
) -> Option<&'a str> {
    let target = &flows[route.target.flow].steps[route.target.step];
    if target.signposts.contains(&settings.emergency_service) {
        return None;
    }
    keywords
        .all
        .iter()
        .find(|(intent, keyword, _, message)| {
            *intent == Intent::Distress && route.matches(keyword, message)
        })
        .map(|(_, keyword, _, _)| *keyword)
}

/// The first common word (of the route's language, or any) that `regex` matches only a
/// part of.
fn inside_common_word(regex: &regex_automata::meta::Regex, lang: Option<&str>) -> Option<String> {
    COMMON_WORDS
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once(':'))
        .filter(|(code, _)| lang.is_none_or(|lang| code.trim() == lang))
        .flat_map(|(_, words)| words.split_whitespace())
        .find(|word| {
            regex
                .find(*word)
                .is_some_and(|m| m.start() > 0 || m.end() < word.len())
        })
        .map(str::to_string)
}

/// Whether a service can be reached at all by a person on their own: by phone, chat or
/// a web form (a visit or an e-mail answers nobody in the night).
fn reachable(service: &Service) -> bool {
    service.contacts.iter().any(|c| {
        matches!(
            c.kind,
            ContactKind::Phone | ContactKind::Chat | ContactKind::Web
        )
    })
}

fn web(service: &Service) -> bool {
    service.contacts.iter().any(|c| c.kind == ContactKind::Web)
}

/// The year whose dates stand for "every year" when a period's first week is walked.
const REFERENCE_YEAR: i16 = 2027;

/// Whether `intervals` hold the hour starting at `hour`.
fn open_in(intervals: &[Interval], hour: u16) -> bool {
    let minute = hour * 60;
    intervals
        .iter()
        .any(|i| i.start <= minute && minute < i.end)
}

/// When a step's services are all closed: every hour of a week, every hour of the dates
/// in the services' exceptions, of the public holidays of a year and the days before them
/// (when a service has rules for them), and of the first week of each of their periods. A service without hours counts as open only
/// through a web form, which takes a message at any hour; its phone or chat counts as
/// closed, since the bot cannot promise that anyone answers, so it must not be the only
/// way on at night.
fn closed_hours(step: &str, signposts: &[ServiceIdx], services: &[Service]) -> Option<String> {
    let shown: Vec<&Service> = signposts
        .iter()
        .map(|&s| &services[s])
        .filter(|s| reachable(s))
        .collect();
    if shown
        .iter()
        .any(|s| s.hours == Some(Hours::Always) || (s.hours.is_none() && web(s)))
    {
        return None;
    }
    // Open at `hour` of a local date: the hours that apply that day (an exception, a
    // period such as summer hours, or the usual week) as the engine reads them.
    let open_on = |date: jiff::civil::Date, hour: u16| {
        shown.iter().any(|s| {
            s.hours
                .as_ref()
                .is_some_and(|h| h.intervals_on(date).is_none_or(|i| open_in(i, hour)))
        })
    };
    // The usual week: a week of a reference year that no period or exception touches is
    // not guaranteed, so the usual days are read directly.
    let open_weekly = |day: usize, hour: u16| {
        shown.iter().any(|s| match &s.hours {
            Some(Hours::Always) => true,
            Some(Hours::Weekly { days, .. }) => open_in(&days[day], hour),
            None => false,
        })
    };
    let mut closed = Vec::new();
    for day in 0..7 {
        for hour in 0..24 {
            if !open_weekly(day, hour) {
                closed.push((day, hour));
            }
        }
    }
    // Dates with other hours: every exception date, and the first week of every period
    // (in a reference year), each read as the engine would on that date.
    let mut dates: Vec<jiff::civil::Date> = Vec::new();
    // (first day as MM-DD, the dates of its first week in the reference year)
    let mut period_weeks: Vec<(String, Vec<jiff::civil::Date>)> = Vec::new();
    for service in &shown {
        if let Some(Hours::Weekly {
            exceptions,
            periods,
            special,
            ..
        }) = &service.hours
        {
            dates.extend(exceptions.iter().map(|e| e.date));
            // The public holidays of the reference year and the days before them.
            if !special.is_empty() {
                for (date, _) in crate::model::holidays::of_year(REFERENCE_YEAR) {
                    dates.push(date);
                    if let Ok(eve) = date.yesterday()
                        && eve.year() == REFERENCE_YEAR
                        && crate::model::holidays::is_holiday_eve(eve)
                    {
                        dates.push(eve);
                    }
                }
            }
            for period in periods {
                let Ok(first) =
                    jiff::civil::Date::new(REFERENCE_YEAR, period.from.0, period.from.1)
                else {
                    continue;
                };
                let week = (0..7)
                    .filter_map(|d| first.checked_add(jiff::Span::new().days(d)).ok())
                    .collect();
                period_weeks.push((format!("{:02}-{:02}", period.from.0, period.from.1), week));
            }
        }
    }
    dates.sort();
    dates.dedup();
    let closed_dates: Vec<String> = dates
        .into_iter()
        .filter(|date| (0..24).any(|hour| !open_on(*date, hour)))
        .map(|d| {
            use crate::model::holidays::{Day, day, is_holiday_eve};
            match day(d) {
                Some(Day::Holiday(name)) => format!("{d} ({name})"),
                Some(Day::MidsummerEve) => format!("{d} (midsommarafton)"),
                Some(Day::ChristmasEve) => format!("{d} (julafton)"),
                Some(Day::NewYearsEve) => format!("{d} (nyårsafton)"),
                None if is_holiday_eve(d) => format!("{d} (the day before a holiday)"),
                None => d.to_string(),
            }
        })
        .collect();
    let mut closed_periods: Vec<String> = period_weeks
        .into_iter()
        .filter(|(_, week)| week.iter().any(|d| (0..24).any(|hour| !open_on(*d, hour))))
        .map(|(from, _)| from)
        .collect();
    closed_periods.sort();
    closed_periods.dedup();
    if closed.is_empty() && closed_dates.is_empty() && closed_periods.is_empty() {
        return None;
    }
    let mut when = Vec::new();
    if let Some((day, hour)) = closed.first() {
        when.push(format!(
            "{} of the 168 hours of a week (first {} {hour:02}:00)",
            closed.len(),
            WEEKDAYS[*day]
        ));
    }
    if !closed_periods.is_empty() {
        when.push(format!(
            "some hours of the yearly hours from {}",
            closed_periods.join(", ")
        ));
    }
    if !closed_dates.is_empty() {
        when.push(format!("some hours on {}", closed_dates.join(", ")));
    }
    Some(format!(
        "step \"{step}\" shows no service that is open and reachable by phone, chat or web \
         at {}; also show one that is open then, or one open day and night",
        when.join(" and ")
    ))
}

/// Every step is at most `max` taps (choices or typed answers; `next` is free) from a
/// step that shows a service. One warning per step over the limit, with its shortest
/// way to a service, the worst first.
fn taps(defs: &[FlowDef], flows: &[Flow], max: usize, report: &mut Report) {
    let index: Vec<Target> = flows
        .iter()
        .enumerate()
        .flat_map(|(f, flow)| {
            (0..flow.steps.len()).map(move |s| Target {
                flow: FlowIdx::new(f),
                step: StepIdx::new(s),
            })
        })
        .collect();
    let position = |t: Target| index.iter().position(|x| *x == t);
    // Reverse edges: (from, cost) for each step.
    let mut incoming: Vec<Vec<(usize, usize)>> = vec![Vec::new(); index.len()];
    for (from, t) in index.iter().enumerate() {
        let step = &flows[t.flow].steps[t.step];
        let edges = step
            .choices
            .iter()
            .map(|c| (c.target, 1))
            .chain(step.routes.iter().map(|r| (r.target, 1)))
            .chain(step.next.map(|n| (n, 0)));
        for (to, cost) in edges {
            if let Some(to) = position(to) {
                incoming[to].push((from, cost));
            }
        }
    }
    let mut distance: Vec<Option<usize>> = vec![None; index.len()];
    let mut toward: Vec<Option<usize>> = vec![None; index.len()];
    let mut queue = VecDeque::new();
    for (i, t) in index.iter().enumerate() {
        if !flows[t.flow].steps[t.step].signposts.is_empty() {
            distance[i] = Some(0);
            queue.push_back(i);
        }
    }
    // 0-1 breadth-first search from the steps that show services, backwards.
    while let Some(at) = queue.pop_front() {
        let d = distance[at].unwrap_or(0);
        for &(from, cost) in &incoming[at] {
            if distance[from].is_none_or(|old| d + cost < old) {
                distance[from] = Some(d + cost);
                toward[from] = Some(at);
                if cost == 0 {
                    queue.push_front(from);
                } else {
                    queue.push_back(from);
                }
            }
        }
    }
    let name = |i: usize| {
        let t = index[i];
        format!("{}/{}", flows[t.flow].id, flows[t.flow].steps[t.step].id)
    };
    let mut over: Vec<(usize, usize)> = Vec::new();
    for (i, t) in index.iter().enumerate() {
        let d = distance[i].unwrap_or(usize::MAX);
        if d > max && defs[t.flow].steps.get(t.step.index()).is_some() {
            over.push((d, i));
        }
    }
    over.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (d, i) in over {
        let t = index[i];
        let message = if d == usize::MAX {
            format!(
                "step \"{}\" leads to no step that shows a service",
                flows[t.flow].steps[t.step].id
            )
        } else {
            let mut path = vec![name(i)];
            let mut at = i;
            while let Some(next) = toward[at] {
                path.push(name(next));
                at = next;
            }
            format!(
                "step \"{}\" is {d} taps from the nearest service, more than max_taps = \
                 {max}: {}",
                flows[t.flow].steps[t.step].id,
                path.join(" → ")
            )
        };
        report.push(
            defs[t.flow]
                .file
                .warning(defs[t.flow].steps[t.step].at, message),
        );
    }
}

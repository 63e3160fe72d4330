//! `signpost stats`: the aggregate counts for staff, as a table or CSV, or as a page of
//! pictures per week (`--html`), with small counts suppressed. It reads the daily files
//! only, so it works while the bot runs; a day's file appears once the day has ended (or
//! the bot has stopped), its small counts already suppressed.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use jiff::civil::Date;

use super::ContentArgs;
use crate::engine::HandoverEvent;
use crate::load::Document;
use crate::load::content::Content;
use crate::staff::figures::{self, DayCount, Section};
use crate::store::{
    ENDED_TOTAL, SUPPRESSED_BELOW, StatKey, StatRow, read_partial_days, read_stats, stats_dir,
};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data folder the bot writes to.
    #[arg(long, env = "SIGNPOST_DATA", default_value = "data")]
    pub data: PathBuf,
    /// The first day to show (YYYY-MM-DD, UTC); by default the first recorded.
    #[arg(long)]
    pub from: Option<Date>,
    /// The last day to show (YYYY-MM-DD, UTC); by default the last recorded.
    #[arg(long)]
    pub to: Option<Date>,
    /// Print CSV instead of a table.
    #[arg(long, conflicts_with = "html")]
    pub csv: bool,
    /// Write one HTML page with a picture per week of the routes entered, signposts
    /// shown, languages used, quick exits and emergency help, to this file.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Where the flows and texts are (for the routes' first steps and the services'
    /// names on the `--html` page).
    #[command(flatten)]
    pub content: ContentArgs,
    /// Counts below this are shown as "<N", so that no one person's path stands out.
    /// The files never hold a count below 5, so a lower threshold shows no more.
    #[arg(long, default_value_t = SUPPRESSED_BELOW)]
    pub threshold: u64,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = stats_dir(&args.data);
    let rows = read_stats(&dir, args.from, args.to)?;
    let partial = read_partial_days(&dir, args.from, args.to)?;
    if let Some(out) = &args.html {
        let document = Document::read(&args.content.flows, &args.content.locales);
        let content = document.content();
        let span = rows.first().zip(rows.last()).map(|(a, b)| (a.day, b.day));
        let page = figures::html(&sections(&rows, content), args.threshold, span, &partial);
        std::fs::write(out, page).with_context(|| format!("cannot write {}", out.display()))?;
        eprintln!("wrote {}", out.display());
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() && !args.csv {
        println!("No statistics for these days in {}.", dir.display());
    } else {
        print!("{}", render(&rows, args.threshold, args.csv));
    }
    if let Some(note) = restarts_note(&partial) {
        // Below the table; beside CSV, on standard error, so the CSV stays plain.
        if args.csv {
            eprintln!("{note}");
        } else {
            println!("{note}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A day's count as the page takes it: as the file keeps it, "fewer than N" for a small
/// count, and the page never needs more.
fn day_count(row: &StatRow) -> DayCount {
    row.count
}

/// The four questions the `--html` page answers, from the daily rows.
fn sections(rows: &[StatRow], content: &Content) -> Vec<Section> {
    // A route is entered when its first step is shown.
    let first_step = |flow: &str| -> Option<String> {
        let doc = content.flows.iter().find(|f| f.id == flow)?;
        doc.start
            .clone()
            .or_else(|| doc.steps.first().map(|s| s.id.clone()))
    };
    let service_name = |id: &str| match content
        .services
        .iter()
        .find(|s| s.id == id)
        .and_then(|s| s.name.as_deref())
    {
        Some(name) if name != id => format!("{name} ({id})"),
        _ => id.to_string(),
    };
    let language_name = |code: &str| match content.texts(code) {
        Some(texts) if texts.language().has("language-name") => {
            format!("{} ({code})", texts.language().message("language-name"))
        }
        _ => code.to_string(),
    };
    let mut routes = BTreeMap::<String, Vec<(Date, DayCount)>>::new();
    let mut signposts = BTreeMap::<String, Vec<(Date, DayCount)>>::new();
    let mut languages = BTreeMap::<String, Vec<(Date, DayCount)>>::new();
    let mut safety = BTreeMap::<String, Vec<(Date, DayCount)>>::new();
    let mut handover = BTreeMap::<String, Vec<(Date, DayCount)>>::new();
    let mut places = BTreeMap::<String, Vec<(Date, DayCount)>>::new();
    for row in rows {
        let entry = (row.day, day_count(row));
        match &row.key {
            StatKey::Step { flow, step } => {
                let first = first_step(flow).unwrap_or_else(|| "start".to_string());
                if *step == first {
                    routes.entry(flow.clone()).or_default().push(entry);
                }
            }
            StatKey::Signpost { service } => signposts
                .entry(service_name(service))
                .or_default()
                .push(entry),
            StatKey::Language { lang } => languages
                .entry(language_name(lang))
                .or_default()
                .push(entry),
            StatKey::Intent { intent } if intent == "exit" => safety
                .entry("quick exit (the conversation deleted)".to_string())
                .or_default()
                .push(entry),
            StatKey::Intent { intent } if intent == "emergency" => safety
                .entry("emergency help (the 112 card shown)".to_string())
                .or_default()
                .push(entry),
            StatKey::Intent { .. } => {}
            StatKey::Handover { event } => handover
                .entry(handover_event(event))
                .or_default()
                .push(entry),
            StatKey::Place { place } => places.entry(place_name(place)).or_default().push(entry),
        }
    }
    vec![
        Section {
            id: "routes",
            title: "Routes entered".into(),
            explanation: "How often each route's first step was shown: a person chose the route, \
                          came by a link or a poster, or went back to its start."
                .into(),
            rows: routes,
        },
        Section {
            id: "signposts",
            title: "Signposts shown".into(),
            explanation: "How often each service's card (who, how to reach them, open now or not) \
                          was shown."
                .into(),
            rows: signposts,
        },
        Section {
            id: "languages",
            title: "Languages used".into(),
            explanation: "How many conversations began in each language, or switched to it.".into(),
            rows: languages,
        },
        Section {
            id: "safety",
            title: "Quick exits and emergency help".into(),
            explanation:
                "How often people deleted their conversation with the quick exit, and how \
                          often they asked for emergency help."
                    .into(),
            rows: safety,
        },
        Section {
            id: "handover",
            title: "Handover to a person".into(),
            explanation: "How often talking to a person was offered and accepted, and how the \
                          conversations ended."
                .into(),
            rows: handover,
        },
        Section {
            id: "places",
            title: "Where people said they are".into(),
            explanation: "With several areas: how often the place question was answered with \
                          each area, somewhere else in Sweden, or rather not say. Counted on \
                          its own, never with a route or a step; small counts are hidden."
                .into(),
            rows: places,
        },
    ]
}

/// The words for an answer to the place question (`Stat::Place`).
fn place_name(name: &str) -> String {
    match name {
        "elsewhere" => "somewhere else in Sweden".to_string(),
        "unsaid" => "rather not say".to_string(),
        area => format!("area {area}"),
    }
}

/// What to say of days whose counts before a restart were dropped, if there are any.
pub(crate) fn restarts_note(partial: &[Date]) -> Option<String> {
    let days: Vec<String> = partial.iter().map(Date::to_string).collect();
    match days.as_slice() {
        [] => None,
        [day] => Some(format!(
            "On {day} the bot restarted and the counts from before the restart could not be \
             kept: that day's counts are too low."
        )),
        _ => Some(format!(
            "On {} the bot restarted and the counts from before the restart could not be \
             kept: those days' counts are too low.",
            days.join(", ")
        )),
    }
}

/// The words for a handover event (`Stat::Handover`).
fn handover_event(name: &str) -> String {
    if name == ENDED_TOTAL {
        return "ended, all ways together (one way was too rare that day to show alone)"
            .to_string();
    }
    let words = match HandoverEvent::named(name) {
        Some(HandoverEvent::Offered) => "offered (the button shown)",
        Some(HandoverEvent::Accepted) => "accepted (a conversation began)",
        Some(HandoverEvent::EndedByStaff) => "ended by the staff (/end)",
        Some(HandoverEvent::EndedByPerson) => "ended by the person (quick exit)",
        Some(HandoverEvent::EndedInactive) => "ended: no message for the set time",
        Some(HandoverEvent::EndedRestart) => "ended: the bot stopped",
        None => name,
    };
    words.to_string()
}

/// The report: one line per day and event. There are no totals: a total over rows with
/// suppressed counts would give them away.
pub(crate) fn render(rows: &[StatRow], threshold: u64, csv: bool) -> String {
    let mut lines = vec![[
        "day".to_owned(),
        "kind".to_owned(),
        "name".to_owned(),
        "step".to_owned(),
        "count".to_owned(),
    ]];
    for row in rows {
        let (kind, name, step) = match &row.key {
            StatKey::Step { flow, step } => ("step", flow.as_str(), step.as_str()),
            StatKey::Signpost { service } => ("signpost", service.as_str(), ""),
            StatKey::Intent { intent } => ("intent", intent.as_str(), ""),
            StatKey::Language { lang } => ("language", lang.as_str(), ""),
            StatKey::Handover { event } => ("handover", event.as_str(), ""),
            StatKey::Place { place } => ("place", place.as_str(), ""),
        };
        let count = row.count.shown(threshold);
        lines.push([
            row.day.to_string(),
            kind.to_owned(),
            name.to_owned(),
            step.to_owned(),
            count,
        ]);
    }
    let mut out = String::new();
    if csv {
        for line in &lines {
            let cells: Vec<String> = line.iter().map(|cell| csv_cell(cell)).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        return out;
    }
    let mut widths = [0; 5];
    for line in &lines {
        for (width, cell) in widths.iter_mut().zip(line) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for line in &lines {
        let [day, kind, name, step, count] = line;
        let text = format!(
            "{day:<w0$}  {kind:<w1$}  {name:<w2$}  {step:<w3$}  {count:>w4$}",
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3],
            w4 = widths[4],
        );
        let _ = writeln!(out, "{}", text.trim_end());
    }
    let _ = writeln!(
        out,
        "\nDays are UTC. Counts below {threshold} are shown as <{threshold}."
    );
    out
}

fn csv_cell(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Count;

    fn rows() -> Vec<StatRow> {
        let day = |text: &str| text.parse::<Date>().unwrap();
        vec![
            StatRow {
                day: day("2025-03-01"),
                key: StatKey::Step {
                    flow: "buyer".into(),
                    step: "consequences".into(),
                },
                count: Count::Exact(12),
            },
            StatRow {
                day: day("2025-03-01"),
                key: StatKey::Signpost {
                    service: "kvinnofridslinjen".into(),
                },
                count: Count::FewerThan(5),
            },
            StatRow {
                day: day("2025-03-02"),
                key: StatKey::Intent {
                    intent: "exit".into(),
                },
                count: Count::Exact(5),
            },
        ]
    }

    #[test]
    fn a_table_with_small_counts_suppressed() {
        assert_eq!(
            render(&rows(), 5, false),
            "\
day         kind      name               step          count
2025-03-01  step      buyer              consequences     12
2025-03-01  signpost  kvinnofridslinjen                   <5
2025-03-02  intent    exit                                 5

Days are UTC. Counts below 5 are shown as <5.
"
        );
    }

    #[test]
    fn answers_to_the_place_question_are_a_row_of_their_own_and_suppressed() {
        let place = |place: &str, count| StatRow {
            day: "2025-03-01".parse::<Date>().unwrap(),
            key: StatKey::Place {
                place: place.into(),
            },
            count,
        };
        let rows = [
            place("linkoping", Count::Exact(7)),
            place("unsaid", Count::FewerThan(5)),
        ];
        assert_eq!(
            render(&rows, 5, true),
            "day,kind,name,step,count\n2025-03-01,place,linkoping,,7\n2025-03-01,place,unsaid,,<5\n"
        );
        assert_eq!(place_name("linkoping"), "area linkoping");
        assert_eq!(place_name("elsewhere"), "somewhere else in Sweden");
        assert_eq!(place_name("unsaid"), "rather not say");
    }

    #[test]
    fn every_handover_event_has_its_words_and_an_unknown_name_stays() {
        for event in HandoverEvent::ALL {
            assert_eq!(HandoverEvent::named(event.name()), Some(event));
            assert_ne!(handover_event(event.name()), event.name());
        }
        assert_eq!(handover_event("something-new"), "something-new");
        assert!(handover_event(ENDED_TOTAL).starts_with("ended, all ways together"));
    }

    #[test]
    fn days_with_dropped_counts_are_named() {
        assert_eq!(restarts_note(&[]), None);
        let day = "2025-03-01".parse::<Date>().unwrap();
        let note = restarts_note(&[day]).unwrap_or_default();
        assert!(
            note.starts_with("On 2025-03-01 the bot restarted"),
            "{note}"
        );
    }

    #[test]
    fn csv_with_small_counts_suppressed() {
        assert_eq!(
            render(&rows(), 13, true),
            "\
day,kind,name,step,count
2025-03-01,step,buyer,consequences,<13
2025-03-01,signpost,kvinnofridslinjen,,<13
2025-03-02,intent,exit,,<13
"
        );
        assert_eq!(csv_cell("a,\"b\""), "\"a,\"\"b\"\"\"");
    }
}

//! `signpost stats`: the aggregate counts for staff, as a table or CSV, with small counts
//! suppressed. It reads the daily files only, so it works while the bot runs; a day's
//! file appears once the day has ended (or the bot has stopped), its small counts
//! already suppressed.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use jiff::civil::Date;

use crate::store::{SUPPRESSED_BELOW, StatKey, StatRow, read_stats, stats_dir};

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
    #[arg(long)]
    pub csv: bool,
    /// Counts below this are shown as "<N", so that no one person's path stands out.
    /// The files never hold a count below 5, so a lower threshold shows no more.
    #[arg(long, default_value_t = SUPPRESSED_BELOW)]
    pub threshold: u64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = stats_dir(&args.data);
    let rows = read_stats(&dir, args.from, args.to)?;
    if rows.is_empty() && !args.csv {
        println!("No statistics for these days in {}.", dir.display());
    } else {
        print!("{}", render(&rows, args.threshold, args.csv));
    }
    Ok(ExitCode::SUCCESS)
}

/// The report: one line per day and event. There are no totals: a total over rows with
/// suppressed counts would give them away.
pub fn render(rows: &[StatRow], threshold: u64, csv: bool) -> String {
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

//! `signpost report`: the HTML file opened in headless Chromium, checked for what a
//! person reading it would see: a step's Swedish and Arabic text side by side, a
//! missing translation and a stale service marked, `check`'s findings at the top.
//!
//! Chromium is Debian's `chromium` package. The browser tests are ignored by name
//! (`needs chromium`), so a plain `cargo test` lists them as ignored rather than passing
//! them without a browser; `.ci/run` installs Chromium and runs them with
//! `--include-ignored`, and there a missing browser fails them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FLOWS: &str = "tests/fixtures/staff/set/flows";
const LOCALES: &str = "tests/fixtures/staff/set/locales";

use crate::support::chromium::path as chromium;

/// Headless Chromium on a file (see `support::chromium::run`).
fn run_chromium(chromium: &Path, profile: &Path, extra: &[&str], page: &Path) -> Output {
    crate::support::chromium::run(
        chromium,
        profile,
        extra,
        &format!("file://{}", page.display()),
    )
}

fn write_report(dir: &Path) -> PathBuf {
    let out = dir.join("report.html");
    let status = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args([
            "report",
            "--flows",
            FLOWS,
            "--locales",
            LOCALES,
            "--today",
            "2026-06-01",
        ])
        .arg("--out")
        .arg(&out)
        .status()
        .expect("signpost runs");
    assert!(status.success());
    out
}

/// The table row (`<tr>...</tr>`) that names a message id.
fn row<'d>(dom: &'d str, id: &str) -> &'d str {
    let needle = format!("<code>{id}</code>");
    dom.split("<tr>")
        .find(|r| r.contains(&needle))
        .and_then(|r| r.split("</tr>").next())
        .unwrap_or_else(|| panic!("no row for {id}"))
}

/// An `<article>` by its id.
fn article<'d>(dom: &'d str, id: &str) -> &'d str {
    let start = format!("<article class=\"service\" id=\"{id}\">");
    let at = dom.find(&start).unwrap_or_else(|| panic!("no {id}"));
    let rest = &dom[at..];
    &rest[..rest.find("</article>").unwrap_or(rest.len())]
}

#[test]
#[ignore = "needs chromium"]
fn a_person_sees_texts_side_by_side_and_what_needs_doing() {
    let chromium = chromium();
    let dir = tempfile::tempdir().expect("temporary folder");
    let page = write_report(dir.path());
    let profile = tempfile::tempdir().expect("browser profile");

    let output = run_chromium(&chromium, profile.path(), &["--dump-dom"], &page);
    assert!(output.status.success(), "chromium failed");
    let dom = String::from_utf8(output.stdout).expect("UTF-8 DOM");

    // check's report is at the top, before the first flow.
    let summary = dom.find("3 error(s), 2 warning(s)").expect("check summary");
    let first_flow = dom.find("<section class=\"flow\"").expect("a flow section");
    assert!(summary < first_flow);
    assert!(dom.contains("step \"stuck\" is a dead end"));

    // One step's text in Swedish and Arabic, side by side, the Arabic right to left
    // and marked as machine-drafted.
    let hello = row(&dom, "hello-text");
    assert!(hello.contains("<td lang=\"sv\">Hej! Vad behöver du?</td>"));
    assert!(hello.contains("<td lang=\"ar\" dir=\"rtl\" class=\"mt\">مرحبًا! ماذا تحتاج؟</td>"));
    assert!(dom.contains("<span class=\"flag mt\">machine-drafted</span>"));

    // The Arabic text check says is missing.
    let bye = row(&dom, "bye-text");
    assert!(bye.contains("<td lang=\"sv\">Hej då.</td>"));
    assert!(bye.contains("<span class=\"flag missing\">missing</span>"));

    // A service verified more than 180 days before the report's date is stale; one
    // verified a month before is not; one never verified says so.
    let old = article(&dom, "service-old-line");
    assert!(old.contains(
        "<span class=\"flag stale\">stale</span> verified on 2025-01-10 by Test team, 507 days ago"
    ));
    assert!(!article(&dom, "service-sos").contains("stale"));
    assert!(article(&dom, "service-draft").contains("not verified"));
    assert!(
        old.contains("mon-thu 09:00-16:00; fri 09:00-12:00; sat, sun closed; 2026-12-24 closed")
    );
    assert!(old.contains("anonymous: Du behöver inte säga vem du är."));

    // Text from the files is shown as text, never as markup.
    assert!(dom.contains("Jag behöver &lt;hjälp&gt; &amp; stöd"));
    assert!(dom.contains("https://example.org/&lt;old&gt;"));
    assert!(!dom.contains("<hjälp>") && !dom.contains("<old>"));

    // Each flow's picture is inline.
    assert_eq!(dom.matches("<svg").count(), 3);
}

#[test]
#[ignore = "needs chromium"]
fn the_findings_at_the_top_are_drawn_in_red() {
    let chromium = chromium();
    let dir = tempfile::tempdir().expect("temporary folder");
    let page = write_report(dir.path());
    let profile = tempfile::tempdir().expect("browser profile");
    let shot = dir.path().join("top.png");
    let screenshot = format!("--screenshot={}", shot.display());
    let output = run_chromium(
        &chromium,
        profile.path(),
        &[&screenshot, "--window-size=1200,900"],
        &page,
    );
    assert!(output.status.success(), "chromium failed");

    let file = std::fs::File::open(&shot).expect("screenshot written");
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    let channels = info.color_type.samples();
    // The error summary and the error lines are red (#c5221f on white or pink).
    let red = pixels[..info.buffer_size()]
        .chunks(channels)
        .filter(|p| p[0] > 170 && p[1] < 70 && p[2] < 70)
        .count();
    assert!(red > 200, "only {red} red pixels at the top of the report");
}

/// The file stands alone: nothing is fetched from elsewhere and nothing runs.
#[test]
fn the_report_needs_nothing_from_elsewhere() {
    let options = signpost::load::LoadOptions {
        today: jiff::civil::date(2026, 6, 1),
    };
    let document = signpost::load::Document::read(Path::new(FLOWS), Path::new(LOCALES));
    let check = signpost::load::check(&document, &options);
    let html = signpost::staff::report::html(&document, &check, options.today);
    for banned in [
        "<script",
        "<link",
        "<img",
        "<iframe",
        " src=",
        "href=\"http",
        "url(http",
        "@import",
    ] {
        assert!(!html.contains(banned), "the report contains {banned}");
    }
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
}

/// Writes a day's statistics file as the bot does (`data/stats/YYYY-MM-DD.json`).
fn stats_day(data: &Path, day: &str, counts: &[(&str, &str, u64)]) {
    let dir = data.join("stats");
    std::fs::create_dir_all(&dir).expect("stats folder");
    let counts: Vec<serde_json::Value> = counts
        .iter()
        .map(|&(kind, name, count)| match kind {
            "step" => {
                let (flow, step) = name.split_once('/').expect("flow/step");
                serde_json::json!({"kind": "step", "flow": flow, "step": step, "count": count})
            }
            "signpost" => serde_json::json!({"kind": "signpost", "service": name, "count": count}),
            "intent" => serde_json::json!({"kind": "intent", "intent": name, "count": count}),
            "handover" => serde_json::json!({"kind": "handover", "event": name, "count": count}),
            _ => serde_json::json!({"kind": "language", "lang": name, "count": count}),
        })
        .collect();
    let file = serde_json::json!({"format": 1, "day": day, "counts": counts});
    std::fs::write(dir.join(format!("{day}.json")), file.to_string()).expect("stats file");
}

/// The `--html` figures page opened in headless Chromium: per ISO week, each figure in
/// words under its bar, small days never shown nor added in.
#[test]
#[ignore = "needs chromium"]
fn the_figures_page_hides_small_counts_and_draws_each_week() {
    let chromium = chromium();
    let dir = tempfile::tempdir().expect("temporary folder");
    let data = dir.path().join("data");
    // Week 10 of 2026 (from Monday 2 March) and week 11.
    stats_day(
        &data,
        "2026-03-02",
        &[
            ("step", "start/hello", 12),
            ("step", "other/a", 3),
            ("signpost", "sos", 7),
            ("signpost", "old-line", 2),
            ("intent", "exit", 6),
            ("intent", "emergency", 1),
            ("intent", "help", 40),
            ("language", "sv", 9),
            ("language", "ar", 4),
            ("handover", "offered", 7),
            ("handover", "accepted", 2),
        ],
    );
    stats_day(
        &data,
        "2026-03-03",
        &[
            ("step", "start/hello", 8),
            ("step", "other/a", 2),
            ("signpost", "old-line", 6),
            ("intent", "exit", 2),
            ("language", "ar", 1),
        ],
    );
    stats_day(
        &data,
        "2026-03-10",
        &[
            ("step", "start/hello", 5),
            ("step", "start/further", 50),
            ("step", "other/a", 1),
            ("intent", "emergency", 5),
            ("language", "sv", 5),
        ],
    );
    let page = dir.path().join("figures.html");
    let status = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["stats", "--flows", FLOWS, "--locales", LOCALES])
        .arg("--data")
        .arg(&data)
        .arg("--html")
        .arg(&page)
        .status()
        .expect("signpost runs");
    assert!(status.success());
    let html = std::fs::read_to_string(&page).expect("the page");
    for banned in [
        "<script",
        "<link",
        "<img",
        "<iframe",
        " src=",
        "href=\"http",
    ] {
        assert!(!html.contains(banned), "the page contains {banned}");
    }

    let profile = tempfile::tempdir().expect("browser profile");
    let output = run_chromium(&chromium, profile.path(), &["--dump-dom"], &page);
    assert!(output.status.success(), "chromium failed");
    let dom = String::from_utf8(output.stdout).expect("UTF-8 DOM");

    // One picture per question, with the weeks across the top.
    assert_eq!(dom.matches("<svg").count(), 5);
    assert!(dom.contains("Handover to a person"));
    assert!(dom.contains("offered (the button shown)</th><td>7</td>"));
    assert!(dom.contains("accepted (a conversation began)</th><td>fewer than 5</td>"));
    assert!(dom.contains(">week 10 of 2026</text>"));
    assert!(dom.contains(">from 2026-03-09</text>"));

    let table_row = |name: &str| {
        let start = format!("<tr><th>{name}</th>");
        let at = dom
            .find(&start)
            .unwrap_or_else(|| panic!("no row for {name}"));
        let rest = &dom[at..];
        rest[..rest.find("</tr>").expect("row end")].to_string()
    };
    // Days that reached 5 are added up; a week of small days says so, never how small.
    assert_eq!(
        table_row("start"),
        "<tr><th>start</th><td>20</td><td>5</td>"
    );
    assert_eq!(
        table_row("other"),
        "<tr><th>other</th><td>fewer than 5 a day</td><td>fewer than 5</td>"
    );
    assert_eq!(
        table_row("Gamla linjen (old-line)"),
        "<tr><th>Gamla linjen (old-line)</th><td>at least 6</td><td class=\"none\">none</td>"
    );
    assert_eq!(
        table_row("quick exit (the conversation deleted)"),
        "<tr><th>quick exit (the conversation deleted)</th><td>at least 6</td><td class=\"none\">none</td>"
    );
    assert_eq!(
        table_row("emergency help (the 112 card shown)"),
        "<tr><th>emergency help (the 112 card shown)</th><td>fewer than 5</td><td>5</td>"
    );
    assert!(dom.contains("(sv)</th><td>9</td><td>5</td>"));
    assert!(dom.contains("(ar)</th><td>fewer than 5 a day</td>"));
    // A step that is not a route's first is not a route entered; help is not counted
    // here; nothing is totalled (the 8 and the 12 of the start route show only as 20).
    assert!(!dom.contains(">50<") && !dom.contains("further"));
    assert!(!dom.contains(">40<"));
    assert!(!dom.contains(">8<") && !dom.contains(">12<"));
    // The same words are under the bars in the pictures.
    assert!(dom.contains("text-anchor=\"middle\">fewer than 5 a day</text>"));
    assert!(dom.contains("text-anchor=\"middle\">at least 6</text>"));

    // The bars are drawn: blue on the screen.
    let shot = dir.path().join("figures.png");
    let screenshot = format!("--screenshot={}", shot.display());
    let output = run_chromium(
        &chromium,
        profile.path(),
        &[&screenshot, "--window-size=1200,1600"],
        &page,
    );
    assert!(output.status.success(), "chromium failed");
    let file = std::fs::File::open(&shot).expect("screenshot written");
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    let channels = info.color_type.samples();
    let blue = pixels[..info.buffer_size()]
        .chunks(channels)
        .filter(|p| p[0] < 60 && p[1] > 90 && p[1] < 140 && p[2] > 200)
        .count();
    assert!(
        blue > 1000,
        "only {blue} blue pixels: the bars are not drawn"
    );
}

/// The shipped set as one for several municipalities: the directory shows, for each area, the service
/// each role stands for there, and the fallback where the area binds none.
#[test]
fn the_report_shows_the_roles_of_each_area() {
    let options = signpost::load::LoadOptions {
        today: jiff::civil::date(2026, 12, 7),
    };
    let shipped = signpost::load::Document::read(Path::new("flows"), Path::new("locales"));
    let bot = Path::new("flows").join("bot.toml");
    let text = std::fs::read_to_string(&bot).expect("the shipped bot.toml");
    let county = text.replace(
        "area = \"norrkoping\"",
        "areas = [\"norrkoping\", \"linkoping\"]",
    );
    assert_ne!(county, text, "the shipped bot.toml chooses norrkoping");
    let document = shipped.with_file(&bot, county);
    let check = signpost::load::check(&document, &options);
    let html = signpost::staff::report::html(&document, &check, options.today);
    let start = html
        .find("<table class=\"area-roles\">")
        .expect("the roles per area");
    let table = &html[start..start + html[start..].find("</table>").expect("its end")];
    for expected in [
        "<th>norrkoping</th><th>linkoping</th>",
        "<tr><th>@local-on-call</th><td>norrkoping-socialjour</td><td>linkoping-sociala-jouren</td></tr>",
        "<tr><th>@local-violence-support</th><td>norrkoping-frideborg</td><td>socialtjansten (fallback: the area does not bind it)</td></tr>",
    ] {
        assert!(table.contains(expected), "{expected} is not in {table}");
    }
    assert!(html.contains("area: norrkoping, linkoping"));
}

/// The reviewer's sheet, out and back: `signpost review export` writes one language
/// beside the Swedish source; a reviewer changes one translation and marks two messages
/// reviewed with a role; `signpost review import` changes only that message's lines and
/// records both reviews; `check` counts them; an edit of the Swedish source makes the
/// review of that message stale. A language with no review file counts as
/// machine-drafted.
#[test]
fn a_review_sheet_goes_out_and_comes_back() {
    use crate::support::files::{copy_dir, fixtures};
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_dir(&fixtures().join("base"), dir.path());
    let signpost = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_signpost"))
            .args(args)
            .current_dir(dir.path())
            .env_remove("SIGNPOST_FLOWS")
            .env_remove("SIGNPOST_LOCALES")
            .output()
            .expect("the signpost binary runs")
    };
    let table = || {
        let out = signpost(&["check", "--today", "2026-12-07"]);
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        let start = text.find("language").expect("the table");
        text[start..].to_string()
    };
    let en_before = std::fs::read_to_string(dir.path().join("locales/en/main.ftl")).unwrap();

    let out = signpost(&["review", "export", "--lang", "en", "--out", "sheet.tsv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sheet = std::fs::read_to_string(dir.path().join("sheet.tsv")).unwrap();
    let mut lines = sheet.lines();
    assert_eq!(
        lines.next(),
        Some("id\tsource\ttranslation\tstatus\treviewed_by\tnotes")
    );
    assert!(
        sheet.contains(
            "main-hello\tHej! Vad behöver du?\tHello! What do you need?\tmachine-drafted\t\t\n"
        ),
        "{sheet}"
    );
    // A multi-line message is one row, its line breaks written as \n.
    assert!(
        sheet.contains("buyer-count\t{ $units ->\\n    [one] En mottagning\\n   *[other] { $units } mottagningar\\n}\t"),
        "{sheet}"
    );

    // The reviewer's changes, as a spreadsheet would save them.
    let filled: String = sheet
        .lines()
        .map(|line| {
            if line.starts_with("main-hello\t") {
                "main-hello\tHej! Vad behöver du?\tHello! What would help you?\treviewed\tnative speaker (English)\tclearer".to_string()
            } else if line.starts_with("buyer-treatment\t") {
                let cells: Vec<&str> = line.split('\t').collect();
                format!("{}\t{}\t{}\treviewed\tnative speaker (English)\t", cells[0], cells[1], cells[2])
            } else {
                line.to_string()
            }
        })
        .map(|line| line + "\n")
        .collect();
    std::fs::write(dir.path().join("sheet.tsv"), filled).unwrap();
    let out = signpost(&[
        "review",
        "import",
        "--lang",
        "en",
        "--today",
        "2026-12-07",
        "sheet.tsv",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "1 message(s) changed, 2 recorded as reviewed; run signpost check\n"
    );

    // Only the changed message's line differs.
    let en_after = std::fs::read_to_string(dir.path().join("locales/en/main.ftl")).unwrap();
    assert_eq!(
        en_after,
        en_before.replace(
            "main-hello = Hello! What do you need?",
            "main-hello = Hello! What would help you?"
        )
    );
    let records = std::fs::read_to_string(dir.path().join("locales/en/review.toml")).unwrap();
    assert!(
        records.contains(
            "[messages.main-hello]\nby = \"native speaker (English)\"\non = 2026-12-07\nsource = \""
        ),
        "{records}"
    );
    assert!(records.contains("[messages.buyer-treatment]"), "{records}");

    // check counts them; sv has no review file: all its texts are machine-drafted.
    let counted = table();
    assert!(
        counted.contains("en           48/48      100%  2 reviewed, 0 stale, 46 machine-drafted"),
        "{counted}"
    );
    assert!(
        counted.contains("sv           48/48      100%  0 reviewed, 0 stale, 48 machine-drafted"),
        "{counted}"
    );

    // The Swedish source of one reviewed message changes: that review is stale.
    crate::support::files::replace_in(
        &dir.path().join("locales/sv/main.ftl"),
        "buyer-treatment = Behandling är frivillig och kan vara anonym.",
        "buyer-treatment = Behandling är frivillig. Du kan vara anonym.",
    );
    let counted = table();
    assert!(
        counted.contains("1 reviewed, 1 stale, 46 machine-drafted"),
        "{counted}"
    );
    // The sheet says which.
    let out = signpost(&["review", "export", "--lang", "en", "--out", "again.tsv"]);
    assert!(out.status.success());
    let again = std::fs::read_to_string(dir.path().join("again.tsv")).unwrap();
    assert!(
        again.contains("\tstale\tnative speaker (English)\t\n"),
        "{again}"
    );
    // The report shows the same counts.
    let out = signpost(&["report", "--today", "2026-12-07", "--out", "report.html"]);
    assert!(out.status.success());
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(
        html.contains("<td>1</td><td>1</td><td>46</td>"),
        "the report's review table lacks en's counts"
    );
}

//! `signpost graph`: pictures of the flows, with what `check` found marked on them.
//! The fixture set (`tests/fixtures/staff/set`) has an unreachable step, a dead end, a
//! message missing in one language and a flow nothing leads to.

use std::path::Path;
use std::process::Command;

use signpost::load::{Document, LoadOptions, Report};
use signpost::staff::graph::{self, EdgeKind, FlowGraph, Mark, NodeKind};

const FLOWS: &str = "tests/fixtures/staff/set/flows";
const LOCALES: &str = "tests/fixtures/staff/set/locales";

fn fixture() -> (Document, Report) {
    let options = LoadOptions {
        today: jiff::civil::date(2026, 6, 1),
    };
    let document = Document::read(Path::new(FLOWS), Path::new(LOCALES));
    let (set, report) = signpost::load::analyse(&document, &options);
    assert!(set.is_none(), "the fixture is meant to have errors");
    (document, report)
}

fn flow<'g>(graphs: &'g [FlowGraph], id: &str) -> &'g FlowGraph {
    graphs
        .iter()
        .find(|g| g.id == id)
        .unwrap_or_else(|| panic!("no graph for flow {id}"))
}

fn mark_of(graph: &FlowGraph, label: &str) -> Option<Mark> {
    graph
        .nodes
        .iter()
        .find(|n| n.label == label)
        .unwrap_or_else(|| panic!("no node {label}"))
        .mark()
}

/// The marks come from `check`'s findings: their kind (unreachable, dead end), else
/// their severity, on the step that owns them.
#[test]
fn check_findings_mark_the_steps_they_are_about() {
    let (content, report) = fixture();
    let graphs = graph::graphs(&content, &report);
    let start = flow(&graphs, "start");
    assert_eq!(mark_of(start, "hello"), None);
    assert_eq!(mark_of(start, "help"), None);
    assert_eq!(mark_of(start, "stuck"), Some(Mark::DeadEnd));
    assert_eq!(mark_of(start, "lost"), Some(Mark::Unreachable));
    // "bye" says a message that Arabic lacks.
    assert_eq!(mark_of(start, "bye"), Some(Mark::Error));
    assert_eq!(flow(&graphs, "orphan").mark(), Some(Mark::Unreachable));
    assert_eq!(flow(&graphs, "other").mark(), None);
}

#[test]
fn buttons_typed_answers_next_and_signposts_are_told_apart() {
    let (content, report) = fixture();
    let graphs = graph::graphs(&content, &report);
    let start = flow(&graphs, "start");
    let edges: Vec<(String, String, EdgeKind, String)> = start
        .edges
        .iter()
        .map(|e| {
            (
                start.nodes[e.from].label.clone(),
                start.nodes[e.to].label.clone(),
                e.kind,
                e.label.clone(),
            )
        })
        .collect();
    let expected = [
        (
            "hello",
            "help",
            EdgeKind::Choice,
            "Jag behöver <hjälp> & stöd",
        ),
        ("hello", "stuck", EdgeKind::Choice, "Fastna"),
        ("hello", "flow other", EdgeKind::Choice, "Något annat"),
        ("hello", "help", EdgeKind::Route, "typed: sv, ar"),
        ("help", "bye", EdgeKind::Next, ""),
        ("help", "112 & SOS", EdgeKind::Signpost, ""),
        ("help", "Gamla linjen", EdgeKind::Signpost, ""),
    ];
    let expected: Vec<(String, String, EdgeKind, String)> = expected
        .iter()
        .map(|(a, b, k, l)| (a.to_string(), b.to_string(), *k, l.to_string()))
        .collect();
    assert_eq!(edges, expected);
    let kinds: Vec<&NodeKind> = start.nodes.iter().map(|n| &n.kind).collect();
    assert!(kinds.contains(&&NodeKind::Flow));
    assert!(kinds.contains(&&NodeKind::Service { known: true }));
}

#[test]
fn mermaid_text_is_pinned() {
    let (content, report) = fixture();
    let graphs = graph::graphs(&content, &report);
    let text = graph::mermaid(flow(&graphs, "start"));
    let expected = r##"%% flow "start" (tests/fixtures/staff/set/flows/start.toml), drawn by signpost graph
%% tests/fixtures/staff/set/flows/start.toml:23:8: error: message "bye-text" is missing in ar
%% tests/fixtures/staff/set/flows/start.toml:26:8: error: step "stuck" is a dead end; give it choices, routes, next or end = true
%% tests/fixtures/staff/set/flows/start.toml:29:8: error: step "lost" cannot be reached from the start of any flow
flowchart TD
  n0["start: hello"]
  n1["help"]
  n2["bye (end) (error)"]
  n3["stuck (dead end)"]
  n4["lost (end) (unreachable)"]
  n5(["flow other"])
  n6{{"112 & SOS"}}
  n7{{"Gamla linjen"}}
  n0 -->|"Jag behöver #lt;hjälp#gt; & stöd"| n1
  n0 -->|"Fastna"| n3
  n0 -->|"Något annat"| n5
  n0 -.->|"typed: sv, ar"| n1
  n1 -.-> n2
  n1 --> n6
  n1 --> n7
  linkStyle 3 stroke-dasharray:8 5
  linkStyle 4 stroke-dasharray:1 5,stroke-width:2.5px
  linkStyle 5,6 stroke:#137333
  classDef unreachable fill:#fce8e6,stroke:#c5221f,stroke-width:2.5px,stroke-dasharray:6 4
  class n4 unreachable
  classDef deadend fill:#fce8e6,stroke:#c5221f,stroke-width:3px
  class n3 deadend
  classDef error stroke:#c5221f,stroke-width:2.5px
  class n2 error
  classDef service fill:#e6f4ea,stroke:#137333
  class n6,n7 service
"##;
    assert_eq!(text, expected);
}

#[test]
fn svg_shows_labels_escaped_marks_and_findings() {
    let (content, report) = fixture();
    let graphs = graph::graphs(&content, &report);
    let svg = graph::svg(flow(&graphs, "start"), "t");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.ends_with("</svg>\n"));
    assert!(svg.contains("Jag behöver &lt;hjälp&gt; &amp; stöd"));
    assert!(!svg.contains("<hjälp>"));
    for caption in [">dead end<", ">unreachable<", ">error<", ">start<"] {
        assert!(svg.contains(caption), "no {caption} in the picture");
    }
    assert!(svg.contains("step &quot;stuck&quot; is a dead end"));
    // Marker ids carry the prefix, so pictures can share a page.
    assert!(svg.contains(r#"id="t-ink""#) && svg.contains("url(#t-ink)"));
}

#[test]
fn the_command_writes_one_file_per_flow_and_prints_one_flow() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let bin = env!("CARGO_BIN_EXE_signpost");
    let status = Command::new(bin)
        .args([
            "graph",
            "--flows",
            FLOWS,
            "--locales",
            LOCALES,
            "--today",
            "2026-06-01",
        ])
        .arg("--out")
        .arg(dir.path())
        .status()
        .expect("signpost runs");
    assert!(status.success());
    for name in ["start.svg", "other.svg", "orphan.svg"] {
        let text = std::fs::read_to_string(dir.path().join(name)).expect(name);
        assert!(text.starts_with("<svg"));
    }

    let output = Command::new(bin)
        .args([
            "graph",
            "--flows",
            FLOWS,
            "--locales",
            LOCALES,
            "--today",
            "2026-06-01",
        ])
        .args(["--flow", "other", "--format", "mermaid", "--out", "-"])
        .output()
        .expect("signpost runs");
    assert!(output.status.success());
    let (content, report) = fixture();
    let graphs = graph::graphs(&content, &report);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        graph::mermaid(flow(&graphs, "other"))
    );

    let output = Command::new(bin)
        .args([
            "graph",
            "--flows",
            FLOWS,
            "--locales",
            LOCALES,
            "--today",
            "2026-06-01",
        ])
        .args(["--flow", "nope"])
        .output()
        .expect("signpost runs");
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("no flow \"nope\"; the flows are: orphan, other, start")
    );
}

/// A role in a step's signposts is drawn as the service the chosen area binds it to,
/// with the role's name, and texts that name services through the directory's terms
/// read as they do in the bot.
#[test]
fn a_role_is_drawn_as_the_service_the_area_binds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (flows, locales) = (root.join("flows"), root.join("locales"));
    let document = Document::read(&flows, &locales);
    let report = signpost::load::check(&document, &LoadOptions::now());
    let content = document.content();
    assert_eq!(content.settings.area.as_deref(), Some("norrkoping"));
    let bound = content.service("@local-on-call").expect("a bound role");
    assert_eq!(bound.id, "norrkoping-socialjour");
    assert_eq!(bound.file, flows.join("areas/norrkoping.toml"));
    let graphs = graph::graphs(&document, &report);
    let buyer = flow(&graphs, "buyer");
    let labels: Vec<&str> = buyer
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Service { known: true }))
        .map(|n| n.label.as_str())
        .collect();
    assert!(
        labels.contains(&"Socialjouren Norrköping (@local-on-call)"),
        "{labels:?}"
    );
    let meanwhile = signpost::model::Text::plain("svc-norrkoping-kontaktcenter-meanwhile");
    assert_eq!(
        content.format("en", &meanwhile).as_deref(),
        Some("While it is closed, call Socialjouren Norrköping. If it is urgent, call 112.")
    );
}

/// With several areas a role is drawn with the service it stands for in each area and
/// the fallback shown elsewhere in Sweden (or when the person would rather not say).
#[test]
fn a_role_is_drawn_with_its_service_in_each_area() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (flows, locales) = (root.join("flows"), root.join("locales"));
    let shipped = Document::read(&flows, &locales);
    let bot = flows.join("bot.toml");
    let text = std::fs::read_to_string(&bot).expect("the shipped bot.toml");
    let county = text.replace(
        "area = \"norrkoping\"",
        "areas = [\"norrkoping\", \"linkoping\"]",
    );
    let document = shipped.with_file(&bot, county);
    let report = signpost::load::check(&document, &LoadOptions::now());
    let graphs = graph::graphs(&document, &report);
    let labels: Vec<&str> = flow(&graphs, "buyer")
        .nodes
        .iter()
        .map(|n| n.label.as_str())
        .collect();
    let expected = "@local-on-call (norrkoping: Socialjouren Norrköping; linkoping: Sociala \
                    jouren Linköping; elsewhere: Socialtjänsten / Socialjouren)";
    assert!(labels.contains(&expected), "{labels:?}");
}

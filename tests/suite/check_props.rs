//! Property tests of the loader: whatever is done to a valid set of files, `load` never
//! panics, every problem it reports is worded the house way, and it builds a flow set
//! exactly when it reports no error.

use proptest::prelude::*;
use signpost::load::{Document, LoadOptions, Severity, analyse};

use crate::support::files::fixture;

const FILES: [&str; 8] = [
    "flows/bot.toml",
    "flows/services.toml",
    "flows/main.toml",
    "flows/buyer.toml",
    "locales/sv/main.ftl",
    "locales/sv/bot.ftl",
    "locales/en/main.ftl",
    "locales/en/bot.ftl",
];

/// Snippets that tend to break things in interesting ways.
const SNIPPETS: [&str; 16] = [
    "\"",
    "[",
    "]",
    "{",
    "}",
    "=",
    "\n",
    "[steps.x]\n",
    "goto = \"nowhere\"",
    "$",
    "-",
    "ö",
    "\u{202E}",
    "*[other] x\n",
    "end = true\n",
    "\\",
];

/// One edit: in file `file`, at a fraction of its length, delete `delete` characters and
/// insert a snippet (or a random character).
#[derive(Debug, Clone)]
struct Edit {
    file: usize,
    at: f64,
    delete: usize,
    insert: String,
}

fn edit() -> impl Strategy<Value = Edit> {
    let insert = prop_oneof![
        (0..SNIPPETS.len()).prop_map(|i| SNIPPETS[i].to_string()),
        any::<char>().prop_map(|c| c.to_string()),
        Just(String::new()),
    ];
    (0..FILES.len(), 0.0..1.0f64, 0usize..12, insert).prop_map(|(file, at, delete, insert)| Edit {
        file,
        at,
        delete,
        insert,
    })
}

/// The document with one edit made to one of its files.
fn apply(document: &Document, edit: &Edit) -> Document {
    let path = fixture("base").join(FILES[edit.file]);
    let text = document
        .texts()
        .into_iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| text)
        .unwrap_or_default();
    let chars: Vec<char> = text.chars().collect();
    let at = ((chars.len() as f64) * edit.at) as usize;
    let end = (at + edit.delete).min(chars.len());
    let mut out: String = chars[..at].iter().collect();
    out.push_str(&edit.insert);
    out.extend(&chars[end..]);
    document.with_file(&path, out)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn edits_never_panic_and_are_reported_plainly(edits in prop::collection::vec(edit(), 1..4)) {
        let mut document = Document::read(&fixture("base").join("flows"), &fixture("base").join("locales"));
        for e in &edits {
            document = apply(&document, e);
        }
        let options = LoadOptions { today: jiff::civil::date(2026, 3, 1) };
        let (set, report) = analyse(&document, &options);
        let errors = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        prop_assert_eq!(set.is_some(), errors == 0, "{}", report);
        for d in &report.diagnostics {
            let first = d.message.chars().next();
            prop_assert!(first.is_some_and(|c| !c.is_uppercase()), "{}", d);
            prop_assert!(!d.message.ends_with('.'), "{}", d);
            prop_assert!(d.line > 0 || d.col == 0, "{}", d);
        }
    }
}

//! Property tests of the loader: whatever is done to a valid set of files, `load` never
//! panics, every problem it reports is worded the house way, and it builds a flow set
//! exactly when it reports no error.

use std::path::Path;

use proptest::prelude::*;
use signpost::load::{LoadOptions, Severity, load_with};

use crate::support::files::{copy_dir, fixture};

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

fn apply(dir: &Path, edit: &Edit) {
    let path = dir.join(FILES[edit.file]);
    let text = std::fs::read_to_string(&path).expect("read a copied file");
    let chars: Vec<char> = text.chars().collect();
    let at = ((chars.len() as f64) * edit.at) as usize;
    let end = (at + edit.delete).min(chars.len());
    let mut out: String = chars[..at].iter().collect();
    out.push_str(&edit.insert);
    out.extend(&chars[end..]);
    std::fs::write(&path, out).expect("write an edited file");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn edits_never_panic_and_are_reported_plainly(edits in prop::collection::vec(edit(), 1..4)) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        copy_dir(&fixture("base"), dir.path());
        for e in &edits {
            apply(dir.path(), e);
        }
        let options = LoadOptions { today: jiff::civil::date(2026, 3, 1) };
        let (set, report) = load_with(&dir.path().join("flows"), &dir.path().join("locales"), &options);
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

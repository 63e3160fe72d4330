//! A TOML text parsed once into a spanned tree that borrows the text: the one call of
//! the TOML parser, with its first error reworded for staff.

use toml::Spanned;
use toml::de::DeTable;

use super::toml_words::reword;

/// What the parser made of one text: the tree (all of it, or what it recovered of a
/// broken text), and its first error (byte offset and words for staff), if any.
#[derive(Debug)]
pub struct Parsed<'t> {
    pub table: Spanned<DeTable<'t>>,
    pub error: Option<(usize, String)>,
}

self_cell::self_cell!(
    /// A TOML file's text with its tree, which borrows the text (its strings are mostly
    /// slices of it, so a copy of a part costs little): parsed once, then read as often
    /// as needed.
    pub struct Tree {
        owner: String,
        #[covariant]
        dependent: Parsed,
    }
    impl {Debug}
);

impl Tree {
    /// Parses a text: the one call of the TOML parser.
    pub fn parse(text: &str) -> Tree {
        #[cfg(test)]
        PARSES.with(|n| n.set(n.get() + 1));
        Tree::new(text.to_string(), |text| parse_spanned(text))
    }

    /// The tree and the first error.
    pub fn parsed(&self) -> &Parsed<'_> {
        self.borrow_dependent()
    }
}

#[cfg(test)]
thread_local! {
    /// How many texts this thread parsed as TOML: a test counts the parses of a load.
    pub static PARSES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// What the parser made of a text, with its first error reworded for staff.
fn parse_spanned(text: &str) -> Parsed<'_> {
    let (table, errors) = DeTable::parse_recoverable(text);
    let error = errors.first().map(|error| {
        let span = error.span().unwrap_or(0..0);
        let message = if error.message().starts_with("duplicate key") {
            // The parser does not say which key; its position does.
            let key = text.get(span.clone()).unwrap_or("").trim_matches('"');
            format!("\"{key}\" is written twice; each name may appear only once here")
        } else {
            reword(error.message())
        };
        (span.start, message)
    });
    Parsed { table, error }
}

//! A source file as read from disk, and byte offsets turned into line and column, so
//! every diagnostic can point at the exact place staff have to edit. A TOML file also
//! keeps its parsed tree, so it is parsed once however many readers look at it.

use std::path::PathBuf;
use std::sync::OnceLock;

use super::diag::Diagnostic;
use super::tree::Tree;

/// One file's text, with the path as staff gave it (`flows/buyer.toml`).
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    /// Byte offset at which each line starts; the first is 0.
    line_starts: Vec<usize>,
    /// The text parsed as TOML, when first asked for (only TOML files are).
    toml: OnceLock<Tree>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            line_starts,
            toml: OnceLock::new(),
        }
    }

    /// The text parsed as TOML, with its first syntax error: parsed on the first call,
    /// then kept, so the typed readers and the document's view share one tree.
    pub fn toml(&self) -> &Tree {
        self.toml.get_or_init(|| Tree::parse(&self.text))
    }

    /// 1-based line and column of a byte offset. Columns count characters, not bytes,
    /// so that they match what an editor shows for Swedish or Arabic text. An offset past
    /// the end points just after the last character.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line.saturating_sub(1)];
        let col = match self.text.get(start..offset) {
            Some(before) => before.chars().count(),
            // An offset inside a character points at that character.
            None => self.text[start..]
                .char_indices()
                .take_while(|(i, c)| start + i + c.len_utf8() <= offset)
                .count(),
        };
        (line, col + 1)
    }

    pub fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.line_col(offset);
        Diagnostic::error(&self.path, line, col, message).at_offset(offset)
    }

    pub fn warning(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.line_col(offset);
        Diagnostic::warning(&self.path, line, col, message).at_offset(offset)
    }

    /// The byte offset of a slice of this file's text (such as an identifier in a Fluent
    /// syntax tree parsed from it), or `None` if the slice comes from elsewhere.
    pub fn offset_of(&self, inner: &str) -> Option<usize> {
        let start = self.text.as_ptr() as usize;
        let at = inner.as_ptr() as usize;
        (at >= start && at + inner.len() <= start + self.text.len()).then(|| at - start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("f.toml", text.to_string())
    }

    #[test]
    fn first_byte_is_line_one_column_one() {
        assert_eq!(file("abc\ndef").line_col(0), (1, 1));
    }

    #[test]
    fn counts_lines_after_newlines() {
        let f = file("abc\ndef\n\nxyz");
        assert_eq!(f.line_col(2), (1, 3));
        assert_eq!(f.line_col(3), (1, 4));
        assert_eq!(f.line_col(4), (2, 1));
        assert_eq!(f.line_col(8), (3, 1));
        assert_eq!(f.line_col(11), (4, 3));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let f = file("nödläge = 1\nمرحبا x");
        assert_eq!(f.line_col(f.text.find('=').unwrap()), (1, 9));
        assert_eq!(f.line_col(f.text.find('x').unwrap()), (2, 7));
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let f = file("ö=1");
        assert_eq!(f.line_col(1), (1, 1));
        assert_eq!(f.line_col(99), (1, 4));
    }

    #[test]
    fn finds_offsets_of_slices_of_its_own_text() {
        let f = file("a = b");
        let b = &f.text[4..5];
        assert_eq!(f.offset_of(b), Some(4));
        assert_eq!(f.offset_of("b"), None);
    }
}

//! A message of a `.ftl` file replaced by its lines: the rest of the file (comments,
//! other messages, blank lines) is kept byte for byte.

/// A message's value as staff edit it: the text after `id =`, continuation lines
/// without their indentation. `None` when the entry has attributes (`.name = ...`),
/// which this editor does not take apart.
pub(crate) fn value_of(entry: &str) -> Option<String> {
    let mut lines = entry.lines();
    let first = lines.next()?;
    let (_, rest) = first.split_once('=')?;
    let mut out: Vec<String> = Vec::new();
    let rest = rest.trim();
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    let more: Vec<&str> = lines.collect();
    if more.iter().any(|l| l.trim_start().starts_with('.')) {
        return None;
    }
    let indent = more
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    for line in more {
        out.push(line.get(indent..).unwrap_or("").trim_end().to_string());
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    Some(out.join("\n"))
}

/// The entry `id = value` as written in a file: one line, or the value indented under
/// the id when it has several lines.
pub(crate) fn entry(id: &str, value: &str) -> String {
    let value = value.replace("\r\n", "\n");
    let value = value.trim_end();
    if !value.contains('\n') {
        return format!("{id} = {}\n", value.trim_start());
    }
    let mut out = format!("{id} =\n");
    for line in value.lines() {
        if line.trim().is_empty() {
            out.push('\n');
        } else {
            out.push_str("    ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// `text` with lines `first..=last` (1-based) replaced by the entry `id = value`.
pub(crate) fn replace(
    text: &str,
    first: usize,
    last: usize,
    id: &str,
    value: &str,
) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    if first == 0 || last < first || last > lines.len() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + value.len());
    for line in &lines[..first - 1] {
        out.push_str(line);
    }
    out.push_str(&entry(id, value));
    for line in &lines[last..] {
        out.push_str(line);
    }
    Some(out)
}

/// `text` with the entry added at its end, after a blank line.
pub(crate) fn append(text: &str, id: &str, value: &str) -> String {
    let mut out = text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str(&entry(id, value));
    out
}

/// The `$variables` a value names, in order, each once.
pub(crate) fn variables(value: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = value;
    while let Some(at) = rest.find('$') {
        rest = &rest[at + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_round_trips() {
        let entry_text = "hello =\n    Hej { $name }!\n\n    Ring { $phone }.\n";
        let value = value_of(entry_text).unwrap();
        assert_eq!(value, "Hej { $name }!\n\nRing { $phone }.");
        assert_eq!(entry("hello", &value), entry_text);
        assert_eq!(value_of("a = one line\n").unwrap(), "one line");
        assert_eq!(value_of("a = x\n    .title = y\n"), None);
    }

    #[test]
    fn only_the_message_lines_change() {
        let text = "# comment\na = old\n\n# about b\nb =\n    two\n    lines\nc = keep\n";
        let new = replace(text, 5, 7, "b", "new").unwrap();
        assert_eq!(new, "# comment\na = old\n\n# about b\nb = new\nc = keep\n");
        assert_eq!(append("a = 1\n", "b", "2"), "a = 1\n\nb = 2\n");
    }

    #[test]
    fn variables_are_found() {
        assert_eq!(variables("{ $a } and {$b-c} and { $a }"), vec!["a", "b-c"]);
    }
}

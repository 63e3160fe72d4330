//! The `toml` crate's and serde's messages in words staff can act on.

use super::suggest;

/// Rewords the parser's and serde's messages into words staff can act on: quotes
/// instead of backticks, "list" and "table" instead of "sequence" and "map", and a
/// "did you mean" for misspelt keys and values.
pub(super) fn reword(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return unknown("key", rest);
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return unknown("value", rest);
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("missing key {}", quote_ticks(rest));
    }
    let mismatch = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.split_once(", expected "));
    if let Some((found, expected)) = mismatch {
        return format!(
            "expected {}, found {}",
            expected_words(expected),
            found_words(found)
        );
    }
    let message = quote_ticks(message);
    let mut chars = message.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => message,
    }
}

/// `unknown key "nxt"; did you mean "next"?` from serde's "`nxt`, expected one of ...".
fn unknown(what: &str, rest: &str) -> String {
    let names: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let Some((word, expected)) = names.split_first() else {
        return format!("unknown {what} {}", quote_ticks(rest));
    };
    let hint = suggest::hint(word, expected.iter().copied());
    if !hint.is_empty() || expected.is_empty() {
        format!("unknown {what} \"{word}\"{hint}")
    } else {
        format!(
            "unknown {what} \"{word}\"; use {}",
            suggest::one_of(expected)
        )
    }
}

fn quote_ticks(s: &str) -> String {
    s.replace('`', "\"")
}

/// serde's name for what it expected, in plain words.
fn expected_words(expected: &str) -> String {
    let e = expected.trim();
    let words = match e {
        "a string" | "a borrowed string" | "string" => "text in quotes",
        "a sequence" | "sequence" => "a list [ ... ]",
        "a map" | "map" => "a table",
        "a boolean" | "bool" => "true or false",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => "a whole number",
        "f64" | "f32" => "a number",
        "a TOML datetime" | "a datetime" => "a date such as 2026-01-31, without quotes",
        _ if e.starts_with("struct ") => "a table",
        _ => return quote_ticks(e),
    };
    words.to_string()
}

/// serde's description of what it found, in plain words.
fn found_words(found: &str) -> String {
    let f = found.trim();
    if let Some(s) = f.strip_prefix("string ") {
        return format!("the text {s}");
    }
    if let Some(n) = f
        .strip_prefix("integer ")
        .or_else(|| f.strip_prefix("floating point "))
    {
        return format!("the number {}", n.trim_matches('`'));
    }
    if let Some(b) = f.strip_prefix("boolean ") {
        return b.trim_matches('`').to_string();
    }
    match f {
        "sequence" => "a list".to_string(),
        "map" => "a table".to_string(),
        _ => quote_ticks(f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewords_unknown_keys_with_a_hint() {
        assert_eq!(
            reword("unknown field `nxt`, expected one of `say`, `next`, `end`"),
            "unknown key \"nxt\"; did you mean \"next\"?"
        );
        assert_eq!(
            reword("unknown field `zzz`, expected `say` or `end`"),
            "unknown key \"zzz\"; use \"say\" or \"end\""
        );
    }

    #[test]
    fn rewords_unknown_values() {
        assert_eq!(
            reword("unknown variant `phne`, expected `phone` or `web`"),
            "unknown value \"phne\"; did you mean \"phone\"?"
        );
    }

    #[test]
    fn rewords_type_mismatches() {
        assert_eq!(
            reword("invalid type: string \"x\", expected a sequence"),
            "expected a list [ ... ], found the text \"x\""
        );
        assert_eq!(
            reword("invalid type: integer `1`, expected a string"),
            "expected text in quotes, found the number 1"
        );
        assert_eq!(
            reword("invalid value: integer `-1`, expected u32"),
            "expected a whole number, found the number -1"
        );
    }

    #[test]
    fn rewords_parser_messages() {
        assert_eq!(
            reword("missing comma between array elements, expected `,`"),
            "missing comma between array elements, expected \",\""
        );
        assert_eq!(reword("missing field `start`"), "missing key \"start\"");
    }
}

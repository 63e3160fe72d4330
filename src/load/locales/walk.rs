//! Walks a parsed Fluent entry for the messages and terms it refers to, and describes
//! an entry the parser could not read.

use fluent_syntax::ast;
use fluent_syntax::parser::ErrorKind;

use crate::load::span::SourceFile;

use super::*;

/// The id at the start of an entry the parser could not read, if it has one.
pub(super) fn junk_id(content: &str) -> Option<&str> {
    let line = content
        .lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#'))?;
    let end = line
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
        .map_or(line.len(), |(i, _)| i);
    let (id, rest) = line.split_at(end);
    let id = id.strip_prefix('-').unwrap_or(id);
    (!id.is_empty() && rest.trim_start().starts_with('=')).then_some(id)
}

pub(super) fn walk_pattern<'a>(
    file: &SourceFile,
    pattern: &ast::Pattern<&'a str>,
    def: &mut MessageDef<'a>,
) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::Placeable { expression } => {
                // A placeable stands for a word (a name, a number) in the sentence.
                def.words.push_str(" \u{2026} ");
                walk_expression(file, expression, def);
            }
            ast::PatternElement::TextElement { value } => def.words.push_str(value),
        }
    }
}

pub(super) fn walk_expression<'a>(
    file: &SourceFile,
    e: &ast::Expression<&'a str>,
    def: &mut MessageDef<'a>,
) {
    match e {
        ast::Expression::Inline(inline) => walk_inline(file, inline, def),
        ast::Expression::Select { selector, variants } => {
            walk_inline(file, selector, def);
            for variant in variants {
                walk_pattern(file, &variant.value, def);
            }
        }
    }
}

pub(super) fn walk_inline<'a>(
    file: &SourceFile,
    e: &ast::InlineExpression<&'a str>,
    def: &mut MessageDef<'a>,
) {
    use ast::InlineExpression as I;
    let fallback = def.at;
    let at = |s: &str| file.offset_of(s).unwrap_or(fallback);
    match e {
        I::VariableReference { id } => {
            // The `$` comes just before the name.
            def.variables.push((id.name, at(id.name).saturating_sub(1)));
        }
        I::MessageReference { id, .. } => def.references.push(Reference {
            id: id.name,
            at: at(id.name),
            term: false,
        }),
        I::TermReference { id, arguments, .. } => {
            def.references.push(Reference {
                id: id.name,
                at: at(id.name).saturating_sub(1),
                term: true,
            });
            // Arguments of a term are the message's values; the term's own body runs
            // with only these and cannot see the message's variables.
            if let Some(arguments) = arguments {
                walk_arguments(file, arguments, def);
            }
        }
        I::FunctionReference { arguments, .. } => walk_arguments(file, arguments, def),
        I::Placeable { expression } => walk_expression(file, expression, def),
        I::StringLiteral { .. } | I::NumberLiteral { .. } => {}
    }
}

pub(super) fn walk_arguments<'a>(
    file: &SourceFile,
    args: &ast::CallArguments<&'a str>,
    def: &mut MessageDef<'a>,
) {
    for a in &args.positional {
        walk_inline(file, a, def);
    }
    for a in &args.named {
        walk_inline(file, &a.value, def);
    }
}

/// A Fluent syntax error in plain words.
pub(super) fn describe(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::ExpectedToken(c) => format!("expected \"{c}\" here"),
        ErrorKind::ExpectedCharRange { range } => format!("expected one of \"{range}\" here"),
        ErrorKind::ExpectedMessageField { entry_id } => {
            format!("message \"{entry_id}\" has no text after \"=\"")
        }
        ErrorKind::ExpectedTermField { entry_id } => {
            format!("term \"-{entry_id}\" has no text after \"=\"")
        }
        ErrorKind::MissingDefaultVariant => {
            "a choice between variants needs one default marked with *".to_string()
        }
        ErrorKind::MultipleDefaultVariants => {
            "a choice between variants may have only one default marked with *".to_string()
        }
        ErrorKind::MissingValue => "expected a text here".to_string(),
        ErrorKind::UnterminatedStringLiteral => "a quoted text is not closed with \"".to_string(),
        ErrorKind::UnbalancedClosingBrace => "\"}\" without a \"{\" before it".to_string(),
        ErrorKind::ExpectedInlineExpression => "expected a value inside { }".to_string(),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}

//! The understanding model built from a loaded flow set: every example the flows, the
//! locales and `bot.toml` give (a route's examples and words, each choice's label in
//! every language, the questions', the age's and the intents' examples), handed to
//! [`Model::build`]. It lives here, where the set is loaded, so that the matcher
//! (`understand`) knows its examples and labels and nothing of flows.

use crate::model::{FlowSet, Matcher, StepIdx, Target};
use crate::understand::{Example, Label, Lang, Model};

/// The model of `set`.
pub(super) fn model(set: &FlowSet) -> Model {
    Model::build(examples_of(set))
}

/// Every example of `set`: the routes' examples and words (in the route's language),
/// each choice's label in every language, the questions' and intents' examples.
pub(super) fn examples_of(set: &FlowSet) -> Vec<Example> {
    let mut out = Vec::new();
    let mut push = |label: Label, lang: &str, text: &str, words: bool| {
        if let Some(lang) = Lang::from_code(lang) {
            out.push(Example {
                label,
                lang,
                text: text.to_string(),
                words,
            });
        }
    };
    for (flow, f) in set.indexed_flows() {
        for (s, step) in f.steps.iter().enumerate() {
            let at = Target {
                flow,
                step: StepIdx::new(s),
            };
            for (index, route) in step.routes.iter().enumerate() {
                let Some(lang) = &route.lang else { continue };
                let label = Label::Route { at, index };
                for example in &route.examples {
                    push(label, lang, example, false);
                }
                // A route's words teach too: a message may be little more than one.
                if let Matcher::Words(phrases) = &route.matcher {
                    for phrase in &phrases.list {
                        let words: Vec<&str> =
                            phrase.parts.iter().map(|p| p.word.as_str()).collect();
                        push(label, lang, &words.join(" "), true);
                    }
                }
            }
            for (index, choice) in step.choices.iter().enumerate() {
                for code in &set.settings.languages {
                    if let Some(language) = set.locales.get(code) {
                        push(
                            Label::Choice { at, index },
                            code,
                            &language.format(&choice.label),
                            false,
                        );
                    }
                }
            }
        }
    }
    for (i, q) in set.settings.questions.iter().enumerate() {
        for (lang, text) in &q.examples {
            push(Label::Question(i), lang, text, false);
        }
    }
    if let Some(age) = &set.settings.age {
        for (lang, text) in &age.examples {
            push(Label::Age, lang, text, false);
        }
    }
    for rule in &set.settings.intents {
        for (lang, text) in &rule.examples {
            push(Label::Intent(rule.intent), lang, text, false);
        }
    }
    out
}

//! Understanding a typed message from examples: whole sentences as people write them,
//! given per language to a step's routes, to the global questions and intents, and
//! (through their labels) to a step's choices. At load the examples become one small
//! index ([`Model`]); a message is scored against the examples that apply where the
//! person is, and the nearest example decides, with a score that says how sure it is.
//!
//! Why this shape: keyword lists need a new word for every new sentence, and words
//! collide. A nearest-example score over word stems and character n-grams (TF-IDF
//! weights, cosine similarity) generalises to inflections, missing diacritics and typos
//! without a trained model's weight, stays pure and fast, and can say why: "matched the
//! example '…' with 0.72; runner-up '…' 0.41" (`signpost understand`).

pub mod corpus;
pub mod decide;
pub mod detect;
pub mod explain;
pub mod text;

use std::collections::HashMap;

use crate::model::{Intent, Target};
pub use text::Lang;
use text::{Scripts, Stemmers, tokens};

/// What an example teaches: where a message like it should go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// Route `index` of the step at `at` (only on that step).
    Route { at: Target, index: usize },
    /// Choice `index` of the step at `at`, by its label (only on that step).
    Choice { at: Target, index: usize },
    /// Global question `index` of `Settings::questions` (on every step).
    Question(usize),
    /// A global intent (on every step).
    Intent(Intent),
    /// The writer is a child: the flow of `[age]` (on every step).
    Age,
}

impl Label {
    /// Whether the label applies on the step at `at`.
    pub fn applies_at(self, at: Target) -> bool {
        match self {
            Label::Route { at: a, .. } | Label::Choice { at: a, .. } => a == at,
            Label::Question(_) | Label::Intent(_) | Label::Age => true,
        }
    }

    /// Whether the label belongs to the step (not global).
    pub fn is_local(self) -> bool {
        matches!(self, Label::Route { .. } | Label::Choice { .. })
    }
}

/// One example as written, with where it points.
#[derive(Debug)]
pub struct Example {
    pub label: Label,
    pub lang: Lang,
    pub text: String,
    /// Taken from a route's `words`: like the words themselves, it applies only in a
    /// conversation in its language.
    pub words: bool,
}

/// A feature of a text: a word stem or a character trigram, hashed.
type Feature = u64;

/// Features are hashes already: the maps use them as they are (no second hashing).
#[derive(Default, Clone, Copy)]
struct Identity(u64);

impl std::hash::Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Map<V> = HashMap<Feature, V, std::hash::BuildHasherDefault<Identity>>;

/// Weight of a stem against one character trigram: a shared stem says more than a
/// shared piece of a word; the trigrams carry typos and unknown inflections.
const STEM_WEIGHT: f32 = 1.0;
const GRAM_WEIGHT: f32 = 0.5;
/// A label's score is its nearest example's similarity plus this share of its second
/// nearest: two examples that agree say more than one.
const SECOND: f32 = 0.5;

/// The examples of a flow set, indexed.
#[derive(Debug, Default)]
pub struct Model {
    pub examples: Vec<Example>,
    /// Feature (salted with its example's language) -> (example, weight in its
    /// normalised vector): a message in a language meets only that language's examples.
    index: Map<Vec<(u32, f32)>>,
    /// Each example's label, as an index into `labels`.
    label_of: Vec<u32>,
    labels: Vec<Label>,
    idf: Map<f32>,
    /// The weight of a feature no example has: the rarest there is.
    unknown_idf: f32,
    stemmers: Stemmers,
}

/// An example's score for a message.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub label: Label,
    pub score: f32,
    /// Index into `Model::examples`.
    pub example: usize,
}

/// A feature of one language's examples.
fn salted(f: Feature, lang: u64) -> Feature {
    f ^ lang.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

fn hash(kind: u8, text: &str) -> Feature {
    // FNV-1a: stable across runs and builds, and cheap for short strings.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(kind);
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Model {
    /// Builds the index from `examples`.
    pub fn build(examples: Vec<Example>) -> Model {
        let stemmers = Stemmers::default();
        let raw: Vec<Vec<(Feature, f32)>> = examples
            .iter()
            .map(|e| {
                let (words, _) = tokens(&e.text);
                features(&stemmers, e.lang, &words)
            })
            .collect();
        let mut df: Map<u32> = Map::default();
        for vector in &raw {
            for (f, _) in vector {
                *df.entry(*f).or_default() += 1;
            }
        }
        let n = raw.len().max(1) as f32;
        let idf: Map<f32> = df
            .into_iter()
            .map(|(f, d)| (f, (1.0 + n / d as f32).ln()))
            .collect();
        let mut index: Map<Vec<(u32, f32)>> = Map::default();
        for (i, vector) in raw.into_iter().enumerate() {
            let weighted = weigh(vector, &idf, 0.0);
            let salt = examples[i].lang as u64;
            for (f, w) in weighted {
                index
                    .entry(salted(f, salt))
                    .or_default()
                    .push((i as u32, w));
            }
        }
        let mut labels: Vec<Label> = Vec::new();
        let label_of = examples
            .iter()
            .map(|e| match labels.iter().position(|l| *l == e.label) {
                Some(i) => i as u32,
                None => {
                    labels.push(e.label);
                    (labels.len() - 1) as u32
                }
            })
            .collect();
        Model {
            examples,
            index,
            label_of,
            labels,
            idf,
            unknown_idf: (1.0 + n).ln(),
            stemmers,
        }
    }

    /// The examples allowed by `scope`, best first, one per label, for `text`.
    pub fn rank(&self, text: &str, scope: impl Fn(&Example) -> bool) -> Vec<Ranked> {
        let (words, scripts) = tokens(text);
        // A message without a word of two letters says nothing the examples could match.
        if self.examples.is_empty() || !words.iter().any(|w| w.chars().nth(1).is_some()) {
            return Vec::new();
        }
        // Character trigrams do not depend on the language: made once.
        let grams = trigrams(&words);
        let mut scores = vec![0f32; self.examples.len()];
        for lang in Lang::ALL {
            if !lang.written_in(scripts) && !(scripts == Scripts::default()) {
                continue;
            }
            let mut raw = stems(&self.stemmers, lang, &words);
            raw.extend_from_slice(&grams);
            let query = weigh(raw, &self.idf, self.unknown_idf);
            for (f, w) in &query {
                if let Some(postings) = self.index.get(&salted(*f, lang as u64)) {
                    for &(e, we) in postings {
                        scores[e as usize] += w * we;
                    }
                }
            }
        }
        // Per label: the nearest example, and the second nearest.
        let mut nearest: Vec<(f32, f32, usize)> = vec![(0.0, 0.0, 0); self.labels.len()];
        for (i, &score) in scores.iter().enumerate() {
            if score <= 0.0 || !scope(&self.examples[i]) {
                continue;
            }
            let slot = &mut nearest[self.label_of[i] as usize];
            if score > slot.0 {
                slot.1 = slot.0;
                slot.0 = score;
                slot.2 = i;
            } else if score > slot.1 {
                slot.1 = score;
            }
        }
        let mut best: Vec<Ranked> = nearest
            .iter()
            .enumerate()
            .filter(|(_, n)| n.0 > 0.0)
            .map(|(l, &(first, second, example))| Ranked {
                label: self.labels[l],
                score: first + SECOND * second,
                example,
            })
            .collect();
        best.sort_by(|a, b| b.score.total_cmp(&a.score));
        best
    }
}

/// The features of folded `words` in `lang`, with their raw weights.
fn features(stemmers: &Stemmers, lang: Lang, words: &[String]) -> Vec<(Feature, f32)> {
    let mut out = stems(stemmers, lang, words);
    out.extend(trigrams(words));
    out
}

/// Each word's stem in `lang`.
fn stems(stemmers: &Stemmers, lang: Lang, words: &[String]) -> Vec<(Feature, f32)> {
    let mut out: Vec<(Feature, f32)> = Vec::with_capacity(words.len() * 8);
    for word in words {
        out.push((hash(b's', &stemmers.stem(lang, word)), STEM_WEIGHT));
    }
    out
}

/// Each word's character trigrams, the word marked at both ends.
fn trigrams(words: &[String]) -> Vec<(Feature, f32)> {
    let mut out: Vec<(Feature, f32)> = Vec::with_capacity(words.len() * 8);
    let mut padded = String::new();
    for word in words {
        padded.clear();
        padded.push('<');
        padded.push_str(word);
        padded.push('>');
        let chars: Vec<(usize, char)> = padded.char_indices().collect();
        if chars.len() >= 3 {
            for w in 0..chars.len() - 2 {
                let start = chars[w].0;
                let end = chars.get(w + 3).map_or(padded.len(), |c| c.0);
                out.push((hash(b'g', &padded[start..end]), GRAM_WEIGHT));
            }
        }
    }
    out
}

/// Sums repeated features (sublinear), multiplies by the inverse document frequency
/// (a feature no example has weighs `unknown`: words the examples never saw make a
/// message less like all of them) and normalises the vector to length one.
fn weigh(mut raw: Vec<(Feature, f32)>, idf: &Map<f32>, unknown: f32) -> Vec<(Feature, f32)> {
    // Sorted, repeated features are neighbours: summed without a map.
    raw.sort_unstable_by_key(|(f, _)| *f);
    let mut out: Vec<(Feature, f32)> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let (f, w) = raw[i];
        let mut n = 0u32;
        while i < raw.len() && raw[i].0 == f {
            n += 1;
            i += 1;
        }
        let idf = idf.get(&f).copied().unwrap_or(unknown);
        out.push((f, w * (1.0 + (n as f32).ln()) * idf));
    }
    let norm = out.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut out {
            *w /= norm;
        }
    }
    out
}

/// Every example of `set`: the routes' examples and words (in the route's language),
/// each choice's label in every language, the questions' and intents' examples.
pub fn examples_of(set: &crate::model::FlowSet) -> Vec<Example> {
    use crate::model::Matcher;
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
                step: crate::model::StepIdx::new(s),
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

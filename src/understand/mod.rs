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
pub(crate) mod detect;
pub(crate) mod explain;
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

/// Examples that hold one feature, with the feature's weight in each example's
/// normalised vector: a range of `Model::postings`.
#[derive(Debug, Clone, Copy)]
struct Postings {
    start: u32,
    end: u32,
}

/// The examples (`start..end`) and labels of one step.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: u32,
    end: u32,
    labels: (u32, u32),
}

/// The examples of a flow set, indexed.
///
/// Everything a message is compared with is made here, once, at load: the weight of
/// every feature (inverse document frequency), the examples that hold it with their
/// normalised weights, and the stem of every word the examples use in every language
/// of its script. Scoring a message then costs a few map look-ups per word and one
/// addition per example that shares a feature with it; a word no example has is the
/// only one that is stemmed when a message comes.
#[derive(Debug, Default)]
pub struct Model {
    pub examples: Vec<Example>,
    /// Character trigram -> the examples holding it, in every language: trigrams do not
    /// depend on the language, so a message's are looked up once.
    grams: Map<Postings>,
    /// Stem, salted with its example's language -> the examples holding it: a message
    /// stemmed in a language meets only that language's stems.
    stems: Map<Postings>,
    /// The examples that apply on every step are the first `everywhere`; those of one
    /// step follow in one run each, `runs[part_of(step)]` (start, end).
    everywhere: u32,
    /// As `everywhere`, for `labels`.
    labels_everywhere: u32,
    runs: Map<Run>,
    /// (example, weight) for every range in `grams` and `stems`.
    postings: Vec<(u32, f32)>,
    /// Each example's label, as an index into `labels`.
    label_of: Vec<u32>,
    /// Each example's language.
    lang_of: Vec<Lang>,
    labels: Vec<Label>,
    idf: Map<f32>,
    /// The weight of a feature no example has: the rarest there is.
    unknown_idf: f32,
    /// (language, folded word), hashed -> the word's stem feature, for every word of
    /// the examples in every language of its script: stemming is the costly part of a
    /// message, and most words people type are words the examples use.
    known_stems: Map<Feature>,
    /// Folded word, hashed -> the languages whose examples use it (bit `Lang as u8`):
    /// what tells a language from its neighbours before a detector is asked (`detect`).
    vocabulary: Map<u8>,
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

/// Where an example applies, as a salt for its keys in the index: 0 for every step
/// (questions, intents, the age), else the step that owns it (a route's or a choice's
/// examples). A message is looked up under its own step and under 0 only, so the
/// examples of the other steps (every step's buttons in six languages are most of
/// them) cost nothing.
fn part(label: Label) -> u64 {
    match label {
        Label::Route { at, .. } | Label::Choice { at, .. } => part_of(at),
        Label::Question(_) | Label::Intent(_) | Label::Age => 0,
    }
}

fn part_of(at: Target) -> u64 {
    let n = (at.flow.index() as u64) << 32 | at.step.index() as u64;
    (n + 1).wrapping_mul(0xd6e8_feb8_6659_fd93) | 1
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
    // FNV's low bits are weak for the maps' buckets: mixed once (a 64-bit finaliser).
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// The key of a word in `known_stems`.
fn word_key(lang: Lang, word: &str) -> Feature {
    salted(hash(b'w', word), lang as u64 + 1)
}

impl Model {
    /// Builds the index from `examples`.
    pub fn build(mut examples: Vec<Example>) -> Model {
        // The examples of every step in one run, after those of every step: a message
        // at a step meets two runs, so its scores fit in a short list (see `rank`).
        examples.sort_by_key(|e| match e.label {
            Label::Route { at, .. } | Label::Choice { at, .. } => {
                (1, at.flow.index(), at.step.index())
            }
            Label::Question(_) | Label::Intent(_) | Label::Age => (0, 0, 0),
        });
        let everywhere = examples.iter().take_while(|e| part(e.label) == 0).count() as u32;
        let mut runs: Map<Run> = Map::default();
        for (i, e) in examples.iter().enumerate().skip(everywhere as usize) {
            let run = runs.entry(part(e.label)).or_insert(Run {
                start: i as u32,
                end: i as u32,
                labels: (0, 0),
            });
            run.end = i as u32 + 1;
        }
        let stemmers = Stemmers::default();
        let mut known_stems: Map<Feature> = Map::default();
        let mut vocabulary: Map<u8> = Map::default();
        let raw: Vec<Vec<(Feature, Kind)>> = examples
            .iter()
            .map(|e| {
                let (words, scripts) = tokens(&e.text);
                for word in &words {
                    *vocabulary.entry(hash(b'w', word)).or_default() |= 1 << (e.lang as u8);
                }
                // Every word of an example, stemmed in each language it could be
                // typed in (a Swedish word in an English sentence is stemmed as
                // English too when a message holds it).
                for lang in Lang::ALL {
                    if lang != e.lang && !lang.written_in(scripts) {
                        continue;
                    }
                    for word in &words {
                        known_stems
                            .entry(word_key(lang, word))
                            .or_insert_with(|| hash(b's', &stemmers.stem(lang, word)));
                    }
                }
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
        // Postings gathered per key, then laid out in one array.
        let mut grams: Map<Vec<(u32, f32)>> = Map::default();
        let mut stems: Map<Vec<(u32, f32)>> = Map::default();
        for (i, vector) in raw.into_iter().enumerate() {
            let salt = examples[i].lang as u64;
            let part = part(examples[i].label);
            let weighted = weigh(vector, &idf, 0.0);
            for (f, w) in weighted.features {
                let (map, key) = if f.kind == Kind::Gram {
                    (&mut grams, f.id ^ part)
                } else {
                    (&mut stems, salted(f.id, salt) ^ part)
                };
                map.entry(key).or_default().push((i as u32, w));
            }
        }
        let mut postings: Vec<(u32, f32)> = Vec::new();
        let mut lay_out = |map: Map<Vec<(u32, f32)>>| -> Map<Postings> {
            map.into_iter()
                .map(|(key, list)| {
                    let start = postings.len() as u32;
                    postings.extend(list);
                    (
                        key,
                        Postings {
                            start,
                            end: postings.len() as u32,
                        },
                    )
                })
                .collect()
        };
        let grams = lay_out(grams);
        let stems = lay_out(stems);
        let mut labels: Vec<Label> = Vec::new();
        let label_of: Vec<u32> = examples
            .iter()
            .map(|e| match labels.iter().position(|l| *l == e.label) {
                Some(i) => i as u32,
                None => {
                    labels.push(e.label);
                    (labels.len() - 1) as u32
                }
            })
            .collect();
        // Labels are numbered in the order of the examples, so those of one run are one
        // run too.
        let labels_in = |from: u32, to: u32| -> (u32, u32) {
            let ids = label_of.get(from as usize..to as usize).unwrap_or_default();
            match (ids.iter().min(), ids.iter().max()) {
                (Some(&a), Some(&b)) => (a, b + 1),
                _ => (0, 0),
            }
        };
        let labels_everywhere = labels_in(0, everywhere).1;
        for run in runs.values_mut() {
            run.labels = labels_in(run.start, run.end);
        }
        Model {
            everywhere,
            labels_everywhere,
            runs,
            lang_of: examples.iter().map(|e| e.lang).collect(),
            examples,
            grams,
            stems,
            postings,
            label_of,
            labels,
            idf,
            unknown_idf: (1.0 + n).ln(),
            known_stems,
            vocabulary,
            stemmers,
        }
    }

    /// The languages whose examples use the folded `word` (bit `Lang as u8`).
    pub(crate) fn languages_of(&self, word: &str) -> u8 {
        self.vocabulary.get(&hash(b'w', word)).copied().unwrap_or(0)
    }

    /// The stem feature of a folded `word` in `lang`.
    fn stem(&self, lang: Lang, word: &str) -> Feature {
        match self.known_stems.get(&word_key(lang, word)) {
            Some(&stem) => stem,
            None => hash(b's', &self.stemmers.stem(lang, word)),
        }
    }

    fn postings(&self, p: Postings) -> &[(u32, f32)] {
        self.postings
            .get(p.start as usize..p.end as usize)
            .unwrap_or_default()
    }

    /// The examples that apply at the step `at` and are allowed by `scope`, best
    /// first, one per label, for `text`.
    pub fn rank(&self, text: &str, at: Target, scope: impl Fn(&Example) -> bool) -> Vec<Ranked> {
        let parts = [0, part_of(at)];
        let (words, scripts) = tokens(text);
        // A message without a word of two letters says nothing the examples could match.
        if self.examples.is_empty() || !words.iter().any(|w| w.chars().nth(1).is_some()) {
            return Vec::new();
        }
        let any_script = scripts == Scripts::default();
        let allowed = |lang: Lang| any_script || lang.written_in(scripts);
        // The message's vector in a language is its stems in that language and its
        // trigrams (the same in every language), normalised: each example is scored
        // against the vector of its own language. The trigrams' dot products are made
        // once for all languages; each language adds its stems' and divides by its
        // own length.
        let grams = weigh_raw(&mut trigrams(&words), &self.idf, self.unknown_idf);
        // Scores of the examples that apply here: the first `everywhere`, then the
        // step's run, in one short list.
        let everywhere = self.everywhere;
        let run = self.runs.get(&parts[1]).copied().unwrap_or(Run {
            start: 0,
            end: 0,
            labels: (0, 0),
        });
        let (start, end) = (run.start, run.end);
        let slot_of = |e: u32| -> usize {
            if e < everywhere {
                e as usize
            } else {
                (e - start + everywhere) as usize
            }
        };
        let mut raw = vec![0f32; (everywhere + end - start) as usize];
        let mut touched: Vec<u32> = Vec::with_capacity(256);
        for (f, w) in &grams.features {
            for part in parts {
                if let Some(&p) = self.grams.get(&(f.id ^ part)) {
                    for &(e, we) in self.postings(p) {
                        let slot = &mut raw[slot_of(e)];
                        if *slot == 0.0 {
                            touched.push(e);
                        }
                        *slot += w * we;
                    }
                }
            }
        }
        let mut norms = [0f32; Lang::ALL.len()];
        let mut stemmed: Vec<(Feature, Kind)> = Vec::with_capacity(words.len());
        for lang in Lang::ALL {
            if !allowed(lang) {
                continue;
            }
            stemmed.clear();
            stemmed.extend(words.iter().map(|word| (self.stem(lang, word), Kind::Stem)));
            let stems = weigh_raw(&mut stemmed, &self.idf, self.unknown_idf);
            norms[lang as usize] = (grams.squares + stems.squares).sqrt();
            for (f, w) in &stems.features {
                for part in parts {
                    let key = salted(f.id, lang as u64) ^ part;
                    if let Some(&p) = self.stems.get(&key) {
                        for &(e, we) in self.postings(p) {
                            let slot = &mut raw[slot_of(e)];
                            if *slot == 0.0 {
                                touched.push(e);
                            }
                            *slot += w * we;
                        }
                    }
                }
            }
        }
        // Per label: the nearest example, and the second nearest.
        let labels_everywhere = self.labels_everywhere;
        let label_slot = |l: u32| -> usize {
            if l < labels_everywhere {
                l as usize
            } else {
                (l - run.labels.0 + labels_everywhere) as usize
            }
        };
        let mut nearest: Vec<(f32, f32, usize)> =
            vec![(0.0, 0.0, 0); (labels_everywhere + run.labels.1 - run.labels.0) as usize];
        let mut hit_labels: Vec<u32> = Vec::new();
        for &e in &touched {
            let i = e as usize;
            let lang = self.lang_of[i];
            let norm = norms[lang as usize];
            if !allowed(lang)
                || norm <= 0.0
                || !self.examples[i].label.applies_at(at)
                || !scope(&self.examples[i])
            {
                continue;
            }
            let score = raw[slot_of(e)] / norm;
            if score <= 0.0 {
                continue;
            }
            let label = self.label_of[i];
            let slot = &mut nearest[label_slot(label)];
            if slot.0 == 0.0 {
                hit_labels.push(label);
            }
            if score > slot.0 || (score == slot.0 && i < slot.2) {
                slot.1 = slot.0;
                slot.0 = score;
                slot.2 = i;
            } else if score > slot.1 {
                slot.1 = score;
            }
        }
        // Labels in their order of first appearance, so that ties keep one order.
        hit_labels.sort_unstable();
        let mut best: Vec<Ranked> = hit_labels
            .into_iter()
            .map(|l| {
                let (first, second, example) = nearest[label_slot(l)];
                Ranked {
                    label: self.labels[l as usize],
                    score: first + SECOND * second,
                    example,
                }
            })
            .collect();
        best.sort_by(|a, b| b.score.total_cmp(&a.score));
        best
    }
}

/// What a feature is: a word's stem or a piece of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Stem,
    Gram,
}

impl Kind {
    fn weight(self) -> f32 {
        match self {
            Kind::Stem => STEM_WEIGHT,
            Kind::Gram => GRAM_WEIGHT,
        }
    }
}

/// A feature with its kind (stems are salted with a language in the index, trigrams
/// are not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Tagged {
    id: Feature,
    kind: Kind,
}

/// The features of folded `words` in `lang`.
fn features(stemmers: &Stemmers, lang: Lang, words: &[String]) -> Vec<(Feature, Kind)> {
    let mut out: Vec<(Feature, Kind)> = words
        .iter()
        .map(|word| (hash(b's', &stemmers.stem(lang, word)), Kind::Stem))
        .collect();
    out.extend(trigrams(words));
    out
}

/// Each word's character trigrams, the word marked at both ends.
fn trigrams(words: &[String]) -> Vec<(Feature, Kind)> {
    let mut out: Vec<(Feature, Kind)> = Vec::with_capacity(words.len() * 8);
    let mut padded = String::new();
    let mut starts: Vec<usize> = Vec::new();
    for word in words {
        padded.clear();
        padded.push('<');
        padded.push_str(word);
        padded.push('>');
        starts.clear();
        starts.extend(padded.char_indices().map(|(i, _)| i));
        starts.push(padded.len());
        // `starts` holds one more entry than there are characters.
        for w in 0..starts.len().saturating_sub(3) {
            out.push((hash(b'g', &padded[starts[w]..starts[w + 3]]), Kind::Gram));
        }
    }
    out
}

/// A weighted vector, not yet normalised, and the sum of its squared weights.
struct Weighted {
    features: Vec<(Tagged, f32)>,
    squares: f32,
}

/// Sums repeated features (sublinear) and multiplies by the inverse document frequency
/// (a feature no example has weighs `unknown`: words the examples never saw make a
/// message less like all of them).
fn weigh_raw(raw: &mut [(Feature, Kind)], idf: &Map<f32>, unknown: f32) -> Weighted {
    // Sorted, repeated features are neighbours: summed without a map.
    raw.sort_unstable_by_key(|(f, _)| *f);
    let mut features: Vec<(Tagged, f32)> = Vec::with_capacity(raw.len());
    let mut squares = 0.0;
    let mut i = 0;
    while i < raw.len() {
        let (f, kind) = raw[i];
        let mut n = 0u32;
        while i < raw.len() && raw[i].0 == f {
            n += 1;
            i += 1;
        }
        let idf = idf.get(&f).copied().unwrap_or(unknown);
        let weight = kind.weight() * (1.0 + (n as f32).ln()) * idf;
        squares += weight * weight;
        features.push((Tagged { id: f, kind }, weight));
    }
    Weighted { features, squares }
}

/// As [`weigh_raw`], normalised to length one (an example's vector).
fn weigh(mut raw: Vec<(Feature, Kind)>, idf: &Map<f32>, unknown: f32) -> Weighted {
    let mut out = weigh_raw(&mut raw, idf, unknown);
    let norm = out.squares.sqrt();
    if norm > 0.0 {
        for (_, w) in &mut out.features {
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

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

mod build;
pub mod corpus;
pub mod decide;
pub(crate) mod detect;
pub(crate) mod explain;
pub mod text;
pub mod translit;

use std::collections::HashMap;

use crate::model::ids::{Intent, Target};
use build::*;
pub use text::Lang;
use text::{Scripts, Stemmers, tokens};

/// What an example teaches: where a message like it should go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// Route `index` of the step at `at` (only on that step).
    Route {
        /// The step.
        at: Target,
        /// The route's position on the step.
        index: usize,
    },
    /// Choice `index` of the step at `at`, by its label (only on that step).
    Choice {
        /// The step.
        at: Target,
        /// The choice's position on the step.
        index: usize,
    },
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
    /// Where it points.
    pub label: Label,
    /// The language it is written in.
    pub lang: Lang,
    /// The sentence as written.
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
    /// Every example, in the order built; [`Ranked::example`] points into it.
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
    /// Whether each example is taken from a route's words (`Example::words`).
    words_of: Vec<bool>,
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
    /// Where the example points.
    pub label: Label,
    /// How alike the message and the example are; higher is closer.
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
    /// The languages whose examples use the folded `word` (a set of [`Lang::bit`]s).
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

    /// The examples that apply at the step `at`, best first, one per label, for
    /// `text`; with `words_in`, the examples taken from a route's words only in that
    /// language (the conversation's), else in every language.
    pub fn rank(&self, text: &str, at: Target, words_in: Option<&str>) -> Vec<Ranked> {
        let (words, scripts) = tokens(text);
        self.rank_tokens(&words, scripts, at, words_in)
    }

    /// As [`rank`](Model::rank), with the message's `words` and `scripts` made
    /// already ([`tokens`]).
    pub fn rank_tokens(
        &self,
        words: &[String],
        scripts: Scripts,
        at: Target,
        words_in: Option<&str>,
    ) -> Vec<Ranked> {
        let parts = [0, part_of(at)];
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
        let grams = weigh_raw(&mut trigrams(words), &self.idf, self.unknown_idf);
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
            // The index holds only the examples that apply here (see `part`).
            if !allowed(lang)
                || norm <= 0.0
                || (self.words_of[i] && words_in.is_some_and(|l| l != lang.code()))
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

impl Model {
    /// What the index holds, in numbers, with its heap bytes estimated from the
    /// capacities (for the memory benchmark).
    pub fn summary(&self) -> String {
        fn map<V>(m: &Map<V>) -> usize {
            // hashbrown: a key, a value and a control byte per bucket.
            m.capacity() * (std::mem::size_of::<(Feature, V)>() + 1)
        }
        let text: usize = self.examples.iter().map(|e| e.text.capacity()).sum();
        format!(
            "{} examples ({} on every step, {} bytes of text, {} of records); {} labels; \
             {} trigram keys ({} B), {} stem keys ({} B), {} postings ({} B), {} idf ({} B), \
             {} known stems ({} B), {} vocabulary ({} B), {} runs ({} B)",
            self.examples.len(),
            self.everywhere,
            text,
            self.examples.capacity() * std::mem::size_of::<Example>(),
            self.labels.len(),
            self.grams.len(),
            map(&self.grams),
            self.stems.len(),
            map(&self.stems),
            self.postings.len(),
            self.postings.capacity() * 8,
            self.idf.len(),
            map(&self.idf),
            self.known_stems.len(),
            map(&self.known_stems),
            self.vocabulary.len(),
            map(&self.vocabulary),
            self.runs.len(),
            map(&self.runs),
        )
    }
}

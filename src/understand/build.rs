//! Building the model at load: every example's features (stems and character trigrams),
//! weighed by TF-IDF, indexed by the step and language they apply to.

use text::{Stemmers, tokens};

use super::*;

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
                    *vocabulary.entry(hash(b'w', word)).or_default() |= e.lang.bit();
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
        // Postings gathered in one list (a map of small lists left the heap in pieces
        // that the process kept), ordered by key, each key's in the examples' order,
        // then laid out in one array of the exact size.
        let mut gram_postings: Vec<(Feature, u32, f32)> = Vec::new();
        let mut stem_postings: Vec<(Feature, u32, f32)> = Vec::new();
        for (i, vector) in raw.into_iter().enumerate() {
            let salt = examples[i].lang as u64;
            let part = part(examples[i].label);
            let weighted = weigh(vector, &idf, 0.0);
            for (f, w) in weighted.features {
                if f.kind == Kind::Gram {
                    gram_postings.push((f.id ^ part, i as u32, w));
                } else {
                    stem_postings.push((salted(f.id, salt) ^ part, i as u32, w));
                }
            }
        }
        let mut postings: Vec<(u32, f32)> =
            Vec::with_capacity(gram_postings.len() + stem_postings.len());
        let mut lay_out = |mut gathered: Vec<(Feature, u32, f32)>| -> Map<Postings> {
            // (key, example) is unique: the order is the examples' within each key.
            gathered.sort_unstable_by_key(|&(key, example, _)| (key, example));
            let mut map = Map::default();
            for chunk in gathered.chunk_by(|a, b| a.0 == b.0) {
                let start = postings.len() as u32;
                postings.extend(chunk.iter().map(|&(_, e, w)| (e, w)));
                let end = postings.len() as u32;
                map.insert(chunk[0].0, Postings { start, end });
            }
            map
        };
        let grams = lay_out(gram_postings);
        let stems = lay_out(stem_postings);
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
            words_of: examples.iter().map(|e| e.words).collect(),
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
        .shrunk()
    }
}

impl Model {
    /// The model with no spare capacity: it lives as long as the flow set.
    fn shrunk(mut self) -> Model {
        self.examples.shrink_to_fit();
        self.grams.shrink_to_fit();
        self.stems.shrink_to_fit();
        self.runs.shrink_to_fit();
        self.postings.shrink_to_fit();
        self.label_of.shrink_to_fit();
        self.labels.shrink_to_fit();
        self.idf.shrink_to_fit();
        self.known_stems.shrink_to_fit();
        self.vocabulary.shrink_to_fit();
        self
    }
}

/// What a feature is: a word's stem or a piece of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
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
pub(super) struct Tagged {
    pub(super) id: Feature,
    pub(super) kind: Kind,
}

/// The features of folded `words` in `lang`.
pub(super) fn features(stemmers: &Stemmers, lang: Lang, words: &[String]) -> Vec<(Feature, Kind)> {
    let mut out: Vec<(Feature, Kind)> = words
        .iter()
        .map(|word| (hash(b's', &stemmers.stem(lang, word)), Kind::Stem))
        .collect();
    out.extend(trigrams(words));
    out
}

/// Each word's character trigrams, the word marked at both ends.
pub(super) fn trigrams(words: &[String]) -> Vec<(Feature, Kind)> {
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
pub(super) struct Weighted {
    pub(super) features: Vec<(Tagged, f32)>,
    pub(super) squares: f32,
}

/// Sums repeated features (sublinear) and multiplies by the inverse document frequency
/// (a feature no example has weighs `unknown`: words the examples never saw make a
/// message less like all of them).
pub(super) fn weigh_raw(raw: &mut [(Feature, Kind)], idf: &Map<f32>, unknown: f32) -> Weighted {
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
pub(super) fn weigh(mut raw: Vec<(Feature, Kind)>, idf: &Map<f32>, unknown: f32) -> Weighted {
    let mut out = weigh_raw(&mut raw, idf, unknown);
    let norm = out.squares.sqrt();
    if norm > 0.0 {
        for (_, w) in &mut out.features {
            *w /= norm;
        }
    }
    out
}

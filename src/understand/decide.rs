//! What a typed message means at a step: the nearest examples that apply there,
//! and how sure that is. Pure; the engine acts on the [`Decision`], `signpost
//! understand` prints it, and the corpus test scores it. The engine reads a message once
//! ([`Read`]: its words for the keywords and the matcher's tokens) for every check of
//! a turn.

use super::text::{Lang, Scripts, tokens_with};
use super::translit::{self, Reading};
use super::{Label, Ranked};
use crate::engine::Message;
use crate::model::{FlowSet, Intent, Target};

/// At or above this score, with a clear lead, the best example decides.
pub const CLEAR: f32 = 0.3;
/// Below this nothing is close enough to act on.
pub const FLOOR: f32 = 0.25;
/// The lead over the runner-up (to another place) that makes a match clear.
pub const MARGIN: f32 = 0.06;
/// The quick exit deletes the conversation: only a near copy of an example takes it.
pub const EXIT: f32 = 0.7;
/// A quick exit below [`EXIT`] is still taken at this score when it leads every other
/// place by [`EXIT_LEAD`].
pub const EXIT_AHEAD: f32 = 0.5;
/// See [`EXIT_AHEAD`].
pub const EXIT_LEAD: f32 = 0.14;
/// A protective place (one that shows the emergency service, or the flow for
/// children) wins when it scores at least this share of the best: showing 112 or BRIS by
/// mistake costs a moment, missing them costs far more.
pub const PROTECT: f32 = 0.88;

/// What a step's own words add to the score of the route they belong to, when the
/// message holds one of them: the step's words win over global examples (not on the
/// main menu, see `decide`).
pub const WORDS: f32 = 0.15;

/// Whether following `d` shows the emergency service.
pub fn shows_emergency(set: &FlowSet, d: Dest) -> bool {
    let sos = set.settings.emergency_service;
    match d {
        Dest::Go(target) => set.step(target).signposts.contains(&sos),
        Dest::Question(i) => set.settings.questions[i].signposts.contains(&sos),
        Dest::Intent(intent) => matches!(intent, Intent::Emergency | Intent::Distress),
    }
}

/// Whether `d` protects: shows the emergency service, or is the flow for children.
fn protective(set: &FlowSet, d: Dest) -> bool {
    shows_emergency(set, d)
        || matches!(d, Dest::Go(t) if set.settings.age.as_ref().is_some_and(|a| a.flow == t.flow))
}

/// Where a label leads: two labels that lead to one place do not compete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dest {
    /// A step.
    Go(Target),
    /// A global question, by its index in `Settings::questions`.
    Question(usize),
    /// A global intent.
    Intent(Intent),
}

/// What a message means at a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// One place, clearly; with the best example for another place, if any.
    Clear {
        /// The best example.
        best: Ranked,
        /// The best example for another place, if any.
        runner_up: Option<Ranked>,
    },
    /// Two or three places about as likely, best first.
    Close {
        /// The best example of each place, best first.
        options: Vec<Ranked>,
    },
    /// Nothing close enough; the best there was, if any.
    Nothing {
        /// The best example, if there was one.
        best: Option<Ranked>,
    },
}

/// Where `label` leads in `set`.
pub fn dest(set: &FlowSet, label: Label) -> Dest {
    match label {
        Label::Route { at, index } => Dest::Go(set.step(at).routes[index].target),
        Label::Choice { at, index } => Dest::Go(set.step(at).choices[index].target),
        Label::Question(i) => Dest::Question(i),
        Label::Intent(intent) => Dest::Intent(intent),
        Label::Age => match &set.settings.age {
            Some(age) => Dest::Go(Target {
                flow: age.flow,
                step: set.flows[age.flow].start,
            }),
            None => Dest::Go(set.main_start()),
        },
    }
}

/// A typed message read once for every check of a turn: the engine's words and the
/// matcher's tokens.
pub struct Read {
    /// The message as the keywords see it.
    pub message: Message,
    /// The matcher's tokens.
    pub words: Vec<String>,
    /// The scripts the tokens are written in.
    pub scripts: Scripts,
}

impl Read {
    /// `text`, read once.
    pub fn new(text: &str) -> Read {
        let message = Message::new(text);
        let (words, scripts) = tokens_with(text, Some(message.words()));
        Read {
            message,
            words,
            scripts,
        }
    }
}

/// The decision for `text` typed at the step `at` in a conversation in `lang`.
pub fn decide(set: &FlowSet, at: Target, lang: &str, text: &str) -> Decision {
    decide_reading(set, at, lang, text, None).0
}

/// The decision for `text`, and the reading of its Latin letters in another script
/// that gave it (with the text so read), when the message as typed matched nothing
/// close, most of its words are in no Latin-letter language's examples, and a reading
/// matched or has words of its language (see [`super::translit`]). `read` is
/// [`Read::new`] of the same text when the engine has read it already; the reading
/// comes read, for the engine's checks.
pub fn decide_reading(
    set: &FlowSet,
    at: Target,
    lang: &str,
    text: &str,
    read: Option<&Read>,
) -> (Decision, Option<(Reading, String, Read)>) {
    let typed = decide_typed(set, at, lang, text, read);
    if !matches!(typed, Decision::Nothing { .. })
        || !translit::candidate(text)
        || !foreign(&set.understanding, text)
    {
        return (typed, None);
    }
    // The reading with more words its own language's examples use is the writer's
    // language ("mne" is Russian, "meni" Ukrainian); the score breaks a tie. A reading
    // none of whose words its language's examples use is no reading at all, and is not
    // matched (most messages that get here are typos in Swedish or English). A reading
    // that matched nothing still counts when two of its words are that language's (one
    // when digits stand for Arabic letters: then Arabizi is the only reading tried): the
    // rules before the matcher (an age, words of danger) read it, and the answer comes in
    // its language.
    let digits = translit::arabizi_digits(text);
    let mut readings: Vec<(Reading, String, Read, usize)> = translit::readings(text)
        .iter()
        .map(|&reading| {
            let spelled = translit::read(text, reading);
            let read = Read::new(&spelled);
            let known = known_words(&set.understanding, &read.words, reading);
            (reading, spelled, read, known)
        })
        .filter(|&(.., known)| known >= 1)
        .collect();
    readings.sort_by_key(|r| std::cmp::Reverse(r.3));
    let mut found: Option<(Decision, Reading, String, Read, usize, f32)> = None;
    for (reading, spelled, read, known) in readings {
        if found.as_ref().is_some_and(|(.., k, _)| *k > known) {
            break;
        }
        let decision = decide_typed(set, at, reading.lang().code(), &spelled, Some(&read));
        let score = match &decision {
            Decision::Clear { best, .. } => best.score,
            Decision::Close { options } => options.first().map_or(0.0, |r| r.score),
            Decision::Nothing { .. } if known >= 2 || digits => 0.0,
            Decision::Nothing { .. } => continue,
        };
        if found
            .as_ref()
            .is_none_or(|(.., k, s)| (known, score) > (*k, *s))
        {
            found = Some((decision, reading, spelled, read, known, score));
        }
    }
    match found {
        Some((decision, reading, spelled, read, ..)) => (decision, Some((reading, spelled, read))),
        None => (typed, None),
    }
}

/// How many of the matcher's `words` of a reading its language's examples use.
fn known_words(model: &super::Model, words: &[String], reading: Reading) -> usize {
    words
        .iter()
        .filter(|w| w.chars().count() >= 2 && model.languages_of(w) & reading.lang().bit() != 0)
        .count()
}

/// Whether fewer than half of the words of `text` (of three letters or more: short ones
/// such as "da", "on", "ne" are words of many languages) are in the examples of a
/// language written in Latin letters: "pomogite mne" is, "help me plz" is not. A word
/// with digits among its letters ("3omri", "s7abo") is Arabizi or chat spelling, in
/// none of them.
fn foreign(model: &super::Model, text: &str) -> bool {
    let latin = Lang::set(&[Lang::Sv, Lang::En, Lang::Ro]);
    let (mut words, mut known) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.chars().filter(char::is_ascii_alphabetic).count() < 3 {
            continue;
        }
        words += 1;
        if word.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let (folded, _) = super::text::tokens(word);
        if folded.iter().any(|w| model.languages_of(w) & latin != 0) {
            known += 1;
        }
    }
    2 * known < words
}

/// The decision for `text` as typed (`read`, when given, is [`Read::new`] of it).
fn decide_typed(
    set: &FlowSet,
    at: Target,
    lang: &str,
    text: &str,
    read: Option<&Read>,
) -> Decision {
    // Telegram's own limit: what lies beyond it is no message a person typed.
    let (text, read) = match text
        .char_indices()
        .nth(crate::model::limits::MAX_MESSAGE_CHARS)
    {
        Some((end, _)) => (&text[..end], None),
        None => (text, read),
    };
    let own;
    let read = match read {
        Some(read) => read,
        None => {
            own = Read::new(text);
            &own
        }
    };
    let message = &read.message;
    let ranked = set
        .understanding
        .rank_tokens(&read.words, read.scripts, at, Some(lang));
    // One entry per place: the best example for it.
    let mut places: Vec<(Dest, Ranked)> = Vec::new();
    for r in ranked {
        let mut r = r;
        // On the step that owns it, a route's or choice's example wins a tie with a
        // global one ("a route's examples win over global words").
        if r.label.is_local() {
            r.score += 0.02;
        }
        let d = dest(set, r.label);
        match places.iter_mut().find(|(p, _)| *p == d) {
            Some((_, best)) if best.score >= r.score => {}
            Some((_, best)) => *best = r,
            None => places.push((d, r)),
        }
    }
    // The step's own word routes that the message holds: on a step that asks a
    // question they are answers to it. (The main menu's words are broad topics, and
    // its routes carry examples of their own.)
    let answers = if at == set.main_start() {
        &[][..]
    } else {
        set.step(at).routes.as_slice()
    };
    for (index, route) in answers.iter().enumerate() {
        if !matches!(route.matcher, crate::model::Matcher::Words(_))
            || !route.matches(text, message)
        {
            continue;
        }
        let d = Dest::Go(route.target);
        let label = Label::Route { at, index };
        match places.iter_mut().find(|(p, _)| *p == d) {
            Some((_, r)) => r.score += WORDS,
            None => {
                if let Some(example) = set
                    .understanding
                    .examples
                    .iter()
                    .position(|e| e.label == label)
                {
                    places.push((
                        d,
                        Ranked {
                            label,
                            score: CLEAR,
                            example,
                        },
                    ));
                }
            }
        }
    }
    places.sort_by(|a, b| b.1.score.total_cmp(&a.1.score));
    if let Some(&(top, top_ranked)) = places.first()
        && !protective(set, top)
        && let Some(at) = places.iter().position(|&(d, r)| {
            protective(set, d) && r.score >= FLOOR.max(PROTECT * top_ranked.score)
        })
    {
        let safe = places.remove(at);
        places.insert(0, safe);
        let best = places[0].1;
        if best.score >= FLOOR {
            return Decision::Clear {
                best,
                runner_up: places.get(1).map(|(_, r)| *r),
            };
        }
    }
    // The quick exit deletes the conversation: it is taken for a near copy of its
    // examples, or for a good match well ahead of any other place ("please delete
    // everything, my husband reads my phone"). Below that it is no answer, nor an
    // option to offer, and the other places are judged as if it were not there ("is
    // this chat anonymous?" shares "chat" with "delete this chat").
    let lead_of_first = match places.as_slice() {
        [(_, first), (_, second), ..] => first.score - second.score,
        [(_, first)] => first.score,
        [] => 0.0,
    };
    if let Some(at) = places.iter().enumerate().position(|(i, &(d, r))| {
        let taken =
            r.score >= EXIT || (i == 0 && r.score >= EXIT_AHEAD && lead_of_first >= EXIT_LEAD);
        d == Dest::Intent(Intent::Exit) && !taken
    }) {
        let (_, exit) = places.remove(at);
        if at == 0 && places.first().is_none_or(|(_, r)| r.score < FLOOR) {
            return Decision::Nothing { best: Some(exit) };
        }
    }
    let Some(&(_, best)) = places.first() else {
        return Decision::Nothing { best: None };
    };
    let runner_up = places.get(1).map(|(_, r)| *r);
    if best.score < FLOOR {
        return Decision::Nothing { best: Some(best) };
    }
    let lead = runner_up.map_or(best.score, |r| best.score - r.score);
    if best.score >= CLEAR && lead >= MARGIN {
        return Decision::Clear { best, runner_up };
    }
    let options: Vec<Ranked> = places
        .iter()
        .take(3)
        .filter(|(_, r)| r.score >= FLOOR.max(best.score - 2.0 * MARGIN))
        .map(|(_, r)| *r)
        .collect();
    if options.len() >= 2 {
        Decision::Close { options }
    } else if best.score >= CLEAR {
        Decision::Clear { best, runner_up }
    } else {
        Decision::Nothing { best: Some(best) }
    }
}

/// The name of a place as the corpus writes it: `route:<flow>` for a flow's start,
/// `route:<step>` for another step, `answer:<n>` for a choice of the step `at`,
/// `q:<id>` for a question, the intent's name for an intent.
pub fn outcome(set: &FlowSet, at: Target, d: Dest) -> String {
    match d {
        Dest::Go(target) => {
            let flow = &set.flows[target.flow];
            let step = set.step(at);
            if let Some(n) = step.choices.iter().position(|c| c.target == target)
                && at != set.main_start()
            {
                return format!("answer:{}", n + 1);
            }
            if target.step == flow.start {
                format!("route:{}", flow.id)
            } else {
                format!("route:{}", flow.steps[target.step].id)
            }
        }
        Dest::Question(i) => match set.settings.questions[i].id.as_str() {
            "anonymous" => "q:anonymous".to_string(),
            id => format!("q:{id}"),
        },
        Dest::Intent(Intent::Privacy) => "q:anonymous".to_string(),
        Dest::Intent(intent) => intent.name().to_string(),
    }
}

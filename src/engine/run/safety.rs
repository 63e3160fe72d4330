//! Safety in a typed message, before anything else it may mean: words of danger and
//! fear (the emergency card, or the matcher's clear answer with it), and an age under
//! the limit. Kept apart from the order of understanding (`typed`) because these rules
//! decide when 112 or BRIS is shown, and are read and tested as one.

use crate::engine::intents::Message;
use crate::model::{Intent, Target};
use crate::understand::decide::{Decision, Dest, dest};

use super::*;

impl<'a> Turn<'a> {
    /// What emergency or distress words in the message call for. A step's own route
    /// wins when it is the route the message would take and it takes every such word
    /// itself ("police" in the reporting route): then the person goes there at once.
    /// Keywords marked `always` ("112", "sos") win everywhere.
    pub(super) fn safety(
        &self,
        text: &str,
        message: &Message,
        decision: &Decision,
    ) -> Option<Safety> {
        let rules = self
            .set
            .settings
            .intents
            .iter()
            .filter(|r| matches!(r.intent, Intent::Emergency | Intent::Distress));
        // Most messages hold no such word: find that out before looking at routes.
        let mut hit_rules = rules
            .filter(|r| message.hits(r).next().is_some())
            .peekable();
        hit_rules.peek()?;
        let first = self.live_routes().find(|r| r.matches(text, message));
        let hits: Vec<&crate::model::IntentRule> = hit_rules.collect();
        for rule in hits.iter().copied() {
            let named = |i: usize| {
                !rule.always[i] && first.is_some_and(|r| r.matches_text(&rule.keywords[i]))
            };
            if !message.hits(rule).all(named) {
                let words_route = first.map(|r| r.target);
                return self
                    .understood(message, &hits, decision, words_route)
                    .or(Some(Safety::Intent(rule.intent)));
            }
        }
        // Every safety word was the route's own: follow it without asking, unless the
        // message clearly asks a question ("scared they deport me if I tell" at "are you
        // in danger?"): its answer, with the emergency service.
        // The question may be the runner-up behind the step's own words; it is still
        // clear when it scores as a clear match would with those words' weight.
        if let Decision::Clear { best, runner_up } = decision {
            let question = [Some(*best), *runner_up].into_iter().flatten().find(|r| {
                matches!(dest(self.set, r.label), Dest::Question(_))
                    && (r.label == best.label
                        || r.score
                            >= crate::understand::decide::CLEAR + crate::understand::decide::WORDS)
            });
            if let Some(q) = question {
                return Some(Safety::Understood(dest(self.set, q.label), true));
            }
        }
        first.map(|r| Safety::Route(r.target))
    }

    /// The flow for a young person, when the message gives an age under the limit
    /// and the person is not there already.
    pub(super) fn young(&self, message: &Message) -> Option<crate::model::FlowIdx> {
        let rule = self.set.settings.age.as_ref()?;
        if self.at.is_some_and(|at| at.flow == rule.flow) {
            return None;
        }
        message.young_age(rule).map(|_| rule.flow)
    }

    /// What the matcher's clear answer calls for when words of danger are in a message
    /// that the step's own route does not take (see `safety`).
    pub(super) fn understood(
        &self,
        message: &Message,
        hits: &[&crate::model::IntentRule],
        decision: &Decision,
        words_route: Option<Target>,
    ) -> Option<Safety> {
        // The matcher's clear answer wins when it shows the emergency service too: "I
        // was raped" gets 112 and 1177 with "time matters", a step's own route for
        // "I am scared" its own 112 step.
        let firm = hits
            .iter()
            .any(|rule| message.hits(rule).any(|i| rule.always[i]));
        if let Decision::Clear { best, .. } = decision
            && !firm
        {
            let d = dest(self.set, best.label);
            if self.shows_emergency(d) {
                return Some(Safety::Understood(d, false));
            }
            // "Delete this, I am afraid he checks my phone": the quick exit asked for
            // in fear is carried out; it is the safety the person asks for.
            if d == Dest::Intent(Intent::Exit) {
                return Some(Safety::Intent(Intent::Exit));
            }
            // A question asked in fear ("I am scared they will deport me"): its answer,
            // with the emergency service beside it; the same for a situation.
            let at = self.at.unwrap_or_else(|| self.set.main_start());
            match d {
                Dest::Question(_) => return Some(Safety::Understood(d, true)),
                // A situation told with words of fear ("he forces me and takes the
                // money"): the emergency service, then the place for that situation,
                // which for a victim starts by asking about danger. Never a route to be
                // confirmed (the buyer route).
                // Nor the step's own word route, which did not take those words.
                Dest::Go(target) if !self.confirms(at, d) && words_route != Some(target) => {
                    return Some(Safety::Understood(d, true));
                }
                _ => {}
            }
        }
        None
    }

    /// Whether following `d` shows the emergency service.
    pub(super) fn shows_emergency(&self, d: Dest) -> bool {
        crate::understand::decide::shows_emergency(self.set, d)
    }
}

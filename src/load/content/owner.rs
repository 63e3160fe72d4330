//! Which part of the content holds a place in a file, so every diagnostic carries
//! its owner.

use std::path::Path;

use super::Content;
use crate::load::diag::Owner;

impl Content {
    /// The part of the content that holds a place in a file: a step of a flow (from
    /// its `[steps.<id>]` key to the next step's), the flow itself above its first step,
    /// a service entry of the directory or the chosen area, a message of a language, or
    /// `bot.toml`. The place is a byte offset when there is one, else a line; line 0 is
    /// the file as a whole.
    pub fn owner_at(&self, file: &Path, offset: Option<usize>, line: usize) -> Owner {
        if line == 0 && offset.is_none() {
            return Owner::File;
        }
        // Whether a part whose key is at (offset, line) starts at or before the place.
        let before = |at: usize, at_line: usize| match offset {
            Some(offset) => at <= offset,
            None => at_line <= line,
        };
        if file == self.settings_file {
            return Owner::Settings;
        }
        if let Some(flow) = self.flows.iter().find(|f| f.file == file) {
            // A key of the flow's own written after its steps (such as a table
            // `[deep_links]`) ends the last step's part.
            return match flow
                .steps
                .iter()
                .filter(|s| before(s.at, s.line))
                .max_by_key(|s| s.at)
                .filter(|step| {
                    !self
                        .others
                        .iter()
                        .any(|(f, at, line)| f == file && before(*at, *line) && *at > step.at)
                }) {
                Some(step) => Owner::Step {
                    flow: flow.id.clone(),
                    step: step.id.clone(),
                },
                None => Owner::Flow {
                    flow: flow.id.clone(),
                },
            };
        }
        if let Some(service) = self
            .services
            .iter()
            .filter(|s| s.file == file && before(s.at, s.line))
            .max_by_key(|s| s.at)
        {
            let in_other = self
                .others
                .iter()
                .any(|(f, at, line)| f == file && before(*at, *line) && *at > service.at);
            return if in_other {
                Owner::File
            } else {
                Owner::Service {
                    id: service.id.clone(),
                }
            };
        }
        for texts in &self.texts {
            if let Some((_, id, _, _)) = texts
                .places
                .iter()
                .find(|(f, _, first, last)| f == file && (*first..=*last).contains(&line))
            {
                return Owner::Message {
                    lang: texts.code.clone(),
                    id: id.clone(),
                };
            }
        }
        Owner::File
    }
}

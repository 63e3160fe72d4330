//! Flow files: each read on its own into its settings and its steps, with positions.
//! Names of other steps, flows and services are resolved later, in `link`.

use toml::Spanned;
use toml::de::DeValue;

use super::diag::Report;
use super::raw;
use super::span::SourceFile;
use super::toml_file;
use crate::model::{FlowIdx, StepIdx, limits};

/// One flow file as read.
#[derive(Debug)]
pub struct FlowDef<'f> {
    pub file: &'f SourceFile,
    /// The flow's id, when the file names one (even if other parts are broken).
    pub id: Option<Spanned<String>>,
    pub head: Option<raw::FlowHead>,
    pub steps: Vec<StepDef>,
    /// Whether the ids of all its steps are known (the file parsed).
    pub step_ids_known: bool,
    /// Whether everything in it was read: only then can it be told which of its steps
    /// cannot be reached.
    pub complete: bool,
}

// The linked flows and their steps keep the order of their definitions, so an index of
// the model also picks the definition it was built from.
impl<'f> std::ops::Index<FlowIdx> for [FlowDef<'f>] {
    type Output = FlowDef<'f>;
    fn index(&self, i: FlowIdx) -> &FlowDef<'f> {
        &self[i.index()]
    }
}

impl std::ops::Index<StepIdx> for Vec<StepDef> {
    type Output = StepDef;
    fn index(&self, i: StepIdx) -> &StepDef {
        &self[i.index()]
    }
}

/// One step as read; `raw` is `None` when its table had errors.
#[derive(Debug)]
pub struct StepDef {
    pub id: String,
    /// Where its `[steps.<id>]` key is.
    pub at: usize,
    pub raw: Option<raw::Step>,
}

impl FlowDef<'_> {
    pub fn step(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    pub fn step_ids(&self) -> impl Iterator<Item = &str> {
        self.steps.iter().map(|s| s.id.as_str())
    }
}

pub(super) fn parse<'f>(file: &'f SourceFile, report: &mut Report) -> FlowDef<'f> {
    let (mut doc, parsed) = toml_file::parse_lenient(file, report);
    let id = doc.get_ref().get("id").and_then(|v| {
        v.get_ref()
            .as_str()
            .map(|s| Spanned::new(v.span(), s.to_string()))
    });
    let mut flow = FlowDef {
        file,
        id,
        head: None,
        steps: Vec::new(),
        step_ids_known: false,
        complete: false,
    };
    if !parsed {
        return flow;
    }
    let steps = toml_file::take(doc.get_mut(), "steps");
    flow.head = toml_file::read_table::<raw::FlowHead>(file, doc, report);
    if let Some(head) = &flow.head {
        flow.id = Some(head.id.clone());
    }
    let Some(steps) = steps else {
        report.push(file.error(
            0,
            "the flow has no steps; add at least one [steps.<id>] table",
        ));
        return flow;
    };
    let at = steps.span().start;
    let DeValue::Table(table) = steps.into_inner() else {
        report.push(file.error(at, "steps must be tables, such as [steps.intro]"));
        return flow;
    };
    if table.len() > limits::MAX_STEPS_PER_FLOW {
        report.push(file.error(
            at,
            format!(
                "{} steps; at most {} are allowed in one flow",
                table.len(),
                limits::MAX_STEPS_PER_FLOW
            ),
        ));
    }
    flow.step_ids_known = true;
    let mut complete = flow.head.is_some();
    for (key, value) in table {
        let raw: Option<raw::Step> = toml_file::read(file, value, report);
        complete &= raw.is_some();
        flow.steps.push(StepDef {
            id: key.get_ref().to_string(),
            at: key.span().start,
            raw,
        });
    }
    flow.complete = complete;
    flow
}

//! `signpost graph`: a picture of each flow, as SVG or Mermaid text, with what `check`
//! found marked on it. A set with errors is pictured too, as written.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use super::ContentArgs;
use crate::load::Document;
use crate::staff::graph::{self, FlowGraph};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Svg,
    Mermaid,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Mermaid => "mmd",
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub content: ContentArgs,
    /// Only this flow (its id).
    #[arg(long, value_name = "ID")]
    pub flow: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Svg)]
    pub format: Format,
    /// The folder for `<flow>.svg` or `<flow>.mmd`; `-` prints to standard output.
    #[arg(long, value_name = "DIR", default_value = "graphs")]
    pub out: PathBuf,
    #[command(flatten)]
    pub today: super::TodayArg,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let options = args.today.load_options();
    let document = Document::read(&args.content.flows, &args.content.locales);
    let report = crate::load::check(&document, &options);
    let mut graphs = graph::graphs(&document, &report);
    if let Some(id) = &args.flow {
        graphs.retain(|g| &g.id == id);
        if graphs.is_empty() {
            let known: Vec<&str> = document
                .content()
                .flows
                .iter()
                .map(|f| f.id.as_str())
                .collect();
            anyhow::bail!("no flow \"{id}\"; the flows are: {}", known.join(", "));
        }
    }
    if args.out.as_os_str() == "-" {
        std::io::stdout().write_all(to_stdout(&graphs, args.format)?.as_bytes())?;
    } else {
        std::fs::create_dir_all(&args.out)
            .with_context(|| format!("cannot create {}", args.out.display()))?;
        for (index, g) in graphs.iter().enumerate() {
            let path = args
                .out
                .join(format!("{}.{}", file_stem(&g.id), args.format.extension()));
            std::fs::write(&path, render(g, index, args.format))
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
    }
    if !report.diagnostics.is_empty() {
        eprintln!(
            "signpost check: {} error(s), {} warning(s); those about flows are marked in the \
             pictures",
            report.errors(),
            report.warnings()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn render(graph: &FlowGraph, index: usize, format: Format) -> String {
    match format {
        Format::Svg => graph::svg(graph, &format!("g{index}")),
        Format::Mermaid => graph::mermaid(graph),
    }
}

/// One SVG document, or Mermaid text: alone for one flow, as Markdown sections for
/// several (which is how wikis and issue trackers show Mermaid).
fn to_stdout(graphs: &[FlowGraph], format: Format) -> anyhow::Result<String> {
    match (graphs, format) {
        ([one], _) => Ok(render(one, 0, format)),
        (_, Format::Svg) => {
            anyhow::bail!("one SVG at a time on standard output: add --flow ID, or --out DIR")
        }
        (all, Format::Mermaid) => Ok(all
            .iter()
            .map(|g| format!("## {}\n\n```mermaid\n{}```\n", g.id, graph::mermaid(g)))
            .collect::<Vec<_>>()
            .join("\n")),
    }
}

/// A flow id as a file name: the characters a flow id should have, others replaced.
fn file_stem(id: &str) -> String {
    let stem: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if stem.is_empty() {
        "flow".to_string()
    } else {
        stem
    }
}

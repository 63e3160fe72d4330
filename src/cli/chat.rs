//! `signpost chat`: the same flows in the terminal, for staff and for anyone without a
//! bot token. Buttons are numbered; anything else typed is sent as text. It reads a pipe
//! as well as a terminal, so conversations can be scripted (the golden transcripts in
//! `tests/fixtures/transcripts/` are made this way).
//!
//! A second host beside the Telegram adapter, without a store: the one conversation's
//! session is a variable of this process. Nothing is written (no session, no key, no
//! statistics), the session never expires, and ending the command ends the
//! conversation. A quick exit forgets the session, so the next line starts a new
//! conversation; deletions are only announced in brackets, since a terminal deletes
//! nothing.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use jiff::Timestamp;

use super::ContentArgs;
use crate::engine::{self, Button, Context, Effect, Input, Outcome, Reply, Session, Stat};
use crate::model::FlowSet;

/// The options of `signpost chat`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The handover to a person is never offered here: it needs a staff \
group on Telegram, and playing both sides in one terminal would train staff on a \
conversation without its real parts (topics, pacing, the personal-data question). Train \
in a test group with `signpost run` and a test bot instead (see README.md, \"Handover to \
a person\")."
)]
pub struct Args {
    /// Where the flows and the texts are.
    #[command(flatten)]
    pub content: ContentArgs,
    /// Language to talk in (default: the first choice of $LANG, else the default).
    #[arg(long)]
    pub lang: Option<String>,
    /// Start in this flow instead of the main one.
    #[arg(long)]
    pub flow: Option<String>,
    /// Pretend it is this instant (RFC 3339, e.g. 2026-11-30T10:00:00+01:00), for
    /// opening hours; default: the real time at each message.
    #[arg(long)]
    pub now: Option<Timestamp>,
}

impl Args {
    /// The arguments with every default (and environment variable) applied.
    pub fn parse_defaults() -> Self {
        #[derive(clap::Parser)]
        struct Only {
            #[command(flatten)]
            args: Args,
        }
        <Only as clap::Parser>::parse_from(["signpost"]).args
    }
}

/// How a conversation starts and what time it is.
#[derive(Debug, Clone, Default)]
pub struct ChatOptions {
    /// The language to talk in; `None`: the default.
    pub lang: Option<String>,
    /// The flow to start in; `None`: the main flow.
    pub flow: Option<String>,
    /// The instant to pretend it is; `None`: the real time at each message.
    pub now: Option<Timestamp>,
}

/// Talks to the flows in the terminal until the input ends.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (set, report) = crate::load::load(&args.content.flows, &args.content.locales);
    let Some(set) = set else {
        eprintln!("{report}");
        return Ok(ExitCode::FAILURE);
    };
    if report.warnings() > 0 {
        eprintln!(
            "signpost: {} warning(s); run `signpost check`",
            report.warnings()
        );
    }
    let stdin = io::stdin();
    let echo = !stdin.is_terminal();
    let options = ChatOptions {
        lang: args.lang.or_else(terminal_language),
        flow: args.flow,
        now: args.now,
    };
    converse(&set, &options, stdin.lock(), io::stdout().lock(), echo)?;
    Ok(ExitCode::SUCCESS)
}

/// The language of the terminal (`LANG=sv_SE.UTF-8` gives `sv`).
fn terminal_language() -> Option<String> {
    let lang = std::env::var("LANG").ok()?;
    let code = lang.split(['_', '.', '@']).next()?.to_string();
    (!code.is_empty() && code != "C" && code != "POSIX").then_some(code)
}

/// Runs a conversation: reads lines from `input` until it ends, writes the bot's side to
/// `output`. With `echo`, each input line is written after the prompt, so the output of
/// a piped conversation reads as a transcript. Returns the aggregate events the
/// conversation produced (the steps and services shown), which tests use for coverage.
pub fn converse(
    set: &FlowSet,
    options: &ChatOptions,
    input: impl BufRead,
    mut output: impl Write,
    echo: bool,
) -> io::Result<Vec<Stat>> {
    let now = || options.now.unwrap_or_else(Timestamp::now);
    let first = match &options.flow {
        Some(flow) => engine::enter(set, flow, options.lang.as_deref(), now()),
        None => {
            let ctx = Context {
                language_hint: options.lang.as_deref(),
                // No staff here: see the command's help.
                handover_available: false,
            };
            engine::handle(set, None, &Input::Text("/start".into()), &ctx, now())
        }
    };
    let mut session: Option<Session> = None;
    let mut stats = Vec::new();
    let mut buttons = show(&mut output, first, &mut session, &mut stats)?;
    for line in input.lines() {
        let line = line?;
        write!(output, "> ")?;
        if echo {
            writeln!(output, "{line}")?;
        }
        let trimmed = line.trim();
        let input = match trimmed.parse::<usize>() {
            Ok(n) if (1..=buttons.len()).contains(&n) => Input::Button(buttons[n - 1].data.clone()),
            _ => Input::Text(line.clone()),
        };
        let ctx = Context {
            language_hint: options.lang.as_deref(),
            handover_available: false,
        };
        let outcome = engine::handle(set, session.take(), &input, &ctx, now());
        buttons = show(&mut output, outcome, &mut session, &mut stats)?;
    }
    writeln!(output, "> ")?;
    Ok(stats)
}

/// Prints an outcome and returns the buttons now on screen, numbered from 1.
fn show(
    output: &mut impl Write,
    outcome: Outcome,
    session: &mut Option<Session>,
    stats: &mut Vec<Stat>,
) -> io::Result<Vec<Button>> {
    *session = outcome.session;
    let mut on_screen = Vec::new();
    for effect in outcome.effects {
        match effect {
            Effect::Reply(reply) => print_reply(output, reply, &mut on_screen)?,
            Effect::DeleteInput => writeln!(output, "(your message was deleted)")?,
            // The terminal deletes nothing, so nothing can fail to be deleted: the
            // farewell is always the one said.
            Effect::QuickExit { farewell, .. } => {
                writeln!(output, "(the conversation was deleted)")?;
                print_reply(output, farewell, &mut on_screen)?;
            }
            Effect::IfNotDeleted(_) => {}
            Effect::Count(stat) => stats.push(stat),
            // Never offered here (no staff), so never accepted.
            Effect::Handover(_) => {}
        }
    }
    Ok(on_screen)
}

fn print_reply(
    output: &mut impl Write,
    reply: Reply,
    on_screen: &mut Vec<Button>,
) -> io::Result<()> {
    writeln!(output)?;
    for line in reply.text.lines() {
        writeln!(output, "  {line}")?;
    }
    if !reply.buttons.is_empty() {
        // A new menu replaces the old one, as on Telegram where old buttons go stale.
        on_screen.clear();
        for row in reply.buttons {
            let cells: Vec<String> = row
                .into_iter()
                .map(|button| {
                    let cell = format!("[{}] {}", on_screen.len() + 1, button.label);
                    on_screen.push(button);
                    cell
                })
                .collect();
            writeln!(output, "    {}", cells.join("   "))?;
        }
    }
    writeln!(output)
}

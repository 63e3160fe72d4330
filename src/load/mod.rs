//! Reads `flows/` and `locales/` into a [`Document`], checks everything and builds a
//! validated [`FlowSet`](crate::model::FlowSet), or reports every problem at once,
//! compiler-style (`flows/buyer.toml:14:9: error: ...`), each problem with its owner
//! (the step, service or message it is about).
//!
//! Reading is the IO edge (`files::read`, or `Document::from_memory`); everything after
//! it is pure. The work goes in stages, each reporting into one [`Report`] and none
//! stopping the others: `files` sorts and decodes what was read; `settings`, `services`,
//! `areas`, `flows` and `locales` read one kind of file each; `link` resolves the names
//! between them; `checks` look at the whole. Only a set without errors is built.
//! `content` is the document's lenient view, for the staff tools.
//!
//! **Invariant:** the only way to get a `FlowSet` outside tests; the engine never sees an
//! unchecked flow; no other module parses the flow or text files.

mod areas;
mod checks;
pub(crate) mod content;
mod diag;
mod document;
mod files;
mod flows;
mod hours;
mod link;
mod locales;
mod raw;
mod services;
mod settings;
mod span;
mod suggest;
mod summary;
mod toml_file;
mod toml_words;
mod tree;
mod understanding;

pub use diag::{Diagnostic, Kind, Owner, Report, Severity, VerificationAge};
pub use document::Document;
pub use files::{AREAS_DIR, REVIEW_FILE};
pub use hours::parse_interval;
pub use locales::{
    MessageReview, ReviewRecord, SOURCE_LANG, entry_span, message_ids, message_review,
    parse_records, source_hash, syntax_errors, write_records,
};
pub use services::VERIFICATION_MAX_AGE_DAYS;
pub use summary::{Completeness, ReviewCounts, Table, review_name};

use std::path::Path;

use crate::locale::Locales;
use crate::model::{AgeRule, Directory, FlowIdx, FlowSet, Settings};

/// What a check depends on besides the files.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The date verifications are measured against.
    pub today: jiff::civil::Date,
}

impl LoadOptions {
    /// Today's date in Sweden.
    pub fn now() -> Self {
        let now = jiff::Timestamp::now();
        let today = now.in_tz("Europe/Stockholm").map_or_else(
            |_| now.in_tz("UTC").map(|z| z.date()).unwrap_or_default(),
            |z| z.date(),
        );
        LoadOptions { today }
    }
}

/// Loads and checks the flow folder and the locale folder. Returns the flow set when
/// there are no errors (warnings allowed), and the report in every case.
pub fn load(flows: &Path, locales: &Path) -> (Option<FlowSet>, Report) {
    load_with(flows, locales, &LoadOptions::now())
}

/// [`load`] with the date and other circumstances given, for tests and for checking
/// a set as of another day: reads the folders, then [`analyse`]s the document.
pub fn load_with(flows: &Path, locales: &Path, options: &LoadOptions) -> (Option<FlowSet>, Report) {
    analyse(&Document::read(flows, locales), options)
}

/// Everything wrong with a document (and the facts the staff tools show beside it:
/// how complete each language is, how old each verification is).
pub fn check(document: &Document, options: &LoadOptions) -> Report {
    analyse(document, options).1
}

/// The flow set a document describes, when it has no errors.
pub fn build(document: &Document, options: &LoadOptions) -> Option<FlowSet> {
    analyse(document, options).0
}

/// [`check`] and [`build`] in one pass: the flow set when there are no errors, and the
/// report in every case, each diagnostic with its owner.
pub fn analyse(document: &Document, options: &LoadOptions) -> (Option<FlowSet>, Report) {
    let (set, mut report) = analyse_parts(document, options);
    for d in &mut report.diagnostics {
        if d.owner == Owner::File {
            d.owner = document.owner_at(d);
        }
    }
    report.verifications = document
        .content()
        .services
        .iter()
        .filter_map(|s| {
            let days = (options.today - s.verified_on?).get_days();
            Some(VerificationAge {
                file: s.file.clone(),
                id: s.id.clone(),
                days,
                stale: services::is_stale(days),
            })
        })
        .collect();
    (set, report)
}

fn analyse_parts(document: &Document, options: &LoadOptions) -> (Option<FlowSet>, Report) {
    let flows = document.flows_dir();
    let locales = document.locales_dir();
    let mut report = Report {
        diagnostics: document.problems.clone(),
        ..Report::default()
    };
    let sources = &document.sources;
    let bot = sources
        .bot
        .as_ref()
        .and_then(|f| settings::parse(f, &mut report));
    let bot_and_file = bot.as_ref().zip(sources.bot.as_ref());
    let mut directory = services::parse(sources.services.as_ref(), options.today, &mut report);
    let roles = areas::bind(
        &sources.areas,
        sources.services.as_ref(),
        bot_and_file,
        &mut directory,
        options.today,
        &mut report,
    );
    let defs: Vec<flows::FlowDef> = sources
        .flows
        .iter()
        .map(|f| flows::parse(f, &mut report))
        .collect();
    let terms = locales::directory_terms(&directory, &roles);
    let langs = locales::parse(&sources.locales, &terms, &mut report);

    let linked = link::link(&defs, &directory, &roles, bot_and_file, &mut report);
    let roots: Vec<FlowIdx> = linked
        .main_flow
        .into_iter()
        .chain(linked.deep_links.values().map(|d| d.flow))
        .chain(linked.age_flow)
        .collect();
    checks::graph::check(&defs, &linked.flows, &roots, &mut report);
    checks::handover::check(&defs, &linked.flows, bot_and_file, &mut report);
    if directory.complete && defs.iter().all(|d| d.complete) {
        checks::unused_services(
            &directory,
            &linked.flows,
            &linked
                .emergency_service
                .into_iter()
                .chain(linked.distress_services.iter().copied())
                // With several areas, an area's services are shown through its roles.
                .chain(
                    roles
                        .areas
                        .iter()
                        .flat_map(|a| a.roles.iter().map(|r| r.service)),
                )
                .collect::<Vec<_>>(),
            &mut report,
        );
    }

    let mut uses = linked.uses;
    uses.extend(checks::messages::service_uses(&directory));
    uses.extend(checks::messages::builtin_uses(&directory));
    let understanding = bot.as_ref().is_some_and(|b| {
        b.intents
            .iter()
            .any(|r| r.intent == crate::model::Intent::Distress && !r.keywords.is_empty())
    });
    if understanding {
        uses.extend(checks::messages::understanding_uses(&directory));
    }
    if !roles.areas.is_empty() {
        uses.extend(checks::messages::place_uses(&directory));
    }
    let hours = directory.services.iter().any(|s| {
        s.service
            .as_ref()
            .is_some_and(|s| matches!(s.hours, Some(crate::model::Hours::Weekly { .. })))
    }) || defs
        .iter()
        .any(|d| d.head.as_ref().is_some_and(|h| h.when_closed.is_some()));
    if hours {
        uses.extend(checks::messages::hours_uses(&directory));
    }
    if checks::handover::needed(&defs, bot.as_ref()) {
        uses.extend(checks::handover::uses(&directory));
    }
    if let Some((bot, file)) = bot_and_file {
        report.completeness =
            checks::messages::check(bot, file, locales, &langs, &uses, &mut report);
        let mut table = std::mem::take(&mut report.completeness);
        locales::count_reviews(&langs, &mut table, &mut report);
        report.completeness = table;
        checks::lengths::check(
            &checks::messages::offered(bot, &langs),
            &uses,
            &defs,
            &linked.flows,
            &directory,
            &mut report,
        );
        let offered = checks::messages::offered(bot, &langs);
        checks::messages::hidden_names(&offered, &directory, &mut report);
        checks::readability::check(&offered, &mut report);
    }
    checks::local::check(&defs, &linked.flows, &directory, &mut report);

    if report.errors() > 0 {
        return (None, report);
    }
    let built = (|| {
        let bot = bot?;
        let services = directory
            .services
            .into_iter()
            .map(|s| s.service)
            .collect::<Option<Vec<_>>>()?;
        let mut languages = Vec::new();
        let mut langs = langs;
        for code in &bot.languages {
            let at = langs.iter().position(|l| l.code == code.get_ref())?;
            languages.push(langs.swap_remove(at).language);
        }
        Some(FlowSet {
            version: sources.version,
            settings: Settings {
                main_flow: linked.main_flow?,
                default_language: bot.default_language.into_inner(),
                languages: bot.languages.into_iter().map(|l| l.into_inner()).collect(),
                emergency_service: linked.emergency_service?,
                intents: bot.intents,
                fallback_language: bot.fallback_language.into_inner(),
                distress_services: linked.distress_services,
                age: match (bot.age, linked.age_flow) {
                    (Some(age), Some(flow)) => Some(AgeRule {
                        flow,
                        under: age.under,
                        before: age.before,
                        after: age.after,
                        examples: age.examples,
                        opening: age.opening,
                        first: age.first,
                        school: age.school,
                    }),
                    _ => None,
                },
                max_taps: bot.max_taps,
                questions: linked.questions,
                handover: match (bot.handover, linked.handover_service) {
                    (Some(h), Some(service)) => Some(crate::model::Handover {
                        group: h.group,
                        service,
                        languages: h.languages,
                        inactivity_minutes: h.inactivity_minutes,
                        hours: h.hours?,
                        staff: h.staff,
                    }),
                    _ => None,
                },
            },
            flows: linked.flows,
            services: Directory {
                services,
                area: roles.area,
                roles: roles.bindings,
                areas: roles.areas,
                local: linked.local,
            },
            locales: Locales::new(languages),
            deep_links: linked.deep_links,
            understanding: Default::default(),
        })
    })()
    .map(|mut set| {
        set.understanding = understanding::model(&set);
        set
    });
    if let Some(set) = &built {
        checks::typed::check(
            &defs,
            &set.flows,
            &set.settings,
            &set.services.services,
            &mut report,
        );
        if report.errors() > 0 {
            return (None, report);
        }
    }
    if built.is_none() {
        // Every way to get here is an error reported above; this guards the invariant
        // should a check be missing.
        report.push(Diagnostic::error(
            flows,
            0,
            0,
            "the flow set could not be built although no error was found",
        ));
    }
    (built, report)
}

//! Live reload against the real bot: staff edit the files while conversations go on. A
//! valid change goes live without a restart (on SIGHUP, and by itself when the files
//! change); a broken change is refused, logged with the `check` report, and the running
//! flows keep serving; a conversation whose step was renamed continues sensibly.

use std::path::PathBuf;

use crate::support::bot::{BotProcess, Dirs, Launch};
use crate::support::fake_api::{FakeApi, User};
use crate::support::files::{copy_dir, fixture, replace_in};
use crate::support::person::Person;

/// A copy of the engine's fixture set that the test may edit.
struct Content {
    _dir: tempfile::TempDir,
    flows: PathBuf,
    locales: PathBuf,
}

impl Content {
    fn new() -> Content {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
        copy_dir(&fixture("engine"), dir.path());
        Content {
            flows: dir.path().join("flows"),
            locales: dir.path().join("locales"),
            _dir: dir,
        }
    }

    fn launch(&self) -> Launch {
        Launch {
            flows: self.flows.clone(),
            locales: self.locales.clone(),
            ..Launch::default()
        }
    }
}

/// Starts the bot on `content`, looking for changed files every `watch_seconds`.
async fn start(content: &Content, watch_seconds: &str) -> (FakeApi, Dirs, BotProcess) {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::spawn(
        &fake,
        &mut dirs,
        content.launch().arg("--watch-seconds").arg(watch_seconds),
    );
    bot.wait_polling(&fake).await;
    (fake, dirs, bot)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_takes_a_valid_change_and_refuses_a_broken_one() {
    let content = Content::new();
    let (fake, dirs, bot) = start(&content, "0").await;
    let person = Person::new(&fake, User::new(710_001, "Eva").language("sv"));

    assert!(person.says("/start").await.says("[sv] hello"));
    person.presses("[sv] other?").await;

    // A text changes and a step is renamed while the person is on it.
    replace_in(
        &content.locales.join("sv/main.ftl"),
        "hello = [sv] hello",
        "hello = [sv] hej, ny text",
    );
    let other = content.flows.join("other.toml");
    replace_in(&other, "start = \"first\"", "start = \"opening\"");
    replace_in(&other, "[steps.first]", "[steps.opening]");
    bot.hangup();
    dirs.wait_output("new flows in service").await;

    // The old button belongs to a step that no longer exists: the person is told and
    // taken to the start, which now has the new text.
    let answer = person.presses("[sv] back").await;
    assert!(answer.says("[sv] gone"), "{}", answer.text());
    assert!(answer.says("[sv] hej, ny text"), "{}", answer.text());

    // A broken edit is refused and changes nothing for the person.
    replace_in(
        &content.flows.join("menu.toml"),
        "goto = \"info\" }",
        "goto = \"infoo\" }",
    );
    bot.hangup();
    dirs.wait_output("was refused").await;
    assert!(
        dirs.output().contains("unknown step \"infoo\""),
        "the refusal is logged with the check report:\n{}",
        dirs.output()
    );
    let answer = person.says("/start").await;
    assert!(answer.says("[sv] hej, ny text"), "{}", answer.text());
    let answer = person.presses("[sv] info?").await;
    assert!(answer.says("[sv] info"), "{}", answer.text());

    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_file_goes_live_without_a_signal() {
    let content = Content::new();
    let (fake, dirs, bot) = start(&content, "1").await;
    let person = Person::new(&fake, User::new(710_002, "Ines").language("en"));
    assert!(person.says("/start").await.says("[en] hello"));

    replace_in(
        &content.locales.join("en/main.ftl"),
        "hello = [en] hello",
        "hello = [en] welcome back",
    );
    dirs.wait_output("new flows in service").await;
    let answer = person.says("/start").await;
    assert!(answer.says("[en] welcome back"), "{}", answer.text());

    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_sets_the_profile_texts_that_changed() {
    let content = Content::new();
    let (fake, dirs, bot) = start(&content, "0").await;
    // The fixture has no profile texts: nothing is set, and the log says what is missing.
    dirs.wait_output("bot profile texts checked").await;
    assert!(fake.calls("setMyDescription").is_empty());
    assert!(dirs.output().contains("a profile text is left out"));

    for lang in ["sv", "en"] {
        std::fs::write(
            content.locales.join(lang).join("profile.ftl"),
            format!(
                "bot-description = Support and advice ({lang})\nbot-short-description = Advice ({lang})\n"
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    bot.hangup();
    fake.wait_for("the profile after the reload", |s| {
        (s.profile.len() == 6).then_some(())
    })
    .await;
    assert_eq!(
        fake.profile("description", "en").as_deref(),
        Some("Support and advice (en)")
    );
    assert_eq!(
        fake.profile("short_description", "").as_deref(),
        Some("Advice (sv)")
    );
    assert!(bot.stop().await.success());
}

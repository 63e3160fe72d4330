//! Operations: `signpost doctor` against the fake Bot API (each check that can fail, and
//! the all-good case), and the systemd unit in `deploy/` checked by systemd's own tools
//! where they exist.

use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use tokio::process::Command;

use crate::support::fake_api::{BOT_USERNAME, FakeApi, TOKEN, state::Webhook};
use crate::support::files::{fixture, repo};

/// A set-up for the doctor to look at: a data folder closed to others and a key folder
/// beside it, both in a temporary folder.
struct Setup {
    root: tempfile::TempDir,
    args: Vec<String>,
    env: Vec<(String, String)>,
}

impl Setup {
    fn new(fake: &FakeApi) -> Setup {
        let root = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
        let setup = Setup {
            root,
            args: Vec::new(),
            env: vec![
                ("TELOXIDE_TOKEN".into(), fake.token().to_string()),
                ("TELOXIDE_API_URL".into(), fake.url()),
            ],
        };
        // Given as the systemd unit gives them: in the environment.
        let (data, key_file) = (setup.data(), setup.keys().join("signpost.key"));
        let setup = setup
            .env("SIGNPOST_FLOWS", &repo().join("flows").to_string_lossy())
            .env(
                "SIGNPOST_LOCALES",
                &repo().join("locales").to_string_lossy(),
            )
            .env("SIGNPOST_DATA", &setup_path(&data))
            .env("SIGNPOST_KEY_FILE", &setup_path(&key_file));
        std::fs::create_dir(setup.data()).unwrap_or_else(|e| panic!("{e}"));
        set_mode(&setup.data(), 0o700);
        std::fs::create_dir(setup.keys()).unwrap_or_else(|e| panic!("{e}"));
        set_mode(&setup.keys(), 0o700);
        setup
    }

    fn data(&self) -> PathBuf {
        self.root.path().join("data")
    }

    fn keys(&self) -> PathBuf {
        self.root.path().join("keys")
    }

    fn env(mut self, key: &str, value: &str) -> Setup {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.into(), value.into()));
        self
    }

    fn without(mut self, key: &str) -> Setup {
        self.env.retain(|(k, _)| k != key);
        self
    }

    fn arg(mut self, arg: &str) -> Setup {
        self.args.push(arg.into());
        self
    }

    /// Runs `signpost doctor`: its exit code and what it printed.
    async fn doctor(&self) -> (i32, String) {
        let output = Command::new(env!("CARGO_BIN_EXE_signpost"))
            .arg("doctor")
            .args(&self.args)
            .env_clear()
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::null())
            .output()
            .await
            .unwrap_or_else(|e| panic!("cannot run signpost doctor: {e}"));
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.code().unwrap_or(-1), text)
    }
}

fn setup_path(path: &Path) -> String {
    path.to_string_lossy().to_string()
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .unwrap_or_else(|e| panic!("chmod {}: {e}", path.display()));
}

/// The line the doctor printed for `check`, with its mark.
fn line<'a>(output: &'a str, check: &str) -> &'a str {
    output
        .lines()
        .find(|l| l.get(6..).is_some_and(|rest| rest.starts_with(check)))
        .unwrap_or_else(|| panic!("no line for {check}:\n{output}"))
}

fn failing(output: &str) -> Vec<&str> {
    output.lines().filter(|l| l.starts_with("FAIL")).collect()
}

#[tokio::test]
async fn a_good_set_up_passes_every_check() {
    let fake = FakeApi::start().await;
    let setup = Setup::new(&fake);
    let (code, output) = setup.doctor().await;
    assert_eq!(code, 0, "{output}");
    assert_eq!(failing(&output), Vec::<&str>::new(), "{output}");
    assert!(
        line(&output, "Telegram").ends_with(&format!("accepts the token: this is @{BOT_USERNAME}")),
        "{output}"
    );
    for check in [
        "token",
        "API address",
        "update source",
        "webhook",
        "clock",
        "data folder",
        "disk",
    ] {
        assert!(line(&output, check).starts_with("ok"), "{check}:\n{output}");
    }
    // The shipped flows pass `check`; their warnings (if any) are content for staff to
    // weigh, not a reason to stop.
    let flows = line(&output, "flows");
    assert!(flows.contains("pass `check`"), "{output}");
    // The key file does not exist yet; on a disk (not a tmpfs) that is worth a warning.
    assert!(
        line(&output, "key file").contains("does not exist yet"),
        "{output}"
    );
    assert!(
        output.contains("\nReady: everything the bot needs to run is in order"),
        "{output}"
    );
    // The doctor changes nothing: no key file was made, nothing written in the data folder.
    assert!(!setup.keys().join("signpost.key").exists());
    assert_eq!(
        std::fs::read_dir(setup.data())
            .map(Iterator::count)
            .unwrap_or(99),
        0
    );
    assert!(!output.contains(TOKEN), "the token is never printed");
}

#[tokio::test]
async fn a_wrong_token_fails() {
    let fake = FakeApi::start().await;
    let (code, output) = Setup::new(&fake)
        .env("TELOXIDE_TOKEN", "123456789:AAF-not-the-right-one")
        .doctor()
        .await;
    assert_eq!(code, 1, "{output}");
    let telegram = line(&output, "Telegram");
    assert!(telegram.starts_with("FAIL"), "{output}");
    assert!(telegram.contains("does not accept the token"), "{output}");
    assert!(
        output.contains("copy the token again from @BotFather"),
        "{output}"
    );
    assert!(
        !output.contains("AAF-not-the-right-one"),
        "the token is never printed"
    );
}

#[tokio::test]
async fn no_token_fails_and_a_credential_is_taken_instead() {
    let fake = FakeApi::start().await;
    let (code, output) = Setup::new(&fake).without("TELOXIDE_TOKEN").doctor().await;
    assert_eq!(code, 1, "{output}");
    assert!(
        line(&output, "token").starts_with("FAIL  token          no token"),
        "{output}"
    );
    assert!(
        output.contains("LoadCredential=telegram-token:"),
        "{output}"
    );

    // systemd's LoadCredential= puts the token in a file in CREDENTIALS_DIRECTORY.
    let credentials = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        credentials.path().join("telegram-token"),
        format!("{TOKEN}\n"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let folder = credentials.path().to_string_lossy().to_string();
    let (code, output) = Setup::new(&fake)
        .without("TELOXIDE_TOKEN")
        .env("CREDENTIALS_DIRECTORY", &folder)
        .doctor()
        .await;
    assert_eq!(code, 0, "{output}");
    assert!(
        line(&output, "token").contains("set, from the credential"),
        "{output}"
    );
    assert!(line(&output, "Telegram").starts_with("ok"), "{output}");
}

#[tokio::test]
async fn a_webhook_left_set_fails_until_it_is_removed() {
    let fake = FakeApi::start().await;
    fake.with(|s| {
        s.webhook = Some(Webhook {
            url: "https://old-server.example.org/hook/secret-path".into(),
            secret_token: None,
            max_connections: 40,
            last_error: None,
        })
    });
    let setup = Setup::new(&fake);
    let (code, output) = setup.doctor().await;
    assert_eq!(code, 1, "{output}");
    let webhook = line(&output, "webhook");
    assert!(webhook.starts_with("FAIL"), "{output}");
    assert!(webhook.contains("old-server.example.org"), "{output}");
    assert!(
        !output.contains("secret-path"),
        "only the host is shown:\n{output}"
    );
    assert!(
        output.contains("signpost doctor --remove-webhook"),
        "{output}"
    );
    assert!(
        fake.read(|s| s.webhook.is_some()),
        "nothing is changed unasked"
    );

    let (code, output) = setup.arg("--remove-webhook").doctor().await;
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("removed, as asked"), "{output}");
    assert!(fake.read(|s| s.webhook.is_none()));
}

#[tokio::test]
async fn the_token_is_never_sent_unencrypted_over_the_network() {
    let fake = FakeApi::start().await;
    let (code, output) = Setup::new(&fake)
        .env("TELOXIDE_API_URL", "http://192.0.2.1:8081")
        .doctor()
        .await;
    assert_eq!(code, 1, "{output}");
    assert!(line(&output, "API address").starts_with("FAIL"), "{output}");
    assert!(
        line(&output, "Telegram").contains("not checked"),
        "{output}"
    );
}

#[tokio::test]
async fn flows_with_errors_fail() {
    let fake = FakeApi::start().await;
    let broken = fixture("dead_end").join("flows");
    let (code, output) = Setup::new(&fake)
        .env("SIGNPOST_FLOWS", &broken.to_string_lossy())
        .doctor()
        .await;
    assert_eq!(code, 1, "{output}");
    let flows = line(&output, "flows");
    assert!(flows.starts_with("FAIL"), "{output}");
    assert!(flows.contains("error(s)"), "{output}");
    assert!(output.contains("run `signpost check`"), "{output}");
}

#[tokio::test]
async fn a_data_folder_open_to_others_or_missing_fails() {
    let fake = FakeApi::start().await;
    let setup = Setup::new(&fake);
    set_mode(&setup.data(), 0o755);
    let (code, output) = setup.doctor().await;
    assert_eq!(code, 1, "{output}");
    assert!(
        line(&output, "data folder").contains("open to other users of this machine (mode 755)"),
        "{output}"
    );
    assert!(output.contains("chmod 700"), "{output}");

    let setup = Setup::new(&fake);
    std::fs::remove_dir(setup.data()).unwrap_or_else(|e| panic!("{e}"));
    let (code, output) = setup.doctor().await;
    assert_eq!(code, 1, "{output}");
    assert!(
        line(&output, "data folder").contains("does not exist"),
        "{output}"
    );
    assert!(output.contains("install -d -m 700"), "{output}");
}

#[tokio::test]
async fn a_key_file_inside_the_data_folder_or_open_to_others_fails() {
    let fake = FakeApi::start().await;
    let setup = Setup::new(&fake);
    let inside = setup
        .data()
        .join("signpost.key")
        .to_string_lossy()
        .to_string();
    let (code, output) = setup.env("SIGNPOST_KEY_FILE", &inside).doctor().await;
    assert_eq!(code, 1, "{output}");
    let key = line(&output, "key file");
    assert!(key.starts_with("FAIL"), "{output}");
    assert!(key.contains("is inside the data folder"), "{output}");

    // A key file the bot made, later opened to others.
    let setup = Setup::new(&fake);
    let key_file = setup.keys().join("signpost.key");
    std::fs::write(&key_file, "not a key").unwrap_or_else(|e| panic!("{e}"));
    set_mode(&key_file, 0o644);
    let (code, output) = setup.doctor().await;
    assert_eq!(code, 1, "{output}");
    assert!(
        line(&output, "key file").contains("can be read by other users"),
        "{output}"
    );
    assert!(output.contains("chmod 600"), "{output}");
}

#[tokio::test]
async fn a_clock_far_from_telegrams_fails() {
    let fake = FakeApi::start().await;
    // Telegram's clock an hour and a day behind this machine's.
    let behind = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(25);
    let date = jiff::fmt::rfc2822::DateTimePrinter::new()
        .timestamp_to_rfc9110_string(&behind)
        .unwrap_or_else(|e| panic!("{e}"));
    fake.with(|s| s.date_header = Some(date));
    let (code, output) = Setup::new(&fake).doctor().await;
    assert_eq!(code, 1, "{output}");
    let clock = line(&output, "clock");
    assert!(clock.starts_with("FAIL"), "{output}");
    assert!(clock.contains("seconds away from Telegram's"), "{output}");
    assert!(output.contains("timedatectl set-ntp true"), "{output}");
}

/// The unit in `deploy/`, checked by `systemd-analyze verify`; its exposure score from
/// `systemd-analyze security` is printed (run with `--nocapture` to read it) and must
/// stay at "OK" or better (below 5.0).
#[test]
#[ignore = "needs systemd-analyze"]
fn the_systemd_unit_verifies() {
    let analyze = Path::new("/usr/bin/systemd-analyze");
    assert!(
        analyze.exists(),
        "no {} on this machine: this test needs Debian's systemd package (.ci/run installs it)",
        analyze.display()
    );
    let unit = repo().join("deploy/signpost.service");
    // `verify` wants the programs the unit names to exist: the unit points at
    // /usr/local/bin/signpost, so it is checked as a copy that names this build.
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(&unit).unwrap_or_else(|e| panic!("{e}"));
    let copy = folder.path().join("signpost.service");
    std::fs::write(
        &copy,
        text.replace("/usr/local/bin/signpost", env!("CARGO_BIN_EXE_signpost")),
    )
    .unwrap_or_else(|e| panic!("{e}"));

    let verify = StdCommand::new(analyze)
        .args(["verify", "--man=no"])
        .arg(&copy)
        .output()
        .unwrap_or_else(|e| panic!("cannot run systemd-analyze: {e}"));
    let said = String::from_utf8_lossy(&verify.stderr).to_string()
        + &String::from_utf8_lossy(&verify.stdout);
    assert!(verify.status.success(), "systemd-analyze verify:\n{said}");
    // Warnings about the unit itself (not about the machine it runs on) fail the test.
    let about_unit: Vec<&str> = said
        .lines()
        .filter(|l| l.contains("signpost.service"))
        .collect();
    assert!(about_unit.is_empty(), "systemd-analyze verify:\n{said}");

    let security = StdCommand::new(analyze)
        .args(["security", "--offline=true", "--no-pager"])
        .arg(&copy)
        .output()
        .unwrap_or_else(|e| panic!("cannot run systemd-analyze: {e}"));
    let said = String::from_utf8_lossy(&security.stdout).to_string();
    let overall = said
        .lines()
        .find(|l| l.contains("Overall exposure level"))
        .unwrap_or_else(|| {
            panic!(
                "no exposure level:\n{said}\n{}",
                String::from_utf8_lossy(&security.stderr)
            )
        });
    println!("systemd-analyze security: {}", overall.trim());
    let score: f64 = overall
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("no score in {overall:?}"));
    assert!(score < 5.0, "exposure {score} is above OK:\n{said}");
}

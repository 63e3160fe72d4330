//! `signpost studio` over real HTTP: the real binary on a port of 127.0.0.1 the system
//! chose, driven as a browser would (the printed link, the cookie, forms posted with
//! their CSRF token). It refuses what is not from its own page, saves only the lines
//! that changed with the comments kept, refuses what `check` refuses, and never writes
//! over a file changed on disk meanwhile.
//!
//! Two tests drive headless Chromium (Debian's `chromium`), ignored by name (`needs
//! chromium`) as in `staff_report`: the Arabic preview as rendered, and screenshots of
//! the main pages (into `docs/` with `SIGNPOST_UPDATE_SCREENSHOTS=1`).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use reqwest::StatusCode;

use crate::support::chromium::{self, Browser};
use crate::support::files::{copy_dir, fixture, repo};

/// One running studio over a copy of a set.
struct Studio {
    child: Child,
    /// `http://127.0.0.1:PORT`
    base: String,
    token: String,
    flows: PathBuf,
    locales: PathBuf,
    /// Kept open: the studio's stdout stays a pipe someone holds.
    _stdout: BufReader<std::process::ChildStdout>,
    _dir: Option<tempfile::TempDir>,
}

impl Drop for Studio {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Studio {
    /// The studio over a copy of `tests/fixtures/studio`.
    fn on_copy() -> Studio {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixture("studio"), dir.path());
        let (flows, locales) = (dir.path().join("flows"), dir.path().join("locales"));
        Studio::start(&flows, &locales, "2026-03-01", Some(dir))
    }

    /// The studio over a copy of the shipped set, to change it.
    fn on_shipped_copy() -> Studio {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo().join("flows"), &dir.path().join("flows"));
        copy_dir(&repo().join("locales"), &dir.path().join("locales"));
        let (flows, locales) = (dir.path().join("flows"), dir.path().join("locales"));
        Studio::start(&flows, &locales, "2026-12-07", Some(dir))
    }

    /// A fresh browser signed in by the printed link, at `path`.
    fn browser(&self, path: &str) -> Browser {
        let mut browser = Browser::start(&[]);
        browser.goto(&self.link(path));
        browser
    }

    /// The shipped set, named as staff name it (relative to the repository).
    fn shipped() -> Studio {
        Studio::start(Path::new("flows"), Path::new("locales"), "2026-12-07", None)
    }

    fn start(flows: &Path, locales: &Path, today: &str, dir: Option<tempfile::TempDir>) -> Studio {
        let mut child = Command::new(env!("CARGO_BIN_EXE_signpost"))
            .arg("studio")
            .arg("--flows")
            .arg(flows)
            .arg("--locales")
            .arg(locales)
            .args(["--listen", "127.0.0.1:0", "--today", today])
            .current_dir(repo())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("signpost studio starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut stdout = BufReader::new(stdout);
        let mut line = String::new();
        stdout
            .read_line(&mut line)
            .expect("the studio prints its link");
        let link = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no link in {line:?}"))
            .to_string();
        let (base, token) = link
            .split_once("/login?token=")
            .unwrap_or_else(|| panic!("no token in {link}"));
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        Studio {
            child,
            base: base.to_string(),
            token: token.to_string(),
            flows: repo().join(flows),
            locales: repo().join(locales),
            _stdout: stdout,
            _dir: dir,
        }
    }

    fn host(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    /// The printed link, going to `next` after signing in.
    fn link(&self, next: &str) -> String {
        format!("{}/login?token={}&next={next}", self.base, self.token)
    }

    /// Signs in as the browser does, and returns the cookie it was given.
    async fn sign_in(&self) -> String {
        let response = client()
            .get(format!("{}/login?token={}", self.base, self.token))
            .send()
            .await
            .expect("login answers");
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let cookie = response
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .expect("a cookie")
            .to_string();
        cookie.split(';').next().expect("name=value").to_string()
    }

    async fn get(&self, cookie: &str, path: &str) -> (StatusCode, String) {
        let response = client()
            .get(format!("{}{path}", self.base))
            .header("cookie", cookie)
            .send()
            .await
            .expect("the studio answers");
        let status = response.status();
        (status, response.text().await.expect("a body"))
    }

    async fn post(
        &self,
        cookie: &str,
        path: &str,
        form: &[(String, String)],
    ) -> (StatusCode, String) {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let response = client()
            .post(format!("{}{path}", self.base))
            .header("cookie", cookie)
            .header("origin", &self.base)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("the studio answers");
        let status = response.status();
        (status, response.text().await.expect("a body"))
    }

    /// Loads the page at `path`, fills in the form posting to `action` as the browser
    /// would, with `change` applied, and posts it.
    async fn submit(
        &self,
        cookie: &str,
        path: &str,
        action: &str,
        change: &[(&str, &str)],
    ) -> (StatusCode, String) {
        let (status, page) = self.get(cookie, path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let mut form = form(&page, action);
        for (name, value) in change {
            match form.iter_mut().find(|(k, _)| k == name) {
                Some(field) => field.1 = value.to_string(),
                None => form.push((name.to_string(), value.to_string())),
            }
        }
        self.post(cookie, action, &form).await
    }

    /// Posts the card of the fixture's service `line` with `change` made.
    async fn edit_line(&self, cookie: &str, change: &[(&str, &str)]) -> (StatusCode, String) {
        self.submit(cookie, "/service/line", "/service/line", change)
            .await
    }

    async fn save(&self, cookie: &str) -> (StatusCode, String) {
        self.submit(cookie, "/changes", "/save", &[]).await
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .build()
        .expect("an HTTP client")
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn attrs(tag: &str) -> Vec<(String, Option<String>)> {
    let re = regex::Regex::new(r#"([a-zA-Z][\w-]*)(?:="([^"]*)")?"#).expect("regex");
    re.captures_iter(tag)
        .skip(1)
        .map(|c| (c[1].to_string(), c.get(2).map(|v| unescape(v.as_str()))))
        .collect()
}

/// What a browser would post from the form whose action is `action`: its text inputs,
/// checked boxes, chosen options and text areas (no button).
fn form(page: &str, action: &str) -> Vec<(String, String)> {
    let start = page
        .find(&format!("action=\"{action}"))
        .unwrap_or_else(|| panic!("no form to {action} in {page}"));
    let end = page[start..]
        .find("</form>")
        .map_or(page.len(), |e| start + e);
    let html = &page[start..end];
    let mut out = Vec::new();
    let tag = regex::Regex::new(
        r"(?s)<input\b([^>]*)>|<(select|textarea)\b([^>]*)>(.*?)</(?:select|textarea)>",
    )
    .expect("regex");
    let options = regex::Regex::new(r"<option\b([^>]*)>").expect("regex");
    for c in tag.captures_iter(html) {
        let (kind, inner, body) = match c.get(1) {
            Some(a) => ("input", a.as_str(), ""),
            None => (
                c.get(2).map_or("", |m| m.as_str()),
                c.get(3).map_or("", |m| m.as_str()),
                c.get(4).map_or("", |m| m.as_str()),
            ),
        };
        let a = attrs(&format!("{kind} {inner}"));
        let get = |k: &str| {
            a.iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone().unwrap_or_default())
        };
        let Some(name) = get("name") else { continue };
        match kind {
            "input" => {
                if get("type").as_deref() == Some("checkbox") && get("checked").is_none() {
                    continue;
                }
                out.push((name, get("value").unwrap_or_default()));
            }
            "textarea" => out.push((name, unescape(body))),
            _ => {
                let all: Vec<Vec<(String, Option<String>)>> = options
                    .captures_iter(body)
                    .map(|o| attrs(&format!("option {}", &o[1])))
                    .collect();
                let chosen = all
                    .iter()
                    .find(|o| o.iter().any(|(n, _)| n == "selected"))
                    .or(all.first());
                let value = chosen
                    .and_then(|o| o.iter().find(|(n, _)| n == "value"))
                    .and_then(|(_, v)| v.clone())
                    .unwrap_or_default();
                out.push((name, value));
            }
        }
    }
    out
}

fn changed_lines(before: &str, after: &str) -> Vec<(String, String)> {
    assert_eq!(before.lines().count(), after.lines().count(), "{after}");
    before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_printed_link_signs_in_and_the_cookie_is_strict() {
    let studio = Studio::on_copy();
    let plain = client();
    let refused = plain
        .get(format!("{}/", studio.base))
        .send()
        .await
        .expect("answers");
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let wrong = plain
        .get(format!("{}/login?token=0000", studio.base))
        .send()
        .await
        .expect("answers");
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    assert!(wrong.headers().get("set-cookie").is_none());

    let login = plain
        .get(format!("{}/login?token={}", studio.base, studio.token))
        .send()
        .await
        .expect("answers");
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    let cookie = login.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert!(
        !cookie.contains(&studio.token),
        "the link's token is not the cookie"
    );
    let forged = plain
        .get(format!("{}/", studio.base))
        .header("cookie", format!("signpost_studio={}", studio.token))
        .send()
        .await
        .expect("answers");
    assert_eq!(
        forged.status(),
        StatusCode::UNAUTHORIZED,
        "the token is not a cookie"
    );

    let cookie = studio.sign_in().await;
    let home = plain
        .get(format!("{}/", studio.base))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("answers");
    assert_eq!(home.status(), StatusCode::OK);
    let csp = home.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert!(
        !csp.contains("script-src") && !csp.contains("unsafe"),
        "{csp}"
    );
    let page = home.text().await.expect("a body");
    assert!(page.contains("/flow/main"), "{page}");
    assert!(!page.contains("<script"), "no script");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_host_or_origin_is_refused() {
    let studio = Studio::on_copy();
    let cookie = studio.sign_in().await;
    let c = client();
    // DNS rebinding: an attacker's name that resolves to 127.0.0.1.
    let rebound = c
        .get(format!("{}/", studio.base))
        .header(
            "host",
            format!(
                "evil.example:{}",
                studio.host().rsplit(':').next().unwrap_or("")
            ),
        )
        .header("cookie", &cookie)
        .send()
        .await
        .expect("answers");
    assert_eq!(rebound.status(), StatusCode::MISDIRECTED_REQUEST);
    let login = c
        .get(format!("{}/login?token={}", studio.base, studio.token))
        .header("host", "evil.example")
        .send()
        .await
        .expect("answers");
    assert_eq!(
        login.status(),
        StatusCode::MISDIRECTED_REQUEST,
        "not even the link"
    );

    let (_, page) = studio.get(&cookie, "/changes").await;
    let _ = page;
    let other = c
        .post(format!("{}/discard", studio.base))
        .header("cookie", &cookie)
        .header("origin", "http://evil.example")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("csrf=x")
        .send()
        .await
        .expect("answers");
    assert_eq!(other.status(), StatusCode::FORBIDDEN);
    assert!(other.text().await.expect("body").contains("another site"));
    let huge = c
        .post(format!("{}/try", studio.base))
        .header("cookie", &cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf=x&text={}", "a".repeat(512 * 1024)))
        .send()
        .await;
    // The studio answers 413 from the announced length and closes the connection without
    // reading the rest, so the client may see that answer or only the closed connection
    // while it still sends: either way the body was refused.
    match huge {
        Ok(answer) => assert_eq!(
            answer.status(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "a size limit"
        ),
        Err(error) => assert!(error.is_request(), "refused while sending: {error}"),
    }
    let same = c
        .get(format!("{}/", studio.base))
        .header("cookie", &cookie)
        .header("origin", &studio.base)
        .send()
        .await
        .expect("answers");
    assert_eq!(same.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_without_its_csrf_token_is_refused() {
    let studio = Studio::on_copy();
    let cookie = studio.sign_in().await;
    let services = studio.flows.join("services.toml");
    let before = std::fs::read_to_string(&services).expect("services.toml");
    let (_, page) = studio.get(&cookie, "/service/line").await;
    let mut fields = form(&page, "/service/line");
    for f in fields.iter_mut() {
        if f.1 == "020-00 00 00" {
            f.1 = "020-11 11 11".into();
        }
    }
    let without: Vec<(String, String)> = fields
        .iter()
        .filter(|(k, _)| k != "csrf")
        .cloned()
        .collect();
    let (status, body) = studio.post(&cookie, "/service/line", &without).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("CSRF"), "{body}");
    let wrong: Vec<(String, String)> = fields
        .iter()
        .map(|(k, v)| {
            if k == "csrf" {
                (k.clone(), "f".repeat(64))
            } else {
                (k.clone(), v.clone())
            }
        })
        .collect();
    let (status, _) = studio.post(&cookie, "/service/line", &wrong).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = studio.post(&cookie, "/save", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, changes) = studio.get(&cookie, "/changes").await;
    assert!(
        changes.contains("No edits waiting"),
        "nothing reached the draft: {changes}"
    );
    assert_eq!(
        std::fs::read_to_string(&services).expect("services.toml"),
        before
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_phone_number_and_hours_are_saved_with_comments_and_only_their_lines() {
    let studio = Studio::on_copy();
    let cookie = studio.sign_in().await;
    let services = studio.flows.join("services.toml");
    let before = std::fs::read_to_string(&services).expect("services.toml");
    let (status, page) = studio
        .edit_line(&cookie, &[("value0", "020-11 22 33")])
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Kept in the draft"), "{page}");
    assert_eq!(
        std::fs::read_to_string(&services).expect("services.toml"),
        before,
        "a draft is not written"
    );

    let (_, changes) = studio.get(&cookie, "/changes").await;
    assert!(
        changes.contains("020-11 22 33"),
        "the diff shows the new number: {changes}"
    );
    let (status, saved) = studio.save(&cookie).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert!(saved.contains("Saved:"), "{saved}");
    let after = std::fs::read_to_string(&services).expect("services.toml");
    assert_eq!(
        changed_lines(&before, &after),
        vec![(
            "  { kind = \"phone\", value = \"020-00 00 00\" },".to_string(),
            "  { kind = \"phone\", value = \"020-11 22 33\" },".to_string()
        )]
    );
    assert!(
        after.contains("# The studio tests edit this entry: these comments must survive a save.")
    );
    assert!(after.contains("  # The number on the checked page.\n"));
    let leftovers: Vec<_> = std::fs::read_dir(&studio.flows)
        .expect("flows")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("studio-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left");
    let check = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["check", "--today", "2026-03-01", "--flows"])
        .arg(&studio.flows)
        .arg("--locales")
        .arg(&studio.locales)
        .output()
        .expect("check runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    // Opening hours: weekday periods instead of day and night, one key each.
    let before = after;
    let (status, page) = studio
        .edit_line(
            &cookie,
            &[("always", ""), ("mon", "08:00-12:00, 13:00-16:00")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let (status, saved) = studio.save(&cookie).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let after = std::fs::read_to_string(&services).expect("services.toml");
    assert_eq!(
        changed_lines(&before, &after),
        vec![(
            "always = true".to_string(),
            "mon = [\"08:00-12:00\", \"13:00-16:00\"]".to_string()
        )]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_number_is_refused_with_the_check_message_and_never_written() {
    let studio = Studio::on_copy();
    let cookie = studio.sign_in().await;
    let services = studio.flows.join("services.toml");
    let before = std::fs::read_to_string(&services).expect("services.toml");
    let (status, page) = studio.edit_line(&cookie, &[("value0", "call us")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(
        page.contains("Refused, as signpost check refuses it"),
        "{page}"
    );
    assert!(
        page.contains("is not a phone number"),
        "check's own words: {page}"
    );
    let (status, saved) = studio.save(&cookie).await;
    assert_eq!(status, StatusCode::CONFLICT, "{saved}");
    assert!(
        saved.contains("Not saved: the draft has 1 error(s)"),
        "{saved}"
    );
    assert_eq!(
        std::fs::read_to_string(&services).expect("services.toml"),
        before
    );

    // A shown fact without its source is refused the same way.
    let (status, page) = studio
        .edit_line(&cookie, &[("value0", "020-00 00 00"), ("source", "")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("Refused"), "{page}");
    assert_eq!(
        std::fs::read_to_string(&services).expect("services.toml"),
        before
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_changed_on_disk_is_not_overwritten() {
    let studio = Studio::on_copy();
    let cookie = studio.sign_in().await;
    let services = studio.flows.join("services.toml");
    let (status, page) = studio
        .edit_line(&cookie, &[("value0", "020-11 22 33")])
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    // Someone else edits the file meanwhile.
    let theirs = std::fs::read_to_string(&services)
        .expect("services.toml")
        .replace("name = \"Support line\"", "name = \"The support line\"");
    std::fs::write(&services, &theirs).expect("write");
    let (status, saved) = studio.save(&cookie).await;
    assert_eq!(status, StatusCode::CONFLICT, "{saved}");
    assert!(
        saved.contains("changed on disk since the studio opened it"),
        "{saved}"
    );
    assert_eq!(
        std::fs::read_to_string(&services).expect("services.toml"),
        theirs,
        "their change is kept"
    );
    let (_, changes) = studio.get(&cookie, "/changes").await;
    assert!(
        changes.contains("020-11 22 33"),
        "the draft is kept: {changes}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sentence_is_changed_in_one_language_and_its_arguments_kept() {
    let studio = Studio::on_copy();
    let cookie = studio.sign_in().await;
    let en = studio.locales.join("en/main.ftl");
    let before = std::fs::read_to_string(&en).expect("en/main.ftl");
    let path = "/step/main/menu";
    let (status, page) = studio
        .submit(
            &cookie,
            path,
            path,
            &[("m|en|main-hello", "Hello! What can we help with?")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let (status, saved) = studio.save(&cookie).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let after = std::fs::read_to_string(&en).expect("en/main.ftl");
    let changed = changed_lines(&before, &after);
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].1, "main-hello = Hello! What can we help with?");
    assert_eq!(
        std::fs::read_to_string(studio.locales.join("sv/main.ftl")).expect("sv"),
        std::fs::read_to_string(fixture("studio").join("locales/sv/main.ftl")).expect("sv"),
        "the other language is untouched"
    );

    // A text that drops the place of its argument is refused.
    let (status, page) = studio.get(&cookie, "/flow/buyer").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let step = regex::Regex::new(r#"href="(/step/buyer/[^"]+)""#).expect("regex");
    let mut refused = false;
    for c in step.captures_iter(&page) {
        let (_, step_page) = studio.get(&cookie, &c[1]).await;
        if step_page.contains("m|en|buyer-count") {
            let (status, out) = studio
                .submit(
                    &cookie,
                    &c[1],
                    &c[1],
                    &[("m|en|buyer-count", "Some clinics")],
                )
                .await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{out}");
            assert!(out.contains("keep { $units }"), "{out}");
            refused = true;
            break;
        }
    }
    assert!(refused, "a step shows buyer-count");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_conversation_is_tried_in_the_page() {
    let studio = Studio::on_copy();
    let cookie = studio.sign_in().await;
    let (status, page) = studio
        .submit(&cookie, "/try", "/try", &[("lang", "sv"), ("restart", "1")])
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Hej! Vad behöver du?"), "{page}");
    let press = regex::Regex::new(r#"name="press" value="([^"]+)">Stöd<"#).expect("regex");
    let data = press
        .captures(&page)
        .map(|c| unescape(&c[1]))
        .unwrap_or_else(|| panic!("a button Stöd: {page}"));
    let mut fields = form(&page, "/try");
    fields.push(("press".into(), data));
    let (status, page) = studio.post(&cookie, "/try", &fields).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Här kan du få stöd."), "{page}");
    assert!(page.contains("Support line"), "the signpost's card: {page}");
    // Typed text goes to the engine too, and stays in the page only.
    let (status, page) = studio
        .submit(&cookie, "/try", "/try", &[("text", "/start")])
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Hej! Vad behöver du?"), "{page}");
    let stored: Vec<PathBuf> =
        crate::support::files::files_under(studio.flows.parent().expect("dir"));
    assert!(
        stored
            .iter()
            .all(|p| !p.to_string_lossy().contains("session")),
        "{stored:?}"
    );
}

/// Headless Chromium on a page of the studio, with a fresh profile (so the cookie comes
/// only from the link).
fn run_chromium(profile: &Path, extra: &[&str], url: &str) -> Vec<u8> {
    let mut args = vec!["--no-proxy-server"];
    args.extend_from_slice(extra);
    chromium::run(&chromium::path(), profile, &args, url).stdout
}

#[test]
#[ignore = "needs chromium"]
fn the_arabic_preview_is_right_to_left_in_the_browser() {
    chromium::path();
    let studio = Studio::shipped();
    let profile = tempfile::tempdir().expect("profile");
    let dom = run_chromium(
        profile.path(),
        &["--dump-dom"],
        &studio.link("/step/menu/start?lang=ar"),
    );
    let dom = String::from_utf8_lossy(&dom);
    let preview = dom
        .find("id=\"preview\"")
        .map(|at| &dom[dom[..at].rfind('<').unwrap_or(at)..])
        .unwrap_or_else(|| panic!("no preview in {dom}"));
    assert!(
        preview.starts_with("<div class=\"chat\" id=\"preview\" lang=\"ar\" dir=\"rtl\">"),
        "{}",
        &preview[..200.min(preview.len())]
    );
    let bubble = preview
        .find("<div class=\"bubble\" dir=\"rtl\">")
        .map(|at| &preview[at..])
        .expect("a right-to-left bubble");
    let text: String = bubble
        .chars()
        .skip_while(|c| *c != '>')
        .skip(1)
        .take_while(|c| *c != '<')
        .collect();
    assert!(
        text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
        "Arabic text: {text}"
    );
    let area = dom
        .find("name=\"m|ar|menu-welcome\"")
        .map(|at| &dom[dom[..at].rfind('<').unwrap_or(at)..])
        .and_then(|tag| tag.split_once('>').map(|(t, _)| t))
        .expect("the Arabic text area");
    assert!(
        area.starts_with("<textarea")
            && area.contains("dir=\"rtl\"")
            && area.contains("lang=\"ar\""),
        "the Arabic text area is right to left: {area}"
    );
    assert!(
        dom.contains("class=\"keys\" dir=\"rtl\""),
        "the buttons too"
    );
}

#[test]
#[ignore = "needs chromium"]
fn screenshots_of_the_main_pages() {
    chromium::path();
    let studio = Studio::shipped();
    let update = std::env::var_os("SIGNPOST_UPDATE_SCREENSHOTS").is_some();
    let out = tempfile::tempdir().expect("out");
    for (name, page, height) in [
        ("home", "/", 900),
        ("flow", "/flow/buyer", 900),
        ("step", "/step/menu/start?lang=ar", 900),
        ("service", "/service/norrkoping-kontaktcenter", 1700),
        ("understanding", "/understanding/questions/person", 900),
    ] {
        let profile = tempfile::tempdir().expect("profile");
        let file = if update {
            repo().join(format!("docs/studio-{name}.png"))
        } else {
            out.path().join(format!("studio-{name}.png"))
        };
        let shot = format!("--screenshot={}", file.display());
        run_chromium(
            profile.path(),
            &[&shot, &format!("--window-size=1280,{height}")],
            &studio.link(page),
        );
        let png = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name} is a PNG");
        assert!(
            png.len() > 20_000,
            "{name} shows a page, not a blank: {} bytes",
            png.len()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_typed_sentence_shows_where_it_goes_and_the_review_page_the_status() {
    let studio = Studio::on_copy();
    let cookie = studio.sign_in().await;
    let path = "/step/main/menu?lang=sv";
    let action = "/step/main/menu/typed";
    let (status, page) = studio
        .submit(&cookie, path, action, &[("typed", "jag behöver stöd")])
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains("It goes to <a href=\"/step/main/help\">main / help</a>"),
        "{page}"
    );
    assert!(page.contains("Här kan du få stöd."), "the answer: {page}");
    let why = page
        .split("<pre id=\"typed-why\" dir=\"auto\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .map(unescape)
        .unwrap_or_else(|| panic!("the why: {page}"));
    let cli = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["understand", "--flows"])
        .arg(&studio.flows)
        .arg("--locales")
        .arg(&studio.locales)
        .args(["--lang", "sv", "--at", "main/menu", "jag behöver stöd"])
        .output()
        .expect("signpost understand");
    let cli = String::from_utf8_lossy(&cli.stdout);
    assert!(why.starts_with("the bot goes to: answer:1\n"), "{why}");
    assert!(why.contains("the matcher: "), "{why}");
    assert_eq!(why, cli, "the same answer as signpost understand");
    let (status, page) = studio
        .submit(&cookie, path, action, &[("typed", "vad är klockan")])
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("It stays at this step."), "{page}");

    let (status, page) = studio.get(&cookie, "/review").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains("<code>main.ftl</code>: machine-drafted"),
        "{page}"
    );
    assert!(page.contains("<code>main.ftl</code>: reviewed"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_text_check_refuses_is_marked_beside_it_and_kept_from_the_files() {
    let studio = Studio::on_copy();
    let cookie = studio.sign_in().await;
    let en = studio.locales.join("en/main.ftl");
    let before = std::fs::read_to_string(&en).expect("en/main.ftl");
    let path = "/step/main/menu";
    let (status, page) = studio
        .submit(
            &cookie,
            path,
            path,
            &[("m|en|main-hello", "Hello { $nope }")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("Kept in the draft, not saved"), "{page}");
    let field = page
        .find("name=\"m|en|main-hello\"")
        .expect("the English field");
    let next = page[field..]
        .find("<label")
        .map_or(page.len(), |n| field + n);
    let beside = &page[field..next];
    assert!(
        beside.contains("class=\"findings\"") && beside.contains("uses { $nope }"),
        "the finding is beside the English text: {beside}"
    );
    let (_, home) = studio.get(&cookie, "/").await;
    assert!(
        home.contains("<a href=\"/step/main/menu?lang=en\">"),
        "the start page links the finding to where it is fixed: {home}"
    );
    let (status, saved) = studio.save(&cookie).await;
    assert_eq!(status, StatusCode::CONFLICT, "{saved}");
    assert_eq!(std::fs::read_to_string(&en).expect("en"), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_card_with_summer_hours_posted_unchanged_changes_nothing() {
    // The shipped set, read only: nothing here reaches the draft, nothing is saved.
    let studio = Studio::shipped();
    let cookie = studio.sign_in().await;
    let path = "/service/norrkoping-kontaktcenter";
    let (status, page) = studio.get(&cookie, path).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains("name=\"p0_from\" value=\"06-01\""),
        "the periods are shown as a form: {page}"
    );
    assert!(
        page.contains("name=\"rule_holidays\" value=\"closed\""),
        "and the holiday rules: {page}"
    );
    let fields: Vec<(String, String)> = form(&page, path)
        .into_iter()
        .map(|(k, v)| (k, v.replace('\n', "\r\n")))
        .collect();
    let (status, page) = studio.post(&cookie, path, &fields).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Nothing changed."), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_summer_period_a_holiday_rule_and_a_closed_day_are_changed_in_the_form_on_their_lines_only()
 {
    let studio = Studio::on_shipped_copy();
    let cookie = studio.sign_in().await;
    let file = studio.flows.join("areas").join("norrkoping.toml");
    let before = std::fs::read_to_string(&file).expect("norrkoping.toml");
    let path = "/service/norrkoping-kontaktcenter";
    let (status, page) = studio
        .submit(
            &cookie,
            path,
            path,
            &[
                ("p0_to", "08-15"),
                ("rule_holiday_eve", "08:00-13:00"),
                ("x0_date", "2026-12-28"),
                ("x0_hours", ""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Kept in the draft"), "{page}");
    // A period's day that is not month-day is refused, and nothing is lost.
    let (status, page) = studio
        .submit(&cookie, path, path, &[("p0_from", "1 june")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("month-day"), "{page}");
    assert!(
        page.contains("name=\"p0_from\" value=\"1 june\""),
        "what was typed stays in the form: {page}"
    );
    let (status, saved) = studio.save(&cookie).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let after = std::fs::read_to_string(&file).expect("norrkoping.toml");
    let removed: Vec<&str> = before
        .lines()
        .filter(|l| !after.lines().any(|a| a == *l))
        .collect();
    let added: Vec<&str> = after
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .collect();
    assert_eq!(
        removed,
        vec![
            "  { from = \"06-01\", to = \"08-31\", mon = [\"08:00-16:00\"], tue = [\"08:00-16:00\"], wed = [\"08:00-16:00\"], thu = [\"08:00-16:00\"], fri = [\"08:00-16:00\"] },",
            "holiday_eve = [\"08:00-14:00\"]",
        ],
        "{after}"
    );
    assert_eq!(
        added,
        vec![
            "  { from = \"06-01\", to = \"08-15\", mon = [\"08:00-16:00\"], tue = [\"08:00-16:00\"], wed = [\"08:00-16:00\"], thu = [\"08:00-16:00\"], fri = [\"08:00-16:00\"] },",
            "holiday_eve = [\"08:00-13:00\"]",
            "exceptions = [",
            "  { date = 2026-12-28, hours = [] },",
        ],
        "{after}"
    );
    assert!(after.contains("# The day before a public holiday 08-14; public holidays closed.\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_learns_an_example_and_a_typed_first_message_follows_it() {
    let studio = Studio::on_shipped_copy();
    let cookie = studio.sign_in().await;
    let bot = studio.flows.join("bot.toml");
    let before = std::fs::read_to_string(&bot).expect("bot.toml");
    let (_, home) = studio.get(&cookie, "/").await;
    assert!(
        home.contains("href=\"/understanding/questions/person\""),
        "the start page lists the questions: {home}"
    );
    let path = "/understanding/questions/person";
    let (status, page) = studio.get(&cookie, path).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.split("name=\"x|ar\"")
            .nth(1)
            .and_then(|tag| tag.split('>').next())
            .is_some_and(|tag| tag.contains("dir=\"rtl\" lang=\"ar\"")),
        "Arabic right to left: {page}"
    );
    let sentence = "grannens katt morrar åt brevbäraren";
    let typed = format!("{path}/typed");
    let why = |page: &str| {
        page.split("id=\"typed-why\"")
            .nth(1)
            .and_then(|p| p.split("</pre>").next())
            .map(unescape)
            .unwrap_or_else(|| panic!("no why in {page}"))
    };
    let (_, page) = studio
        .submit(
            &cookie,
            path,
            &typed,
            &[("lang", "sv"), ("typed", sentence)],
        )
        .await;
    assert!(
        why(&page).contains("the bot goes to: none"),
        "{}",
        why(&page)
    );

    let form_now = form(&page, path);
    let swedish = form_now
        .iter()
        .find(|(k, _)| k == "x|sv")
        .map(|(_, v)| v.clone())
        .expect("the Swedish examples");
    let (status, page) = studio
        .submit(
            &cookie,
            path,
            path,
            &[("x|sv", &format!("{swedish}\r\n{sentence}"))],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Kept in the draft"), "{page}");
    let (_, page) = studio
        .submit(
            &cookie,
            path,
            &typed,
            &[("lang", "sv"), ("typed", sentence)],
        )
        .await;
    assert!(
        why(&page).contains("the bot goes to: q:person"),
        "the model is rebuilt from the draft: {}",
        why(&page)
    );

    // Emptied, a language is refused, and the draft keeps the sentence.
    let (status, page) = studio
        .submit(&cookie, path, path, &[("x|sv", " \r\n")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("cannot all be removed"), "{page}");

    let (status, saved) = studio.save(&cookie).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let after = std::fs::read_to_string(&bot).expect("bot.toml");
    let mut lines: Vec<&str> = after.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == format!("  \"{sentence}\","))
        .expect("the new line");
    lines.remove(at);
    assert_eq!(
        lines.join("\n") + "\n",
        before,
        "one line added, nothing else"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_typed_answer_and_example_posted_unchanged_changes_nothing() {
    // The shipped set, read only: nothing here reaches the draft, nothing is saved.
    let studio = Studio::shipped();
    let cookie = studio.sign_in().await;
    let step = regex::Regex::new(r"(?m)^\[steps\.([\w-]+)\]").expect("regex");
    let mut forms = 0;
    for entry in std::fs::read_dir(&studio.flows).expect("flows") {
        let path = entry.expect("entry").path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Some(flow) = text
            .lines()
            .find_map(|l| l.strip_prefix("id = \""))
            .and_then(|l| l.strip_suffix('"'))
        else {
            continue;
        };
        for c in step.captures_iter(&text) {
            let page_path = format!("/step/{flow}/{}", &c[1]);
            let (status, page) = studio.get(&cookie, &page_path).await;
            assert_eq!(status, StatusCode::OK, "{page_path}: {page}");
            let action = format!("{page_path}/routes");
            if !page.contains(&format!("action=\"{action}")) {
                continue;
            }
            let fields: Vec<(String, String)> = form(&page, &action)
                .into_iter()
                .map(|(k, v)| (k, v.replace('\n', "\r\n")))
                .collect();
            let (status, page) = studio.post(&cookie, &action, &fields).await;
            assert_eq!(status, StatusCode::OK, "{action}: {page}");
            assert!(page.contains("Nothing changed."), "{action}: {page}");
            forms += 1;
        }
    }
    let (_, home) = studio.get(&cookie, "/").await;
    let link = regex::Regex::new(r#"href="(/understanding/[\w-]+/[\w-]+)""#).expect("regex");
    for c in link.captures_iter(&home) {
        let path = &c[1];
        let (_, page) = studio.get(&cookie, path).await;
        let fields: Vec<(String, String)> = form(&page, path)
            .into_iter()
            .map(|(k, v)| (k, v.replace('\n', "\r\n")))
            .collect();
        let (status, page) = studio.post(&cookie, path, &fields).await;
        assert_eq!(status, StatusCode::OK, "{path}: {page}");
        assert!(page.contains("Nothing changed."), "{path}: {page}");
        forms += 1;
    }
    assert!(forms > 20, "only {forms} forms");
}

/// The number after `label` in the review page's counts line of `code`.
fn count(page: &str, code: &str, label: &str) -> usize {
    let line = page
        .split(&format!("<p id=\"counts-{code}\">"))
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .unwrap_or_else(|| panic!("no counts for {code}: {page}"));
    line.trim_start_matches("messages: ")
        .split(", ")
        .find_map(|part| part.strip_suffix(label))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no \"{label}\" in {line}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_marked_reviewed_with_a_role_is_counted_and_saved_as_review_import_writes_it() {
    let studio = Studio::on_copy();
    let cookie = studio.sign_in().await;
    let (status, page) = studio.get(&cookie, "/review").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let (reviewed, drafted) = (
        count(&page, "en", " reviewed"),
        count(&page, "en", " machine-drafted"),
    );
    assert_eq!(reviewed, 0, "{page}");
    assert!(drafted > 0, "{page}");

    // Without a role nothing is recorded.
    let mark = |role: &'static str| [("lang", "en"), ("id", "main-hello"), ("role", role)];
    let (status, page) = studio
        .submit(&cookie, "/review", "/review", &mark(""))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert_eq!(count(&page, "en", " reviewed"), 0, "{page}");

    let (status, page) = studio
        .submit(&cookie, "/review", "/review", &mark("translator"))
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains("recorded as reviewed by translator"),
        "{page}"
    );
    assert_eq!(count(&page, "en", " reviewed"), 1, "{page}");
    assert_eq!(
        count(&page, "en", " machine-drafted"),
        drafted - 1,
        "{page}"
    );

    // sv keeps no review.toml: the studio does not create one.
    let (status, page) = studio
        .submit(
            &cookie,
            "/review",
            "/review",
            &[("lang", "sv"), ("id", "main-hello"), ("role", "translator")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("does not exist"), "{page}");

    let (status, page) = studio.save(&cookie).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let written =
        std::fs::read_to_string(studio.locales.join("en/review.toml")).expect("en/review.toml");
    assert!(
        written
            .contains("[messages.main-hello]\nby = \"translator\"\non = 2026-03-01\nsource = \""),
        "{written}"
    );
    let (_, page) = studio.get(&cookie, "/review").await;
    assert_eq!(count(&page, "en", " reviewed"), 1, "after saving: {page}");
}

/// The shipped set as one for several municipalities: the start page tables the service
/// each role stands for in each area, as `signpost report` does.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_start_page_shows_the_roles_of_each_area() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(Path::new("flows"), &dir.path().join("flows"));
    copy_dir(Path::new("locales"), &dir.path().join("locales"));
    let bot = dir.path().join("flows/bot.toml");
    let text = std::fs::read_to_string(&bot).expect("bot.toml");
    let county = text.replace(
        "area = \"norrkoping\"",
        "areas = [\"norrkoping\", \"linkoping\"]",
    );
    assert_ne!(county, text, "the shipped bot.toml chooses norrkoping");
    std::fs::write(&bot, county).expect("bot.toml written");
    let (flows, locales) = (dir.path().join("flows"), dir.path().join("locales"));
    let studio = Studio::start(&flows, &locales, "2026-12-07", Some(dir));
    let cookie = studio.sign_in().await;
    let (status, page) = studio.get(&cookie, "/").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let start = page
        .find("<table id=\"area-roles\">")
        .unwrap_or_else(|| panic!("the roles per area: {page}"));
    let table = &page[start..start + page[start..].find("</table>").expect("its end")];
    for expected in [
        "<th>norrkoping</th><th>linkoping</th>",
        "<tr><th>@local-on-call</th><td>norrkoping-socialjour</td><td>linkoping-sociala-jouren</td></tr>",
        "<tr><th>@local-violence-support</th><td>norrkoping-frideborg</td><td>socialtjansten (fallback: the area does not bind it)</td></tr>",
    ] {
        assert!(table.contains(expected), "{expected} is not in {table}");
    }

    // One area: no such table.
    let studio = Studio::shipped();
    let (_, page) = studio.get(&studio.sign_in().await, "/").await;
    assert!(!page.contains("area-roles"), "{page}");
}

// In the browser: headless Chromium driven as a person would use the pages (typing into
// fields, clicking buttons), the pages themselves without any script.

#[test]
#[ignore = "needs chromium"]
fn in_the_browser_a_number_and_an_opening_hour_are_changed_a_bad_number_refused_and_only_their_lines_saved()
 {
    let studio = Studio::on_copy();
    let services = studio.flows.join("services.toml");
    let before = std::fs::read_to_string(&services).expect("services.toml");
    let mut browser = studio.browser("/service/line");
    let keep = "form[action=\"/service/line\"] button.primary";

    browser.type_into("input[name=\"value0\"]", "call us");
    browser.submit(keep);
    let text = browser.text();
    assert!(
        text.contains("Refused, as signpost check refuses it"),
        "{text}"
    );
    assert!(
        text.contains("is not a phone number"),
        "check's words: {text}"
    );
    assert_eq!(
        browser.value("input[name=\"value0\"]"),
        "call us",
        "what was typed is still in the form"
    );

    browser.type_into("input[name=\"value0\"]", "020-11 22 33");
    browser.click("input[name=\"always\"]");
    browser.type_into("input[name=\"mon\"]", "08:00-12:00, 13:00-16:00");
    browser.submit(keep);
    let text = browser.text();
    assert!(text.contains("Kept in the draft"), "{text}");
    assert_eq!(
        std::fs::read_to_string(&services).expect("services.toml"),
        before,
        "a draft is not written"
    );

    browser.goto(&format!("{}/changes", studio.base));
    assert!(browser.text().contains("020-11 22 33"), "the diff");
    browser.press("Save to the files");
    let text = browser.text();
    assert!(text.contains("Saved:"), "{text}");
    let after = std::fs::read_to_string(&services).expect("services.toml");
    assert_eq!(
        changed_lines(&before, &after),
        vec![
            (
                "  { kind = \"phone\", value = \"020-00 00 00\" },".to_string(),
                "  { kind = \"phone\", value = \"020-11 22 33\" },".to_string()
            ),
            (
                "always = true".to_string(),
                "mon = [\"08:00-12:00\", \"13:00-16:00\"]".to_string()
            ),
        ]
    );
    assert!(
        after.contains("# The studio tests edit this entry: these comments must survive a save.")
    );
    assert!(after.contains("  # The number on the checked page.\n"));
}

#[test]
#[ignore = "needs chromium"]
fn in_the_browser_an_arabic_sentence_is_fixed_and_shown_right_to_left() {
    let studio = Studio::on_shipped_copy();
    let arabic = studio.locales.join("ar");
    let file = std::fs::read_dir(&arabic)
        .expect("ar")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            std::fs::read_to_string(p)
                .is_ok_and(|t| t.lines().any(|l| l.starts_with("menu-welcome =")))
        })
        .expect("the Arabic file with menu-welcome");
    let before = std::fs::read_to_string(&file).expect("its text");
    let mut browser = studio.browser("/step/menu/start?lang=ar");
    let area = "textarea[name=\"m|ar|menu-welcome\"]";
    let old = browser.value(area);
    let added = "أهلاً بك.";
    let new = format!("{old} {added}");
    browser.type_into(area, &new);
    browser.press("Keep these words");
    let text = browser.text();
    assert!(text.contains("Kept in the draft"), "{text}");
    let direction = browser.eval(
        "(() => { const p = document.getElementById('preview'); \
         const b = p.querySelector('.bubble'); \
         return [getComputedStyle(p).direction, getComputedStyle(b).direction, b.textContent]; })()",
    );
    assert_eq!(direction[0], "rtl", "the preview is right to left");
    assert_eq!(direction[1], "rtl", "its bubble too");
    assert!(
        direction[2].as_str().is_some_and(|t| t.contains(added)),
        "the preview shows the fixed sentence: {direction}"
    );
    assert_eq!(
        browser.eval(&format!(
            "getComputedStyle(document.querySelector({})).direction",
            serde_json::to_string(area).expect("json")
        )),
        "rtl",
        "the text area is right to left"
    );

    browser.goto(&format!("{}/changes", studio.base));
    browser.press("Save to the files");
    assert!(browser.text().contains("Saved:"));
    let after = std::fs::read_to_string(&file).expect("its text");
    let changed = changed_lines(&before, &after);
    assert_eq!(changed.len(), 1, "one line: {changed:?}");
    assert!(changed[0].1.ends_with(added), "{changed:?}");
}

#[test]
#[ignore = "needs chromium"]
fn in_the_browser_a_typed_sentence_shows_its_route_and_an_added_example_moves_it() {
    let studio = Studio::on_shipped_copy();
    let menu = studio.flows.join("menu.toml");
    let before = std::fs::read_to_string(&menu).expect("menu.toml");
    let sentence = "tjejen i trapphuset verkar ledsen";
    let mut browser = studio.browser("/step/menu/start?lang=sv");
    let ask = |browser: &mut Browser| {
        browser.type_into("input[name=\"typed\"]", sentence);
        browser.press("Where does it go?");
        let result = browser.text();
        let why = browser.value_of_text("#typed-why");
        (result, why)
    };
    let (_, why) = ask(&mut browser);
    assert!(
        why.contains("the bot goes to: ask:") && why.contains("route:relatives"),
        "a close call that offers the relatives' route, before: {why}"
    );

    // The relatives' Swedish examples learn the sentence.
    let selector = browser
        .eval(
            "(() => { const h = [...document.querySelectorAll('#typed-answers ~ form .route')] \
             .find(r => r.querySelector('h3').textContent.includes('sv') \
             && r.querySelector('h3').textContent.includes('flow relatives') \
             && r.querySelector('textarea[name^=\"e|\"]') \
             && r.querySelector('textarea[name^=\"e|\"]').value !== ''); \
             return h ? 'textarea[name=\"' + h.querySelector('textarea[name^=\"e|\"]').name + '\"]' : null; })()",
        )
        .as_str()
        .expect("the Swedish relatives' examples")
        .to_string();
    let examples = browser.value(&selector);
    browser.type_into(&selector, &format!("{examples}\n{sentence}"));
    browser.press("Keep these typed answers");
    assert!(browser.text().contains("Kept in the draft"));
    let (result, why) = ask(&mut browser);
    assert!(
        result.contains("It goes to relatives"),
        "after the edit: {result}"
    );
    assert!(
        why.contains(&format!("\"{sentence}\"")),
        "the new example is the one matched: {why}"
    );

    // Too long an example is refused, and what was typed stays.
    let long = "ord ".repeat(80);
    browser.type_into(
        &selector,
        &format!("{examples}\n{sentence}\n{}", long.trim()),
    );
    browser.press("Keep these typed answers");
    let text = browser.text();
    assert!(text.contains("longer than 200 characters"), "{text}");
    assert!(
        browser.value(&selector).contains(long.trim()),
        "nothing lost"
    );

    let after = std::fs::read_to_string(&menu).expect("menu.toml");
    assert_eq!(after, before, "nothing saved");
}

#[test]
#[ignore = "needs chromium"]
fn in_the_browser_the_conversation_is_tried_to_a_signpost() {
    let studio = Studio::on_copy();
    let mut browser = studio.browser("/try");
    browser.choose("select[name=\"lang\"]", "sv");
    browser.press("Start again");
    assert!(browser.text().contains("Hej! Vad behöver du?"));
    browser.press("Stöd");
    // The signpost: the step's words with the service's card, in one message.
    let last =
        browser.eval("[...document.querySelectorAll('#conversation .bubble')].pop().innerText");
    let last = last.as_str().unwrap_or_default();
    assert!(last.starts_with("Här kan du få stöd."), "{last}");
    assert!(
        last.contains("Support line") && last.contains("020-00 00 00"),
        "the card: {last}"
    );
}

/// One page from another origin (another port of 127.0.0.1) with a form that posts to
/// the studio, as a site someone visits might.
fn other_site(action: &str) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let addr = listener.local_addr().expect("its address");
    let page = format!(
        "<!doctype html><title>elsewhere</title><form method=\"post\" action=\"{action}\">\
         <input name=\"csrf\" value=\"guess\"><button>Go</button></form>"
    );
    std::thread::spawn(move || {
        for stream in listener.incoming().take(4) {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = std::io::Read::read(&mut stream, &mut buf);
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{page}",
                page.len()
            );
            let _ = std::io::Write::write_all(&mut stream, response.as_bytes());
        }
    });
    format!("http://{addr}/")
}

#[test]
#[ignore = "needs chromium"]
fn in_the_browser_no_token_another_origin_or_another_host_is_refused() {
    let studio = Studio::on_copy();
    let mut browser = Browser::start(&[]);
    browser.goto(&format!("{}/service/line", studio.base));
    assert!(browser.text().contains("not signed in"), "without the link");
    browser.goto(&format!("{}/login?token=0123", studio.base));
    assert!(browser.text().contains("wrong or missing token"));

    // Signed in, then a page elsewhere posts to the studio.
    browser.goto(&studio.link("/changes"));
    assert!(browser.text().contains("Changes"));
    browser.goto(&other_site(&format!("{}/discard", studio.base)));
    browser.press("Go");
    assert!(
        browser
            .text()
            .contains("refused: request from another site"),
        "{}",
        browser.text()
    );

    // Another name for 127.0.0.1 (DNS rebinding), even with the right token.
    let port = studio.base.rsplit(':').next().expect("a port");
    let mut rebound = Browser::start(&["--host-resolver-rules=MAP rebound.example 127.0.0.1"]);
    rebound.goto(&format!(
        "http://rebound.example:{port}/login?token={}",
        studio.token
    ));
    assert!(
        rebound
            .text()
            .contains("refused: this page answers only under the address it printed"),
        "{}",
        rebound.text()
    );
}

//! Headless Chromium (Debian's `chromium`) for the suites that look at pages as a
//! browser renders them: run once on a page (`run`: its DOM or a screenshot), or kept
//! open and driven by the DevTools protocol (`Browser`: type, click, read). Those tests
//! are ignored by name (`needs chromium`) and fail, rather than pass, when the browser
//! is missing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread::sleep;
use std::time::Duration;

/// Where Chromium is (`SIGNPOST_CHROMIUM`, else `/usr/bin/chromium`); fails the test
/// when it is not there.
pub fn path() -> PathBuf {
    let path = std::env::var_os("SIGNPOST_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.exists(),
        "{} not found: this test needs Debian's chromium package \
         (apt-get install chromium; .ci/run installs it)",
        path.display()
    );
    path
}

/// Headless, without a sandbox (tests run as root in CI), and without reaching out to
/// anything: the arguments every run of Chromium here starts with.
const QUIET: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
];

/// Runs headless Chromium on `target` (a `file://` or `http://` URL) with the extra
/// arguments, with its own profile, and gives up after a
/// bounded wait so that a browser that hangs fails the test instead of stalling it.
pub fn run(chromium: &Path, profile: &Path, extra: &[&str], target: &str) -> Output {
    let mut child = Command::new(chromium)
        .args(QUIET)
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(target)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    // Read stdout on a thread so a large page cannot fill the pipe and block it.
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).map(|_| bytes)
    });
    for _ in 0..1200 {
        if let Some(status) = child.try_wait().expect("chromium runs") {
            let stdout = reader
                .join()
                .expect("reader thread")
                .expect("chromium's output");
            return Output {
                status,
                stdout,
                stderr: Vec::new(),
            };
        }
        sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("chromium did not finish within two minutes");
}

/// A headless Chromium driven over the DevTools protocol on a pipe
/// (`--remote-debugging-pipe`: commands on its descriptor 3, answers and events on its
/// descriptor 4, each a JSON text ended by a NUL byte), so that a test types into and
/// clicks pages that carry no script of their own, as a person would, and reads the
/// page the browser then shows. No WebSocket and no driver program are needed.
pub struct Browser {
    child: std::process::Child,
    commands: std::process::ChildStdin,
    messages: std::sync::mpsc::Receiver<serde_json::Value>,
    /// Events read while waiting for an answer.
    events: std::collections::VecDeque<serde_json::Value>,
    next: u64,
    /// The page's session (one tab).
    session: Option<String>,
    _profile: tempfile::TempDir,
}

/// How long one command or page load may take before the test fails.
const WAIT: Duration = Duration::from_secs(60);

impl Browser {
    /// A fresh browser (its own empty profile, so no cookie) with one blank tab, with
    /// the extra switches.
    pub fn start(extra: &[&str]) -> Browser {
        let chromium = path();
        let profile = tempfile::tempdir().expect("profile");
        // The shell hands our two pipe ends to Chromium as its descriptors 3 and 4.
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null"#)
            .arg(&chromium)
            .args(QUIET)
            .args([
                "--no-proxy-server",
                "--disable-features=HttpsUpgrades",
                "--window-size=1280,900",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium starts");
        let commands = child.stdin.take().expect("piped stdin");
        let output = child.stdout.take().expect("piped stdout");
        let (send, messages) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut output = std::io::BufReader::new(output);
            let mut bytes = Vec::new();
            loop {
                bytes.clear();
                match std::io::BufRead::read_until(&mut output, 0, &mut bytes) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                let text = bytes.strip_suffix(&[0]).unwrap_or(&bytes);
                if let Ok(message) = serde_json::from_slice(text)
                    && send.send(message).is_err()
                {
                    return;
                }
            }
        });
        let mut browser = Browser {
            child,
            commands,
            messages,
            events: Default::default(),
            next: 0,
            session: None,
            _profile: profile,
        };
        let target = browser.call(
            "Target.createTarget",
            serde_json::json!({"url": "about:blank"}),
        );
        let target = target["targetId"]
            .as_str()
            .expect("a target id")
            .to_string();
        let attached = browser.call(
            "Target.attachToTarget",
            serde_json::json!({"targetId": target, "flatten": true}),
        );
        browser.session = Some(
            attached["sessionId"]
                .as_str()
                .expect("a session")
                .to_string(),
        );
        browser.call("Page.enable", serde_json::json!({}));
        browser
    }

    fn receive(&mut self, waiting_for: &str) -> serde_json::Value {
        self.messages
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("chromium did not answer {waiting_for} within a minute"))
    }

    /// Sends one command (to the tab once there is one) and returns its result.
    pub fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.next += 1;
        let id = self.next;
        let mut command = serde_json::json!({"id": id, "method": method, "params": params});
        if let Some(session) = &self.session {
            command["sessionId"] = session.clone().into();
        }
        let mut bytes = serde_json::to_vec(&command).expect("json");
        bytes.push(0);
        std::io::Write::write_all(&mut self.commands, &bytes).expect("chromium takes commands");
        loop {
            let message = self.receive(method);
            if message["id"].as_u64() == Some(id) {
                if let Some(error) = message.get("error") {
                    panic!("chromium refused {method}: {error}");
                }
                return message["result"].clone();
            }
            self.events.push_back(message);
        }
    }

    /// Waits for the tab to have loaded a page since the events were last forgotten.
    fn loaded(&mut self) {
        let is_load = |m: &serde_json::Value| m["method"] == "Page.loadEventFired";
        if let Some(at) = self.events.iter().position(is_load) {
            self.events.drain(..=at);
            return;
        }
        loop {
            let message = self.receive("a page load");
            if is_load(&message) {
                return;
            }
        }
    }

    /// Opens `url` in the tab and waits until it has loaded.
    pub fn goto(&mut self, url: &str) {
        self.events.clear();
        let result = self.call("Page.navigate", serde_json::json!({"url": url}));
        if let Some(error) = result["errorText"].as_str() {
            panic!("chromium could not open {url}: {error}");
        }
        self.loaded();
        // A load event of the blank tab itself may come late: wait for the page asked.
        for _ in 0..600 {
            let ready =
                self.eval("location.href !== 'about:blank' && document.readyState === 'complete'");
            if ready == true {
                return;
            }
            sleep(Duration::from_millis(100));
        }
        panic!("{url} did not finish loading within a minute");
    }

    /// Evaluates a JavaScript expression in the tab (by the DevTools, not by the page)
    /// and returns its value.
    pub fn eval(&mut self, expression: &str) -> serde_json::Value {
        let result = self.call(
            "Runtime.evaluate",
            serde_json::json!({"expression": expression, "returnByValue": true}),
        );
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("{expression}: {exception}");
        }
        result["result"]["value"].clone()
    }

    /// `expression` (JavaScript for one element) when it finds one; fails the test with
    /// the page when it finds none.
    fn locate(&mut self, expression: String, what: &str) -> String {
        let found = self.eval(&format!("({expression}) != null"));
        assert_eq!(found, true, "no {what} in {}", self.html());
        expression
    }

    /// The element matching the CSS `selector`.
    fn element(&mut self, selector: &str) -> String {
        let quoted = serde_json::to_string(selector).expect("json");
        self.locate(format!("document.querySelector({quoted})"), selector)
    }

    /// Replaces the text of the field at `selector` by typing `text` over it.
    pub fn type_into(&mut self, selector: &str, text: &str) {
        let element = self.element(selector);
        self.eval(&format!("{element}.focus(); {element}.select()"));
        if text.is_empty() {
            for kind in ["keyDown", "keyUp"] {
                self.call(
                    "Input.dispatchKeyEvent",
                    serde_json::json!({"type": kind, "key": "Delete", "code": "Delete", "windowsVirtualKeyCode": 46}),
                );
            }
        } else {
            self.call("Input.insertText", serde_json::json!({"text": text}));
        }
        let value = self.eval(&format!("{element}.value"));
        assert_eq!(value, text, "typed into {selector}");
    }

    /// The value of the field at `selector`.
    pub fn value(&mut self, selector: &str) -> String {
        let element = self.element(selector);
        self.eval(&format!("{element}.value"))
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Chooses `value` in the list at `selector`.
    pub fn choose(&mut self, selector: &str, value: &str) {
        let element = self.element(selector);
        let quoted = serde_json::to_string(value).expect("json");
        self.eval(&format!("{element}.value = {quoted}"));
        assert_eq!(self.value(selector), value, "chose in {selector}");
    }

    fn click_at(&mut self, element: &str) {
        let at = self.eval(&format!(
            "(() => {{ const e = {element}; e.scrollIntoView({{block: 'center'}}); \
             const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        ));
        let (x, y) = (at[0].as_f64().expect("x"), at[1].as_f64().expect("y"));
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                serde_json::json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    /// Clicks the middle of the element at `selector` with the mouse.
    pub fn click(&mut self, selector: &str) {
        let element = self.element(selector);
        self.click_at(&element);
    }

    /// Presses the button that reads `label` and waits for the page it leads to.
    pub fn press(&mut self, label: &str) {
        let quoted = serde_json::to_string(label).expect("json");
        let element = self.locate(
            format!("[...document.querySelectorAll('button')].find(b => b.textContent.trim() === {quoted})"),
            &format!("button {label}"),
        );
        self.events.clear();
        self.click_at(&element);
        self.loaded();
    }

    /// Clicks the button at `selector` and waits for the page the form leads to.
    pub fn submit(&mut self, selector: &str) {
        self.events.clear();
        self.click(selector);
        self.loaded();
    }

    /// The text shown by the element at `selector`.
    pub fn value_of_text(&mut self, selector: &str) -> String {
        let element = self.element(selector);
        self.eval(&format!("{element}.innerText"))
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The page as the browser now holds it.
    pub fn html(&mut self) -> String {
        self.eval("document.documentElement.outerHTML")
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The page's text as shown.
    pub fn text(&mut self) -> String {
        self.eval("document.body ? document.body.innerText : ''")
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

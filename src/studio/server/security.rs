//! What keeps the studio to the one person who started it: a random token in the printed
//! link, exchanged once for a cookie the browser sends only to this page; requests under
//! another Host (DNS rebinding) or from another origin refused; a CSRF token in every
//! form; a Content-Security-Policy that allows nothing from elsewhere and no script; and
//! caps on what a request may carry.
//!
//! The policy is decided by pure functions ([`host_allowed`], [`origin_allowed`],
//! [`same_secret`]), unit-tested here; the middleware only applies them.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Form;
use axum::body::Body;
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Studio;

/// The cookie's name; its value is [`Secrets::cookie`].
pub(crate) const COOKIE: &str = "signpost_studio";

/// The largest request body taken (a form of a step's texts in every language is a few
/// kilobytes; a conversation's transcript kept in the page a few more).
pub(crate) const MAX_BODY: usize = 256 * 1024;

/// Nothing from another origin, no script at all, no framing, forms only to this page.
pub(crate) const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The random values of one run of the studio. None is ever stored or logged.
#[derive(Clone)]
pub(crate) struct Secrets {
    /// In the printed link; exchanged for the cookie.
    pub token: String,
    /// The cookie's value: another value than the link's, so a link left in a browser's
    /// history is not the key that is sent with every request.
    pub cookie: String,
    /// In every form.
    pub csrf: String,
}

impl Secrets {
    pub(crate) fn new() -> std::io::Result<Secrets> {
        Ok(Secrets {
            token: random_hex()?,
            cookie: random_hex()?,
            csrf: random_hex()?,
        })
    }
}

fn random_hex() -> std::io::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compares two secrets in time that does not depend on where they differ.
pub(crate) fn same_secret(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The Host header values the studio answers to: the address it listens on, and for a
/// loopback address the names of the loopback. A page under any other name (a DNS
/// rebinding attack points an attacker's name at 127.0.0.1) is refused.
pub(crate) fn allowed_hosts(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let mut hosts = vec![match addr {
        SocketAddr::V4(a) => format!("{}:{port}", a.ip()),
        SocketAddr::V6(a) => format!("[{}]:{port}", a.ip()),
    }];
    if addr.ip().is_loopback() {
        for name in ["127.0.0.1", "localhost", "[::1]"] {
            let host = format!("{name}:{port}");
            if !hosts.contains(&host) {
                hosts.push(host);
            }
        }
    }
    hosts
}

/// Whether the request's Host header is one of `allowed` (compared without case).
pub(crate) fn host_allowed(headers: &HeaderMap, allowed: &[String]) -> bool {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|h| allowed.iter().any(|a| a.eq_ignore_ascii_case(h)))
}

/// Whether the request may come from where it says: without an Origin header (a
/// top-level navigation, curl), or with `http://<allowed host>`. A browser sends Origin
/// on every POST, so a form posted from another site is refused here even before its
/// CSRF token is looked at.
pub(crate) fn origin_allowed(headers: &HeaderMap, allowed: &[String]) -> bool {
    match headers.get(header::ORIGIN) {
        None => true,
        Some(origin) => origin.to_str().ok().is_some_and(|o| {
            o.strip_prefix("http://")
                .is_some_and(|h| allowed.iter().any(|a| a.eq_ignore_ascii_case(h)))
        }),
    }
}

/// The value of one cookie in the request.
fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn refuse(status: StatusCode, why: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        why.to_string(),
    )
        .into_response()
}

/// Every request passes here: Host, Origin, then the token or the cookie; every answer
/// gets the headers that keep it to this page.
pub(crate) async fn guard(
    State(studio): State<Arc<Studio>>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = check(&studio, request, next).await;
    let headers = response.headers_mut();
    for (name, value) in [
        ("content-security-policy", CSP),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        // Not `no-referrer`: under it a browser sends `Origin: null` with every form it
        // posts, even to this page, and the origin check above refuses them all.
        // `same-origin` still tells no other site where the person was.
        ("referrer-policy", "same-origin"),
        ("cache-control", "no-store"),
        ("cross-origin-opener-policy", "same-origin"),
        ("cross-origin-resource-policy", "same-origin"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

async fn check(studio: &Studio, request: Request, next: Next) -> Response {
    let headers = request.headers();
    if !host_allowed(headers, &studio.hosts) {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            "refused: this page answers only under the address it printed",
        );
    }
    if !origin_allowed(headers, &studio.hosts) {
        return refuse(StatusCode::FORBIDDEN, "refused: request from another site");
    }
    if request.uri().path() == "/login" {
        return login(studio, &request);
    }
    let signed_in = cookie(headers, COOKIE).is_some_and(|c| same_secret(c, &studio.secrets.cookie));
    if !signed_in {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "not signed in: open the link that `signpost studio` printed in its terminal",
        );
    }
    if request.method() != Method::GET && request.method() != Method::POST {
        return refuse(StatusCode::METHOD_NOT_ALLOWED, "only GET and POST");
    }
    next.run(request).await
}

/// `/login?token=...`: the printed link. Sets the cookie and goes to the start page.
fn login(studio: &Studio, request: &Request) -> Response {
    let query = request.uri().query().unwrap_or("");
    let param = |name: &str| {
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v)
    };
    let token = param("token");
    if !token.is_some_and(|t| same_secret(t, &studio.secrets.token)) {
        return refuse(
            StatusCode::FORBIDDEN,
            "refused: wrong or missing token; open the link that `signpost studio` printed",
        );
    }
    let cookie = format!(
        "{COOKIE}={}; Path=/; HttpOnly; SameSite=Strict",
        studio.secrets.cookie
    );
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::SEE_OTHER;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, value);
    }
    let next = param("next").and_then(local_path).unwrap_or("/");
    if let Ok(value) = HeaderValue::from_str(next) {
        headers.insert(header::LOCATION, value);
    }
    response
}

/// A page of this studio to go to after signing in (`/flow/menu`), never another site:
/// a path from the root, without `//` or `\`, of plain characters only.
fn local_path(next: &str) -> Option<&str> {
    let plain = next
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/-_.?=:".contains(&b));
    (plain && next.starts_with('/') && !next.contains("//")).then_some(next)
}

/// Whether a posted form carries this run's CSRF token.
pub(crate) fn csrf_ok(form: &[(String, String)], secrets: &Secrets) -> bool {
    form.iter()
        .find(|(k, _)| k == "csrf")
        .is_some_and(|(_, v)| same_secret(v, &secrets.csrf))
}

/// A posted form whose CSRF token is this studio's: the one way a handler takes a form,
/// so no handler can forget the check. A form without it is refused with
/// [`csrf_refused`] before the handler runs.
pub(crate) struct CheckedForm(pub(crate) Vec<(String, String)>);

impl FromRequest<Arc<Studio>> for CheckedForm {
    type Rejection = Response;

    async fn from_request(request: Request, studio: &Arc<Studio>) -> Result<Self, Response> {
        let Form(fields) = Form::<Vec<(String, String)>>::from_request(request, studio)
            .await
            .map_err(IntoResponse::into_response)?;
        if csrf_ok(&fields, &studio.secrets) {
            Ok(CheckedForm(fields))
        } else {
            Err(csrf_refused())
        }
    }
}

/// The answer to a form without the right CSRF token.
pub(crate) fn csrf_refused() -> Response {
    refuse(
        StatusCode::FORBIDDEN,
        "refused: the form is not from this page (missing or wrong CSRF token); reload the page",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn loopback_answers_to_loopback_names_only() {
        let hosts = allowed_hosts("127.0.0.1:8750".parse().unwrap());
        assert!(host_allowed(
            &headers(&[("host", "127.0.0.1:8750")]),
            &hosts
        ));
        assert!(host_allowed(
            &headers(&[("host", "localhost:8750")]),
            &hosts
        ));
        assert!(!host_allowed(
            &headers(&[("host", "evil.example:8750")]),
            &hosts
        ));
        assert!(!host_allowed(&headers(&[("host", "127.0.0.1:80")]), &hosts));
        assert!(!host_allowed(&headers(&[]), &hosts));
    }

    #[test]
    fn another_origin_is_refused() {
        let hosts = allowed_hosts("127.0.0.1:8750".parse().unwrap());
        assert!(origin_allowed(&headers(&[]), &hosts));
        assert!(origin_allowed(
            &headers(&[("origin", "http://127.0.0.1:8750")]),
            &hosts
        ));
        assert!(!origin_allowed(
            &headers(&[("origin", "http://evil.example")]),
            &hosts
        ));
        assert!(!origin_allowed(&headers(&[("origin", "null")]), &hosts));
    }

    #[test]
    fn sign_in_leads_only_to_this_page() {
        assert_eq!(local_path("/step/menu/start"), Some("/step/menu/start"));
        assert_eq!(local_path("//evil.example/x"), None);
        assert_eq!(local_path("https://evil.example"), None);
        assert_eq!(local_path("/\\evil"), None);
        assert_eq!(local_path("flow"), None);
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abd", "abc"));
        assert!(!same_secret("ab", "abc"));
        assert!(!same_secret("", "abc"));
    }

    #[test]
    fn cookie_is_found_among_others() {
        let h = headers(&[("cookie", "a=1; signpost_studio=xyz; b=2")]);
        assert_eq!(cookie(&h, COOKIE), Some("xyz"));
    }
}

//! Webhook mode: an HTTP endpoint Telegram posts updates to. A request must carry the
//! secret in `X-Telegram-Bot-Api-Secret-Token` (compared in constant time) or it gets 401
//! and its body is never read; bodies are capped (413, before reading when the length is
//! announced); an update is acknowledged once it is queued, so Telegram never hands it
//! over twice; an update that cannot be read is acknowledged and dropped, so that it never
//! holds back the ones after it. TLS is expected to end at a reverse proxy in front
//! (Telegram only posts to HTTPS on ports 443, 80, 88 or 8443).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::routing::post;
use teloxide::types::Update;
use tokio::sync::mpsc;

use super::health::Health;
use super::shutdown::Stopping;
use super::updates::read;

/// The largest update body read. Telegram's updates are a few kilobytes; a 4096-character
/// message with entities stays far below this.
pub const MAX_BODY: usize = 256 * 1024;

/// The header Telegram puts the secret in.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

struct Hook {
    /// The secret's hash: comparing hashes takes the same time whatever the guess, and
    /// does not reveal the secret's length.
    secret: blake3::Hash,
    updates: mpsc::Sender<Update>,
    health: Arc<Health>,
}

/// The webhook endpoint, bound and ready.
pub struct Endpoint {
    listener: tokio::net::TcpListener,
    path: String,
    secret: String,
}

impl Endpoint {
    /// Binds `listen` for updates posted to `path`.
    pub async fn bind(listen: SocketAddr, path: &str, secret: &str) -> std::io::Result<Endpoint> {
        let listener = tokio::net::TcpListener::bind(listen).await?;
        let path = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        };
        Ok(Endpoint {
            listener,
            path,
            secret: secret.to_string(),
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `stop`, then stops taking requests; updates already acknowledged stay
    /// queued for the router.
    pub async fn serve(
        self,
        updates: mpsc::Sender<Update>,
        mut stop: Stopping,
        health: Arc<Health>,
    ) -> std::io::Result<()> {
        let hook = Arc::new(Hook {
            secret: blake3::hash(self.secret.as_bytes()),
            updates,
            health,
        });
        let app = Router::new()
            .route(&self.path, post(receive))
            .with_state(hook);
        axum::serve(self.listener, app)
            .with_graceful_shutdown(async move { stop.wait().await })
            .await
    }
}

async fn receive(State(hook): State<Arc<Hook>>, request: Request) -> StatusCode {
    let given = request
        .headers()
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if blake3::hash(given) != hook.secret {
        tracing::warn!("a webhook request without the right secret was refused");
        return StatusCode::UNAUTHORIZED;
    }
    // A body announced as too large is refused before a byte of it is read.
    let announced = request
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|length| length > MAX_BODY as u64) {
        tracing::warn!("a webhook request with a body too large was refused");
        return StatusCode::PAYLOAD_TOO_LARGE;
    }
    let body = match axum::body::to_bytes(request.into_body(), MAX_BODY).await {
        Ok(body) => body,
        Err(_) => {
            tracing::warn!("a webhook request with a body too large, or cut short, was refused");
            return StatusCode::PAYLOAD_TOO_LARGE;
        }
    };
    let update = match read(&body) {
        Ok(update) => update,
        Err(_) => {
            // Acknowledged all the same. Telegram posts a webhook's updates one after the
            // other and repeats one that is not acknowledged, so refusing it would hold
            // back every later update, for as long as Telegram keeps trying. Nothing of it
            // is logged: the body may hold anything a person wrote.
            tracing::warn!("an unreadable webhook update was ignored");
            return StatusCode::OK;
        }
    };
    match hook.updates.send(update).await {
        Ok(()) => {
            hook.health.alive();
            StatusCode::OK
        }
        // Shutting down: Telegram keeps the update and posts it to the next process.
        Err(_) => StatusCode::SERVICE_UNAVAILABLE,
    }
}

//! Webhook mode: an HTTP endpoint Telegram posts updates to. A request must carry the
//! secret in `X-Telegram-Bot-Api-Secret-Token` (compared in constant time) or it gets 401
//! and its body is never read; bodies are capped (413, before reading when the length is
//! announced); an update is acknowledged once it is handled (its session on disk), so
//! that a crash before then leaves it with Telegram, which posts it again (a repeat the
//! bot has handled is skipped: see README, "What a crash can cause"); an update that
//! cannot be read is acknowledged and dropped, so that it never holds back the ones
//! after it. TLS is expected to end at a reverse proxy in front
//! (Telegram only posts to HTTPS on ports 443, 80, 88 or 8443).
//!
//! Bounded: at most [`MAX_CONNECTIONS`] connections at once (more wait in the kernel's
//! backlog, costing the bot nothing), a connection that sends nothing for
//! [`IDLE_TIMEOUT`] is closed (a slow or silent client cannot hold one), and a request
//! whose body has not arrived within [`REQUEST_TIMEOUT`] gets 408.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::routing::post;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, oneshot};
use tokio::time::{Instant, Sleep};

use crate::telegram::incoming::router::Taken;
use crate::telegram::incoming::updates::read;
use crate::telegram::ops::health::Health;
use crate::telegram::ops::shutdown::Stopping;

/// The largest update body read. Telegram's updates are a few kilobytes; a 4096-character
/// message with entities stays far below this.
pub const MAX_BODY: usize = 256 * 1024;

/// Connections served at once. Telegram opens at most 40 by default (`max_connections`
/// of `setWebhook`), and the bot does not raise it.
pub const MAX_CONNECTIONS: usize = 64;
/// A connection with nothing to read for this long is closed.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// A request's body must have arrived within this.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The header Telegram puts the secret in.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

struct Hook {
    /// The secret's hash: comparing hashes takes the same time whatever the guess, and
    /// does not reveal the secret's length.
    secret: blake3::Hash,
    updates: mpsc::Sender<Taken>,
    health: Arc<Health>,
}

/// The webhook endpoint, bound and ready.
pub struct Endpoint {
    listener: TcpListener,
    path: String,
    secret: String,
}

impl Endpoint {
    /// Binds `listen` for updates posted to `path`.
    pub async fn bind(listen: SocketAddr, path: &str, secret: &str) -> std::io::Result<Endpoint> {
        let listener = TcpListener::bind(listen).await?;
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

    /// The address the endpoint listens on (the port chosen when 0 was asked).
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `stop`, then stops taking requests; requests in hand are answered
    /// once their updates are handled.
    pub async fn serve(
        self,
        updates: mpsc::Sender<Taken>,
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
        let bounded = Bounded {
            listener: self.listener,
            slots: Arc::new(Semaphore::new(MAX_CONNECTIONS)),
        };
        axum::serve(bounded, app)
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
    let reading = axum::body::to_bytes(request.into_body(), MAX_BODY);
    let body = match tokio::time::timeout(REQUEST_TIMEOUT, reading).await {
        Ok(Ok(body)) => body,
        Ok(Err(_)) => {
            tracing::warn!("a webhook request with a body too large, or cut short, was refused");
            return StatusCode::PAYLOAD_TOO_LARGE;
        }
        Err(_) => {
            tracing::warn!("a webhook request whose body was too slow to arrive was refused");
            return StatusCode::REQUEST_TIMEOUT;
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
    let (handled, done) = oneshot::channel();
    let taken = Taken {
        update,
        handled: Some(handled),
    };
    match hook.updates.send(taken).await {
        Ok(()) => {
            hook.health.alive();
            // Answered once the router is done with it: handled, or dropped as a repeat
            // or by the intake limit (either way the sender goes).
            let _ = done.await;
            StatusCode::OK
        }
        // Shutting down: Telegram keeps the update and posts it to the next process.
        Err(_) => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// The listener with its cap: a connection is accepted only with a free slot, which it
/// holds until it closes.
struct Bounded {
    listener: TcpListener,
    slots: Arc<Semaphore>,
}

impl axum::serve::Listener for Bounded {
    type Io = Connection;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Connection, SocketAddr) {
        loop {
            // The semaphore is never closed.
            let Ok(slot) = self.slots.clone().acquire_owned().await else {
                std::future::pending::<()>().await;
                continue;
            };
            match self.listener.accept().await {
                Ok((stream, addr)) => {
                    let connection = Connection {
                        stream,
                        idle: Box::pin(tokio::time::sleep(IDLE_TIMEOUT)),
                        _slot: slot,
                    };
                    return (connection, addr);
                }
                Err(error) => {
                    // Out of file descriptors and the like: wait a moment and go on.
                    tracing::warn!(%error, "a webhook connection could not be accepted");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }
}

/// One accepted connection: closed (a read fails) once nothing has come for
/// [`IDLE_TIMEOUT`]; its slot is given back when it is dropped.
struct Connection {
    stream: TcpStream,
    idle: Pin<Box<Sleep>>,
    _slot: OwnedSemaphorePermit,
}

impl AsyncRead for Connection {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        match Pin::new(&mut self.stream).poll_read(cx, buf) {
            Poll::Ready(result) => {
                self.idle.as_mut().reset(Instant::now() + IDLE_TIMEOUT);
                Poll::Ready(result)
            }
            Poll::Pending => match self.idle.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Err(std::io::ErrorKind::TimedOut.into())),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

impl AsyncWrite for Connection {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}

//! The stop signal: SIGINT or SIGTERM (or the embedding code) flips it once, and every
//! loop that waits on Telegram watches it, so that updates in hand are finished and the
//! store is flushed before the process exits.

use tokio::sync::watch;

/// The sending side, held by whoever decides to stop.
#[derive(Debug, Clone)]
pub struct Stop(watch::Sender<bool>);

/// The receiving side, one per loop.
#[derive(Debug, Clone)]
pub struct Stopping(watch::Receiver<bool>);

/// A new stop signal, not yet given.
pub fn signal() -> (Stop, Stopping) {
    let (tx, rx) = watch::channel(false);
    (Stop(tx), Stopping(rx))
}

impl Stop {
    /// Gives the stop to every loop.
    pub fn stop(&self) {
        self.0.send_replace(true);
    }

    /// Another receiving side, for one more loop.
    pub fn subscribe(&self) -> Stopping {
        Stopping(self.0.subscribe())
    }
}

impl Stopping {
    /// Resolves once the stop is given (or its sender is gone).
    pub async fn wait(&mut self) {
        while !*self.0.borrow_and_update() {
            if self.0.changed().await.is_err() {
                return;
            }
        }
    }

    /// Whether the stop has been given.
    pub(crate) fn is_stopping(&self) -> bool {
        *self.0.borrow()
    }
}

/// Gives the stop on SIGINT or SIGTERM.
pub async fn on_signals(stop: Stop) -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    tokio::select! {
        _ = interrupt.recv() => tracing::info!("interrupted; finishing what is in hand"),
        _ = terminate.recv() => tracing::info!("asked to stop; finishing what is in hand"),
    }
    stop.stop();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_subscriber_sees_the_stop() {
        let (stop, mut first) = signal();
        let mut second = stop.subscribe();
        assert!(!first.is_stopping());
        stop.stop();
        first.wait().await;
        second.wait().await;
        assert!(second.is_stopping());
    }
}

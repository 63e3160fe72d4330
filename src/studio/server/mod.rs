//! The HTTP side: binds the address (loopback unless told otherwise), prints the link
//! with its token, and serves the pages behind the guard of `security`.

pub(super) mod security;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::extract::DefaultBodyLimit;

use super::Studio;
use super::adapter::LoadOptions;
use super::editing::Workspace;

/// Where to listen and what to open.
pub(crate) struct Options {
    pub flows: PathBuf,
    pub locales: PathBuf,
    pub listen: SocketAddr,
    pub load: LoadOptions,
}

/// What it means to listen on an address other than the loopback.
pub(super) fn exposure_warning(addr: SocketAddr) -> Option<String> {
    (!addr.ip().is_loopback()).then(|| {
        format!(
            "signpost studio: listening on {addr}, not only on this computer. Anyone who can \
reach this address can load the page; only the token in the link keeps them out, and \
plain HTTP is not encrypted, so someone on the same network can read the pages and the \
token. Use it only on a network you trust, or keep the default 127.0.0.1 and reach it \
through an SSH tunnel (ssh -L 8750:127.0.0.1:8750 host)."
        )
    })
}

/// Serves until the process is stopped. Prints the link to open on stdout.
pub(crate) async fn serve(options: Options) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(options.listen).await?;
    let addr = listener.local_addr()?;
    let secrets = security::Secrets::new()?;
    let hosts = security::allowed_hosts(addr);
    let workspace = Workspace::open(&options.flows, &options.locales, options.load);
    let link = format!("http://{}/login?token={}", hosts[0], secrets.token);
    let studio = Arc::new(Studio {
        secrets,
        hosts,
        workspace: Mutex::new(workspace),
    });
    if let Some(warning) = exposure_warning(addr) {
        eprintln!("{warning}");
    }
    // A closed stdout (the link already read) must not stop the studio.
    let mut out = std::io::stdout();
    let _ = writeln!(out, "signpost studio: open {link}");
    let _ = writeln!(
        out,
        "(the link holds a one-run password: do not share it; stop with Ctrl+C)"
    );
    let app = super::pages::routes()
        .layer(axum::middleware::from_fn_with_state(
            studio.clone(),
            security::guard,
        ))
        .layer(DefaultBodyLimit::max(security::MAX_BODY))
        .with_state(studio);
    axum::serve(listener, app).await
}

#[cfg(test)]
mod tests {
    use super::exposure_warning;

    #[test]
    fn only_another_address_than_the_loopback_is_warned_about() {
        assert_eq!(exposure_warning("127.0.0.1:8750".parse().unwrap()), None);
        assert_eq!(exposure_warning("[::1]:8750".parse().unwrap()), None);
        let warning = exposure_warning("0.0.0.0:8750".parse().unwrap()).unwrap();
        assert!(warning.contains("not only on this computer"), "{warning}");
        assert!(warning.contains("not encrypted"), "{warning}");
    }
}

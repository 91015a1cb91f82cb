//! Builds the application from settings: keys, database, HTTP server.

use std::fs;
use std::io::Write;
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;

use actix_web::dev::{Server, Service};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{App, HttpMessage, HttpRequest, HttpResponse, HttpServer, web};
use anyhow::Context;
use tokio::sync::Notify;
use tracing_actix_web::{RequestId, TracingLogger};
use utoipa_swagger_ui::SwaggerUi;

use crate::app;
use crate::auth::{JwtKeys, LoginThrottle};
use crate::config::Settings;
use crate::http::{self, ApiError, AppState};
use crate::mail::Transport;
use crate::mail::worker::Worker;
use crate::memory;
use crate::store;
use crate::web as pages;

/// A bound, not yet running, kefu server.
pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Loads the signing key, opens and migrates the database, binds the port.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let keys = signing_keys(&settings)?;
        let url = settings.database_url.clone();
        let pool = actix_web::rt::task::spawn_blocking(move || {
            let pool = store::connect(&url)?;
            let applied = store::migrate(&pool)?;
            if !applied.is_empty() {
                tracing::info!(?applied, "migrations applied");
            }
            anyhow::Ok(pool)
        })
        .await
        .context("preparing the database")??;

        let transport = Transport::from_settings(&settings.mail, &settings.data_dir)?;
        let mail_wake = Arc::new(Notify::new());
        if settings.mail.worker {
            let worker = Worker::new(
                pool.clone(),
                transport,
                settings.mail.clone(),
                mail_wake.clone(),
            );
            tokio::spawn(worker.run());
        }

        let listener = TcpListener::bind(settings.listen)
            .with_context(|| format!("binding {}", settings.listen))?;
        let port = listener.local_addr()?.port();
        let app = web::Data::new(app::App {
            pool,
            keys,
            throttle: LoginThrottle::default(),
            token_ttl: settings.token_ttl,
            sessions: settings.web.sessions,
            public_url: settings
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{}:{port}", settings.listen.ip())),
            mail_wake,
            uploads: Default::default(),
            spool_dir: settings.data_dir.join("uploads"),
        });
        let state = web::Data::new(AppState {
            app: app.clone().into_inner(),
        });
        let web_settings = web::Data::new(settings.web);
        let requests = Arc::new(memory::Requests::default());
        tokio::spawn(memory::give_back_when_quiet(requests.clone()));
        let server = HttpServer::new(move || {
            let requests = requests.clone();
            App::new()
                .wrap(actix_web::middleware::from_fn(http::language::answer_in))
                .wrap_fn(move |req, srv| {
                    let in_flight = requests.begin();
                    let request_id = req.extensions().get::<RequestId>().copied();
                    let response = srv.call(req);
                    async move {
                        let mut response = response.await?;
                        drop(in_flight);
                        if let Some(id) =
                            request_id.and_then(|id| HeaderValue::from_str(&id.to_string()).ok())
                        {
                            response
                                .headers_mut()
                                .insert(HeaderName::from_static("x-request-id"), id);
                        }
                        Ok(response)
                    }
                })
                .wrap(TracingLogger::default())
                .app_data(state.clone())
                .app_data(app.clone())
                .app_data(web_settings.clone())
                .configure(http::extractor_config)
                .configure(http::routes)
                .service(
                    SwaggerUi::new("/api/docs/{_:.*}")
                        .config(utoipa_swagger_ui::Config::from("/api/openapi.json")),
                )
                .service(web::redirect("/api/docs", "/api/docs/"))
                .configure(pages::routes)
                .default_service(web::to(fallback))
        })
        .listen(listener)?
        .run();
        tracing::info!(address = %settings.listen.ip(), port, database = %store::Backend::of(&settings.database_url).name(), "kefu listening");
        Ok(Self { port, server })
    }

    /// The port bound: the configured one, or the one the OS chose for port 0.
    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// What an address nobody serves answers: a problem document under `/api/`,
/// the 404 page elsewhere.
async fn fallback(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    if req.path().starts_with("/api/") {
        return Err(ApiError::not_found());
    }
    Ok(pages::error::not_found_page(&req))
}

/// The JWT key ring: the configured key, or one generated once and kept in the
/// data directory, readable by the owner only.
fn signing_keys(settings: &Settings) -> anyhow::Result<JwtKeys> {
    let current = match &settings.jwt_secret {
        Some(secret) => secret.as_bytes().to_vec(),
        None => stored_secret(&settings.data_dir)?,
    };
    let previous = settings
        .jwt_previous_secret
        .as_ref()
        .map(|s| s.as_bytes().to_vec());
    JwtKeys::new(&current, previous.as_deref()).context("KEFU_JWT_SECRET")
}

fn stored_secret(data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    let path = data_dir.join("jwt-secret");
    if path.exists() {
        let secret =
            fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        return Ok(secret.trim().as_bytes().to_vec());
    }
    fs::create_dir_all(data_dir).with_context(|| format!("creating {}", data_dir.display()))?;
    let secret = hex::encode(crate::auth::random_bytes::<48>());
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(secret.as_bytes())?;
    file.sync_all()?;
    tracing::info!(path = %path.display(), "generated a JWT signing key");
    Ok(secret.into_bytes())
}

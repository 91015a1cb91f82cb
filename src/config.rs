//! Settings: loaded once in `main` from the environment (and an optional file),
//! then passed down. Every setting has a default that runs with nothing set.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use serde::Deserialize;

use crate::domain::session::SessionLimits;

/// Longest a token may live: a stolen token must not stay good for long.
pub const MAX_TOKEN_TTL: Duration = Duration::from_secs(7 * 24 * 3600);

/// Everything the service needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the HTTP server listens (`KEFU_LISTEN`).
    pub listen: SocketAddr,
    /// Where kefu keeps its files: the SQLite database, the generated JWT key (`KEFU_DATA_DIR`).
    pub data_dir: PathBuf,
    /// `postgres://…` for PostgreSQL; anything else is a SQLite path (`DATABASE_URL`).
    pub database_url: String,
    /// The JWT signing key; generated and kept in the data directory when unset (`KEFU_JWT_SECRET`).
    pub jwt_secret: Option<String>,
    /// A previous signing key whose tokens are still accepted during rotation
    /// (`KEFU_JWT_PREVIOUS_SECRET`).
    pub jwt_previous_secret: Option<String>,
    /// How long a login token lives (`KEFU_TOKEN_TTL`, e.g. `8h`).
    pub token_ttl: Duration,
    pub mail: MailSettings,
    pub web: WebSettings,
    /// The address people reach kefu at, for the links in its mails
    /// (`KEFU_PUBLIC_URL`, e.g. `https://kefu.shop.cn`; by default the address it
    /// listens on). Never taken from a request's `Host`, which its sender chooses.
    pub public_url: Option<String>,
}

/// How the pages keep people signed in.
#[derive(Debug, Clone, Copy, Default)]
pub struct WebSettings {
    /// Idle and absolute limits of a session (`KEFU_SESSION_IDLE`, default 30m;
    /// `KEFU_SESSION_MAX`, default 12h).
    pub sessions: SessionLimits,
    /// Marks cookies `Secure` (`KEFU_SECURE_COOKIES=on`): for kefu served over
    /// TLS by a proxy in front of it. Requests that arrive over TLS get it anyway.
    pub secure_cookies: bool,
}

/// How invoices are mailed.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `smtp://user:password@host:587?tls=required` (STARTTLS) or `smtps://host:465` (TLS)
    /// (`SMTP_URL`). Unset: mails are written as `.eml` files under `<data dir>/outbox/`.
    pub smtp_url: Option<String>,
    /// The sender, e.g. `财务部 <billing@shop.cn>` (`KEFU_MAIL_FROM`).
    pub from: String,
    /// How long one SMTP conversation may take (`KEFU_SMTP_TIMEOUT`).
    pub smtp_timeout: Duration,
    /// Whether this server sends the outbox (`KEFU_OUTBOX_WORKER=off` to leave it to others).
    pub worker: bool,
    /// How often the worker looks for due mails when nothing wakes it (`KEFU_OUTBOX_POLL`).
    pub poll: Duration,
    /// The wait after a first failure; it doubles with each attempt (`KEFU_MAIL_RETRY_BASE`).
    pub retry_base: Duration,
    /// Attempts before a mail is given up as `failed` (`KEFU_MAIL_MAX_ATTEMPTS`).
    pub max_attempts: u32,
    /// How long a worker's claim on a mail holds; a crashed worker's claim runs out then.
    pub lease: Duration,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            smtp_url: None,
            from: "kefu <billing@kefu.localhost>".into(),
            smtp_timeout: Duration::from_secs(30),
            worker: true,
            poll: Duration::from_secs(5),
            retry_base: Duration::from_secs(30),
            max_attempts: 8,
            lease: Duration::from_secs(300),
        }
    }
}

/// The same settings as a file may hold them (`kefu.toml`, or the file `KEFU_CONFIG` names).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    listen: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    jwt_secret: Option<String>,
    jwt_previous_secret: Option<String>,
    token_ttl: Option<String>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
}

impl Settings {
    /// Loads settings from the process environment and the optional file.
    pub fn load() -> anyhow::Result<Self> {
        Self::from_source(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    /// Loads settings, reading variables through `env`; the environment wins over the file.
    pub fn from_source(env: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let file = match env("KEFU_CONFIG") {
            Some(path) => read_file(Path::new(&path))?,
            None if Path::new("kefu.toml").exists() => read_file(Path::new("kefu.toml"))?,
            None => FileSettings::default(),
        };
        let pick = |var: &str, from_file: Option<String>| env(var).or(from_file);

        let listen = pick("KEFU_LISTEN", file.listen).unwrap_or_else(|| "127.0.0.1:8080".into());
        let listen = listen.parse().with_context(|| {
            format!("KEFU_LISTEN: '{listen}' is not an address like 127.0.0.1:8080")
        })?;
        let data_dir = env("KEFU_DATA_DIR")
            .map(PathBuf::from)
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from("data"));
        let database_url = pick("DATABASE_URL", file.database_url)
            .unwrap_or_else(|| data_dir.join("kefu.db").to_string_lossy().into_owned());
        let token_ttl = match pick("KEFU_TOKEN_TTL", file.token_ttl) {
            Some(raw) => humantime::parse_duration(&raw).with_context(|| {
                format!("KEFU_TOKEN_TTL: '{raw}' is not a duration like 8h or 30m")
            })?,
            None => Duration::from_secs(8 * 3600),
        };
        if token_ttl.is_zero() || token_ttl > MAX_TOKEN_TTL {
            bail!("KEFU_TOKEN_TTL must be more than zero and at most 7 days");
        }
        let mail = mail_settings(&env, file.smtp_url, file.mail_from)?;
        let web = web_settings(&env)?;
        let public_url = env("KEFU_PUBLIC_URL").map(|url| url.trim_end_matches('/').to_owned());
        if let Some(url) = &public_url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            bail!("KEFU_PUBLIC_URL must start with http:// or https://");
        }
        Ok(Self {
            listen,
            data_dir,
            database_url,
            jwt_secret: pick("KEFU_JWT_SECRET", file.jwt_secret),
            jwt_previous_secret: pick("KEFU_JWT_PREVIOUS_SECRET", file.jwt_previous_secret),
            token_ttl,
            mail,
            web,
            public_url,
        })
    }
}

fn duration(
    env: &impl Fn(&str) -> Option<String>,
    var: &str,
    default: Duration,
) -> anyhow::Result<Duration> {
    match env(var) {
        Some(raw) => humantime::parse_duration(&raw)
            .with_context(|| format!("{var}: '{raw}' is not a duration like 30s or 5m")),
        None => Ok(default),
    }
}

fn switch(env: &impl Fn(&str) -> Option<String>, var: &str, default: bool) -> anyhow::Result<bool> {
    match env(var).as_deref() {
        None => Ok(default),
        Some("on" | "true" | "1") => Ok(true),
        Some("off" | "false" | "0") => Ok(false),
        Some(other) => bail!("{var}: '{other}' is not on or off"),
    }
}

fn web_settings(env: &impl Fn(&str) -> Option<String>) -> anyhow::Result<WebSettings> {
    let default = SessionLimits::default();
    let sessions = SessionLimits {
        idle: duration(env, "KEFU_SESSION_IDLE", default.idle)?,
        absolute: duration(env, "KEFU_SESSION_MAX", default.absolute)?,
    };
    if sessions.idle.is_zero() || sessions.idle > sessions.absolute {
        bail!("KEFU_SESSION_IDLE must be more than zero and at most KEFU_SESSION_MAX");
    }
    if sessions.absolute > Duration::from_secs(7 * 24 * 3600) {
        bail!("KEFU_SESSION_MAX must be at most 7 days");
    }
    Ok(WebSettings {
        sessions,
        secure_cookies: switch(env, "KEFU_SECURE_COOKIES", false)?,
    })
}

fn mail_settings(
    env: &impl Fn(&str) -> Option<String>,
    smtp_url: Option<String>,
    from: Option<String>,
) -> anyhow::Result<MailSettings> {
    let default = MailSettings::default();
    let smtp_url = env("SMTP_URL").or(smtp_url);
    if let Some(url) = &smtp_url
        && !(url.starts_with("smtp://") || url.starts_with("smtps://"))
    {
        bail!("SMTP_URL must start with smtp:// or smtps://");
    }
    let from = env("KEFU_MAIL_FROM").or(from).unwrap_or(default.from);
    if from.parse::<lettre::message::Mailbox>().is_err() {
        bail!("KEFU_MAIL_FROM: '{from}' is not a mail address like 财务部 <billing@shop.cn>");
    }
    let worker = switch(env, "KEFU_OUTBOX_WORKER", true)?;
    let max_attempts = match env("KEFU_MAIL_MAX_ATTEMPTS") {
        Some(raw) => raw
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=50).contains(n))
            .with_context(|| {
                format!("KEFU_MAIL_MAX_ATTEMPTS: '{raw}' is not a number from 1 to 50")
            })?,
        None => default.max_attempts,
    };
    Ok(MailSettings {
        smtp_url,
        from,
        smtp_timeout: duration(env, "KEFU_SMTP_TIMEOUT", default.smtp_timeout)?,
        worker,
        poll: duration(env, "KEFU_OUTBOX_POLL", default.poll)?,
        retry_base: duration(env, "KEFU_MAIL_RETRY_BASE", default.retry_base)?,
        max_attempts,
        lease: default.lease,
    })
}

fn read_file(path: &Path) -> anyhow::Result<FileSettings> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading settings file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("parsing settings file {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(vars: &[(&str, &str)]) -> anyhow::Result<Settings> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_source(|name| vars.get(name).cloned())
    }

    #[test]
    fn runs_with_nothing_set() -> anyhow::Result<()> {
        let settings = load(&[])?;
        assert_eq!(settings.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(
            settings.database_url,
            Path::new("data").join("kefu.db").to_string_lossy()
        );
        assert_eq!(settings.token_ttl, Duration::from_secs(8 * 3600));
        assert!(settings.jwt_secret.is_none());
        Ok(())
    }

    #[test]
    fn the_database_follows_the_data_directory() -> anyhow::Result<()> {
        let settings = load(&[("KEFU_DATA_DIR", "/srv/kefu")])?;
        assert_eq!(settings.database_url, "/srv/kefu/kefu.db");
        Ok(())
    }

    #[test]
    fn refuses_bad_values_naming_the_variable() {
        for (var, value) in [
            ("KEFU_LISTEN", "localhost"),
            ("KEFU_TOKEN_TTL", "forever"),
            ("KEFU_TOKEN_TTL", "30d"),
            ("SMTP_URL", "mail.shop.cn:25"),
            ("KEFU_MAIL_FROM", "not an address"),
            ("KEFU_MAIL_MAX_ATTEMPTS", "0"),
            ("KEFU_OUTBOX_POLL", "often"),
            ("KEFU_SESSION_IDLE", "0s"),
            ("KEFU_SESSION_IDLE", "13h"),
            ("KEFU_SESSION_MAX", "30d"),
            ("KEFU_SECURE_COOKIES", "maybe"),
            ("KEFU_PUBLIC_URL", "kefu.shop.cn"),
        ] {
            let error = load(&[(var, value)])
                .err()
                .map(|e| format!("{e:#}"))
                .unwrap_or_default();
            assert!(error.contains(var), "{var}={value} gave '{error}'");
        }
    }

    #[test]
    fn reads_a_settings_file_and_lets_the_environment_win() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("kefu.toml");
        std::fs::write(&path, "listen = \"127.0.0.1:9000\"\ntoken_ttl = \"1h\"\n")?;
        let path = path.to_string_lossy().into_owned();
        let settings = load(&[("KEFU_CONFIG", &path), ("KEFU_TOKEN_TTL", "2h")])?;
        assert_eq!(settings.listen.to_string(), "127.0.0.1:9000");
        assert_eq!(settings.token_ttl, Duration::from_secs(7200));
        Ok(())
    }
}

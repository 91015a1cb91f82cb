//! Who is looking at a page: the language they read, and the session their
//! cookie carries (if any). Read from the request alone, with no trip to the
//! database; the use case a page calls checks the session.

use std::future::{Ready, ready};

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use tracing_actix_web::RequestId;

use crate::app::{App, Caller};
use crate::auth::session::SessionKey;
use crate::catalogue::Language;
use crate::config::WebSettings;

pub const SESSION_COOKIE: &str = "kefu_session";
pub const LANGUAGE_COOKIE: &str = "kefu_lang";
/// The token of a form shown before sign-in (double submit).
pub const FORM_COOKIE: &str = "kefu_form";

#[derive(Debug, Clone)]
pub struct Visitor {
    pub language: Language,
    pub session: Option<SessionKey>,
    /// The address asked for, to come back to after signing in.
    pub path: String,
    /// The request's id, which an error page gives as its reference.
    pub request: String,
    /// Whether cookies are to be marked `Secure`.
    secure: bool,
}

impl Visitor {
    pub fn read(req: &HttpRequest) -> Self {
        let chosen = req
            .cookie(LANGUAGE_COOKIE)
            .and_then(|c| Language::parse(c.value()));
        let language = chosen.unwrap_or_else(|| {
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map_or_else(Language::default, Language::negotiate)
        });
        let session = req
            .cookie(SESSION_COOKIE)
            .and_then(|c| SessionKey::parse(c.value()));
        let configured = req
            .app_data::<web::Data<WebSettings>>()
            .is_some_and(|s| s.secure_cookies);
        let request = req
            .extensions()
            .get::<RequestId>()
            .map(ToString::to_string)
            .unwrap_or_default();
        Self {
            language,
            session,
            path: req
                .uri()
                .path_and_query()
                .map_or("/", |p| p.as_str())
                .to_owned(),
            request,
            secure: configured || req.connection_info().scheme() == "https",
        }
    }

    /// A visitor known only by language, for a page drawn outside a request's handler.
    pub fn anonymous(language: Language, request: &str) -> Self {
        Self {
            language,
            session: None,
            path: "/".into(),
            request: request.to_owned(),
            secure: false,
        }
    }

    /// The credential of the visitor's session, for the use case to check.
    pub fn caller(&self, app: &App) -> Option<Caller> {
        self.session.clone().map(|key| app.session_caller(key))
    }

    /// The CSRF token the visitor's forms carry.
    pub fn csrf(&self) -> String {
        self.session
            .as_ref()
            .map(SessionKey::csrf_token)
            .unwrap_or_default()
    }

    /// A cookie kefu sets: `HttpOnly`, `SameSite=Lax`, `Secure` behind TLS.
    pub fn cookie(&self, name: &'static str, value: String) -> Cookie<'static> {
        Cookie::build(name, value)
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure)
            .finish()
    }

    /// A cookie that tells the browser to forget `name`.
    pub fn removal(&self, name: &'static str) -> Cookie<'static> {
        let mut cookie = self.cookie(name, String::new());
        cookie.make_removal();
        cookie
    }

    /// The remembered language choice: a year.
    pub fn language_cookie(&self, language: Language) -> Cookie<'static> {
        let mut cookie = self.cookie(LANGUAGE_COOKIE, language.tag().to_owned());
        cookie.set_max_age(CookieDuration::days(365));
        cookie
    }
}

impl FromRequest for Visitor {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Self::read(req)))
    }
}

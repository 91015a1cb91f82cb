//! A page for someone signed in: the visitor, the credential their session
//! cookie carries, and drawing the page inside the frame that names them.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use serde::Serialize;

use super::csrf;
use super::error::WebError;
use super::render::{Who, html, page};
use super::visitor::Visitor;
use crate::app::session::MeView;
use crate::app::{App, AppError, AppResult, Caller, session};

pub struct SignedIn {
    pub visitor: Visitor,
    caller: Caller,
    app: web::Data<App>,
}

impl SignedIn {
    pub fn app(&self) -> &App {
        &self.app
    }

    /// The credential, for the use case to check.
    pub fn caller(&self) -> Caller {
        self.caller.clone()
    }

    /// The page a use case's refusal answers with.
    pub fn fail(&self, error: AppError) -> WebError {
        WebError::app(&self.visitor, error)
    }

    /// Refuses a form that does not come from this session's pages.
    pub fn check_form(&self, req: &HttpRequest, token: &str) -> Result<(), WebError> {
        csrf::check(req, &self.visitor, token)
    }

    /// Who is signed in: their tenant, name and role.
    pub async fn me(&self) -> AppResult<MeView> {
        session::me(&self.app, self.caller()).await
    }

    /// Draws `template` with `data`, titled by the catalogue's `title`, inside
    /// the frame that names the person signed in.
    pub async fn render<T: Serialize>(
        &self,
        status: StatusCode,
        template: &'static str,
        title: &str,
        data: &T,
    ) -> Result<HttpResponse, WebError> {
        let me = self.me().await.map_err(|e| self.fail(e))?;
        self.render_for(&me, status, template, title, data)
    }

    /// Like [`SignedIn::render`], for a person already read.
    pub fn render_for<T: Serialize>(
        &self,
        me: &MeView,
        status: StatusCode,
        template: &'static str,
        title: &str,
        data: &T,
    ) -> Result<HttpResponse, WebError> {
        let who = Who::of(me, self.visitor.language);
        let body = page(&self.visitor, Some(&who), template, title, data)
            .map_err(|e| WebError::render(&self.visitor, e))?;
        Ok(html(status, body))
    }

    /// Like [`SignedIn::render`], the page's data from a use case read beside
    /// who is signed in.
    pub async fn show<T: Serialize>(
        &self,
        template: &'static str,
        title: &str,
        data: impl Future<Output = AppResult<T>>,
    ) -> Result<HttpResponse, WebError> {
        let (me, data) = tokio::try_join!(session::me(&self.app, self.caller()), data)
            .map_err(|e| self.fail(e))?;
        let who = Who::of(&me, self.visitor.language);
        let body = page(&self.visitor, Some(&who), template, title, &data)
            .map_err(|e| WebError::render(&self.visitor, e))?;
        Ok(html(StatusCode::OK, body))
    }
}

impl FromRequest for SignedIn {
    type Error = WebError;
    type Future = Ready<Result<Self, WebError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let visitor = Visitor::read(req);
        let Some(app) = req.app_data::<web::Data<App>>().cloned() else {
            return ready(Err(WebError::render(&visitor, "no application".into())));
        };
        ready(match visitor.caller(&app) {
            Some(caller) => Ok(Self {
                visitor,
                caller,
                app,
            }),
            None => Err(WebError::app(&visitor, AppError::Unauthorized)),
        })
    }
}

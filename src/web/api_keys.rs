//! API keys for a vendor's feed job: made (the secret shown once, on the
//! answer to the form, never in an address), listed, revoked.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Serialize;

use super::error::WebError;
use super::signed_in::SignedIn;
use crate::app::api_keys::{self, ApiKeyView, NewApiKeyBody};
use crate::app::session::MeView;
use crate::app::{AppError, AppResult};
use crate::catalogue::Language;
use crate::domain::api_key::ApiKeyScope;
use crate::domain::{ApiKeyId, Permission, VendorId};
use crate::store::Page;

#[derive(Serialize)]
struct KeysPage {
    vendor: i64,
    keys: Vec<KeyRow>,
    may_manage: bool,
    scopes: Vec<ScopeChoice>,
    /// A key just made: shown this once.
    created: Option<String>,
    errors: Vec<String>,
}

#[derive(Serialize)]
struct KeyRow {
    id: i64,
    name: String,
    prefix: String,
    scopes: String,
    created: String,
    last_used: String,
    revoked: bool,
}

#[derive(Serialize)]
struct ScopeChoice {
    value: &'static str,
    text: String,
    checked: bool,
}

type Fields = HashMap<String, String>;

/// `/api-keys`: the signed-in vendor user's keys (or, for the merchant's people, `?vendor=`).
#[get("/api-keys")]
pub async fn list(signed: SignedIn, query: web::Query<Fields>) -> Result<HttpResponse, WebError> {
    let me = signed.me().await.map_err(|e| signed.fail(e))?;
    let vendor = vendor_of(&me, query.get("vendor")).map_err(|e| signed.fail(e))?;
    render(&signed, me, vendor, None, Vec::new()).await
}

#[post("/api-keys")]
pub async fn create(
    signed: SignedIn,
    req: HttpRequest,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let fields = form.into_inner();
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or(String::new(), |(_, v)| v.clone())
    };
    signed.check_form(&req, &field("csrf"))?;
    let vendor = field("vendor");
    let scopes: Vec<ApiKeyScope> = fields
        .iter()
        .filter(|(k, _)| k == "scope")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let body = NewApiKeyBody {
        name: field("name"),
        scopes: Some(scopes),
    };
    let me = signed.me().await.map_err(|e| signed.fail(e))?;
    let vendor_id = vendor_of(&me, Some(&vendor)).map_err(|e| signed.fail(e))?;
    let language = signed.visitor.language;
    match api_keys::create(signed.app(), signed.caller(), vendor_id, body).await {
        Ok(created) => render(&signed, me, vendor_id, Some(created.secret), Vec::new()).await,
        Err(AppError::Invalid(errors)) => {
            let messages = errors
                .iter()
                .map(|v| format!("{}: {}", v.field, language.message(&v.message)))
                .collect();
            render(&signed, me, vendor_id, None, messages).await
        }
        Err(AppError::Conflict { message, .. }) => {
            let message = language.message(&message);
            render(&signed, me, vendor_id, None, vec![message]).await
        }
        Err(error) => Err(signed.fail(error)),
    }
}

#[post("/api-keys/{id}/revoke")]
pub async fn revoke(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<Fields>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, form.get("csrf").map_or("", String::as_str))?;
    let Some(key) = path.parse::<i64>().ok().filter(|id| *id > 0) else {
        return Ok(super::error::not_found_page(&req));
    };
    let vendor = form.get("vendor").cloned().unwrap_or_default();
    let me = signed.me().await.map_err(|e| signed.fail(e))?;
    let vendor_id = vendor_of(&me, Some(&vendor)).map_err(|e| signed.fail(e))?;
    api_keys::revoke(signed.app(), signed.caller(), vendor_id, ApiKeyId::new(key))
        .await
        .map_err(|e| signed.fail(e))?;
    Ok(super::sign_in::see_other(&format!(
        "/api-keys?vendor={}",
        vendor_id.get()
    )))
}

/// The vendor whose keys are meant: a vendor user's own, else the one asked for.
fn vendor_of(me: &MeView, asked: Option<&String>) -> AppResult<VendorId> {
    me.vendor_id
        .or_else(|| asked.and_then(|v| v.parse::<i64>().ok()))
        .filter(|id| *id > 0)
        .map(VendorId::new)
        .ok_or(AppError::NotFound)
}

async fn render(
    signed: &SignedIn,
    me: MeView,
    vendor: VendorId,
    created: Option<String>,
    errors: Vec<String>,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let page = Page {
        after: None,
        limit: Page::MAX_LIMIT,
    };
    let keys = api_keys::list(signed.app(), signed.caller(), vendor, page)
        .await
        .map_err(|e| signed.fail(e))?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let data = KeysPage {
        vendor: vendor.get(),
        keys: keys.into_iter().map(|k| key_row(k, language)).collect(),
        may_manage: me.role.may(Permission::ManageApiKeys),
        scopes: ApiKeyScope::ALL
            .iter()
            .map(|s| ScopeChoice {
                value: s.as_str(),
                text: scope_text(*s, language),
                checked: *s != ApiKeyScope::WriteReports,
            })
            .collect(),
        created,
        errors,
    };
    signed.render_for(&me, status, "api_keys", "api-keys-title", &data)
}

fn scope_text(scope: ApiKeyScope, language: Language) -> String {
    language.text(&format!("scope-{}", scope.as_str()), &[])
}

fn key_row(key: ApiKeyView, language: Language) -> KeyRow {
    let when = super::format::local_time;
    KeyRow {
        id: key.id,
        name: key.name,
        prefix: key.prefix,
        scopes: key
            .scopes
            .iter()
            .map(|s| scope_text(*s, language))
            .collect::<Vec<_>>()
            .join("、"),
        created: when(key.created_at),
        last_used: key
            .last_used_at
            .map_or_else(|| language.text("never-used", &[]), when),
        revoked: key.revoked_at.is_some(),
    }
}

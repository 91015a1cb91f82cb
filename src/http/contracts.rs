//! Contracts: the header, the terms as of a date, their history, and the
//! audit log. Each handler reads its input and calls its use case in
//! `app::contracts`.

use actix_web::{HttpResponse, get, patch, post, web};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::page::{PageQuery, Paged};
use super::state::AppState;
use crate::app::contracts::create::NewContractBody;
use crate::app::contracts::history::{self, AsOfQuery};
use crate::app::contracts::update::ContractPatch;
use crate::app::contracts::{self, AuditEntryView, ContractQuery, ContractView, TermsVersionView};
use crate::domain::ContractId;

/// Lists contracts; a vendor user sees only its vendor's.
#[utoipa::path(get, path = "/api/v1/contracts", tag = "contracts", security(("bearer" = [])),
    params(ContractQuery, PageQuery),
    responses((status = 200, body = Paged<ContractView>), (status = 401, body = Problem)))]
#[get("/contracts")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ContractQuery>,
    paging: web::Query<PageQuery>,
) -> Result<web::Json<Paged<ContractView>>, ApiError> {
    let page = paging.page()?;
    let views = contracts::list(&state, caller, query.into_inner(), page).await?;
    Ok(web::Json(Paged::new(views, page, |c: &ContractView| c.id)))
}

/// Writes a new contract as a draft, with its first terms version.
#[utoipa::path(post, path = "/api/v1/contracts", tag = "contracts", security(("bearer" = [])),
    request_body = NewContractBody,
    responses((status = 201, body = ContractView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, description = "The number is taken", body = Problem), (status = 422, body = Problem)))]
#[post("/contracts")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<NewContractBody>,
) -> Result<HttpResponse, ApiError> {
    let view = contracts::create::create(&state, caller, body).await?;
    Ok(HttpResponse::Created().json(view))
}

/// One contract.
#[utoipa::path(get, path = "/api/v1/contracts/{id}", tag = "contracts", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract")),
    responses((status = 200, body = ContractView), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/contracts/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
) -> Result<web::Json<ContractView>, ApiError> {
    Ok(web::Json(
        contracts::show(&state, caller, id.into_inner()).await?,
    ))
}

/// Changes the header: number, title, shops; dates only while a draft.
#[utoipa::path(patch, path = "/api/v1/contracts/{id}", tag = "contracts", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract")),
    request_body = ContractPatch,
    responses((status = 200, body = ContractView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[patch("/contracts/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
    Json(body): Json<ContractPatch>,
) -> Result<web::Json<ContractView>, ApiError> {
    Ok(web::Json(
        contracts::update::update(&state, caller, id.into_inner(), body).await?,
    ))
}

/// The terms in force on a day (a draft's terms while it is a draft).
#[utoipa::path(get, path = "/api/v1/contracts/{id}/terms", tag = "contracts", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract"), AsOfQuery),
    responses((status = 200, body = TermsVersionView), (status = 401, body = Problem),
        (status = 404, description = "No such contract, or no terms in force that day", body = Problem)))]
#[get("/contracts/{id}/terms")]
pub async fn terms_as_of(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
    query: web::Query<AsOfQuery>,
) -> Result<web::Json<TermsVersionView>, ApiError> {
    Ok(web::Json(
        history::terms_as_of(&state, caller, id.into_inner(), query.into_inner()).await?,
    ))
}

/// Every version of the terms, oldest first: drafts, amendments, what is in force.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/terms/versions", tag = "contracts", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract")),
    responses((status = 200, body = Vec<TermsVersionView>), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/contracts/{id}/terms/versions")]
pub async fn versions(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
) -> Result<web::Json<Vec<TermsVersionView>>, ApiError> {
    Ok(web::Json(
        history::versions(&state, caller, id.into_inner()).await?,
    ))
}

/// Who changed what in the contract and its terms, and when, oldest first.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/audit", tag = "contracts", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract"), PageQuery),
    responses((status = 200, body = Paged<AuditEntryView>), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/contracts/{id}/audit")]
pub async fn audit_log(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
    paging: web::Query<PageQuery>,
) -> Result<web::Json<Paged<AuditEntryView>>, ApiError> {
    let page = paging.page()?;
    let entries = history::audit_log(&state, caller, id.into_inner(), page).await?;
    Ok(web::Json(Paged::new(
        entries,
        page,
        |e: &AuditEntryView| e.id,
    )))
}

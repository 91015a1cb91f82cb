//! The parts of a contract's terms, each with its own routes: commercial
//! conditions, charges, SLA clauses, liability terms, handover phases. Each
//! handler reads its input and calls its use case in
//! `app::contracts::terms_parts`.
//!
//! Reads show the version being written (a draft, or an open amendment) or,
//! with none, the version in force today. Writes change the version being
//! written; a signed contract without an open amendment answers 409.

use actix_web::{HttpResponse, delete, get, post, put, web};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::state::AppState;
use crate::app::contracts::terms_parts;
use crate::domain::ContractId;
use crate::domain::terms::{
    Charge, ChargeSpec, Commercial, Liability, Phase, PhaseSpec, SlaClause, SlaClauseSpec,
};

/// Declares the five routes of a list of parts, documented for OpenAPI.
macro_rules! part_routes {
    ($part:ty, $spec:ty, $tag:literal, $list_path:literal, $item_path:literal, $doc_list:literal, $doc_item:literal,
     $list:ident, $add:ident, $show:ident, $replace:ident, $remove:ident) => {
        #[doc = concat!("Lists the contract's ", $tag, ".")]
        #[utoipa::path(get, path = $doc_list, tag = "contract terms",
            security(("bearer" = [])),
            params(("id" = i64, Path, description = "The contract")),
            responses((status = 200, body = Vec<$part>), (status = 401, body = Problem), (status = 404, body = Problem)))]
        #[get($list_path)]
        pub async fn $list(
            state: web::Data<AppState>,
            caller: Caller,
            id: web::Path<ContractId>,
        ) -> Result<web::Json<Vec<$part>>, ApiError> {
            Ok(web::Json(terms_parts::list::<$part>(&state, caller, id.into_inner()).await?))
        }

        #[doc = concat!("Adds one of the contract's ", $tag, " to the version being written.")]
        #[utoipa::path(post, path = $doc_list, tag = "contract terms",
            security(("bearer" = [])),
            params(("id" = i64, Path, description = "The contract")),
            request_body = $spec,
            responses((status = 201, body = $part), (status = 401, body = Problem), (status = 403, body = Problem),
                (status = 404, body = Problem), (status = 409, description = "Signed, with no amendment open", body = Problem),
                (status = 422, body = Problem)))]
        #[post($list_path)]
        pub async fn $add(
            state: web::Data<AppState>,
            caller: Caller,
            id: web::Path<ContractId>,
            Json(spec): Json<$spec>,
        ) -> Result<HttpResponse, ApiError> {
            let part = terms_parts::add::<$part>(&state, caller, id.into_inner(), spec).await?;
            Ok(HttpResponse::Created().json(part))
        }

        #[doc = concat!("One of the contract's ", $tag, ".")]
        #[utoipa::path(get, path = $doc_item, tag = "contract terms",
            security(("bearer" = [])),
            params(("id" = i64, Path, description = "The contract"), ("part" = u32, Path, description = "The part")),
            responses((status = 200, body = $part), (status = 401, body = Problem), (status = 404, body = Problem)))]
        #[get($item_path)]
        pub async fn $show(
            state: web::Data<AppState>,
            caller: Caller,
            path: web::Path<(ContractId, u32)>,
        ) -> Result<web::Json<$part>, ApiError> {
            let (id, part) = path.into_inner();
            Ok(web::Json(terms_parts::show::<$part>(&state, caller, id, part).await?))
        }

        #[doc = concat!("Replaces one of the contract's ", $tag, " in the version being written.")]
        #[utoipa::path(put, path = $doc_item, tag = "contract terms",
            security(("bearer" = [])),
            params(("id" = i64, Path, description = "The contract"), ("part" = u32, Path, description = "The part")),
            request_body = $spec,
            responses((status = 200, body = $part), (status = 401, body = Problem), (status = 403, body = Problem),
                (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
        #[put($item_path)]
        pub async fn $replace(
            state: web::Data<AppState>,
            caller: Caller,
            path: web::Path<(ContractId, u32)>,
            Json(spec): Json<$spec>,
        ) -> Result<web::Json<$part>, ApiError> {
            let (id, part) = path.into_inner();
            Ok(web::Json(terms_parts::replace::<$part>(&state, caller, id, part, spec).await?))
        }

        #[doc = concat!("Removes one of the contract's ", $tag, " from the version being written.")]
        #[utoipa::path(delete, path = $doc_item, tag = "contract terms",
            security(("bearer" = [])),
            params(("id" = i64, Path, description = "The contract"), ("part" = u32, Path, description = "The part")),
            responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem),
                (status = 404, body = Problem), (status = 409, body = Problem),
                (status = 422, description = "Something else in the terms refers to it", body = Problem)))]
        #[delete($item_path)]
        pub async fn $remove(
            state: web::Data<AppState>,
            caller: Caller,
            path: web::Path<(ContractId, u32)>,
        ) -> Result<HttpResponse, ApiError> {
            let (id, part) = path.into_inner();
            terms_parts::remove::<$part>(&state, caller, id, part).await?;
            Ok(HttpResponse::NoContent().finish())
        }
    };
}

part_routes!(
    Charge,
    ChargeSpec,
    "charges",
    "/contracts/{id}/charges",
    "/contracts/{id}/charges/{part}",
    "/api/v1/contracts/{id}/charges",
    "/api/v1/contracts/{id}/charges/{part}",
    list_charges,
    add_charge,
    show_charge,
    replace_charge,
    remove_charge
);
part_routes!(
    SlaClause,
    SlaClauseSpec,
    "SLA clauses",
    "/contracts/{id}/sla-clauses",
    "/contracts/{id}/sla-clauses/{part}",
    "/api/v1/contracts/{id}/sla-clauses",
    "/api/v1/contracts/{id}/sla-clauses/{part}",
    list_sla_clauses,
    add_sla_clause,
    show_sla_clause,
    replace_sla_clause,
    remove_sla_clause
);
part_routes!(
    Phase,
    PhaseSpec,
    "handover phases",
    "/contracts/{id}/phases",
    "/contracts/{id}/phases/{part}",
    "/api/v1/contracts/{id}/phases",
    "/api/v1/contracts/{id}/phases/{part}",
    list_phases,
    add_phase,
    show_phase,
    replace_phase,
    remove_phase
);

/// Declares the read and replace routes of a part that is one value.
macro_rules! single_routes {
    ($ty:ty, $tag:literal, $path:literal, $doc_path:literal, $get:ident, $put:ident) => {
        #[doc = concat!("The contract's ", $tag, ".")]
        #[utoipa::path(get, path = $doc_path, tag = "contract terms",
            security(("bearer" = [])),
            params(("id" = i64, Path, description = "The contract")),
            responses((status = 200, body = $ty), (status = 401, body = Problem), (status = 404, body = Problem)))]
        #[get($path)]
        pub async fn $get(
            state: web::Data<AppState>,
            caller: Caller,
            id: web::Path<ContractId>,
        ) -> Result<web::Json<$ty>, ApiError> {
            Ok(web::Json(terms_parts::show_single::<$ty>(&state, caller, id.into_inner()).await?))
        }

        #[doc = concat!("Replaces the contract's ", $tag, " in the version being written.")]
        #[utoipa::path(put, path = $doc_path, tag = "contract terms",
            security(("bearer" = [])),
            params(("id" = i64, Path, description = "The contract")),
            request_body = $ty,
            responses((status = 200, body = $ty), (status = 401, body = Problem), (status = 403, body = Problem),
                (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
        #[put($path)]
        pub async fn $put(
            state: web::Data<AppState>,
            caller: Caller,
            id: web::Path<ContractId>,
            Json(value): Json<$ty>,
        ) -> Result<web::Json<$ty>, ApiError> {
            Ok(web::Json(terms_parts::replace_single::<$ty>(&state, caller, id.into_inner(), value).await?))
        }
    };
}

single_routes!(
    Liability,
    "liability terms",
    "/contracts/{id}/liability",
    "/api/v1/contracts/{id}/liability",
    show_liability,
    replace_liability
);
single_routes!(
    Commercial,
    "commercial conditions",
    "/contracts/{id}/commercial",
    "/api/v1/contracts/{id}/commercial",
    show_commercial,
    replace_commercial
);

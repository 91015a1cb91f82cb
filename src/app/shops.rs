//! The tenant's shops: storefronts on the platforms its vendors serve.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::patch::double_option;
use super::{App, AppResult, Caller};
use crate::domain::shop::{EXTERNAL_ID_MAX, NAME_MAX};
use crate::domain::text::parse_text;
use crate::domain::violation::Violations;
use crate::domain::{NewShop, Permission, Platform, Shop, ShopChanges, ShopId};
use crate::store::{self, Page};

#[derive(Debug, Serialize, ToSchema)]
pub struct ShopView {
    pub id: i64,
    pub platform: Platform,
    pub name: String,
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Shop> for ShopView {
    fn from(shop: Shop) -> Self {
        Self {
            id: shop.id.get(),
            platform: shop.platform,
            name: shop.name,
            external_id: shop.external_id,
            created_at: shop.created_at,
            updated_at: shop.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewShopBody {
    pub platform: Platform,
    /// The shop's name, e.g. 某某旗舰店.
    pub name: String,
    /// The shop's id on its platform, unique per platform within the tenant.
    pub external_id: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShopPatch {
    pub platform: Option<Platform>,
    pub name: Option<String>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub external_id: Option<Option<String>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShopQuery {
    pub platform: Option<Platform>,
}

fn parse_external_id(errors: &mut Violations, raw: Option<&str>) -> Option<Option<String>> {
    match raw {
        None => Some(None),
        Some(raw) => errors
            .check("external_id", parse_text(raw, EXTERNAL_ID_MAX))
            .map(Some),
    }
}

/// Lists the tenant's shops.
pub async fn list(
    app: &App,
    caller: Caller,
    query: ShopQuery,
    page: Page,
) -> AppResult<Vec<ShopView>> {
    app.read(caller, Permission::ReadShops, move |conn, auth| {
        let shops = store::shops::list(conn, auth.tenant(), query.platform, page)?;
        Ok(shops.into_iter().map(ShopView::from).collect())
    })
    .await
}

/// Adds a shop.
pub async fn create(app: &App, caller: Caller, body: NewShopBody) -> AppResult<ShopView> {
    let mut errors = Violations::default();
    let name = errors.check("name", parse_text(&body.name, NAME_MAX));
    let external_id = parse_external_id(&mut errors, body.external_id.as_deref());
    let new = errors.finish(|| {
        Some(NewShop {
            platform: body.platform,
            name: name?,
            external_id: external_id?,
        })
    })?;
    app.write(caller, Permission::WriteShops, move |conn, auth| {
        Ok(store::shops::create(conn, auth.tenant(), &new)?.into())
    })
    .await
}

/// One shop.
pub async fn show(app: &App, caller: Caller, id: ShopId) -> AppResult<ShopView> {
    app.read(caller, Permission::ReadShops, move |conn, auth| {
        Ok(store::shops::get(conn, auth.tenant(), id)?.into())
    })
    .await
}

/// Changes a shop.
pub async fn update(app: &App, caller: Caller, id: ShopId, body: ShopPatch) -> AppResult<ShopView> {
    let mut errors = Violations::default();
    let name = body
        .name
        .as_deref()
        .map(|n| errors.check("name", parse_text(n, NAME_MAX)));
    let external_id = body
        .external_id
        .as_ref()
        .map(|ext| parse_external_id(&mut errors, ext.as_deref()));
    // Outer option: the field was sent; inner: it passed its check (always, once errors are empty).
    let changes = errors.finish(|| {
        Some(ShopChanges {
            platform: body.platform,
            name: name.flatten(),
            external_id: external_id.flatten(),
        })
    })?;
    app.write(caller, Permission::WriteShops, move |conn, auth| {
        Ok(store::shops::update(conn, auth.tenant(), id, &changes)?.into())
    })
    .await
}

/// Deletes a shop that no contract names.
pub async fn remove(app: &App, caller: Caller, id: ShopId) -> AppResult<()> {
    app.write(caller, Permission::WriteShops, move |conn, auth| {
        Ok(store::shops::delete(conn, auth.tenant(), id)?)
    })
    .await
}

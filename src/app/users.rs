//! Users of the tenant: the owner adds them, changes their role, deactivates
//! them. The tenant always keeps an active owner.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::patch::double_option;
use super::{App, AppError, AppResult, Caller};
use crate::auth::password::NewPassword;
use crate::domain::message::msg;
use crate::domain::text::parse_text;
use crate::domain::violation::Violations;
use crate::domain::{
    Assignment, EmailAddress, Permission, Role, Scope, User, UserId, VendorId, VendorStatus, user,
};
use crate::store::users::{NewUser, UserFilter};
use crate::store::{self, DbConnection, Page, StoreError};

#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The vendor a `vendor` user works for.
    pub vendor_id: Option<i64>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deactivated_at: Option<DateTime<Utc>>,
}

impl From<User> for UserView {
    fn from(user: User) -> Self {
        Self {
            id: user.id.get(),
            active: user.is_active(),
            email: user.email.to_string(),
            display_name: user.display_name,
            role: user.role,
            vendor_id: user.vendor_id.map(VendorId::get),
            created_at: user.created_at,
            updated_at: user.updated_at,
            deactivated_at: user.deactivated_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserBody {
    pub email: String,
    pub display_name: String,
    /// The first password; at least 10 characters.
    pub password: String,
    pub role: Role,
    /// Required for, and only for, the `vendor` role.
    pub vendor_id: Option<i64>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    pub display_name: Option<String>,
    pub role: Option<Role>,
    /// The vendor of a `vendor` user; leaving the vendor role drops it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub vendor_id: Option<Option<i64>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    pub role: Option<Role>,
    /// `true` for active users only, `false` for deactivated ones.
    pub active: Option<bool>,
    pub vendor_id: Option<i64>,
}

/// Lists the tenant's users.
pub async fn list(
    app: &App,
    caller: Caller,
    query: UserQuery,
    page: Page,
) -> AppResult<Vec<UserView>> {
    let filter = UserFilter {
        role: query.role,
        active: query.active,
        vendor: query.vendor_id.map(VendorId::new),
    };
    app.read(caller, Permission::ReadUsers, move |conn, auth| {
        let users = store::users::list(conn, auth.tenant(), filter, page)?;
        Ok(users.into_iter().map(UserView::from).collect())
    })
    .await
}

/// Adds a user to the tenant (owner only).
pub async fn create(app: &App, caller: Caller, body: NewUserBody) -> AppResult<UserView> {
    let mut errors = Violations::default();
    let email = errors.check("email", EmailAddress::parse(&body.email));
    let name = errors.check(
        "display_name",
        parse_text(&body.display_name, user::DISPLAY_NAME_MAX),
    );
    let password = errors.check("password", NewPassword::parse(&body.password));
    let assignment = errors.check(
        "vendor_id",
        Assignment::new(body.role, body.vendor_id.map(VendorId::new)),
    );
    let (email, name, password, assignment) =
        errors.finish(|| Some((email?, name?, password?, assignment?)))?;
    let hash = hash(password).await?;
    app.write(caller, Permission::ManageUsers, move |conn, auth| {
        require_vendor(conn, auth.scope, assignment.vendor())?;
        let new = NewUser {
            email: &email,
            display_name: &name,
            password_hash: &hash,
            assignment,
        };
        Ok(store::users::create(conn, auth.tenant(), new)?.into())
    })
    .await
}

/// One user of the tenant.
pub async fn show(app: &App, caller: Caller, id: UserId) -> AppResult<UserView> {
    app.read(caller, Permission::ReadUsers, move |conn, auth| {
        Ok(store::users::get(conn, auth.tenant(), id)?.into())
    })
    .await
}

/// Renames a user or changes its role (owner only). The tenant always keeps an active owner.
pub async fn update(app: &App, caller: Caller, id: UserId, body: UserPatch) -> AppResult<UserView> {
    let mut errors = Violations::default();
    let name = body
        .display_name
        .as_deref()
        .map(|n| errors.check("display_name", parse_text(n, user::DISPLAY_NAME_MAX)));
    errors.into_result()?;
    app.write(caller, Permission::ManageUsers, move |conn, auth| {
        let current = store::users::get(conn, auth.tenant(), id)?;
        let role = body.role.unwrap_or(current.role);
        let vendor = match body.vendor_id {
            Some(vendor) => vendor.map(VendorId::new),
            None if role == Role::Vendor => current.vendor_id,
            None => None,
        };
        let assignment =
            Assignment::new(role, vendor).map_err(|e| AppError::invalid("vendor_id", e))?;
        // A user already bound to a vendor keeps it, offboarded or not.
        if assignment.vendor() != current.vendor_id {
            require_vendor(conn, auth.scope, assignment.vendor())?;
        }
        if current.role == Role::Owner && role != Role::Owner {
            keep_an_owner(conn, &current)?;
        }
        let name = name.flatten();
        Ok(
            store::users::update(conn, auth.tenant(), id, name.as_deref(), Some(assignment))?
                .into(),
        )
    })
    .await
}

/// Deactivates a user (owner only): its tokens stop working and its browser
/// sessions end at once.
pub async fn deactivate(app: &App, caller: Caller, id: UserId) -> AppResult<UserView> {
    let user = app
        .write(caller, Permission::ManageUsers, move |conn, auth| {
            let current = store::users::get(conn, auth.tenant(), id)?;
            if current.role == Role::Owner {
                keep_an_owner(conn, &current)?;
            }
            store::web_sessions::delete_for_user(conn, auth.tenant(), id)?;
            Ok(store::users::deactivate(conn, auth.tenant(), id)?)
        })
        .await?;
    tracing::info!(user = %user.id, "user deactivated");
    Ok(user.into())
}

/// The hash to store for a new password, worked out on the blocking pool.
pub(crate) async fn hash(password: NewPassword) -> AppResult<String> {
    tokio::task::spawn_blocking(move || password.hash())
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)
}

/// A named vendor must be one of the tenant's; otherwise the field is wrong.
pub(crate) fn require_vendor(
    conn: &mut DbConnection,
    scope: Scope,
    vendor: Option<VendorId>,
) -> AppResult<()> {
    let Some(vendor) = vendor else { return Ok(()) };
    match store::vendors::get(conn, scope, vendor) {
        // An offboarded vendor gets no users, whoever asks and however.
        Ok(vendor) if vendor.status == VendorStatus::Offboarded => {
            Err(AppError::conflict(msg!("onboard-error-invite-offboarded")))
        }
        Ok(_) => Ok(()),
        Err(StoreError::NotFound) => {
            Err(AppError::invalid("vendor_id", msg!("error-no-such-vendor")))
        }
        Err(other) => Err(other.into()),
    }
}

/// Refuses to take away the tenant's last active owner.
fn keep_an_owner(conn: &mut DbConnection, owner: &User) -> AppResult<()> {
    if owner.is_active() && store::users::active_owners(conn, owner.tenant_id)? <= 1 {
        return Err(AppError::conflict_on("role", msg!("error-keep-an-owner")));
    }
    Ok(())
}

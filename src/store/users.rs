//! Users. Every function is scoped to one tenant; the login lookup finds the
//! tenant in the sign-in directory first.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::users;
use super::time::utc;
use super::{DbConnection, Page, StoreError};
use crate::domain::{Assignment, EmailAddress, Role, TenantId, User, UserId, VendorId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = users)]
struct UserRow {
    id: i64,
    tenant_id: i64,
    email: String,
    display_name: String,
    role: String,
    vendor_id: Option<i64>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    deactivated_at: Option<NaiveDateTime>,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;

    fn try_from(row: UserRow) -> Result<Self, StoreError> {
        Ok(User {
            id: UserId::new(row.id),
            tenant_id: TenantId::new(row.tenant_id),
            email: EmailAddress::parse(&row.email).map_err(StoreError::corrupt)?,
            display_name: row.display_name,
            role: row.role.parse().map_err(StoreError::corrupt)?,
            vendor_id: row.vendor_id.map(VendorId::new),
            created_at: utc(row.created_at),
            updated_at: utc(row.updated_at),
            deactivated_at: row.deactivated_at.map(utc),
        })
    }
}

/// A user to create; the password arrives hashed.
pub struct NewUser<'a> {
    pub email: &'a EmailAddress,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub assignment: Assignment,
}

/// Filters for listing users.
#[derive(Debug, Default, Clone, Copy)]
pub struct UserFilter {
    pub role: Option<Role>,
    pub active: Option<bool>,
    pub vendor: Option<VendorId>,
}

pub fn create(
    conn: &mut DbConnection,
    tenant: TenantId,
    new: NewUser<'_>,
) -> Result<User, StoreError> {
    super::directory::list_email(conn, tenant, new.email)?;
    let now = super::now();
    let id = diesel::insert_into(users::table)
        .values((
            users::tenant_id.eq(tenant.get()),
            users::email.eq(new.email.as_str()),
            users::display_name.eq(new.display_name),
            users::password_hash.eq(new.password_hash),
            users::role.eq(new.assignment.role().as_str()),
            users::vendor_id.eq(new.assignment.vendor().map(VendorId::get)),
            users::created_at.eq(now),
            users::updated_at.eq(now),
        ))
        .returning(users::id)
        .get_result::<i64>(conn)?;
    get(conn, tenant, UserId::new(id))
}

/// The user with this email, whichever tenant it belongs to, with its password
/// hash: login is where the tenant is found out, in the sign-in directory;
/// the user is then read within that tenant.
pub fn find_for_login(
    conn: &mut DbConnection,
    email: &EmailAddress,
) -> Result<Option<(User, String)>, StoreError> {
    let Some(tenant) = super::directory::tenant_of_email(conn, email)? else {
        return Ok(None);
    };
    let found = users::table
        .filter(users::tenant_id.eq(tenant.get()))
        .filter(users::email.eq(email.as_str()))
        .select((UserRow::as_select(), users::password_hash))
        .get_result::<(UserRow, String)>(conn)
        .optional()?;
    found
        .map(|(row, hash)| Ok((row.try_into()?, hash)))
        .transpose()
}

pub fn get(conn: &mut DbConnection, tenant: TenantId, id: UserId) -> Result<User, StoreError> {
    users::table
        .filter(users::tenant_id.eq(tenant.get()))
        .filter(users::id.eq(id.get()))
        .select(UserRow::as_select())
        .get_result(conn)?
        .try_into()
}

pub fn list(
    conn: &mut DbConnection,
    tenant: TenantId,
    filter: UserFilter,
    page: Page,
) -> Result<Vec<User>, StoreError> {
    let mut query = users::table
        .filter(users::tenant_id.eq(tenant.get()))
        .filter(users::id.gt(page.after.unwrap_or(0)))
        .select(UserRow::as_select())
        .order(users::id)
        .limit(page.fetch())
        .into_boxed();
    if let Some(role) = filter.role {
        query = query.filter(users::role.eq(role.as_str()));
    }
    if let Some(vendor) = filter.vendor {
        query = query.filter(users::vendor_id.eq(vendor.get()));
    }
    match filter.active {
        Some(true) => query = query.filter(users::deactivated_at.is_null()),
        Some(false) => query = query.filter(users::deactivated_at.is_not_null()),
        None => {}
    }
    query.load(conn)?.into_iter().map(User::try_from).collect()
}

/// Changes a user's name and role; `None` leaves it as it is.
pub fn update(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: UserId,
    display_name: Option<&str>,
    assignment: Option<Assignment>,
) -> Result<User, StoreError> {
    let target = users::table
        .filter(users::tenant_id.eq(tenant.get()))
        .filter(users::id.eq(id.get()));
    let changed = diesel::update(target)
        .set((
            display_name.map(|name| users::display_name.eq(name)),
            assignment.map(|a| users::role.eq(a.role().as_str())),
            assignment.map(|a| users::vendor_id.eq(a.vendor().map(VendorId::get))),
            users::updated_at.eq(super::now()),
        ))
        .execute(conn)?;
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    get(conn, tenant, id)
}

/// Deactivates a user: its tokens stop working at once. Deactivating twice keeps the first time.
pub fn deactivate(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: UserId,
) -> Result<User, StoreError> {
    let now = super::now();
    let target = users::table
        .filter(users::tenant_id.eq(tenant.get()))
        .filter(users::id.eq(id.get()))
        .filter(users::deactivated_at.is_null());
    diesel::update(target)
        .set((users::deactivated_at.eq(now), users::updated_at.eq(now)))
        .execute(conn)?;
    get(conn, tenant, id)
}

/// Stores a new password hash for a user.
pub fn set_password_hash(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: UserId,
    hash: &str,
) -> Result<(), StoreError> {
    let changed = diesel::update(
        users::table
            .filter(users::tenant_id.eq(tenant.get()))
            .filter(users::id.eq(id.get())),
    )
    .set((
        users::password_hash.eq(hash),
        users::updated_at.eq(super::now()),
    ))
    .execute(conn)?;
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// A user's password hash, to check the current password before a change.
pub fn password_hash(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: UserId,
) -> Result<String, StoreError> {
    Ok(users::table
        .filter(users::tenant_id.eq(tenant.get()))
        .filter(users::id.eq(id.get()))
        .select(users::password_hash)
        .get_result(conn)?)
}

/// How many active owners the tenant has: it must never reach zero.
pub fn active_owners(conn: &mut DbConnection, tenant: TenantId) -> Result<i64, StoreError> {
    Ok(users::table
        .filter(users::tenant_id.eq(tenant.get()))
        .filter(users::role.eq(Role::Owner.as_str()))
        .filter(users::deactivated_at.is_null())
        .count()
        .get_result(conn)?)
}

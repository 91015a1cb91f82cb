//! Single-use links about accounts, kept by the hash of their secret.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::schema::account_tokens;
use super::time::{stored, utc};
use super::{DbConnection, StoreError};
use crate::domain::account::{AccountLink, LinkPurpose};
use crate::domain::{TenantId, UserId};

pub fn create(
    conn: &mut DbConnection,
    tenant: TenantId,
    id_hash: &str,
    user: UserId,
    purpose: LinkPurpose,
    expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::insert_into(account_tokens::table)
        .values((
            account_tokens::tenant_id.eq(tenant.get()),
            account_tokens::id_hash.eq(id_hash),
            account_tokens::user_id.eq(user.get()),
            account_tokens::purpose.eq(purpose.as_str()),
            account_tokens::created_at.eq(super::now()),
            account_tokens::expires_at.eq(stored(expires_at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The link with this hash, and whose it is.
pub fn find(
    conn: &mut DbConnection,
    tenant: TenantId,
    id_hash: &str,
) -> Result<Option<(UserId, AccountLink)>, StoreError> {
    let row = account_tokens::table
        .filter(account_tokens::tenant_id.eq(tenant.get()))
        .filter(account_tokens::id_hash.eq(id_hash))
        .select((
            account_tokens::user_id,
            account_tokens::purpose,
            account_tokens::expires_at,
            account_tokens::used_at,
        ))
        .get_result::<(i64, String, NaiveDateTime, Option<NaiveDateTime>)>(conn)
        .optional()?;
    row.map(|(user, purpose, expires, used)| {
        let purpose = LinkPurpose::parse(&purpose)
            .ok_or_else(|| StoreError::corrupt(format!("link purpose '{purpose}'")))?;
        Ok((
            UserId::new(user),
            AccountLink {
                purpose,
                expires_at: utc(expires),
                used_at: used.map(utc),
            },
        ))
    })
    .transpose()
}

/// Closes every open link of a user for `purpose`: the one just used, and
/// any older one still in a mailbox.
pub fn close_all(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    purpose: LinkPurpose,
) -> Result<(), StoreError> {
    diesel::update(
        account_tokens::table
            .filter(account_tokens::tenant_id.eq(tenant.get()))
            .filter(account_tokens::user_id.eq(user.get()))
            .filter(account_tokens::purpose.eq(purpose.as_str()))
            .filter(account_tokens::used_at.is_null()),
    )
    .set(account_tokens::used_at.eq(super::now()))
    .execute(conn)?;
    Ok(())
}

/// When the user's newest link for `purpose` was made, if any is still open.
pub fn newest_open(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    purpose: LinkPurpose,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    let newest = account_tokens::table
        .filter(account_tokens::tenant_id.eq(tenant.get()))
        .filter(account_tokens::user_id.eq(user.get()))
        .filter(account_tokens::purpose.eq(purpose.as_str()))
        .filter(account_tokens::used_at.is_null())
        .filter(account_tokens::expires_at.gt(super::now()))
        .select(diesel::dsl::max(account_tokens::created_at))
        .get_result::<Option<NaiveDateTime>>(conn)?;
    Ok(newest.map(utc))
}

//! The sign-in directory: which tenant an email, or an API key's prefix,
//! belongs to. It is read where the tenant is not known yet — at sign-in and
//! when a key is presented — and written in the transaction that makes the
//! user or the key, before it. Users and keys are unique within their tenant
//! only; the directory keeps an email and a prefix unique across the service
//! (each user and key must be listed here under its own tenant). When the
//! database is spread over several servers by tenant, these are the tables
//! copied whole to every server (docs/scaling.md).

use diesel::prelude::*;

use super::schema::{email_directory, key_prefix_directory};
use super::{DbConnection, StoreError};
use crate::domain::message::msg;
use crate::domain::{EmailAddress, TenantId};

/// Lists `email` as the tenant's; refused (`Conflict` on `email`) when any tenant has it.
pub fn list_email(
    conn: &mut DbConnection,
    tenant: TenantId,
    email: &EmailAddress,
) -> Result<(), StoreError> {
    diesel::insert_into(email_directory::table)
        .values((
            email_directory::email.eq(email.as_str()),
            email_directory::tenant_id.eq(tenant.get()),
        ))
        .execute(conn)
        .map_err(StoreError::unique("email", msg!("error-user-email-taken")))?;
    Ok(())
}

/// The tenant whose user has this email, if any.
pub fn tenant_of_email(
    conn: &mut DbConnection,
    email: &EmailAddress,
) -> Result<Option<TenantId>, StoreError> {
    Ok(email_directory::table
        .filter(email_directory::email.eq(email.as_str()))
        .select(email_directory::tenant_id)
        .get_result::<i64>(conn)
        .optional()?
        .map(TenantId::new))
}

/// Lists a new key's `prefix` as the tenant's.
pub fn list_key_prefix(
    conn: &mut DbConnection,
    tenant: TenantId,
    prefix: &str,
) -> Result<(), StoreError> {
    diesel::insert_into(key_prefix_directory::table)
        .values((
            key_prefix_directory::prefix.eq(prefix),
            key_prefix_directory::tenant_id.eq(tenant.get()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The tenant whose API key has this prefix, if any.
pub fn tenant_of_key_prefix(
    conn: &mut DbConnection,
    prefix: &str,
) -> Result<Option<TenantId>, StoreError> {
    Ok(key_prefix_directory::table
        .filter(key_prefix_directory::prefix.eq(prefix))
        .select(key_prefix_directory::tenant_id)
        .get_result::<i64>(conn)
        .optional()?
        .map(TenantId::new))
}

//! Tenants.

use diesel::prelude::*;

use super::schema::tenants;
use super::time::utc;
use super::{DbConnection, StoreError};
use crate::domain::tenant::Profile;
use crate::domain::{BankDetails, CreditCode, Tenant, TenantId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = tenants)]
struct TenantRow {
    id: i64,
    name: String,
    created_at: chrono::NaiveDateTime,
    legal_name: Option<String>,
    credit_code: Option<String>,
    address: Option<String>,
    bank_name: Option<String>,
    bank_account_name: Option<String>,
    bank_account_number: Option<String>,
}

impl From<TenantRow> for Tenant {
    fn from(row: TenantRow) -> Self {
        Tenant {
            id: TenantId::new(row.id),
            name: row.name,
            created_at: utc(row.created_at),
            profile: Profile {
                legal_name: row.legal_name,
                // Written only after parsing; a stored code that no longer parses is left off.
                credit_code: row.credit_code.and_then(|c| CreditCode::parse(&c).ok()),
                address: row.address,
                bank: match (
                    row.bank_name,
                    row.bank_account_name,
                    row.bank_account_number,
                ) {
                    (Some(bank_name), Some(account_name), Some(account_number)) => {
                        Some(BankDetails {
                            bank_name,
                            account_name,
                            account_number,
                        })
                    }
                    _ => None,
                },
            },
        }
    }
}

pub fn create(conn: &mut DbConnection, name: &str) -> Result<Tenant, StoreError> {
    let id = diesel::insert_into(tenants::table)
        .values((tenants::name.eq(name), tenants::created_at.eq(super::now())))
        .returning(tenants::id)
        .get_result::<i64>(conn)?;
    get(conn, TenantId::new(id))
}

pub fn get(conn: &mut DbConnection, id: TenantId) -> Result<Tenant, StoreError> {
    let row = tenants::table
        .filter(tenants::id.eq(id.get()))
        .select(TenantRow::as_select())
        .get_result(conn)?;
    Ok(row.into())
}

/// Replaces the tenant's legal particulars.
pub fn set_profile(
    conn: &mut DbConnection,
    id: TenantId,
    profile: &Profile,
) -> Result<Tenant, StoreError> {
    let bank = profile.bank.as_ref();
    diesel::update(tenants::table.filter(tenants::id.eq(id.get())))
        .set((
            tenants::legal_name.eq(profile.legal_name.as_deref()),
            tenants::credit_code.eq(profile.credit_code.as_ref().map(|c| c.to_string())),
            tenants::address.eq(profile.address.as_deref()),
            tenants::bank_name.eq(bank.map(|b| b.bank_name.as_str())),
            tenants::bank_account_name.eq(bank.map(|b| b.account_name.as_str())),
            tenants::bank_account_number.eq(bank.map(|b| b.account_number.as_str())),
        ))
        .execute(conn)?;
    get(conn, id)
}

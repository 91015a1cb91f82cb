//! Vendors, scoped to one tenant and, for vendor users, to their own vendor.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::vendors;
use super::time::utc;
use super::{DbConnection, Page, StoreError};
use crate::domain::message::msg;
use crate::domain::{
    BankDetails, Contact, CreditCode, EmailAddress, NewVendor, Scope, TenantId, Vendor, VendorId,
    VendorStatus,
};

#[derive(Queryable, Selectable)]
#[diesel(table_name = vendors)]
struct VendorRow {
    id: i64,
    tenant_id: i64,
    legal_name: String,
    credit_code: String,
    contacts: String,
    billing_email: String,
    bank_name: Option<String>,
    bank_account_name: Option<String>,
    bank_account_number: Option<String>,
    status: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    submitted_at: Option<NaiveDateTime>,
    review_comment: Option<String>,
}

impl TryFrom<VendorRow> for Vendor {
    type Error = StoreError;

    fn try_from(row: VendorRow) -> Result<Self, StoreError> {
        let bank = match (
            row.bank_name,
            row.bank_account_name,
            row.bank_account_number,
        ) {
            (Some(bank_name), Some(account_name), Some(account_number)) => Some(BankDetails {
                bank_name,
                account_name,
                account_number,
            }),
            (None, None, None) => None,
            _ => {
                return Err(StoreError::corrupt(format!(
                    "vendor {} has partial bank details",
                    row.id
                )));
            }
        };
        Ok(Vendor {
            id: VendorId::new(row.id),
            tenant_id: TenantId::new(row.tenant_id),
            legal_name: row.legal_name,
            credit_code: CreditCode::parse(&row.credit_code).map_err(StoreError::corrupt)?,
            contacts: serde_json::from_str::<Vec<Contact>>(&row.contacts)
                .map_err(StoreError::corrupt)?,
            billing_email: EmailAddress::parse(&row.billing_email).map_err(StoreError::corrupt)?,
            bank,
            status: row.status.parse().map_err(StoreError::corrupt)?,
            created_at: utc(row.created_at),
            updated_at: utc(row.updated_at),
            submitted_at: row.submitted_at.map(utc),
            review_comment: row.review_comment,
        })
    }
}

/// The columns a vendor's editable fields are written to.
#[derive(AsChangeset, Insertable)]
#[diesel(table_name = vendors, treat_none_as_null = true)]
struct VendorFields<'a> {
    legal_name: &'a str,
    credit_code: &'a str,
    contacts: String,
    billing_email: &'a str,
    bank_name: Option<&'a str>,
    bank_account_name: Option<&'a str>,
    bank_account_number: Option<&'a str>,
    status: &'a str,
    updated_at: NaiveDateTime,
    submitted_at: Option<NaiveDateTime>,
    review_comment: Option<&'a str>,
}

impl<'a> VendorFields<'a> {
    fn new(
        legal_name: &'a str,
        credit_code: &'a CreditCode,
        contacts: &[Contact],
        billing_email: &'a EmailAddress,
        bank: Option<&'a BankDetails>,
        status: VendorStatus,
    ) -> Result<Self, StoreError> {
        Ok(Self {
            legal_name,
            credit_code: credit_code.as_str(),
            contacts: serde_json::to_string(contacts).map_err(StoreError::corrupt)?,
            billing_email: billing_email.as_str(),
            bank_name: bank.map(|b| b.bank_name.as_str()),
            bank_account_name: bank.map(|b| b.account_name.as_str()),
            bank_account_number: bank.map(|b| b.account_number.as_str()),
            status: status.as_str(),
            updated_at: super::now(),
            submitted_at: None,
            review_comment: None,
        })
    }
}

pub fn create(
    conn: &mut DbConnection,
    tenant: TenantId,
    new: &NewVendor,
) -> Result<Vendor, StoreError> {
    let fields = VendorFields::new(
        &new.legal_name,
        &new.credit_code,
        &new.contacts,
        &new.billing_email,
        new.bank.as_ref(),
        VendorStatus::Invited,
    )?;
    let id = diesel::insert_into(vendors::table)
        .values((
            fields,
            vendors::tenant_id.eq(tenant.get()),
            vendors::created_at.eq(super::now()),
        ))
        .returning(vendors::id)
        .get_result::<i64>(conn)
        .map_err(StoreError::unique(
            "credit_code",
            msg!("error-vendor-credit-code-taken"),
        ))?;
    get(
        conn,
        Scope {
            tenant,
            vendor: None,
        },
        VendorId::new(id),
    )
}

pub fn get(conn: &mut DbConnection, scope: Scope, id: VendorId) -> Result<Vendor, StoreError> {
    if !scope.sees_vendor(id) {
        return Err(StoreError::NotFound);
    }
    vendors::table
        .filter(vendors::tenant_id.eq(scope.tenant.get()))
        .filter(vendors::id.eq(id.get()))
        .select(VendorRow::as_select())
        .get_result(conn)?
        .try_into()
}

pub fn list(
    conn: &mut DbConnection,
    scope: Scope,
    status: Option<VendorStatus>,
    page: Page,
) -> Result<Vec<Vendor>, StoreError> {
    let mut query = vendors::table
        .filter(vendors::tenant_id.eq(scope.tenant.get()))
        .filter(vendors::id.gt(page.after.unwrap_or(0)))
        .select(VendorRow::as_select())
        .order(vendors::id)
        .limit(page.fetch())
        .into_boxed();
    if let Some(own) = scope.vendor {
        query = query.filter(vendors::id.eq(own.get()));
    }
    if let Some(status) = status {
        query = query.filter(vendors::status.eq(status.as_str()));
    }
    query
        .load(conn)?
        .into_iter()
        .map(Vendor::try_from)
        .collect()
}

/// Writes back a vendor whose fields the domain has changed.
pub fn save(conn: &mut DbConnection, vendor: &Vendor) -> Result<Vendor, StoreError> {
    let fields = VendorFields {
        submitted_at: vendor.submitted_at.map(|at| at.naive_utc()),
        review_comment: vendor.review_comment.as_deref(),
        ..VendorFields::new(
            &vendor.legal_name,
            &vendor.credit_code,
            &vendor.contacts,
            &vendor.billing_email,
            vendor.bank.as_ref(),
            vendor.status,
        )?
    };
    let target = vendors::table
        .filter(vendors::tenant_id.eq(vendor.tenant_id.get()))
        .filter(vendors::id.eq(vendor.id.get()));
    let changed = diesel::update(target)
        .set(fields)
        .execute(conn)
        .map_err(StoreError::unique(
            "credit_code",
            msg!("error-vendor-credit-code-taken"),
        ))?;
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    get(
        conn,
        Scope {
            tenant: vendor.tenant_id,
            vendor: None,
        },
        vendor.id,
    )
}

pub fn delete(conn: &mut DbConnection, tenant: TenantId, id: VendorId) -> Result<(), StoreError> {
    let target = vendors::table
        .filter(vendors::tenant_id.eq(tenant.get()))
        .filter(vendors::id.eq(id.get()));
    let deleted = diesel::delete(target)
        .execute(conn)
        .map_err(StoreError::referenced("id", msg!("error-vendor-in-use")))?;
    if deleted == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

//! Seeding a tenant's vendor and contracts straight through the store, for
//! the benchmarks and the tests that need many contracts fast; and the
//! median the benchmarks report.

use chrono::NaiveDate;
use diesel::RunQueryDsl;
use kefu::domain::terms::Terms;
use kefu::domain::vendor::Vendor;
use kefu::domain::versions::TermsState;
use kefu::domain::{
    ContractId, ContractStatus, CreditCode, Currency, EmailAddress, NewContract, NewVendor,
    TenantId, TimeZone,
};
use kefu::store::{self, DbConnection};

/// The vendor every seeded contract is with.
pub fn vendor(conn: &mut DbConnection, tenant: TenantId) -> anyhow::Result<Vendor> {
    Ok(store::vendors::create(
        conn,
        tenant,
        &NewVendor {
            legal_name: "上海某某客服外包有限公司".into(),
            credit_code: CreditCode::parse("91310115MA1K3Y1X2W")?,
            contacts: Vec::new(),
            billing_email: EmailAddress::parse("billing@vendor.cn")?,
            bank: None,
        },
    )?)
}

/// A draft contract with `vendor` from `start` to `end`, in CNY and Shanghai's time.
pub fn contract(
    conn: &mut DbConnection,
    tenant: TenantId,
    vendor: &Vendor,
    number: String,
    (start, end): (NaiveDate, NaiveDate),
) -> anyhow::Result<ContractId> {
    Ok(store::contracts::create(
        conn,
        tenant,
        &NewContract {
            vendor_id: vendor.id,
            shop_ids: Vec::new(),
            number,
            title: "天猫旗舰店客服外包".into(),
            start,
            end,
            currency: Currency::parse("CNY")?,
            time_zone: TimeZone::parse("Asia/Shanghai")?,
        },
        None,
    )?)
}

/// A vendor and `count` active contracts `KF-2026-00000`… on `terms`, in
/// force from `start`, in one transaction.
pub fn active_contracts(
    conn: &mut DbConnection,
    tenant: TenantId,
    count: u64,
    (start, end): (NaiveDate, NaiveDate),
    terms: &Terms,
) -> anyhow::Result<()> {
    let vendor = vendor(conn, tenant)?;
    store::write(conn, |conn| {
        for i in 0..count {
            let id = contract(
                conn,
                tenant,
                &vendor,
                format!("KF-2026-{i:05}"),
                (start, end),
            )?;
            store::terms::add(
                conn,
                tenant,
                id,
                store::terms::NewVersion {
                    state: TermsState::InForce,
                    effective_from: Some(start),
                    reason: None,
                    correction: false,
                    terms,
                    created_by: None,
                },
            )?;
        }
        diesel::sql_query(format!(
            "UPDATE contracts SET status = '{}' WHERE tenant_id = {}",
            ContractStatus::Active.as_str(),
            tenant.get()
        ))
        .execute(conn)?;
        Ok::<_, anyhow::Error>(())
    })
}

/// The middle figure of some (the upper of the two middle ones for an even count).
pub fn median(figures: &[f64]) -> f64 {
    let mut sorted = figures.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

//! Months' KPI sums kept between views of the months that are over, and the
//! versions that say whether they still hold.
//!
//! Every merge of KPI rows moves on the version of each month its rows fall
//! in (`changed`, in the merge's transaction). Sums are kept with the version
//! read before the rows were summed: should rows be merged meanwhile, the kept
//! sums carry a version already behind, and are summed again at the next view.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::upsert::excluded;

use serde::{Deserialize, Serialize};

use super::kpi::BucketSums;
use super::schema::{kept_month_sums, kpi_month_versions};
use super::{DbConnection, StoreError};
use crate::domain::kpi::Sums;
use crate::domain::terms::KpiSource;
use crate::domain::{ContractId, Period, TenantId};

/// Months' versions, by period: 0 for a month no rows were ever merged into.
pub fn versions(
    conn: &mut DbConnection,
    tenant: TenantId,
    periods: &[Period],
) -> Result<HashMap<Period, i64>, StoreError> {
    let names: Vec<String> = periods.iter().map(Period::to_string).collect();
    let rows: Vec<(String, i64)> = kpi_month_versions::table
        .filter(kpi_month_versions::tenant_id.eq(tenant.get()))
        .filter(kpi_month_versions::period.eq_any(&names))
        .select((kpi_month_versions::period, kpi_month_versions::version))
        .load(conn)?;
    let mut versions: HashMap<Period, i64> = periods.iter().map(|p| (*p, 0)).collect();
    for (period, version) in rows {
        versions.insert(period.parse().map_err(StoreError::corrupt)?, version);
    }
    Ok(versions)
}

/// Moves on the version of every month from `first`'s to `last`'s: rows
/// falling in them were merged.
pub fn changed(
    conn: &mut DbConnection,
    tenant: TenantId,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<(), StoreError> {
    let mut period = Period::of(first);
    while period <= Period::of(last) {
        let query = diesel::insert_into(kpi_month_versions::table)
            .values((
                kpi_month_versions::tenant_id.eq(tenant.get()),
                kpi_month_versions::period.eq(period.to_string()),
                kpi_month_versions::version.eq(1),
            ))
            .on_conflict((kpi_month_versions::tenant_id, kpi_month_versions::period))
            .do_update()
            .set(kpi_month_versions::version.eq(kpi_month_versions::version + 1));
        // Upserts are not part of diesel's multi-backend connection: run it on each.
        match conn {
            DbConnection::Sqlite(c) => query.execute(c),
            DbConnection::Pg(c) => query.execute(c),
        }?;
        period = period.next();
    }
    Ok(())
}

/// A contract's month's sums as kept: under which version and shape.
pub struct Kept {
    pub contract: ContractId,
    pub period: Period,
    pub version: i64,
    /// The month's days, the first of each bucket and the excluded ones, as words.
    pub shape: String,
    pub sums: Vec<BucketSums>,
}

/// The sums kept of `months`' contracts in `months`' periods, whatever
/// their version (the caller looks each month up by contract and period).
pub fn kept(
    conn: &mut DbConnection,
    tenant: TenantId,
    months: &[(ContractId, Period)],
) -> Result<Vec<Kept>, StoreError> {
    let contracts: Vec<i64> = months.iter().map(|(c, _)| c.get()).collect();
    let periods: Vec<String> = months.iter().map(|(_, p)| p.to_string()).collect();
    let rows: Vec<(i64, String, i64, String, String)> = kept_month_sums::table
        .filter(kept_month_sums::tenant_id.eq(tenant.get()))
        .filter(kept_month_sums::contract_id.eq_any(&contracts))
        .filter(kept_month_sums::period.eq_any(&periods))
        .select((
            kept_month_sums::contract_id,
            kept_month_sums::period,
            kept_month_sums::version,
            kept_month_sums::shape,
            kept_month_sums::sums,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(contract, period, version, shape, sums)| {
            Ok(Kept {
                contract: ContractId::new(contract),
                period: period.parse().map_err(StoreError::corrupt)?,
                version,
                shape,
                sums: read_sums(&sums)?,
            })
        })
        .collect()
}

/// Keeps months' sums, in place of what was kept of them.
pub fn keep(conn: &mut DbConnection, tenant: TenantId, kept: &[Kept]) -> Result<(), StoreError> {
    for k in kept {
        let sums = written_sums(&k.sums)?;
        let query = diesel::insert_into(kept_month_sums::table)
            .values((
                kept_month_sums::tenant_id.eq(tenant.get()),
                kept_month_sums::contract_id.eq(k.contract.get()),
                kept_month_sums::period.eq(k.period.to_string()),
                kept_month_sums::version.eq(k.version),
                kept_month_sums::shape.eq(&k.shape),
                kept_month_sums::sums.eq(&sums),
            ))
            .on_conflict((
                kept_month_sums::tenant_id,
                kept_month_sums::contract_id,
                kept_month_sums::period,
            ))
            .do_update()
            .set((
                kept_month_sums::version.eq(excluded(kept_month_sums::version)),
                kept_month_sums::shape.eq(excluded(kept_month_sums::shape)),
                kept_month_sums::sums.eq(excluded(kept_month_sums::sums)),
            ));
        match conn {
            DbConnection::Sqlite(c) => query.execute(c),
            DbConnection::Pg(c) => query.execute(c),
        }?;
    }
    Ok(())
}

/// A metric's sums in a bucket as kept: `[metric, source, bucket, [numerator,
/// denominator, days] for billing, the same for SLA]`. A view of a year
/// reads a few hundred of them: as arrays, no field name is written or
/// matched for each.
#[derive(Serialize, Deserialize)]
struct Kept1(String, KpiSource, usize, (i64, i64, u32), (i64, i64, u32));

fn written_sums(sums: &[BucketSums]) -> Result<String, StoreError> {
    let kept: Vec<Kept1> = sums
        .iter()
        .map(|s| {
            let parts = |s: Sums| (s.numerator, s.denominator, s.days);
            Kept1(
                s.metric.clone(),
                s.source,
                s.bucket,
                parts(s.for_billing),
                parts(s.for_sla),
            )
        })
        .collect();
    serde_json::to_string(&kept).map_err(StoreError::corrupt)
}

fn read_sums(text: &str) -> Result<Vec<BucketSums>, StoreError> {
    let kept: Vec<Kept1> = serde_json::from_str(text).map_err(StoreError::corrupt)?;
    let sums = |(numerator, denominator, days)| Sums {
        numerator,
        denominator,
        days,
    };
    Ok(kept
        .into_iter()
        .map(
            |Kept1(metric, source, bucket, for_billing, for_sla)| BucketSums {
                metric,
                source,
                bucket,
                for_sla: sums(for_sla),
                for_billing: sums(for_billing),
            },
        )
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bucket(
        metric: &str,
        source: KpiSource,
        bucket: usize,
        billing: Sums,
        sla: Sums,
    ) -> BucketSums {
        BucketSums {
            metric: metric.to_owned(),
            source,
            bucket,
            for_sla: sla,
            for_billing: billing,
        }
    }

    #[test]
    fn sums_are_kept_as_one_array_a_bucket_and_read_back_as_they_were() {
        let sums = |numerator, denominator, days| Sums {
            numerator,
            denominator,
            days,
        };
        let month = vec![
            bucket(
                "fcr",
                KpiSource::Vendor,
                0,
                sums(900, 1000, 15),
                sums(840, 940, 14),
            ),
            bucket(
                "fcr",
                KpiSource::Merchant,
                1,
                sums(i64::MAX, 0, 16),
                sums(0, 0, 0),
            ),
        ];
        let written = written_sums(&month).unwrap();
        assert_eq!(
            written,
            r#"[["fcr","vendor",0,[900,1000,15],[840,940,14]],["fcr","merchant",1,[9223372036854775807,0,16],[0,0,0]]]"#
        );
        assert_eq!(read_sums(&written).unwrap(), month);
    }

    #[test]
    fn kept_sums_in_another_form_are_refused_not_misread() {
        let old = r#"[{"metric":"fcr","source":"vendor","bucket":0,"for_sla":{"numerator":1,"denominator":2,"days":1},"for_billing":{"numerator":1,"denominator":2,"days":1}}]"#;
        assert!(read_sums(old).is_err());
    }
}

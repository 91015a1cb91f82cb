//! A vendor's statement of account (对账单): as data, and as CSV or Excel.

use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::documents::{Format, Rendered, failed, language_field, off_the_runtime};
use super::{App, AppResult, Caller};
use crate::documents::statement::{Dates, statement_csv, statement_xlsx};
use crate::domain::message::msg;
use crate::domain::statement::{Statement, Window, statements};
use crate::domain::violation::Violations;
use crate::domain::{Permission, TimeZone, VendorId};
use crate::store;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatementQuery {
    /// First day of the movements listed (`2026-10-01`); the whole history when left out.
    pub from: Option<String>,
    /// Last day listed, included; today (Asia/Shanghai) when left out.
    pub to: Option<String>,
    /// The day the aging is measured on; `to` when left out.
    pub as_of: Option<String>,
}

/// A vendor's statement: one per currency its invoices are in.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementView {
    pub vendor_id: i64,
    pub vendor_name: String,
    pub from: Option<NaiveDate>,
    pub to: NaiveDate,
    pub as_of: NaiveDate,
    /// By currency code; empty when nothing was ever issued to the vendor.
    pub currencies: Vec<Statement>,
}

fn date(errors: &mut Violations, field: &str, raw: Option<&str>) -> Option<Option<NaiveDate>> {
    match raw {
        None => Some(None),
        Some(raw) => errors
            .check(
                field,
                NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
                    .map_err(|_| msg!("error-date-example")),
            )
            .map(Some),
    }
}

/// The window asked for, each date checked, `from` not after `to`.
fn window(errors: &mut Violations, query: &StatementQuery) -> Option<Window> {
    let from = date(errors, "from", query.from.as_deref());
    let to = date(errors, "to", query.to.as_deref());
    let as_of = date(errors, "as_of", query.as_of.as_deref());
    let (from, to, as_of) = (from?, to?, as_of?);
    let to = to.unwrap_or_else(|| TimeZone::SHANGHAI.today(Utc::now()));
    if from.is_some_and(|from| from > to) {
        errors.add("from", msg!("error-from-after-to", to = to));
        return None;
    }
    Some(Window {
        from,
        to,
        as_of: as_of.unwrap_or(to),
    })
}

async fn load(
    app: &App,
    caller: Caller,
    vendor: VendorId,
    window: Window,
) -> AppResult<StatementView> {
    app.read(caller, Permission::ReadInvoices, move |conn, auth| {
        let found = store::vendors::get(conn, auth.scope, vendor)?;
        let histories = store::statements::histories(conn, auth.scope, vendor)?;
        Ok(StatementView {
            vendor_id: vendor.get(),
            vendor_name: found.legal_name,
            from: window.from,
            to: window.to,
            as_of: window.as_of,
            currencies: statements(&histories, window),
        })
    })
    .await
}

/// A vendor's statement of account: the balance before `from`, every issued
/// invoice (+), credit note (−) and payment (−) up to `to` in date order with
/// the running balance, the closing balance, and the aging of what is open as
/// of `as_of` by due date (not yet due, 1–30, 31–60, 61–90, over 90 days past
/// due; a credit after payment as a refund due). Drafts and void invoices are
/// not on it. A vendor's users see their own vendor's only.
pub async fn show(
    app: &App,
    caller: Caller,
    vendor: VendorId,
    query: &StatementQuery,
) -> AppResult<StatementView> {
    let mut errors = Violations::default();
    let window = window(&mut errors, query);
    let window = errors.finish(|| window)?;
    load(app, caller, vendor, window).await
}

/// The statement as CSV (UTF-8 with BOM: movements, then the aging lines) or
/// Excel (a sheet of movements, a sheet of aging); zh-CN labels unless `en`.
pub async fn document(
    app: &App,
    caller: Caller,
    vendor: VendorId,
    format: &str,
    query: &StatementQuery,
    language: Option<&str>,
) -> AppResult<Rendered> {
    let mut errors = Violations::default();
    let format = Format::table_field(&mut errors, format);
    let window = window(&mut errors, query);
    let language = language_field(&mut errors, language);
    let (format, window, language) = errors.finish(|| Some((format?, window?, language?)))?;
    let view = load(app, caller, vendor, window).await?;
    let dates = Dates {
        from: view.from.map(|d| d.to_string()),
        to: view.to.to_string(),
    };
    let bytes = off_the_runtime(move || match format {
        Format::Xlsx => statement_xlsx(language, &view.currencies, &dates).map_err(failed),
        _ => statement_csv(language, &view.currencies, &dates).map_err(failed),
    })
    .await?;
    Ok(Rendered {
        bytes,
        format,
        name: format!("statement-{vendor}-{}", window.to),
    })
}

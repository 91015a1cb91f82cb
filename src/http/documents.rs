//! Invoices and credit notes as documents (PDF, HTML, CSV, Excel), and a
//! period's invoices as one export for finance.

use crate::domain::violation::Violations;
use std::collections::HashMap;

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::{ApiError, Problem};
use super::extract::{AuthUser, Caller};
use super::state::AppState;
use crate::documents::tables::{self, InvoiceRow};
use crate::documents::{CreditNoteSource, Document, Header, Language, html, pdf};
use crate::domain::invoice::{Invoice, InvoiceStatus};
use crate::domain::parties::Parties;
use crate::domain::{ContractId, Period, Permission};
use crate::store::invoices::{self as stored, CreditNote, Filter};
use crate::store::{DbConnection, contracts};

/// The formats a document comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Html,
    Csv,
    Xlsx,
}

impl Format {
    /// A table's format, `csv` or `xlsx`, for the exports that come only as tables.
    pub fn table_field(errors: &mut Violations, raw: &str) -> Option<Self> {
        match Self::parse(raw) {
            Ok(format @ (Self::Csv | Self::Xlsx)) => Some(format),
            _ => {
                errors.add("format", "must be csv or xlsx");
                None
            }
        }
    }

    fn parse(raw: &str) -> Result<Self, ApiError> {
        match raw {
            "pdf" => Ok(Self::Pdf),
            "html" => Ok(Self::Html),
            "csv" => Ok(Self::Csv),
            "xlsx" => Ok(Self::Xlsx),
            _ => Err(ApiError::invalid(
                "format",
                "must be one of pdf, html, csv, xlsx",
            )),
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Html => "text/html; charset=utf-8",
            Self::Csv => "text/csv; charset=utf-8",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Html => "html",
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LanguageQuery {
    /// `zh-CN` (the default) or `en`.
    pub language: Option<String>,
}

/// The language asked for: `zh-CN` when left out, a field error when unknown.
pub fn language_field(errors: &mut Violations, raw: Option<&str>) -> Option<Language> {
    match raw {
        None => Some(Language::Zh),
        Some(raw) => errors.check(
            "language",
            Language::parse(raw).ok_or("must be zh-CN or en"),
        ),
    }
}

fn language(raw: Option<&str>) -> Result<Language, ApiError> {
    let mut errors = Violations::default();
    let language = language_field(&mut errors, raw);
    Ok(errors.finish(|| language)?)
}

/// An invoice and what its document needs, read in one go.
pub struct Printable {
    pub invoice: Invoice,
    pub parties: Parties,
}

impl Printable {
    pub fn load(conn: &mut DbConnection, auth: &AuthUser, id: i64) -> Result<Self, ApiError> {
        let invoice = stored::get(conn, auth.scope, id)?;
        let parties = stored::parties_of(conn, auth.scope, &invoice)?;
        Ok(Self { invoice, parties })
    }

    pub fn document(&self, language: Language) -> Document {
        Document::invoice(&self.invoice, self.header(language))
    }

    fn header(&self, language: Language) -> Header<'_> {
        Header {
            parties: &self.parties,
            language,
            minor_digits: self.invoice.currency.minor_digits(),
        }
    }
}

/// Runs CPU-bound rendering on the blocking pool, away from the request workers.
pub async fn off_the_runtime<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    web::block(work)
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("rendering was cancelled: {e}")))?
}

/// The bytes of a document in `format`.
pub fn render(document: &Document, format: Format) -> Result<Vec<u8>, ApiError> {
    let internal = |e: String| ApiError::Internal(anyhow::anyhow!(e));
    match format {
        Format::Pdf => pdf::render(document).map_err(|e| internal(e.to_string())),
        Format::Html => html::page(document)
            .map(String::into_bytes)
            .map_err(|e| internal(e.to_string())),
        Format::Csv => tables::lines_csv(document).map_err(|e| internal(e.to_string())),
        Format::Xlsx => tables::lines_xlsx(document).map_err(|e| internal(e.to_string())),
    }
}

pub fn file(bytes: Vec<u8>, format: Format, name: &str) -> HttpResponse {
    let disposition = match format {
        Format::Html => "inline",
        _ => "attachment",
    };
    HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((
            "Content-Disposition",
            format!("{disposition}; filename=\"{name}.{}\"", format.extension()),
        ))
        .body(bytes)
}

/// A file name from a document number: drafts are named by their id.
fn file_name(invoice: &Invoice) -> String {
    invoice
        .number
        .clone()
        .unwrap_or_else(|| format!("draft-{}", invoice.id))
}

/// One invoice as PDF, HTML, CSV (its lines, UTF-8 with BOM) or Excel. An issued
/// invoice prints as it was issued: its lines and parties are kept from then.
#[utoipa::path(get, path = "/api/v1/invoices/{id}.{format}", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path), ("format" = String, Path, description = "pdf, html, csv or xlsx"), LanguageQuery),
    responses((status = 200, description = "The document", content(
            (Vec<u8> = "application/pdf"), (String = "text/html"), (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
// A format is letters, so that `/invoices/0.5` is no invoice (404), not invoice 0 in format `5`.
#[get("/invoices/{id:\\d+}.{format:[a-z]+}")]
pub async fn invoice_document(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, String)>,
    query: web::Query<LanguageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, format) = path.into_inner();
    let format = Format::parse(&format)?;
    let language = language(query.language.as_deref())?;
    let printable = state
        .read(caller, Permission::ReadInvoices, move |conn, auth| {
            Printable::load(conn, auth, id)
        })
        .await?;
    let name = file_name(&printable.invoice);
    let bytes = off_the_runtime(move || render(&printable.document(language), format)).await?;
    Ok(file(bytes, format, &name))
}

/// A credit note as PDF, HTML, CSV or Excel.
#[utoipa::path(get, path = "/api/v1/credit-notes/{id}.{format}", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path), ("format" = String, Path, description = "pdf, html, csv or xlsx"), LanguageQuery),
    responses((status = 200, description = "The document", content(
            (Vec<u8> = "application/pdf"), (String = "text/html"), (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
#[get("/credit-notes/{id:\\d+}.{format:[a-z]+}")]
pub async fn credit_note_document(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, String)>,
    query: web::Query<LanguageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, format) = path.into_inner();
    let format = Format::parse(&format)?;
    let language = language(query.language.as_deref())?;
    let (note, printable): (CreditNote, Printable) = state
        .read(caller, Permission::ReadInvoices, move |conn, auth| {
            let (note, invoice) = stored::credit_note(conn, auth.scope, id)?;
            let parties = stored::parties_of(conn, auth.scope, &invoice)?;
            Ok((note, Printable { invoice, parties }))
        })
        .await?;
    let name = note.number.clone();
    let bytes = off_the_runtime(move || {
        let source = CreditNoteSource {
            number: &note.number,
            reason: &note.reason,
            issued_on: note.issued_on,
            lines: &note.correction.lines,
            subtotal: note.correction.subtotal,
            tax: note.correction.tax,
            total: note.correction.total,
        };
        let document =
            Document::credit_note(&printable.invoice, source, printable.header(language));
        render(&document, format)
    })
    .await?;
    Ok(file(bytes, format, &name))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `2026-10`
    pub period: String,
    /// `csv` or `xlsx`.
    pub format: String,
    /// Only invoices in this status; all but void ones when left out.
    pub status: Option<String>,
    /// `zh-CN` (the default) or `en`.
    pub language: Option<String>,
}

/// Every invoice of a period in scope, with its parties, oldest first.
fn period_invoices(
    conn: &mut DbConnection,
    auth: &AuthUser,
    period: Period,
    status: Option<InvoiceStatus>,
) -> Result<Vec<Printable>, ApiError> {
    let filter = Filter {
        period: Some(period),
        status,
        vendor: None,
        shop: None,
        contract: None,
    };
    let mut current: HashMap<ContractId, Parties> = HashMap::new();
    let mut printables = Vec::new();
    for invoice in stored::all(conn, auth.scope, &filter)? {
        if status.is_none() && invoice.status == InvoiceStatus::Void {
            continue;
        }
        let parties = match stored::parties(conn, auth.tenant(), &invoice)? {
            Some(kept) => kept,
            None => match current.get(&invoice.contract_id) {
                Some(parties) => parties.clone(),
                None => {
                    let contract = contracts::get(conn, auth.scope, invoice.contract_id)?;
                    let parties = stored::current_parties(conn, auth.scope, &contract)?;
                    current.insert(invoice.contract_id, parties.clone());
                    parties
                }
            },
        };
        printables.push(Printable { invoice, parties });
    }
    Ok(printables)
}

/// A period's invoices for finance: one row per invoice, and (in Excel) a
/// second sheet with every line. Amounts are exact decimals.
#[utoipa::path(get, path = "/api/v1/invoices/export", tag = "invoices", security(("bearer" = [])),
    params(ExportQuery),
    responses((status = 200, description = "CSV or Excel", content(
            (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = Problem), (status = 422, body = Problem)))]
#[get("/invoices/export")]
pub async fn export(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ExportQuery>,
) -> Result<HttpResponse, ApiError> {
    let mut errors = Violations::default();
    let period = errors.check("period", query.period.parse::<Period>());
    let format = Format::table_field(&mut errors, &query.format);
    let status = query
        .status
        .as_deref()
        .and_then(|s| errors.check("status", s.parse::<InvoiceStatus>()));
    let language = language_field(&mut errors, query.language.as_deref());
    let (period, format, language) = errors.finish(|| Some((period?, format?, language?)))?;
    let printables = state
        .read(caller, Permission::ReadInvoices, move |conn, auth| {
            period_invoices(conn, auth, period, status)
        })
        .await?;
    let bytes = off_the_runtime(move || {
        let documents: Vec<Document> = printables.iter().map(|p| p.document(language)).collect();
        let rows: Vec<InvoiceRow<'_>> = printables
            .iter()
            .zip(&documents)
            .map(|(p, document)| InvoiceRow {
                document,
                status: p.invoice.status.as_str(),
                subtotal: p.invoice.draft.subtotal,
                tax: p.invoice.draft.tax,
                total: p.invoice.draft.total,
                credited: p.invoice.credited,
                paid: p.invoice.paid,
                balance: p.invoice.balance(),
            })
            .collect();
        let labels = language.labels();
        let internal = |e: String| ApiError::Internal(anyhow::anyhow!(e));
        match format {
            Format::Xlsx => {
                tables::invoices_xlsx(labels, &rows).map_err(|e| internal(e.to_string()))
            }
            _ => tables::invoices_csv(labels, &rows).map_err(|e| internal(e.to_string())),
        }
    })
    .await?;
    Ok(file(bytes, format, &format!("invoices-{period}")))
}

//! Invoices, credit notes and a period's invoices as files (PDF, HTML, CSV,
//! Excel), for whoever asks: the API, the pages, the mail worker.

use std::collections::HashMap;

use serde::Deserialize;
use utoipa::IntoParams;

use super::{App, AppError, AppResult, Caller};
use crate::documents::tables::{self, InvoiceRow};
use crate::documents::{BilledTerms, CreditNoteSource, Document, Header, Language, html, pdf};
use crate::domain::invoice::{Invoice, InvoiceStatus};
use crate::domain::message::msg;
use crate::domain::parties::Parties;
use crate::domain::violation::Violations;
use crate::domain::{ContractId, CreditNoteId, InvoiceId, Period, Permission, Scope};
use crate::store::invoices::{self as stored, Filter};
use crate::store::{self, DbConnection, contracts};

/// The formats a document comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Html,
    Csv,
    Xlsx,
}

impl Format {
    /// A document's format: `pdf`, `html`, `csv` or `xlsx`.
    pub fn parse(raw: &str) -> AppResult<Self> {
        match raw {
            "pdf" => Ok(Self::Pdf),
            "html" => Ok(Self::Html),
            "csv" => Ok(Self::Csv),
            "xlsx" => Ok(Self::Xlsx),
            _ => Err(AppError::invalid("format", msg!("error-document-format"))),
        }
    }

    /// A table's format, `csv` or `xlsx`, for the exports that come only as tables.
    pub fn table_field(errors: &mut Violations, raw: &str) -> Option<Self> {
        match Self::parse(raw) {
            Ok(format @ (Self::Csv | Self::Xlsx)) => Some(format),
            _ => {
                errors.add("format", msg!("error-table-format"));
                None
            }
        }
    }

    /// The media type of a file in this format.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Html => "text/html; charset=utf-8",
            Self::Csv => "text/csv; charset=utf-8",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Html => "html",
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }
}

/// A rendered file: its bytes, its format and its name (without extension).
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub format: Format,
    pub name: String,
}

/// The language asked for: `zh-CN` when left out, a field error when unknown.
pub fn language_field(errors: &mut Violations, raw: Option<&str>) -> Option<Language> {
    match raw {
        None => Some(Language::Zh),
        Some(raw) => errors.check(
            "language",
            Language::parse(raw).ok_or(msg!("error-language")),
        ),
    }
}

fn language(raw: Option<&str>) -> AppResult<Language> {
    let mut errors = Violations::default();
    let language = language_field(&mut errors, raw);
    Ok(errors.finish(|| language)?)
}

/// An invoice and what its document needs, read in one go.
pub struct Printable {
    pub invoice: Invoice,
    pub parties: Parties,
    /// The terms its lines were billed on, which their words quote.
    pub terms: BilledTerms,
}

impl Printable {
    /// Invoice `id` within `scope`, with the parties it prints: those kept at
    /// issue, or the contract's current ones for a draft.
    pub fn load(conn: &mut DbConnection, scope: Scope, id: InvoiceId) -> AppResult<Self> {
        let invoice = stored::get(conn, scope, id)?;
        let parties = stored::parties_of(conn, scope, &invoice)?;
        Self::with(conn, scope, invoice, parties)
    }

    /// `invoice` and its parties, with the terms it was billed on.
    fn with(
        conn: &mut DbConnection,
        scope: Scope,
        invoice: Invoice,
        parties: Parties,
    ) -> AppResult<Self> {
        let terms = billed_terms(conn, scope, &invoice)?;
        Ok(Self {
            invoice,
            parties,
            terms,
        })
    }

    pub fn document(&self, language: Language) -> Document {
        Document::invoice(&self.invoice, self.header(language))
    }

    fn header(&self, language: Language) -> Header<'_> {
        Header {
            parties: &self.parties,
            language,
            minor_digits: self.invoice.currency.minor_digits(),
            terms: &self.terms,
        }
    }

    /// A file name from the document number: drafts are named by their id.
    pub fn file_name(&self) -> String {
        self.invoice
            .number
            .clone()
            .unwrap_or_else(|| format!("draft-{}", self.invoice.id))
    }
}

/// The terms an invoice was billed on: kept with it from issue on; for a
/// draft, the versions its lines name, read from the contract (a version in
/// force never changes).
fn billed_terms(
    conn: &mut DbConnection,
    scope: Scope,
    invoice: &Invoice,
) -> AppResult<BilledTerms> {
    if let Some(input) = &invoice.inputs {
        return Ok(BilledTerms::of_input(input));
    }
    let named: Vec<u32> = invoice
        .draft
        .lines
        .iter()
        .filter_map(|l| l.explanation.terms_version)
        .collect();
    if named.is_empty() {
        return Ok(BilledTerms::default());
    }
    let versions = store::terms::history(conn, scope.tenant, invoice.contract_id)?
        .into_iter()
        .filter(|v| named.contains(&v.version))
        .map(|v| (v.version, v.terms))
        .collect();
    Ok(BilledTerms::new(versions))
}

/// Runs CPU-bound rendering on the blocking pool, away from the request workers.
pub async fn off_the_runtime<T: Send + 'static>(
    work: impl FnOnce() -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AppError::internal(anyhow::anyhow!("rendering was cancelled: {e}")))?
}

/// A rendering failure: ours, never the caller's.
pub fn failed(error: impl std::fmt::Display) -> AppError {
    AppError::internal(anyhow::anyhow!("{error}"))
}

/// The bytes of a document in `format`.
pub fn render(document: &Document, format: Format) -> AppResult<Vec<u8>> {
    match format {
        Format::Pdf => pdf::render(document).map_err(failed),
        Format::Html => html::page(document).map(String::into_bytes).map_err(failed),
        Format::Csv => tables::lines_csv(document).map_err(failed),
        Format::Xlsx => tables::lines_xlsx(document).map_err(failed),
    }
}

/// One invoice as PDF, HTML, CSV (its lines, UTF-8 with BOM) or Excel. An issued
/// invoice prints as it was issued: its lines and parties are kept from then.
pub async fn invoice(
    app: &App,
    caller: Caller,
    id: InvoiceId,
    format: &str,
    language: Option<&str>,
) -> AppResult<Rendered> {
    let format = Format::parse(format)?;
    let language = self::language(language)?;
    let printable = app
        .read(caller, Permission::ReadInvoices, move |conn, auth| {
            Printable::load(conn, auth.scope, id)
        })
        .await?;
    let name = printable.file_name();
    let bytes = off_the_runtime(move || render(&printable.document(language), format)).await?;
    Ok(Rendered {
        bytes,
        format,
        name,
    })
}

/// An invoice written out as its documents print it (the same lines, labels
/// and figures as the PDF), for a page to show beside the invoice.
pub async fn invoice_document(
    app: &App,
    caller: Caller,
    id: InvoiceId,
    language: Language,
) -> AppResult<Document> {
    app.read(caller, Permission::ReadInvoices, move |conn, auth| {
        Ok(Printable::load(conn, auth.scope, id)?.document(language))
    })
    .await
}

/// A credit note as PDF, HTML, CSV or Excel.
pub async fn credit_note(
    app: &App,
    caller: Caller,
    id: CreditNoteId,
    format: &str,
    language: Option<&str>,
) -> AppResult<Rendered> {
    let format = Format::parse(format)?;
    let language = self::language(language)?;
    let (note, printable) = app
        .read(caller, Permission::ReadInvoices, move |conn, auth| {
            let (note, invoice) = stored::credit_note(conn, auth.scope, id)?;
            let parties = stored::parties_of(conn, auth.scope, &invoice)?;
            Ok((note, Printable::with(conn, auth.scope, invoice, parties)?))
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
    Ok(Rendered {
        bytes,
        format,
        name,
    })
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

/// A period's invoices for finance: one row per invoice, and (in Excel) a
/// second sheet with every line. Amounts are exact decimals.
pub async fn export(app: &App, caller: Caller, query: ExportQuery) -> AppResult<Rendered> {
    let mut errors = Violations::default();
    let period = errors.check("period", query.period.parse::<Period>());
    let format = Format::table_field(&mut errors, &query.format);
    let status = query
        .status
        .as_deref()
        .and_then(|s| errors.check("status", s.parse::<InvoiceStatus>()));
    let language = language_field(&mut errors, query.language.as_deref());
    let (period, format, language) = errors.finish(|| Some((period?, format?, language?)))?;
    let printables = app
        .read(caller, Permission::ReadInvoices, move |conn, auth| {
            period_invoices(conn, auth.scope, period, status)
        })
        .await?;
    let bytes = off_the_runtime(move || {
        let documents: Vec<Document> = printables.iter().map(|p| p.document(language)).collect();
        let rows: Vec<InvoiceRow<'_>> = printables
            .iter()
            .zip(&documents)
            .map(|(p, document)| InvoiceRow {
                document,
                status: language.labels().status(p.invoice.status),
                subtotal: p.invoice.draft.subtotal,
                tax: p.invoice.draft.tax,
                total: p.invoice.draft.total,
                credited: p.invoice.credited,
                paid: p.invoice.paid,
                balance: p.invoice.balance(),
            })
            .collect();
        let labels = language.labels();
        match format {
            Format::Xlsx => tables::invoices_xlsx(labels, &rows).map_err(failed),
            _ => tables::invoices_csv(labels, &rows).map_err(failed),
        }
    })
    .await?;
    Ok(Rendered {
        bytes,
        format,
        name: format!("invoices-{period}"),
    })
}

/// Every invoice of a period in scope, with its parties, oldest first.
fn period_invoices(
    conn: &mut DbConnection,
    scope: Scope,
    period: Period,
    status: Option<InvoiceStatus>,
) -> AppResult<Vec<Printable>> {
    let filter = Filter {
        period: Some(period),
        status,
        vendor: None,
        shop: None,
        contract: None,
    };
    let mut current: HashMap<ContractId, Parties> = HashMap::new();
    let mut printables = Vec::new();
    for invoice in stored::all(conn, scope, &filter)? {
        if status.is_none() && invoice.status == InvoiceStatus::Void {
            continue;
        }
        let parties = match stored::parties(conn, scope.tenant, &invoice)? {
            Some(kept) => kept,
            None => match current.get(&invoice.contract_id) {
                Some(parties) => parties.clone(),
                None => {
                    let contract = contracts::get(conn, scope, invoice.contract_id)?;
                    let parties = stored::current_parties(conn, scope, &contract)?;
                    current.insert(invoice.contract_id, parties.clone());
                    parties
                }
            },
        };
        printables.push(Printable::with(conn, scope, invoice, parties)?);
    }
    Ok(printables)
}

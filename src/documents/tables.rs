//! Exports for finance: CSV (UTF-8 with a byte-order mark, so Excel reads
//! Chinese correctly) and Excel workbooks. Amounts are exact decimals: in CSV
//! as written, in Excel as numbers whose stored text is the decimal itself.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{Document, Labels};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One invoice of a period's list.
pub struct InvoiceRow<'a> {
    pub document: &'a Document,
    pub status: &'a str,
    pub subtotal: Decimal,
    pub tax: Decimal,
    pub total: Decimal,
    pub credited: Decimal,
    pub paid: Decimal,
    /// Total less credited less paid: below zero when a refund is due.
    pub balance: Decimal,
}

fn line_header(labels: &Labels) -> [&str; 11] {
    [
        &labels.number,
        &labels.contract,
        &labels.period,
        &labels.position,
        &labels.item,
        &labels.kind,
        &labels.quantity,
        &labels.unit_price,
        &labels.amount,
        &labels.currency,
        &labels.detail,
    ]
}

fn line_rows(document: &Document) -> impl Iterator<Item = [String; 11]> + '_ {
    document.lines.iter().map(move |line| {
        [
            document.number.clone(),
            document.contract_number.clone(),
            document.period.clone(),
            line.position.to_string(),
            line.label.clone(),
            line.kind_label.to_owned(),
            line.quantity.clone(),
            line.unit_price.clone(),
            line.exact_amount.to_string(),
            document.currency.clone(),
            line.detail_text.clone(),
        ]
    })
}

fn invoice_header(labels: &Labels) -> [&str; 14] {
    [
        &labels.number,
        &labels.status,
        &labels.contract,
        &labels.vendor,
        &labels.period,
        &labels.issued_on,
        &labels.due_on,
        &labels.currency,
        &labels.subtotal,
        &labels.tax,
        &labels.total,
        &labels.credited,
        &labels.paid,
        &labels.balance,
    ]
}

fn invoice_row(row: &InvoiceRow<'_>) -> [String; 14] {
    let d = row.document;
    [
        d.number.clone(),
        row.status.to_owned(),
        d.contract_number.clone(),
        d.seller.name.clone(),
        d.period.clone(),
        d.issued_on.clone().unwrap_or_default(),
        d.due_on.clone().unwrap_or_default(),
        d.currency.clone(),
        row.subtotal.to_string(),
        row.tax.to_string(),
        row.total.to_string(),
        row.credited.to_string(),
        row.paid.to_string(),
        row.balance.to_string(),
    ]
}

/// A cell as it is safe to open in a spreadsheet: text that begins with
/// `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula,
/// so it is written after a single quote (OWASP's rule for CSV injection),
/// which keeps it readable. Amounts such as `-1250.00` stay numbers.
pub fn safe_cell(value: &str) -> std::borrow::Cow<'_, str> {
    let risky = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && value.parse::<Decimal>().is_err() {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// Rows as CSV with a header, every cell made [safe](safe_cell).
pub fn csv_of<const N: usize>(
    header: [&str; N],
    rows: impl Iterator<Item = [String; N]>,
) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(BOM.to_vec());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| safe_cell(cell).into_owned()))?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// One invoice's lines as CSV.
pub fn lines_csv(document: &Document) -> Result<Vec<u8>, csv::Error> {
    csv_of(line_header(document.labels), line_rows(document))
}

/// A period's invoices as CSV, one row each.
pub fn invoices_csv(labels: &Labels, rows: &[InvoiceRow<'_>]) -> Result<Vec<u8>, csv::Error> {
    csv_of(invoice_header(labels), rows.iter().map(invoice_row))
}

/// Columns holding amounts, written as numbers so Excel can sum them.
const LINE_AMOUNT_COLUMNS: &[usize] = &[8];
const INVOICE_AMOUNT_COLUMNS: &[usize] = &[8, 9, 10, 11, 12, 13];

pub(super) fn sheet<const N: usize>(
    sheet: &mut Worksheet,
    name: &str,
    header: [&str; N],
    rows: impl Iterator<Item = [String; N]>,
    amounts: &[usize],
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    sheet.set_name(name)?;
    for (column, title) in header.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *title, &bold)?;
    }
    for (index, row) in rows.enumerate() {
        let r = index as u32 + 1;
        for (column, value) in row.iter().enumerate() {
            let c = column as u16;
            // An amount's decimal text parses to the nearest double, whose shortest
            // form is that same text for every amount an invoice can hold (≤ 15 digits).
            match (amounts.contains(&column), value.parse::<f64>()) {
                (true, Ok(number)) => sheet.write_number_with_format(r, c, number, &money)?,
                _ => sheet.write_string(r, c, value)?,
            };
        }
    }
    sheet.autofit();
    Ok(())
}

/// One invoice's lines as an Excel workbook.
pub fn lines_xlsx(document: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    sheet(
        workbook.add_worksheet(),
        &document.labels.lines,
        line_header(document.labels),
        line_rows(document),
        LINE_AMOUNT_COLUMNS,
    )?;
    workbook.save_to_buffer()
}

/// A period's invoices as an Excel workbook: a sheet of invoices and a sheet of all their lines.
pub fn invoices_xlsx(labels: &Labels, rows: &[InvoiceRow<'_>]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    sheet(
        workbook.add_worksheet(),
        &labels.invoices,
        invoice_header(labels),
        rows.iter().map(invoice_row),
        INVOICE_AMOUNT_COLUMNS,
    )?;
    sheet(
        workbook.add_worksheet(),
        &labels.lines,
        line_header(labels),
        rows.iter().flat_map(|row| line_rows(row.document)),
        LINE_AMOUNT_COLUMNS,
    )?;
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_written_as_text() {
        for (cell, written) in [
            (
                "=HYPERLINK(\"http://evil\",\"点击\")",
                "'=HYPERLINK(\"http://evil\",\"点击\")",
            ),
            ("+86 571 0000", "'+86 571 0000"),
            ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
            ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "'\r=1+1"),
            // Amounts, negative ones included, and ordinary text are left as they are.
            ("-1250.00", "-1250.00"),
            ("+12.5", "+12.5"),
            ("杭州某某电子商务有限公司", "杭州某某电子商务有限公司"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(safe_cell(cell), written, "{cell:?}");
        }
    }
}

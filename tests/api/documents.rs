//! Invoices as documents: a PDF whose Chinese text reads back, HTML in two
//! languages, CSV and Excel with exact amounts, a period's export; an issued
//! invoice prints what it printed at issue.

use std::io::Read;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::helpers::CREDIT_CODES;
use crate::invoices::{Billing, dec};
use crate::kpi::last_month;

/// `12345.6` → `12,345.60`, as the documents print money.
pub fn printed(amount: Decimal) -> String {
    let text = format!("{:.2}", amount.abs());
    let (whole, fraction) = text.split_once('.').unwrap();
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    let sign = if amount.is_sign_negative() { "-" } else { "" };
    format!("{sign}{out}.{fraction}")
}

pub fn pdf_text(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes).expect("the PDF's text extracts")
}

/// The cells' values of a worksheet in an .xlsx, as stored (`<v>…</v>`, inline strings aside).
pub fn sheet_xml(bytes: &[u8], sheet: usize) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an xlsx is a zip");
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{sheet}.xml"))
        .expect("the sheet is there")
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

pub fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "CSV starts with a BOM");
    csv::Reader::from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

async fn set_buyer(b: &Billing, legal_name: &str) {
    let reply =
        b.s.app
            .put(
                "/api/v1/tenant/profile",
                &b.finance.token,
                json!({
                    "legal_name": legal_name,
                    "credit_code": CREDIT_CODES[5],
                    "address": "杭州市余杭区文一西路 969 号",
                    "bank": { "bank_name": "中国工商银行杭州分行", "account_name": legal_name, "account_number": "1202020209900012345" }
                }),
            )
            .await;
    assert_eq!(reply.status, 200, "{:?}", reply.body);
}

async fn issued(b: &Billing) -> Value {
    let draft = b.draft().await;
    let id = draft["id"].as_i64().unwrap();
    let reply = b.issue(id).await;
    assert_eq!(reply.status, 200, "{:?}", reply.body);
    reply.body
}

#[tokio::test]
async fn an_issued_invoice_prints_as_a_pdf_with_chinese_text_that_reads_back() {
    let b = Billing::new().await;
    set_buyer(&b, "杭州某某电子商务有限公司").await;
    let invoice = issued(&b).await;
    let id = invoice["id"].as_i64().unwrap();
    let number = invoice["number"].as_str().unwrap();

    let (status, content_type, pdf) =
        b.s.app
            .download(&format!("/api/v1/invoices/{id}.pdf"), &b.finance.token)
            .await;
    assert_eq!((status, content_type.as_str()), (200, "application/pdf"));
    assert!(pdf.starts_with(b"%PDF"));
    // The font is embedded as a subset: the whole one is 5 MB.
    assert!(pdf.len() < 200_000, "{} bytes", pdf.len());
    let text = pdf_text(&pdf);
    let total = printed(dec(&invoice["total"]));
    for expected in [
        number,
        total.as_str(),
        "服务费结算单",
        "价税合计",
        "上海某某客服外包有限公司",
        "杭州某某电子商务有限公司",
        CREDIT_CODES[0],
        "大写金额",
    ] {
        assert!(text.contains(expected), "'{expected}' is not in:\n{text}");
    }

    let (status, _, english) =
        b.s.app
            .download(
                &format!("/api/v1/invoices/{id}.pdf?language=en"),
                &b.finance.token,
            )
            .await;
    assert_eq!(status, 200);
    let text = pdf_text(&english);
    assert!(
        text.contains("Service invoice") && text.contains(&total),
        "{text}"
    );
}

#[tokio::test]
async fn html_names_seller_and_buyer_and_keeps_them_as_they_were_at_issue() {
    let b = Billing::new().await;
    set_buyer(&b, "杭州某某电子商务有限公司").await;
    let invoice = issued(&b).await;
    let id = invoice["id"].as_i64().unwrap();
    let pdf_path = format!("/api/v1/invoices/{id}.pdf");
    let (_, _, pdf_at_issue) = b.s.app.download(&pdf_path, &b.finance.token).await;
    // Both parties change their particulars after the invoice went out.
    set_buyer(&b, "杭州另一家电子商务有限公司").await;
    let renamed =
        b.s.app
            .patch(
                &format!("/api/v1/vendors/{}", b.s.vendor),
                &b.s.owner.token,
                json!({ "legal_name": "上海新名字客服有限公司" }),
            )
            .await;
    assert_eq!(renamed.status, 200, "{:?}", renamed.body);
    let (_, _, pdf_now) = b.s.app.download(&pdf_path, &b.finance.token).await;
    assert!(
        pdf_now == pdf_at_issue,
        "the PDF is the same, byte for byte"
    );

    let (status, content_type, html) =
        b.s.app
            .download(&format!("/api/v1/invoices/{id}.html"), &b.finance.token)
            .await;
    assert_eq!(
        (status, content_type.as_str()),
        (200, "text/html; charset=utf-8")
    );
    let html = String::from_utf8(html).unwrap();
    assert!(html.contains(r#"<meta charset="utf-8">"#));
    assert!(html.contains("上海某某客服外包有限公司") && html.contains("杭州某某电子商务有限公司"));
    assert!(!html.contains("上海新名字客服有限公司") && !html.contains("杭州另一家"));
    assert!(html.contains(invoice["number"].as_str().unwrap()));
    assert!(html.contains(&printed(dec(&invoice["total"]))));
    // Every line is there, with its amount.
    for line in invoice["lines"].as_array().unwrap() {
        assert!(html.contains(&printed(dec(&line["amount"]))), "{line}");
    }

    let (_, _, english) =
        b.s.app
            .download(
                &format!("/api/v1/invoices/{id}.html?language=en"),
                &b.finance.token,
            )
            .await;
    let english = String::from_utf8(english).unwrap();
    assert!(english.contains("Seller (vendor)") && english.contains("Total"));
    let bad =
        b.s.app
            .get(
                &format!("/api/v1/invoices/{id}.html?language=fr"),
                &b.finance.token,
            )
            .await;
    assert_eq!(
        (bad.status, bad.error_fields()),
        (422, vec!["language".to_owned()])
    );
    let bad =
        b.s.app
            .get(&format!("/api/v1/invoices/{id}.docx"), &b.finance.token)
            .await;
    assert_eq!(
        (bad.status, bad.error_fields()),
        (422, vec!["format".to_owned()])
    );
}

#[tokio::test]
async fn csv_and_excel_carry_every_line_with_its_exact_amount() {
    let b = Billing::new().await;
    let invoice = issued(&b).await;
    let id = invoice["id"].as_i64().unwrap();
    let lines = invoice["lines"].as_array().unwrap();

    let (status, content_type, csv) =
        b.s.app
            .download(&format!("/api/v1/invoices/{id}.csv"), &b.finance.token)
            .await;
    assert_eq!(
        (status, content_type.as_str()),
        (200, "text/csv; charset=utf-8")
    );
    let rows = csv_rows(&csv);
    assert_eq!(rows.len(), lines.len());
    let amounts: Vec<Decimal> = rows.iter().map(|r| r[8].parse().unwrap()).collect();
    let expected: Vec<Decimal> = lines.iter().map(|l| dec(&l["amount"])).collect();
    assert_eq!(amounts, expected);
    assert_eq!(amounts.iter().sum::<Decimal>(), dec(&invoice["subtotal"]));
    assert_eq!(rows[0][0], invoice["number"].as_str().unwrap());

    let (status, _, xlsx) =
        b.s.app
            .download(&format!("/api/v1/invoices/{id}.xlsx"), &b.finance.token)
            .await;
    assert_eq!(status, 200);
    let xml = sheet_xml(&xlsx, 1);
    for amount in &expected {
        // Stored as the number itself, so Excel sums it and shows it to the fen.
        assert!(
            xml.contains(&format!("<v>{}</v>", amount.normalize())),
            "{amount} is not a cell of {xml}"
        );
    }
}

#[tokio::test]
async fn a_period_exports_one_row_per_invoice_and_a_sheet_of_all_lines() {
    let b = Billing::new().await;
    let invoice = issued(&b).await;
    let period = last_month();

    let path = format!("/api/v1/invoices/export?period={period}&format=csv");
    let (status, _, csv) = b.s.app.download(&path, &b.finance.token).await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(rows.len(), 1);
    // The status in the export's language (Chinese unless asked otherwise).
    assert_eq!(
        (rows[0][0].as_str(), rows[0][1].as_str()),
        (invoice["number"].as_str().unwrap(), "已开具")
    );
    assert_eq!(
        rows[0][10].parse::<Decimal>().unwrap(),
        dec(&invoice["total"])
    );

    let path = format!("/api/v1/invoices/export?period={period}&format=xlsx&language=en");
    let (status, content_type, xlsx) = b.s.app.download(&path, &b.finance.token).await;
    assert_eq!(status, 200);
    assert!(content_type.contains("spreadsheetml"), "{content_type}");
    let total = dec(&invoice["total"]).normalize();
    assert!(sheet_xml(&xlsx, 1).contains(&format!("<v>{total}</v>")));
    let (_, _, english) =
        b.s.app
            .download(
                &format!("/api/v1/invoices/export?period={period}&format=csv&language=en"),
                &b.finance.token,
            )
            .await;
    assert_eq!(csv_rows(&english)[0][1], "Issued");
    let lines = sheet_xml(&xlsx, 2);
    assert_eq!(
        lines.matches("<row ").count(),
        invoice["lines"].as_array().unwrap().len() + 1
    );

    let bad =
        b.s.app
            .get(
                "/api/v1/invoices/export?period=2026-13&format=pdf",
                &b.finance.token,
            )
            .await;
    assert_eq!(
        (bad.status, bad.error_fields()),
        (422, vec!["period".to_owned(), "format".to_owned()])
    );
}

#[tokio::test]
async fn a_credit_note_prints_with_its_own_number_and_the_invoice_it_corrects() {
    let b = Billing::new().await;
    let invoice = issued(&b).await;
    let id = invoice["id"].as_i64().unwrap();
    let note = b.credit(id, json!([1])).await;
    assert_eq!(note.status, 201, "{:?}", note.body);
    let note_id = note.body["id"].as_i64().unwrap();
    let (status, _, pdf) =
        b.s.app
            .download(
                &format!("/api/v1/credit-notes/{note_id}.pdf"),
                &b.finance.token,
            )
            .await;
    assert_eq!(status, 200);
    let text = pdf_text(&pdf);
    for expected in [
        note.body["number"].as_str().unwrap(),
        invoice["number"].as_str().unwrap(),
        &printed(dec(&note.body["total"])),
        "红字冲销单",
    ] {
        assert!(text.contains(expected), "'{expected}' is not in:\n{text}");
    }
}

#[tokio::test]
async fn a_draft_prints_as_a_draft_with_the_parties_as_they_are_now() {
    let b = Billing::new().await;
    let draft = b.draft().await;
    let id = draft["id"].as_i64().unwrap();
    set_buyer(&b, "杭州新设电子商务有限公司").await;
    let (status, _, html) =
        b.s.app
            .download(&format!("/api/v1/invoices/{id}.html"), &b.finance.token)
            .await;
    assert_eq!(status, 200);
    let html = String::from_utf8(html).unwrap();
    assert!(html.contains("杭州新设电子商务有限公司"));
    assert!(
        html.contains(r#"<span class="stamp">草稿</span>"#),
        "a draft says so"
    );
    let (_, _, pdf) =
        b.s.app
            .download(&format!("/api/v1/invoices/{id}.pdf"), &b.finance.token)
            .await;
    let text = pdf_text(&pdf);
    assert!(
        text.contains("草稿") && text.contains(&printed(dec(&draft["total"]))),
        "{text}"
    );
}

#[tokio::test]
async fn a_name_a_spreadsheet_would_run_is_exported_as_text() {
    let b = Billing::new().await;
    let draft = b.draft().await;
    // The vendor's name as someone typed it: Excel would run it as a formula.
    let renamed =
        b.s.app
            .patch(
                &format!("/api/v1/vendors/{}", b.s.vendor),
                &b.s.owner.token,
                json!({ "legal_name": "=HYPERLINK(\"http://evil.example\",\"点击\")" }),
            )
            .await;
    assert_eq!(renamed.status, 200, "{:?}", renamed.body);
    let path = format!(
        "/api/v1/invoices/export?period={}&format=csv&status=draft",
        last_month()
    );
    let (status, _, csv) = b.s.app.download(&path, &b.finance.token).await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(
        rows[0][3], "'=HYPERLINK(\"http://evil.example\",\"点击\")",
        "{rows:?}"
    );
    // Amounts, negative ones too, stay numbers.
    let id = draft["id"].as_i64().unwrap();
    let (_, _, lines) =
        b.s.app
            .download(&format!("/api/v1/invoices/{id}.csv"), &b.finance.token)
            .await;
    let penalty = csv_rows(&lines)
        .into_iter()
        .find(|row| row[8].starts_with('-'))
        .expect("a penalty line");
    assert!(penalty[8].parse::<Decimal>().is_ok(), "{penalty:?}");
}

/// Words of Latin letters in `text`, leaving out what a Chinese document
/// prints as it is: codes (currencies, metric abbreviations, number series)
/// and e-mail addresses.
fn english_words(text: &str) -> Vec<String> {
    const CODES: &[&str] = &[
        "CNY", "KPI", "SLA", "DSR", "CSAT", "DSAT", "NPS", "FCR", "QA", "INV", "CN", "KF",
    ];
    text.split_whitespace()
        .filter(|token| !token.contains('@'))
        .flat_map(|token| token.split(|c: char| !c.is_ascii_alphabetic()))
        .filter(|word| !word.is_empty() && !CODES.contains(word))
        .map(str::to_owned)
        .collect()
}

/// The text of an HTML fragment: tags and character references left out.
fn html_text(html: &str) -> String {
    let mut text = String::new();
    let mut skipping = None;
    for c in html.chars() {
        match (skipping, c) {
            (None, '<') => skipping = Some('>'),
            (None, '&') => skipping = Some(';'),
            (Some(end), c) if c == end => {
                skipping = None;
                text.push(' ');
            }
            (Some(_), _) => {}
            (None, c) => text.push(c),
        }
    }
    text
}

#[tokio::test]
async fn a_chinese_invoice_explains_every_line_in_chinese() {
    let b = Billing::new().await;
    let invoice = issued(&b).await;
    let id = invoice["id"].as_i64().unwrap();

    let (_, _, html) =
        b.s.app
            .download(&format!("/api/v1/invoices/{id}.html"), &b.finance.token)
            .await;
    let html = String::from_utf8(html).unwrap();
    let (_, rest) = html.split_once("<tbody>").expect("a lines table");
    let (lines, _) = rest.split_once("</tbody>").unwrap();
    let lines = html_text(lines);
    // Seats by the day, the conversion clause's band and its base, the DSR
    // bonus with its further condition, each in words.
    for expected in [
        "座席 10 个 × 6,000.00 元/座席·月",
        "询单转化率：目标不低于 40.0%，实际 38.0%",
        "档位：40.0% 以下扣基数的 5%",
        "同时须满足：满意度不低于 90.0%（实际 95.0%）",
        "达到第 2 档（4.90 分以上）：5,000.00 元",
    ] {
        assert!(lines.contains(expected), "'{expected}' is not in:\n{lines}");
    }
    assert_eq!(english_words(&lines), Vec::<String>::new(), "{lines}");

    let (_, _, pdf) =
        b.s.app
            .download(&format!("/api/v1/invoices/{id}.pdf"), &b.finance.token)
            .await;
    let text = pdf_text(&pdf);
    // The lines lie between the table's header (ending with 金额) and the subtotal.
    let (_, rest) = text.split_once("金额").expect("the table's header");
    let (lines, _) = rest.split_once("小计").expect("the totals");
    assert!(lines.contains("询单转化率"), "{lines}");
    assert_eq!(english_words(lines), Vec::<String>::new(), "{lines}");

    // The same invoice in English says the same in English.
    let (_, _, english) =
        b.s.app
            .download(
                &format!("/api/v1/invoices/{id}.html?language=en"),
                &b.finance.token,
            )
            .await;
    let english = String::from_utf8(english).unwrap();
    for expected in [
        "10 seats × CNY 6,000.00 per seat-month",
        "Inquiry conversion rate: target at least 40.0%, actual 38.0%",
        "Also required: CSAT at least 90.0% (actual 95.0%)",
    ] {
        assert!(
            english.contains(expected),
            "'{expected}' is not in:\n{english}"
        );
    }
}

//! Rendering one invoice: PDF (with the Chinese font subset), HTML, CSV and Excel.
//!
//! `cargo bench --bench documents`

#![allow(clippy::expect_used, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use kefu::documents::{BilledTerms, Document, Header, Language, Parties, Party, html, pdf, tables};
use kefu::domain::billing::compute;
use kefu::domain::invoice::{Invoice, InvoiceKind, InvoiceStatus};
use kefu::domain::{ContractId, Currency, Period, VendorId};
use rust_decimal::Decimal;

#[path = "support/fixture.rs"]
mod fixture;

fn invoice() -> Invoice {
    let draft = compute(&fixture::october(1, true));
    let now = chrono::Utc::now();
    Invoice {
        id: kefu::domain::InvoiceId::new(1),
        contract_id: ContractId::new(1),
        vendor_id: VendorId::new(1),
        period: "2026-10".parse::<Period>().unwrap(),
        kind: InvoiceKind::Invoice,
        adjusts: None,
        status: InvoiceStatus::Issued,
        number: Some("INV-2026-000123".into()),
        currency: Currency::parse("CNY").unwrap(),
        draft,
        inputs: None,
        inputs_hash: String::new(),
        baseline: None,
        computed_at: now,
        issued_on: Some(fixture::day(11, 3)),
        due_on: Some(fixture::day(12, 3)),
        issued_at: Some(now),
        issued_by: None,
        dispute_override: None,
        paid: Decimal::ZERO,
        credited: Decimal::ZERO,
        void_reason: None,
        voided_at: None,
        created_at: now,
        updated_at: now,
    }
}

fn parties() -> Parties {
    let party = |name: &str, code: &str| Party {
        name: name.into(),
        credit_code: Some(code.into()),
        address: Some("浙江省杭州市余杭区文一西路 969 号".into()),
        bank_name: Some("招商银行上海分行".into()),
        account_name: Some(name.into()),
        account_number: Some("6225880212345678".into()),
    };
    Parties {
        seller: party("上海示例客服外包服务有限公司", "91310115MA1K3Y1X2W"),
        buyer: party("杭州示例电子商务有限公司", "91330106MA27XL0B11"),
        contract_number: "KF-2026-001".into(),
        contract_title: "天猫旗舰店客服外包服务合同".into(),
    }
}

fn documents(c: &mut Criterion) {
    let invoice = invoice();
    let parties = parties();
    let terms = BilledTerms::of_input(&fixture::october(1, true));
    let document = Document::invoice(
        &invoice,
        Header {
            parties: &parties,
            language: Language::Zh,
            minor_digits: 2,
            terms: &terms,
        },
    );
    let bytes = pdf::render(&document).unwrap();
    println!(
        "one invoice of {} lines: PDF {} bytes",
        document.lines.len(),
        bytes.len()
    );
    let mut group = c.benchmark_group("documents");
    group.bench_function("pdf", |b| {
        b.iter(|| pdf::render(std::hint::black_box(&document)))
    });
    group.bench_function("html", |b| {
        b.iter(|| html::page(std::hint::black_box(&document)))
    });
    group.bench_function("csv", |b| {
        b.iter(|| tables::lines_csv(std::hint::black_box(&document)))
    });
    group.bench_function("xlsx", |b| {
        b.iter(|| tables::lines_xlsx(std::hint::black_box(&document)))
    });
    group.finish();
}

criterion_group!(benches, documents);
criterion_main!(benches);

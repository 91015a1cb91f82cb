//! `kefu demo` fills a running server through its API: three months of a
//! merchant and its vendor, closed, issued and mailed; a second run finds them.

use chrono::NaiveDate;
use serde_json::Value;

use crate::helpers::spawn_app;
use crate::invoices::dec;

fn kinds(invoice: &Value) -> Vec<(String, String)> {
    invoice["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["kind"].as_str().unwrap().to_owned(),
                l["label"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[actix_web::test]
async fn the_demo_issues_three_months_with_one_breached_and_mails_them() {
    let app = spawn_app().await;
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert!(!kefu::demo::is_seeded(&app.database_url).unwrap());
    let seeded = kefu::demo::seed(&app.address, today, false).await.unwrap();
    assert!(!seeded.reused);
    assert_eq!(
        seeded.mails,
        kefu::demo::Mails {
            queued: 3,
            sent: 0,
            failed: 0
        }
    );
    let periods: Vec<&str> = seeded
        .invoices
        .iter()
        .map(|i| i["period"].as_str().unwrap())
        .collect();
    assert_eq!(periods, ["2025-09", "2025-10", "2025-11"]);
    for invoice in &seeded.invoices {
        assert_eq!(invoice["status"], "issued");
        assert!(invoice["number"].as_str().unwrap().starts_with("INV-"));
        let lines: rust_decimal::Decimal = invoice["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| dec(&l["amount"]))
            .sum();
        assert_eq!(lines, dec(&invoice["subtotal"]));
    }
    let penalties = |invoice: &Value| -> Vec<String> {
        kinds(invoice)
            .into_iter()
            .filter(|(kind, _)| kind == "penalty")
            .map(|(_, label)| label)
            .collect()
    };
    let [september, october, november] = [0, 1, 2].map(|i| &seeded.invoices[i]);
    assert_eq!(penalties(september), Vec::<String>::new());
    assert_eq!(penalties(november), Vec::<String>::new());
    // October: slow first response, low conversion, a low DSR and an escalation 55 minutes late.
    assert_eq!(penalties(october).len(), 4, "{:?}", kinds(october));
    assert_eq!(
        [september, october, november].map(|i| i["breached"].as_bool().unwrap()),
        [false, true, false]
    );
    assert!(kinds(november).iter().any(|(kind, _)| kind == "bonus"));

    // A second run shows the same tenant instead of making another.
    assert!(kefu::demo::is_seeded(&app.database_url).unwrap());
    let again = kefu::demo::seed(&app.address, today, true).await.unwrap();
    assert!(again.reused);
    assert_eq!(again.invoices.len(), 3);
    // The mails are counted where they stand (written out by now, or still waiting).
    assert_eq!(
        again.mails.queued + again.mails.sent,
        3,
        "{:?}",
        again.mails
    );
    assert_eq!(again.mails.failed, 0);
}

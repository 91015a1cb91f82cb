//! Slow uploads: one tenant's trickling files must not take the database from
//! everyone else.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::kpi::{Signed, day};

/// More uploads than either backend's pool has connections (8 on SQLite, 16 on PostgreSQL).
const SLOW_UPLOADS: usize = 17;
/// Uploads one tenant may run at once (`kefu::http::upload::PER_TENANT`).
const PER_TENANT: usize = 2;

/// Starts an upload that sends its header and row, then a space every 200 ms
/// (trimmed away by the CSV reader) until `stop`, then its last newline.
fn trickling_upload(
    s: &Signed,
    token: &str,
    stop: Arc<AtomicBool>,
) -> tokio::task::JoinHandle<Result<reqwest::Response, reqwest::Error>> {
    let first = format!(
        "contract,metric,day,numerator,denominator\nKF-2026-001,consultations,{},100,1",
        day(1)
    );
    let stream = futures_util::stream::unfold(Some(first), move |state| {
        let stop = Arc::clone(&stop);
        async move {
            let chunk = match state {
                Some(first) => first.into_bytes(),
                None if stop.load(Ordering::SeqCst) => return None,
                None => {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    if stop.load(Ordering::SeqCst) {
                        b"\n".to_vec()
                    } else {
                        b" ".to_vec()
                    }
                }
            };
            Some((Ok::<_, std::io::Error>(chunk), None))
        }
    });
    let request = s
        .app
        .client
        .post(format!("{}/api/v1/kpi/imports", s.app.address))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(reqwest::Body::wrap_stream(stream));
    tokio::spawn(request.send())
}

#[tokio::test]
async fn slow_uploads_of_one_tenant_leave_other_tenants_served() {
    let s = Signed::new().await;
    let other = s.app.signup("乙", "boss@other.cn").await;
    let stop = Arc::new(AtomicBool::new(false));
    let uploads: Vec<_> = (0..SLOW_UPLOADS)
        .map(|_| trickling_upload(&s, &s.owner.token, Arc::clone(&stop)))
        .collect();
    // Let every upload reach its handler and start trickling.
    tokio::time::sleep(Duration::from_millis(1000)).await;

    // Another tenant's reads are served while the uploads trickle on.
    for path in ["/api/v1/vendors", "/api/v1/me", "/api/v1/shops"] {
        let read = s.app.get(path, &other.token).await;
        assert_eq!(
            read.status, 200,
            "{path} while uploads trickle: {:?}",
            read.body
        );
    }
    // So are the uploading tenant's own reads, and the service says it is ready.
    let own = s.app.get("/api/v1/vendors", &s.owner.token).await;
    assert_eq!(own.status, 200, "{:?}", own.body);
    let ready = s
        .app
        .client
        .get(format!("{}/readyz", s.app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status().as_u16(), 200);

    // One more upload of the busy tenant waits its turn, told when to come back.
    let csv = format!(
        "contract,metric,day,numerator,denominator\nKF-2026-001,consultations,{},90,1\n",
        day(2)
    );
    let refused = s.upload(&s.owner.token, &csv, &[]).await;
    assert_eq!(refused.status, 429, "{:?}", refused.body);
    assert!(refused.headers.contains_key("retry-after"));
    assert!(
        refused.body["detail"]
            .as_str()
            .unwrap()
            .contains("uploads running at once"),
        "{:?}",
        refused.body
    );
    // Another tenant's upload is not held up by the first tenant's.
    let theirs = s
        .upload(
            &other.token,
            "contract,metric,day,numerator,denominator\n",
            &[],
        )
        .await;
    assert_eq!(
        theirs.status, 422,
        "refused for its content, not its turn: {:?}",
        theirs.body
    );

    // The uploads that got a place finish and are taken in.
    stop.store(true, Ordering::SeqCst);
    let mut taken = 0;
    for upload in uploads {
        if let Ok(Ok(Ok(reply))) = tokio::time::timeout(Duration::from_secs(30), upload).await
            && reply.status().as_u16() == 201
        {
            taken += 1;
        }
    }
    assert_eq!(taken, PER_TENANT);
    // With the tenant's uploads done, its next one is taken.
    let after = s.upload(&s.owner.token, &csv, &[]).await;
    assert_eq!(after.status, 201, "{:?}", after.body);
}

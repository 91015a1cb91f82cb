//! The files pages load — our style sheet and script, the vendored htmx and
//! ECharts — compiled into the binary and served with long cache lifetimes:
//! each link carries a digest of the file, so a new file is a new address.

use std::sync::LazyLock;

use actix_web::http::header::{self, CacheControl, CacheDirective};
use actix_web::{HttpResponse, get, web};
use sha2::{Digest, Sha256};

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "kefu.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../../assets/kefu.css"),
    },
    Asset {
        name: "kefu.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../assets/kefu.js"),
    },
    Asset {
        name: "htmx.min.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../assets/vendor/htmx/htmx-2.0.11.min.js"),
    },
    Asset {
        name: "echarts.min.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../assets/vendor/echarts/echarts-6.1.0.common.min.js"),
    },
];

/// Each asset's address with its digest: `/assets/kefu.css?v=1a2b3c4d`.
static ADDRESSES: LazyLock<Vec<(&'static str, String)>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|asset| {
            let digest = hex::encode(&Sha256::digest(asset.body)[..4]);
            (asset.name, format!("/assets/{}?v={digest}", asset.name))
        })
        .collect()
});

/// The address a page links `name` by; `None` for a file kefu does not serve.
pub fn address(name: &str) -> Option<&'static str> {
    ADDRESSES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, address)| address.as_str())
}

#[get("/assets/{name}")]
pub async fn serve(name: web::Path<String>) -> HttpResponse {
    let Some(asset) = ASSETS.iter().find(|a| a.name == name.as_str()) else {
        // A file, not a page: no page to show for it.
        return HttpResponse::NotFound().finish();
    };
    HttpResponse::Ok()
        .content_type(asset.content_type)
        .insert_header(CacheControl(vec![
            CacheDirective::Public,
            CacheDirective::MaxAge(365 * 24 * 3600),
            CacheDirective::Extension("immutable".into(), None),
        ]))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(asset.body)
}

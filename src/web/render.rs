//! Pages from the handlebars templates under `templates/web/`, compiled into
//! the binary, rendered in strict mode with every value escaped. Each page is
//! drawn inside the site's frame (the `layout` partial): the language, the
//! person signed in, the CSRF token of their forms.

use std::sync::LazyLock;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, CacheControl, CacheDirective};
use handlebars::{Handlebars, handlebars_helper};
use serde::Serialize;

use super::visitor::Visitor;
use crate::app::session::MeView;
use crate::catalogue::{self, Language};
use crate::domain::Permission;

const TEMPLATES: &[(&str, &str)] = &[
    ("layout", include_str!("../../templates/web/layout.hbs")),
    ("sign_in", include_str!("../../templates/web/sign_in.hbs")),
    ("home", include_str!("../../templates/web/home.hbs")),
    ("error", include_str!("../../templates/web/error.hbs")),
    ("users", include_str!("../../templates/web/users.hbs")),
    ("month", include_str!("../../templates/web/month.hbs")),
    ("upload", include_str!("../../templates/web/upload.hbs")),
    ("report", include_str!("../../templates/web/report.hbs")),
    ("what_if", include_str!("../../templates/web/what_if.hbs")),
    ("api_keys", include_str!("../../templates/web/api_keys.hbs")),
    (
        "forgot_password",
        include_str!("../../templates/web/forgot_password.hbs"),
    ),
    (
        "choose_password",
        include_str!("../../templates/web/choose_password.hbs"),
    ),
    (
        "link_closed",
        include_str!("../../templates/web/link_closed.hbs"),
    ),
    (
        "change_password",
        include_str!("../../templates/web/change_password.hbs"),
    ),
    ("invoices", include_str!("../../templates/web/invoices.hbs")),
    ("invoice", include_str!("../../templates/web/invoice.hbs")),
    ("close", include_str!("../../templates/web/close.hbs")),
    ("outbox", include_str!("../../templates/web/outbox.hbs")),
    ("mail", include_str!("../../templates/web/mail.hbs")),
    ("refused", include_str!("../../templates/web/refused.hbs")),
    (
        "statements",
        include_str!("../../templates/web/statements.hbs"),
    ),
    (
        "statement",
        include_str!("../../templates/web/statement.hbs"),
    ),
    // The tabs of every page of a contract, and of the parts of its terms.
    (
        "contract_tabs",
        include_str!("../../templates/web/contract_tabs.hbs"),
    ),
    (
        "terms_tabs",
        include_str!("../../templates/web/terms_tabs.hbs"),
    ),
    // Vendors' onboarding, users' roles, the tenant's particulars.
    ("vendors", include_str!("../../templates/web/vendors.hbs")),
    ("vendor", include_str!("../../templates/web/vendor.hbs")),
    (
        "vendor_new",
        include_str!("../../templates/web/vendor_new.hbs"),
    ),
    (
        "vendor_offboard",
        include_str!("../../templates/web/vendor_offboard.hbs"),
    ),
    (
        "particulars",
        include_str!("../../templates/web/particulars.hbs"),
    ),
    (
        "user_deactivate",
        include_str!("../../templates/web/user_deactivate.hbs"),
    ),
    ("tenant", include_str!("../../templates/web/tenant.hbs")),
    (
        "particulars_fields",
        include_str!("../../templates/web/particulars_fields.hbs"),
    ),
    // clauses: a contract's SLA clauses and their schedule builder.
    ("clauses", include_str!("../../templates/web/clauses.hbs")),
    (
        "clause_form",
        include_str!("../../templates/web/clause_form.hbs"),
    ),
    (
        "clause_state",
        include_str!("../../templates/web/clause_state.hbs"),
    ),
    (
        "clause_schedule",
        include_str!("../../templates/web/clause_schedule.hbs"),
    ),
    (
        "clause_errors",
        include_str!("../../templates/web/clause_errors.hbs"),
    ),
    // watch
    (
        "watch_head",
        include_str!("../../templates/web/watch_head.hbs"),
    ),
    (
        "exclusions",
        include_str!("../../templates/web/exclusions.hbs"),
    ),
    (
        "incidents",
        include_str!("../../templates/web/incidents.hbs"),
    ),
    ("reports", include_str!("../../templates/web/reports.hbs")),
    (
        "dashboard",
        include_str!("../../templates/web/dashboard.hbs"),
    ),
    (
        "contract_dashboard",
        include_str!("../../templates/web/contract_dashboard.hbs"),
    ),
    // terms
    (
        "terms_head",
        include_str!("../../templates/web/terms_head.hbs"),
    ),
    (
        "terms_error",
        include_str!("../../templates/web/terms_error.hbs"),
    ),
    (
        "terms_contracts",
        include_str!("../../templates/web/terms_contracts.hbs"),
    ),
    (
        "terms_contract",
        include_str!("../../templates/web/terms_contract.hbs"),
    ),
    (
        "terms_commercial",
        include_str!("../../templates/web/terms_commercial.hbs"),
    ),
    (
        "terms_charges",
        include_str!("../../templates/web/terms_charges.hbs"),
    ),
    (
        "terms_charge",
        include_str!("../../templates/web/terms_charge.hbs"),
    ),
    (
        "terms_liability",
        include_str!("../../templates/web/terms_liability.hbs"),
    ),
    (
        "terms_phase_form",
        include_str!("../../templates/web/terms_phase_form.hbs"),
    ),
    (
        "terms_phases",
        include_str!("../../templates/web/terms_phases.hbs"),
    ),
    (
        "terms_phase",
        include_str!("../../templates/web/terms_phase.hbs"),
    ),
    // The contract's life (area "life").
    (
        "life_head",
        include_str!("../../templates/web/life_head.hbs"),
    ),
    (
        "life_signing",
        include_str!("../../templates/web/life_signing.hbs"),
    ),
    (
        "life_billed",
        include_str!("../../templates/web/life_billed.hbs"),
    ),
    (
        "life_versions",
        include_str!("../../templates/web/life_versions.hbs"),
    ),
    (
        "life_audit",
        include_str!("../../templates/web/life_audit.hbs"),
    ),
    (
        "life_handover",
        include_str!("../../templates/web/life_handover.hbs"),
    ),
];

static PAGES: LazyLock<Result<Handlebars<'static>, String>> = LazyLock::new(|| {
    let mut registry = Handlebars::new();
    registry.set_strict_mode(true);
    catalogue::register(&mut registry);
    handlebars_helper!(asset: |name: str| super::assets::address(name).unwrap_or("/assets/missing"));
    registry.register_helper("asset", Box::new(asset));
    for (name, source) in TEMPLATES {
        registry
            .register_template_string(name, source)
            .map_err(|e| format!("template {name}: {e}"))?;
    }
    Ok(registry)
});

/// The person a page is drawn for, as its frame shows them.
#[derive(Debug, Serialize)]
pub struct Who {
    pub name: String,
    pub tenant: String,
    pub role: String,
    /// Whether the people page is theirs to see.
    pub sees_users: bool,
    /// A vendor's user: its keys are theirs to see.
    pub sees_keys: bool,
    /// Invoices and statements of account.
    pub sees_invoices: bool,
    /// The monthly close.
    pub closes_months: bool,
    pub sees_outbox: bool,
    /// Contracts: everyone (a vendor's user its own vendor's).
    pub sees_contracts: bool,
    /// The vendors being onboarded and worked with: the merchant's people.
    pub sees_vendors: bool,
    /// The tenant's legal particulars printed as buyer.
    pub manages_tenant: bool,
    /// A vendor's user: its own vendor, whose particulars it fills in.
    pub own_vendor: Option<i64>,
}

impl Who {
    pub fn of(me: &MeView, language: Language) -> Self {
        Self {
            name: me
                .user
                .as_ref()
                .map_or_else(String::new, |u| u.display_name.clone()),
            tenant: me.tenant.name.clone(),
            role: language.text(&format!("role-{}", me.role.as_str()), &[]),
            sees_users: me.role.may(Permission::ReadUsers),
            sees_keys: me.vendor_id.is_some() && me.role.may(Permission::ReadApiKeys),
            sees_invoices: me.role.may(Permission::ReadInvoices),
            closes_months: me.role.may(Permission::DraftInvoices),
            sees_outbox: me.role.may(Permission::ReadOutbox),
            sees_contracts: me.role.may(Permission::ReadContracts),
            sees_vendors: me.vendor_id.is_none() && me.role.may(Permission::ReadVendors),
            manages_tenant: me.role.may(Permission::ManageTenant),
            own_vendor: me
                .vendor_id
                .filter(|_| me.role.may(Permission::FillParticulars)),
        }
    }
}

#[derive(Serialize)]
struct LanguageLink {
    tag: &'static str,
    name: String,
    current: bool,
    /// Switches to it and comes back to this page.
    href: String,
}

/// What every page's frame needs beside the page's own data.
#[derive(Serialize)]
struct Frame<'a, T: Serialize> {
    lang: &'static str,
    /// The languages offered in the frame, each by its own name.
    languages: Vec<LanguageLink>,
    title: String,
    csrf: String,
    who: Option<&'a Who>,
    page: &'a T,
}

/// Renders `template` for `visitor`, titled by the catalogue's text `title`.
pub fn page<T: Serialize>(
    visitor: &Visitor,
    who: Option<&Who>,
    template: &'static str,
    title: &str,
    data: &T,
) -> Result<String, String> {
    let language = visitor.language;
    let frame = Frame {
        lang: language.tag(),
        languages: Language::ALL
            .iter()
            .map(|l| LanguageLink {
                tag: l.tag(),
                // Each language is named in itself, whatever the page's language.
                name: l.text(&format!("language-{}", l.tag()), &[]),
                current: *l == language,
                href: format!(
                    "/language/{}?{}",
                    l.tag(),
                    serde_urlencoded::to_string([("to", visitor.path.as_str())])
                        .unwrap_or_default()
                ),
            })
            .collect(),
        title: language.text(title, &[]),
        csrf: visitor.csrf(),
        who,
        page: data,
    };
    let registry = PAGES.as_ref().map_err(Clone::clone)?;
    registry
        .render(template, &frame)
        .map_err(|e| format!("page {template}: {e}"))
}

/// An HTML answer that no shared cache keeps: pages show one person's data.
pub fn html(status: StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header(CacheControl(vec![CacheDirective::NoStore]))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::X_FRAME_OPTIONS, "DENY"))
        .insert_header((header::REFERRER_POLICY, "same-origin"))
        .body(body)
}

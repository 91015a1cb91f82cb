// The tables, as diesel sees them. Written by hand to match both migration
// folders (migrations/sqlite and migrations/postgres); the integration suite,
// run on both backends, is what holds them together. One file, longer than
// the others: diesel's `allow_tables_to_appear_in_same_query!` must name
// every table, so they are kept together where one reading checks them all.

diesel::table! {
    tenants (id) {
        id -> BigInt,
        name -> Text,
        created_at -> Timestamp,
        legal_name -> Nullable<Text>,
        credit_code -> Nullable<Text>,
        address -> Nullable<Text>,
        bank_name -> Nullable<Text>,
        bank_account_name -> Nullable<Text>,
        bank_account_number -> Nullable<Text>,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        vendor_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        deactivated_at -> Nullable<Timestamp>,
    }
}

// The sign-in directory: which tenant an email, or an API key's prefix,
// belongs to (see docs/scaling.md).
diesel::table! {
    email_directory (email) {
        email -> Text,
        tenant_id -> BigInt,
    }
}

diesel::table! {
    key_prefix_directory (prefix) {
        prefix -> Text,
        tenant_id -> BigInt,
    }
}

diesel::table! {
    shops (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        platform -> Text,
        name -> Text,
        external_id -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    vendors (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        legal_name -> Text,
        credit_code -> Text,
        contacts -> Text,
        billing_email -> Text,
        bank_name -> Nullable<Text>,
        bank_account_name -> Nullable<Text>,
        bank_account_number -> Nullable<Text>,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        submitted_at -> Nullable<Timestamp>,
        review_comment -> Nullable<Text>,
    }
}

diesel::table! {
    api_keys (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        vendor_id -> BigInt,
        name -> Text,
        prefix -> Text,
        secret_hash -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        scopes -> Text,
    }
}

diesel::table! {
    contracts (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        vendor_id -> BigInt,
        number -> Text,
        title -> Text,
        start_date -> Date,
        end_date -> Date,
        currency -> Text,
        time_zone -> Text,
        status -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    contract_shops (tenant_id, contract_id, shop_id) {
        tenant_id -> BigInt,
        contract_id -> BigInt,
        shop_id -> BigInt,
    }
}

diesel::table! {
    contract_terms (tenant_id, contract_id, version) {
        tenant_id -> BigInt,
        contract_id -> BigInt,
        version -> Integer,
        state -> Text,
        effective_from -> Nullable<Date>,
        reason -> Nullable<Text>,
        correction -> Bool,
        revision -> Integer,
        body -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        applied_by -> Nullable<BigInt>,
        applied_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    phase_progress (tenant_id, contract_id, phase_id) {
        tenant_id -> BigInt,
        contract_id -> BigInt,
        phase_id -> Integer,
        status -> Text,
        reason -> Text,
        changed_by -> Nullable<BigInt>,
        changed_at -> Timestamp,
    }
}

diesel::table! {
    exclusion_windows (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        contract_id -> BigInt,
        from_date -> Date,
        to_date -> Date,
        category -> Text,
        note -> Text,
        recorded_by -> Nullable<BigInt>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        entity -> Text,
        entity_id -> BigInt,
        action -> Text,
        actor_user_id -> Nullable<BigInt>,
        actor_api_key_id -> Nullable<BigInt>,
        at -> Timestamp,
        before_value -> Nullable<Text>,
        after_value -> Nullable<Text>,
    }
}

diesel::table! {
    kpi_rows (tenant_id, month, contract_id, day, metric, source) {
        tenant_id -> BigInt,
        month -> Integer,
        contract_id -> BigInt,
        day -> Date,
        metric -> Text,
        source -> Text,
        numerator -> BigInt,
        denominator -> BigInt,
        revision -> Integer,
        recorded_by -> Nullable<BigInt>,
        recorded_by_key -> Nullable<BigInt>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    kpi_month_versions (tenant_id, period) {
        tenant_id -> BigInt,
        period -> Text,
        version -> BigInt,
    }
}

diesel::table! {
    kept_month_sums (tenant_id, contract_id, period) {
        tenant_id -> BigInt,
        contract_id -> BigInt,
        period -> Text,
        version -> BigInt,
        shape -> Text,
        sums -> Text,
    }
}

diesel::table! {
    kpi_revisions (tenant_id, contract_id, day, metric, source, revision) {
        tenant_id -> BigInt,
        contract_id -> BigInt,
        day -> Date,
        metric -> Text,
        source -> Text,
        revision -> Integer,
        numerator -> BigInt,
        denominator -> BigInt,
        recorded_by -> Nullable<BigInt>,
        recorded_by_key -> Nullable<BigInt>,
        recorded_at -> Timestamp,
        replaced_by -> Nullable<BigInt>,
        replaced_by_key -> Nullable<BigInt>,
        replaced_at -> Timestamp,
    }
}

// A temporary table of each connection, created by `store::kpi` before an
// import: the rows of one request, checked and then merged in one statement.
diesel::table! {
    kpi_staging (line) {
        line -> BigInt,
        month -> Integer,
        contract_id -> BigInt,
        day -> Date,
        metric -> Text,
        numerator -> BigInt,
        denominator -> BigInt,
    }
}

diesel::table! {
    incidents (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        contract_id -> BigInt,
        severity -> Text,
        category -> Text,
        occurred_at -> Timestamp,
        escalated_at -> Nullable<Timestamp>,
        description -> Text,
        logged_by -> Nullable<BigInt>,
        logged_by_key -> Nullable<BigInt>,
        logged_at -> Timestamp,
    }
}

diesel::table! {
    monthly_reports (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        contract_id -> BigInt,
        period -> Text,
        status -> Text,
        figures -> Text,
        staffing -> Text,
        narrative -> Text,
        disputes -> Text,
        submissions -> Integer,
        submitted_at -> Nullable<Timestamp>,
        answered_at -> Nullable<Timestamp>,
        answered_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    idempotency_keys (tenant_id, idempotency_key) {
        tenant_id -> BigInt,
        idempotency_key -> Text,
        fingerprint -> Nullable<Text>,
        status_code -> Nullable<Integer>,
        content_type -> Nullable<Text>,
        response -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    invoices (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        contract_id -> BigInt,
        vendor_id -> BigInt,
        period -> Text,
        kind -> Text,
        adjusts -> Nullable<BigInt>,
        status -> Text,
        number -> Nullable<Text>,
        currency -> Text,
        subtotal_minor -> BigInt,
        tax_minor -> BigInt,
        total_minor -> BigInt,
        capped_penalties_minor -> BigInt,
        breached -> Bool,
        under_dispute -> Bool,
        draft -> Text,
        inputs -> Nullable<Text>,
        inputs_hash -> Text,
        baseline -> Nullable<Text>,
        computed_at -> Timestamp,
        issued_on -> Nullable<Date>,
        due_on -> Nullable<Date>,
        issued_at -> Nullable<Timestamp>,
        issued_by -> Nullable<BigInt>,
        dispute_override -> Nullable<Text>,
        paid_minor -> BigInt,
        void_reason -> Nullable<Text>,
        voided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        credited_minor -> BigInt,
    }
}

diesel::table! {
    invoice_payments (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        invoice_id -> BigInt,
        paid_on -> Date,
        amount_minor -> BigInt,
        reference -> Text,
        recorded_by -> Nullable<BigInt>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    credit_notes (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        invoice_id -> BigInt,
        number -> Text,
        reason -> Text,
        credited_lines -> Text,
        lines -> Text,
        subtotal_minor -> BigInt,
        tax_minor -> BigInt,
        total_minor -> BigInt,
        issued_on -> Date,
        issued_at -> Timestamp,
        issued_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    number_series (tenant_id, series, year) {
        tenant_id -> BigInt,
        series -> Text,
        year -> Integer,
        last_number -> Integer,
    }
}

diesel::table! {
    invoice_parties (tenant_id, invoice_id) {
        tenant_id -> BigInt,
        invoice_id -> BigInt,
        parties -> Text,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        invoice_id -> Nullable<BigInt>,
        request_key -> Text,
        mail_to -> Text,
        mail_cc -> Text,
        language -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_by -> Nullable<Text>,
        claimed_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        message_id -> Nullable<Text>,
        requested_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
        kind -> Text,
        user_id -> Nullable<BigInt>,
        link -> Nullable<Text>,
    }
}

diesel::table! {
    account_tokens (tenant_id, id_hash) {
        tenant_id -> BigInt,
        id_hash -> Text,
        user_id -> BigInt,
        purpose -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    outbox_attempts (id) {
        id -> BigInt,
        tenant_id -> BigInt,
        outbox_id -> BigInt,
        attempted_at -> Timestamp,
        worker -> Text,
        outcome -> Text,
        response -> Text,
    }
}

diesel::table! {
    web_sessions (tenant_id, id_hash) {
        tenant_id -> BigInt,
        id_hash -> Text,
        user_id -> BigInt,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::joinable!(users -> tenants (tenant_id));
diesel::joinable!(shops -> tenants (tenant_id));
diesel::joinable!(vendors -> tenants (tenant_id));
diesel::joinable!(api_keys -> vendors (vendor_id));

diesel::allow_tables_to_appear_in_same_query!(
    tenants,
    web_sessions,
    account_tokens,
    invoice_parties,
    outbox,
    outbox_attempts,
    users,
    email_directory,
    key_prefix_directory,
    shops,
    vendors,
    api_keys,
    contracts,
    contract_shops,
    contract_terms,
    phase_progress,
    exclusion_windows,
    audit_log,
    kpi_rows,
    kpi_revisions,
    kpi_staging,
    kpi_month_versions,
    kept_month_sums,
    incidents,
    monthly_reports,
    idempotency_keys,
    invoices,
    invoice_payments,
    credit_notes,
    number_series,
);

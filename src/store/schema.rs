// The tables, as diesel sees them. Written by hand to match both migration
// folders (migrations/sqlite and migrations/postgres); the integration suite,
// run on both backends, is what holds them together.

diesel::table! {
    tenants (id) {
        id -> BigInt,
        name -> Text,
        created_at -> Timestamp,
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
    }
}

diesel::joinable!(users -> tenants (tenant_id));
diesel::joinable!(shops -> tenants (tenant_id));
diesel::joinable!(vendors -> tenants (tenant_id));
diesel::joinable!(api_keys -> vendors (vendor_id));

diesel::allow_tables_to_appear_in_same_query!(tenants, users, shops, vendors, api_keys);

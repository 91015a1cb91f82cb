-- Contracts, their versioned terms, handover progress, and the audit log.

CREATE TABLE contracts (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    vendor_id BIGINT NOT NULL,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    currency TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'suspended', 'terminated', 'expired')),
    created_by BIGINT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, number),
    FOREIGN KEY (tenant_id, vendor_id) REFERENCES vendors (tenant_id, id),
    CHECK (start_date <= end_date)
);

CREATE INDEX contracts_by_vendor ON contracts (tenant_id, vendor_id);

CREATE TABLE contract_shops (
    tenant_id BIGINT NOT NULL,
    contract_id BIGINT NOT NULL,
    shop_id BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, shop_id),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts (tenant_id, id),
    FOREIGN KEY (tenant_id, shop_id) REFERENCES shops (tenant_id, id)
);

-- One row per version of a contract's terms. `draft` is the terms of a draft
-- contract, `pending` an amendment being written, `in_force` an applied version
-- (in force from effective_from until a later one), `discarded` a dropped amendment.
CREATE TABLE contract_terms (
    tenant_id BIGINT NOT NULL,
    contract_id BIGINT NOT NULL,
    version INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'pending', 'in_force', 'discarded')),
    effective_from DATE,
    reason TEXT,
    correction BOOLEAN NOT NULL,
    -- Counts saves of a version being written: a save that read an older revision is refused.
    revision INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_by BIGINT,
    created_at TIMESTAMP NOT NULL,
    applied_by BIGINT,
    applied_at TIMESTAMP,
    PRIMARY KEY (tenant_id, contract_id, version),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts (tenant_id, id)
);

CREATE TABLE phase_progress (
    tenant_id BIGINT NOT NULL,
    contract_id BIGINT NOT NULL,
    phase_id INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'completed', 'rolled_back')),
    reason TEXT NOT NULL,
    changed_by BIGINT,
    changed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, phase_id),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts (tenant_id, id)
);

-- Days the vendor is not answerable for (force majeure, merchant-caused,
-- platform outages): recorded as they happen, not written into the terms.
CREATE TABLE exclusion_windows (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL,
    contract_id BIGINT NOT NULL,
    from_date DATE NOT NULL,
    to_date DATE NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('force_majeure', 'merchant_caused', 'platform_outage', 'other')),
    note TEXT NOT NULL,
    recorded_by BIGINT,
    recorded_at TIMESTAMP NOT NULL,
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts (tenant_id, id),
    CHECK (from_date <= to_date)
);

CREATE INDEX exclusion_windows_by_contract ON exclusion_windows (tenant_id, contract_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    actor_user_id BIGINT,
    actor_api_key_id BIGINT,
    at TIMESTAMP NOT NULL,
    before_value TEXT,
    after_value TEXT
);

CREATE INDEX audit_log_by_entity ON audit_log (tenant_id, entity, entity_id, id);

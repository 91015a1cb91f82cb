//! OpenAPI schemas of the tagged and flattened terms types, written by hand:
//! utoipa's derive documents a tagged enum as `allOf` of the variant (which
//! refuses unknown fields) and the tag, which no body can satisfy, and a
//! `#[serde(flatten)]` of such a type the same way.

use utoipa::openapi::RefOr;
use utoipa::openapi::schema::Schema;
use utoipa::{PartialSchema, ToSchema};

use super::*;
use crate::domain::tagged::{schema as tagged, with_property};

type Schemas = Vec<(String, RefOr<Schema>)>;

impl PartialSchema for ChargeSpec {
    fn schema() -> RefOr<Schema> {
        tagged(
            "One line of the fee schedule, as written; `kind` says which.",
            "kind",
            vec![
                ("seat_monthly", SeatMonthlyCharge::schema()),
                ("per_unit", PerUnitCharge::schema()),
                ("commission", CommissionCharge::schema()),
                ("fixed", FixedCharge::schema()),
                ("one_time", OneTimeCharge::schema()),
                ("minimum_commitment", MinimumCommitmentCharge::schema()),
            ],
        )
    }
}

impl ToSchema for ChargeSpec {
    fn schemas(schemas: &mut Schemas) {
        SeatMonthlyCharge::schemas(schemas);
        PerUnitCharge::schemas(schemas);
        CommissionCharge::schemas(schemas);
        FixedCharge::schemas(schemas);
        OneTimeCharge::schemas(schemas);
        MinimumCommitmentCharge::schemas(schemas);
    }
}

impl PartialSchema for Schedule {
    fn schema() -> RefOr<Schema> {
        tagged(
            "What falling short (or doing better) costs; `type` says which shape.",
            "type",
            vec![
                ("bands", BandsSchedule::schema()),
                ("per_step", PerStepSchedule::schema()),
                ("fixed", FixedSchedule::schema()),
            ],
        )
    }
}

impl ToSchema for Schedule {
    fn schemas(schemas: &mut Schemas) {
        BandsSchedule::schemas(schemas);
        PerStepSchedule::schemas(schemas);
        FixedSchedule::schemas(schemas);
    }
}

/// `spec` with the `id` the contract gave it.
fn with_id(spec: RefOr<Schema>) -> RefOr<Schema> {
    with_property(spec, "id", u32::schema())
}

impl PartialSchema for Charge {
    fn schema() -> RefOr<Schema> {
        with_id(ChargeSpec::schema())
    }
}

impl ToSchema for Charge {
    fn schemas(schemas: &mut Schemas) {
        ChargeSpec::schemas(schemas);
    }
}

impl PartialSchema for SlaClause {
    fn schema() -> RefOr<Schema> {
        with_id(SlaClauseSpec::schema())
    }
}

impl ToSchema for SlaClause {
    fn schemas(schemas: &mut Schemas) {
        SlaClauseSpec::schemas(schemas);
    }
}

impl PartialSchema for Phase {
    fn schema() -> RefOr<Schema> {
        with_id(PhaseSpec::schema())
    }
}

impl ToSchema for Phase {
    fn schemas(schemas: &mut Schemas) {
        PhaseSpec::schemas(schemas);
    }
}

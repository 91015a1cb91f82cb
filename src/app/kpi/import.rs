//! A CSV file of daily figures for any of the caller's contracts: columns
//! `contract,metric,day,numerator,denominator` (the contract by its number).
//! All rows or none; every bad row is listed with its line.
//!
//! An upload is let in before its body is taken ([`uploader`], then
//! [`Uploader::admit`]: who calls, as which source, within its tenant's
//! places), and taken in once it has arrived whole, from a file ([`import`]).

use std::collections::HashMap;
use std::io::Read;

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;

use super::PERMISSION;
use super::staging::{self, ERRORS_LISTED, IngestSummary, Row, Staged, Target};
use crate::app::uploads::UploadPermit;
use crate::app::{App, AppError, AppResult, AuthUser, Caller};
use crate::domain::message::{Message, msg};
use crate::domain::terms::KpiSource;
use crate::domain::violation::Violations;
use crate::store::kpi::STAGE_BATCH;
use crate::store::{self, DbConnection, StoreError};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SourceQuery {
    /// Whose figures the file holds; by default `vendor` for vendors, `merchant` for others.
    pub source: Option<KpiSource>,
}

/// A caller that may send figures, known before a byte of its file is taken.
pub struct Uploader(AuthUser);

/// Who calls, checked before the body is taken: a stranger fills no disk.
pub async fn uploader(app: &App, caller: Caller) -> AppResult<Uploader> {
    app.read(caller, PERMISSION, |_, auth| Ok(Uploader(*auth)))
        .await
}

/// An upload let in: whose figures it holds, and one of its tenant's places,
/// given back when this goes.
pub struct Admitted {
    pub source: KpiSource,
    _permit: UploadPermit,
}

impl Uploader {
    /// Lets the upload in as the source `asked` (by default the caller's own),
    /// if its tenant has a place free (429 beyond `uploads::PER_TENANT`).
    pub fn admit(self, app: &App, asked: Option<KpiSource>) -> AppResult<Admitted> {
        let source = staging::source_for(&self.0, asked)?;
        let permit = app.uploads.enter(self.0.tenant())?;
        Ok(Admitted {
            source,
            _permit: permit,
        })
    }
}

/// Takes in an upload received whole, inside the caller's database work.
/// Its rows are checked and staged outside any write transaction, so that
/// SQLite's one write lock is held only for the short merge; `answer` then
/// runs in the merge's own transaction (where an answer to replay is kept).
pub fn import<T, E>(
    conn: &mut DbConnection,
    auth: &AuthUser,
    source: KpiSource,
    file: std::fs::File,
    answer: impl FnOnce(&mut DbConnection, IngestSummary) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<AppError> + From<diesel::result::Error>,
{
    auth.require(PERMISSION)?;
    let source = staging::source_for(auth, Some(source))?;
    let staged = store::deferred(conn, |conn| stage_file(conn, auth, source, file))?;
    store::write(conn, |conn| {
        let summary = staging::merge(conn, auth, &staged)?;
        answer(conn, summary)
    })
}

const COLUMNS: [&str; 5] = ["contract", "metric", "day", "numerator", "denominator"];

fn stage_file(
    conn: &mut DbConnection,
    auth: &AuthUser,
    source: KpiSource,
    reader: impl Read,
) -> AppResult<Staged> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        // Records end at LF alone, and the CR before it (CR LF, as Excel
        // writes) is trimmed with the field's other spaces. With the default
        // terminator a CR ends the record and its LF is counted with the next
        // one, so every error would name the line before its own.
        .terminator(csv::Terminator::Any(b'\n'))
        .trim(csv::Trim::All)
        .buffer_capacity(256 * 1024)
        .from_reader(reader);
    read_csv(conn, auth, source, &mut csv)
}

fn read_csv<R: Read>(
    conn: &mut DbConnection,
    auth: &AuthUser,
    source: KpiSource,
    csv: &mut csv::Reader<R>,
) -> AppResult<Staged> {
    let mut errors = Violations::default();
    let mut more = 0u64;
    let mut record = csv::ByteRecord::new();
    let broken = |e: csv::Error| match e.kind() {
        // The file is on our disk, received whole: failing to read it is ours.
        csv::ErrorKind::Io(_) => AppError::internal(e),
        _ => AppError::invalid("file", msg!("error-csv-unreadable", detail = e.to_string())),
    };
    if !csv.read_byte_record(&mut record).map_err(broken)? {
        return Err(AppError::invalid("file", msg!("error-csv-empty")));
    }
    let header: Vec<String> = record
        .iter()
        .map(|f| {
            String::from_utf8_lossy(f)
                .trim_start_matches('\u{feff}')
                .to_owned()
        })
        .collect();
    let position = |name: &str| header.iter().position(|h| h == name);
    let columns: Vec<Option<usize>> = COLUMNS.iter().map(|c| position(c)).collect();
    for (name, at) in COLUMNS.iter().zip(&columns) {
        if at.is_none() {
            errors.add_on_line(1, *name, msg!("error-csv-column-missing"));
        }
    }
    for name in header.iter().filter(|h| !COLUMNS.contains(&h.as_str())) {
        errors.add_on_line(1, name.clone(), msg!("error-csv-column-unknown"));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let at: Vec<usize> = columns.into_iter().flatten().collect();
    let (c_contract, c_metric, c_day, c_num, c_den) = (at[0], at[1], at[2], at[3], at[4]);
    let width = header.len();
    store::kpi::begin_staging(conn)?;
    let mut targets: HashMap<Vec<u8>, Result<Target, Message>> = HashMap::new();
    let mut batch = Vec::with_capacity(STAGE_BATCH);
    let mut rows = 0usize;
    let mut bad = Vec::new();
    let mut report = |errors: &mut Violations, line: u64, field: &str, message: Message| {
        if errors.len() < ERRORS_LISTED {
            errors.add_on_line(line, field, message);
        } else {
            more += 1;
        }
    };
    while csv.read_byte_record(&mut record).map_err(broken)? {
        let line = record.position().map_or(0, |p| p.line());
        rows += 1;
        if record.len() != width {
            report(
                &mut errors,
                line,
                "row",
                msg!("error-csv-columns", count = record.len(), header = width),
            );
            continue;
        }
        let contract = &record[c_contract];
        if !targets.contains_key(contract) {
            let number = String::from_utf8_lossy(contract);
            let found = match store::contracts::by_number(conn, auth.scope, &number) {
                Ok(c) => Target::of(&c),
                Err(StoreError::NotFound) => Err(msg!("error-csv-no-contract", number = &*number)),
                Err(other) => return Err(other.into()),
            };
            targets.insert(contract.to_vec(), found);
        }
        let target = match targets.get(contract) {
            Some(Ok(target)) => target,
            Some(Err(message)) => {
                report(&mut errors, line, "contract", message.clone());
                continue;
            }
            None => continue,
        };
        bad.clear();
        let text = |i: usize| std::str::from_utf8(&record[i]).unwrap_or("\u{fffd}");
        let day = text(c_day).parse::<NaiveDate>().ok();
        if day.is_none() {
            bad.push(("day", msg!("error-date-format")));
        }
        let number = |i: usize, bad: &mut Vec<(&'static str, Message)>, name: &'static str| {
            let raw = text(i);
            match raw.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) if raw.is_empty() && name == "denominator" => None,
                Err(_) => {
                    bad.push((name, msg!("error-not-whole-number", raw = raw)));
                    None
                }
            }
        };
        let numerator = number(c_num, &mut bad, "numerator");
        let denominator = number(c_den, &mut bad, "denominator");
        let malformed = !bad.is_empty();
        let sent = Row {
            line: line as i64,
            metric: text(c_metric),
            day,
            numerator,
            denominator,
        };
        let staged = staging::check_row(target, sent, &mut bad);
        for (field, message) in bad.drain(..) {
            report(&mut errors, line, field, message);
        }
        if let (Some(row), false) = (staged, malformed) {
            batch.push(row);
            if batch.len() == STAGE_BATCH {
                store::kpi::stage(conn, &batch)?;
                batch.clear();
            }
        }
    }
    store::kpi::stage(conn, &batch)?;
    if rows == 0 {
        errors.add("file", msg!("error-csv-no-rows"));
    }
    let mut checked = staging::check_repeats(conn, errors, |e, line, first| {
        e.add_on_line(
            line as u64,
            "day",
            msg!("error-csv-row-repeats", first = first),
        )
    });
    if more > 0
        && let Err(AppError::Invalid(errors)) = &mut checked
    {
        errors.add("file", msg!("error-csv-more", more = more));
    }
    checked.map(|()| Staged { source, rows })
}

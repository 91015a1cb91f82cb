use std::time::Duration;

use anyhow::Context;
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, RunQueryDsl};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// One connection to either backend. `Pg` is declared first because the derived
/// `establish` tries variants in order; we choose the backend ourselves anyway.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

pub type Pool = r2d2::Pool<Manager>;

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

impl Backend {
    pub fn of(url: &str) -> Self {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Postgres => "postgresql",
            Backend::Sqlite => "sqlite",
        }
    }
}

/// Opens connections of the backend the URL names, set up the way kefu needs them.
#[derive(Debug)]
pub struct Manager {
    backend: Backend,
    url: String,
}

/// Per-connection SQLite settings: write-ahead log, foreign keys enforced, and
/// a busy timeout so that a writer waits for another rather than failing.
const SQLITE_SETUP: &str = "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

/// SQLite's library-wide settings, made once before its first connection.
///
/// Each connection is used by one thread at a time (a pool hands it out
/// whole), so SQLite need not lock a connection's mutex on every call — a
/// step and each column read took it — and need not count its memory under
/// a global lock on every allocation. Should SQLite already be in use (a
/// connection opened elsewhere first), it refuses and keeps its defaults.
fn configure_sqlite() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use libsqlite3_sys::{SQLITE_CONFIG_MEMSTATUS, SQLITE_CONFIG_MULTITHREAD, sqlite3_config};
        // SAFETY: sqlite3_config is called before any connection of ours is
        // opened; SQLite checks itself that it is not yet initialized and
        // answers SQLITE_MISUSE, changing nothing, if it is.
        unsafe {
            sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
            sqlite3_config(SQLITE_CONFIG_MEMSTATUS, std::ffi::c_int::from(false));
        }
    });
}

/// Per-connection PostgreSQL settings: statements are not compiled to
/// machine code. Ours are short: compiling one of the close's sums took
/// 35 ms, twice as long as running it.
const POSTGRES_SETUP: &str = "SET jit = off";

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match self.backend {
            Backend::Postgres => {
                let mut conn =
                    PgConnection::establish(&self.url).map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(POSTGRES_SETUP)
                    .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Pg(conn))
            }
            Backend::Sqlite => {
                configure_sqlite();
                let mut conn =
                    SqliteConnection::establish(&self.url).map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(SQLITE_SETUP)
                    .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        diesel::sql_query("SELECT 1")
            .execute(conn)
            .map(drop)
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        // A connection given back inside a transaction (a panic mid-request) is not reused.
        let depth = match conn {
            DbConnection::Pg(c) => {
                AnsiTransactionManager::transaction_manager_status_mut(c).transaction_depth()
            }
            DbConnection::Sqlite(c) => {
                AnsiTransactionManager::transaction_manager_status_mut(c).transaction_depth()
            }
        };
        !matches!(depth, Ok(None))
    }
}

/// Opens a pool on the database the URL names, creating the SQLite file's folder.
pub fn connect(url: &str) -> anyhow::Result<Pool> {
    let backend = Backend::of(url);
    let sqlite_dir = std::path::Path::new(url)
        .parent()
        .filter(|d| !d.as_os_str().is_empty());
    if let (Backend::Sqlite, Some(dir)) = (backend, sqlite_dir) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let manager = Manager {
        backend,
        url: url.to_owned(),
    };
    r2d2::Pool::builder()
        .max_size(if backend == Backend::Sqlite { 8 } else { 16 })
        .min_idle(Some(1))
        // A file on local disk does not drop connections: checking each one out
        // with a query would cost a statement parse per request.
        .test_on_check_out(backend == Backend::Postgres)
        .connection_timeout(Duration::from_secs(10))
        .build(manager)
        .context("connecting to the database")
}

/// Why the database cannot serve requests now.
#[derive(Debug, thiserror::Error)]
pub enum NotReady {
    /// Every pooled connection is taken (or none can be opened).
    #[error("no database connection could be had within {0:?}")]
    Starved(Duration),
    #[error("the database does not answer")]
    Down(#[source] diesel::result::Error),
}

/// Whether a request could be served now: a pooled connection can be had
/// within `wait`, and it answers.
pub fn check_ready(pool: &Pool, wait: Duration) -> Result<(), NotReady> {
    let mut conn = pool
        .get_timeout(wait)
        .map_err(|_| NotReady::Starved(wait))?;
    diesel::sql_query("SELECT 1")
        .execute(&mut *conn)
        .map_err(NotReady::Down)?;
    Ok(())
}

/// Runs the embedded migrations that have not run yet; returns their names.
pub fn migrate(pool: &Pool) -> anyhow::Result<Vec<String>> {
    let mut conn = pool
        .get()
        .context("connecting to the database to migrate")?;
    let applied = match &mut *conn {
        DbConnection::Pg(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
    }
    .map_err(|e| anyhow::anyhow!(e))
    .context("running migrations")?;
    Ok(applied.iter().map(ToString::to_string).collect())
}

/// Runs `f` in a transaction that takes no write lock up front (`BEGIN` deferred
/// on SQLite): for reading, and for writing the connection's temporary tables,
/// while other requests go on writing.
pub fn deferred<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    conn.transaction(f)
}

/// Runs `f` in a write transaction. On SQLite the transaction is begun
/// `IMMEDIATE`, taking the write lock at once: two writers then queue on the
/// busy timeout instead of one failing when it upgrades a read lock.
pub fn write<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    let DbConnection::Sqlite(sqlite) = conn else {
        return conn.transaction(f);
    };
    AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
    // Begun on the inner connection; the multi-connection's manager delegates
    // commit and rollback to that same inner state.
    type Transactions = <DbConnection as Connection>::TransactionManager;
    match f(conn) {
        Ok(value) => {
            Transactions::commit_transaction(conn)?;
            Ok(value)
        }
        Err(error) => {
            Transactions::rollback_transaction(conn)?;
            Err(error)
        }
    }
}

/// Runs `f` inside the caller's transaction as a savepoint: if it fails, what
/// it wrote is undone and the transaction goes on.
pub fn savepoint<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    conn.transaction(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tenant and its vendor, as every schema since the first holds them.
    const TENANT_AND_VENDOR: &str = "INSERT INTO tenants (id, name, created_at) VALUES (1, 't', '2026-11-01 00:00:00'); \
        INSERT INTO vendors (id, tenant_id, legal_name, credit_code, contacts, billing_email, \
        status, created_at, updated_at) VALUES (1, 1, 'v', '91310115MA1K3Y1X2W', '[]', \
        'b@v.cn', 'active', '2026-11-01 00:00:00', '2026-11-01 00:00:00');";

    /// A SQLite database migrated up to the migration named from `version` on,
    /// given `rows` in that earlier shape, then migrated the rest of the way.
    /// The folder goes with the returned guard.
    fn migrated_over(version: &str, rows: &str) -> (tempfile::TempDir, Pool) {
        let dir = tempfile::tempdir().unwrap();
        let url = dir.path().join("kefu.db").to_string_lossy().into_owned();
        let pool = connect(&url).unwrap();
        let mut conn = pool.get().unwrap();
        let DbConnection::Sqlite(sqlite) = &mut *conn else {
            unreachable!("a SQLite URL")
        };
        let (before, after): (Vec<_>, Vec<_>) = sqlite
            .pending_migrations(SQLITE_MIGRATIONS)
            .unwrap()
            .into_iter()
            .partition(|m| m.name().to_string().as_str() < version);
        for migration in &before {
            sqlite.run_migration(migration).unwrap();
        }
        sqlite.batch_execute(rows).unwrap();
        for migration in &after {
            sqlite.run_migration(migration).unwrap();
        }
        drop(conn);
        (dir, pool)
    }

    #[test]
    fn a_pool_whose_connections_are_all_taken_is_not_ready() {
        let dir = tempfile::tempdir().unwrap();
        let url = dir.path().join("kefu.db").to_string_lossy().into_owned();
        let pool = connect(&url).unwrap();
        let wait = Duration::from_millis(50);
        assert!(check_ready(&pool, wait).is_ok());
        let taken: Vec<_> = (0..pool.max_size()).map(|_| pool.get().unwrap()).collect();
        assert!(matches!(
            check_ready(&pool, wait),
            Err(NotReady::Starved(_))
        ));
        drop(taken);
        assert!(
            check_ready(&pool, wait).is_ok(),
            "ready again once given back"
        );
    }

    #[test]
    fn keys_made_before_scopes_keep_all_but_managing_keys() {
        use crate::domain::api_key::{ApiKeyScope, ApiKeyScopes};
        let (_dir, pool) = migrated_over(
            "2026-12-01-000007",
            &format!(
                "{TENANT_AND_VENDOR} \
                 INSERT INTO api_keys (tenant_id, vendor_id, name, prefix, secret_hash, created_at) \
                 VALUES (1, 1, 'old feed', 'a1b2c3d4e5f6', 'x', '2026-11-01 00:00:00');"
            ),
        );
        let mut conn = pool.get().unwrap();
        let (key, _) = crate::store::api_keys::find_by_prefix(&mut conn, "a1b2c3d4e5f6")
            .unwrap()
            .unwrap();
        assert_eq!(
            key.scopes,
            ApiKeyScopes::of(ApiKeyScope::ALL.iter().copied()).unwrap()
        );
        assert!(!key.scopes.allows(crate::domain::Permission::ManageApiKeys));
    }

    #[test]
    fn users_and_keys_made_before_the_directory_are_found_and_stay_unique() {
        use crate::domain::EmailAddress;
        let t = "'2026-11-01 00:00:00'";
        let (_dir, pool) = migrated_over(
            "2026-12-02-000016",
            &format!(
                "{TENANT_AND_VENDOR} \
                 INSERT INTO tenants (id, name, created_at) VALUES (2, 'u', {t}); \
                 INSERT INTO users (id, tenant_id, email, display_name, password_hash, role, \
                 vendor_id, created_at, updated_at) VALUES \
                 (1, 1, 'owner@one.cn', 'O', 'h', 'owner', NULL, {t}, {t}), \
                 (2, 2, 'owner@two.cn', 'P', 'h', 'owner', NULL, {t}, {t}), \
                 (3, 1, 'feed@one.cn', 'F', 'h', 'vendor', 1, {t}, {t}); \
                 INSERT INTO api_keys (tenant_id, vendor_id, name, prefix, secret_hash, \
                 created_by, created_at, scopes) VALUES \
                 (1, 1, 'feed', 'a1b2c3d4e5f6', 'x', 1, {t}, 'send_kpi'); \
                 INSERT INTO web_sessions VALUES (1, 's', 3, {t}, {t}); \
                 INSERT INTO account_tokens VALUES (1, 'l', 3, 'invitation', {t}, {t}, NULL);"
            ),
        );
        let mut conn = pool.get().unwrap();
        let email = |e: &str| EmailAddress::parse(e).unwrap();
        let (two, _) = crate::store::users::find_for_login(&mut conn, &email("owner@two.cn"))
            .unwrap()
            .unwrap();
        assert_eq!((two.tenant_id.get(), two.id.get()), (2, 2));
        let (key, _) = crate::store::api_keys::find_by_prefix(&mut conn, "a1b2c3d4e5f6")
            .unwrap()
            .unwrap();
        assert_eq!((key.tenant_id.get(), key.created_by.unwrap().get()), (1, 1));
        // The other tenant cannot take a listed email.
        let taken = crate::store::users::create(
            &mut conn,
            crate::domain::TenantId::new(2),
            crate::store::users::NewUser {
                email: &email("feed@one.cn"),
                display_name: "again",
                password_hash: "h",
                assignment: crate::domain::Assignment::new(crate::domain::Role::Owner, None)
                    .unwrap(),
            },
        );
        assert!(
            matches!(
                taken,
                Err(crate::store::StoreError::Conflict { field: "email", .. })
            ),
            "{taken:?}"
        );
    }

    #[test]
    fn invoices_credited_before_credits_counted_owe_what_is_left() {
        use crate::store::schema::invoices;
        use diesel::prelude::*;
        // 1060.00 each: the first credited 106.00 and paid the 954.00 left (left
        // `sent`), the second credited 106.00 and unpaid, the third paid in full.
        let t = "'2026-11-01 00:00:00'";
        let invoice = |id: i64, status: &str, paid: i64| {
            format!(
                "INSERT INTO invoices (id, tenant_id, contract_id, vendor_id, period, kind, status, \
                 number, currency, subtotal_minor, tax_minor, total_minor, capped_penalties_minor, \
                 breached, under_dispute, draft, inputs, inputs_hash, computed_at, paid_minor, \
                 created_at, updated_at) VALUES ({id}, 1, 1, 1, '2026-0{id}', 'invoice', '{status}', \
                 'INV-2026-00000{id}', 'CNY', 100000, 6000, 106000, 0, false, false, '{{}}', '{{}}', \
                 'h', {t}, {paid}, {t}, {t});"
            )
        };
        let note = |id: i64, invoice: i64| {
            format!(
                "INSERT INTO credit_notes (tenant_id, invoice_id, number, reason, credited_lines, \
                 lines, subtotal_minor, tax_minor, total_minor, issued_on, issued_at) VALUES \
                 (1, {invoice}, 'CN-2026-00000{id}', 'r', '[]', '[]', -10000, -600, -10600, \
                 '2026-11-01', {t});"
            )
        };
        let (_dir, pool) = migrated_over(
            "2026-12-01-000009",
            &format!(
                "{TENANT_AND_VENDOR} \
                 INSERT INTO contracts (id, tenant_id, vendor_id, number, title, start_date, end_date, \
                 currency, time_zone, status, created_at, updated_at) VALUES (1, 1, 1, 'K-1', 'k', \
                 '2026-01-01', '2026-12-31', 'CNY', 'Asia/Shanghai', 'active', {t}, {t}); {}{}{}{}{}",
                invoice(1, "sent", 95400),
                invoice(2, "issued", 0),
                invoice(3, "paid", 106000),
                note(1, 1),
                note(2, 2),
            ),
        );
        let mut conn = pool.get().unwrap();
        let rows: Vec<(String, i64)> = invoices::table
            .order(invoices::id)
            .select((invoices::status, invoices::credited_minor))
            .load(&mut *conn)
            .unwrap();
        assert_eq!(
            rows,
            vec![
                ("paid".to_owned(), 10600),
                ("issued".to_owned(), 10600),
                ("paid".to_owned(), 0)
            ]
        );
    }
}

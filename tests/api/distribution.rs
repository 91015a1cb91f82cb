//! The schema can be spread over several servers by tenant as
//! docs/scaling.md says: every table is named there once, by the statement
//! that would distribute it (by `tenant_id`; `tenants` by its own `id`) or
//! make it a reference table (copied whole to every server), in an order
//! where each table comes after those it refers to; and every primary key,
//! unique index (unique constraints included) and foreign key of a
//! distributed table leads with its distribution column. Read from the
//! catalogue of the test's own database, migrated as the server migrates it:
//! PostgreSQL's pg_index, pg_constraint and pg_attribute, or SQLite's pragmas.

use std::collections::{BTreeMap, BTreeSet};

use diesel::sql_types::{Bool, Nullable, Text};
use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl};

use kefu::store::Backend;

use crate::helpers::spawn_app;

/// diesel's record of the migrations it ran, keyed by version: no tenant's
/// data and not ours to shape. It stays a plain table on the coordinator,
/// where `kefu migrate` runs, and is left out of every check.
const DIESEL_MIGRATIONS: &str = "__diesel_schema_migrations";

/// The document the test holds the schema to.
fn document() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/scaling.md");
    std::fs::read_to_string(path).expect("docs/scaling.md is there")
}

/// How the document says a table is spread.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Placement {
    /// Split by this column's value.
    Distributed(String),
    /// Copied whole to every server.
    Reference,
}

/// What the document says, in the order its statements run.
struct Plan {
    statements: Vec<(String, Placement)>,
    /// The list under the reference-tables marker.
    reference_list: BTreeSet<String>,
}

impl Plan {
    fn read(doc: &str) -> Plan {
        Plan {
            statements: statements(doc),
            reference_list: reference_list(doc),
        }
    }

    fn placement(&self, table: &str) -> Option<&Placement> {
        self.statements
            .iter()
            .find(|(t, _)| t == table)
            .map(|(_, p)| p)
    }

    fn position(&self, table: &str) -> Option<usize> {
        self.statements.iter().position(|(t, _)| t == table)
    }
}

/// The lines after `marker` up to the first blank line (or the end of a code block).
fn after_marker<'a>(doc: &'a str, marker: &str) -> Vec<&'a str> {
    let mut lines = doc.lines().skip_while(|l| !l.contains(marker));
    assert!(
        lines.next().is_some(),
        "docs/scaling.md has no line with `{marker}`"
    );
    lines
        .skip_while(|l| l.trim().is_empty() || l.trim_start().starts_with("```"))
        .take_while(|l| !l.trim().is_empty() && !l.trim_start().starts_with("```"))
        .collect()
}

/// The names in the list under `<!-- reference tables -->`, one `` - `name` `` a line.
fn reference_list(doc: &str) -> BTreeSet<String> {
    after_marker(doc, "<!-- reference tables -->")
        .into_iter()
        .map(|line| {
            let name = line
                .trim()
                .strip_prefix("- `")
                .and_then(|rest| rest.split('`').next())
                .unwrap_or_else(|| panic!("a reference table is listed as - `name`: {line}"));
            name.to_owned()
        })
        .collect()
}

/// The `create_reference_table` and `create_distributed_table` calls in the
/// SQL block under `<!-- distribution statements -->`, in order.
fn statements(doc: &str) -> Vec<(String, Placement)> {
    let quoted = |args: &str| -> Vec<String> {
        args.split('\'')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    };
    after_marker(doc, "<!-- distribution statements -->")
        .into_iter()
        .filter(|line| !line.trim_start().starts_with("--"))
        .filter_map(|line| {
            if let Some((_, args)) = line.split_once("create_reference_table(") {
                let table = quoted(args).into_iter().next();
                let table = table.unwrap_or_else(|| panic!("a table in: {line}"));
                return Some((table, Placement::Reference));
            }
            let (_, args) = line.split_once("create_distributed_table(")?;
            let args = quoted(args);
            assert!(args.len() >= 2, "a table and a column in: {line}");
            Some((args[0].clone(), Placement::Distributed(args[1].clone())))
        })
        .collect()
}

/// A primary key or unique index, with its columns in order.
#[derive(Debug)]
struct Key {
    table: String,
    name: String,
    primary: bool,
    columns: Vec<String>,
}

/// A foreign key, with its columns and those it refers to, in order.
#[derive(Debug)]
struct Reference {
    table: String,
    name: String,
    columns: Vec<String>,
    referenced: String,
    referenced_columns: Vec<String>,
}

/// The database's tables and their keys, as its catalogue tells them.
struct Catalogue {
    tables: BTreeSet<String>,
    keys: Vec<Key>,
    references: Vec<Reference>,
    /// SQLite's row-number primary keys (table, column): not indexes, left unchecked.
    row_numbers: Vec<(String, String)>,
}

#[derive(QueryableByName)]
struct Named {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct PgKey {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    index_name: String,
    #[diesel(sql_type = Bool)]
    is_primary: bool,
    #[diesel(sql_type = Text)]
    columns: String,
}

#[derive(QueryableByName)]
struct PgReference {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    constraint_name: String,
    #[diesel(sql_type = Text)]
    columns: String,
    #[diesel(sql_type = Text)]
    referenced: String,
    #[diesel(sql_type = Text)]
    referenced_columns: String,
}

fn split(columns: &str) -> Vec<String> {
    columns.split(',').map(str::to_owned).collect()
}

/// The columns of `attnums` (an array of attribute numbers) of `relation`, in
/// order, comma-separated; an expression (attribute 0) reads `(expression)`.
fn pg_columns(attnums: &str, relation: &str) -> String {
    format!(
        "array_to_string(ARRAY(SELECT COALESCE(a.attname::text, '(expression)') \
         FROM unnest({attnums}) WITH ORDINALITY AS k(attnum, n) \
         LEFT JOIN pg_attribute a ON a.attrelid = {relation} AND a.attnum = k.attnum \
         ORDER BY k.n), ',')"
    )
}

fn postgres_catalogue(url: &str) -> Catalogue {
    let mut conn = PgConnection::establish(url).expect("the test database");
    let tables: Vec<Named> = diesel::sql_query(
        "SELECT c.relname::text AS name FROM pg_class c \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')",
    )
    .load(&mut conn)
    .unwrap();
    // Unique constraints and primary keys are unique indexes too: pg_index holds them all.
    let keys: Vec<PgKey> = diesel::sql_query(format!(
        "SELECT t.relname::text AS table_name, i.relname::text AS index_name, \
         x.indisprimary AS is_primary, {} AS columns \
         FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid \
         JOIN pg_class i ON i.oid = x.indexrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = 'public' AND x.indisunique",
        pg_columns("x.indkey::int2[]", "x.indrelid")
    ))
    .load(&mut conn)
    .unwrap();
    let references: Vec<PgReference> = diesel::sql_query(format!(
        "SELECT t.relname::text AS table_name, c.conname::text AS constraint_name, \
         {} AS columns, r.relname::text AS referenced, {} AS referenced_columns \
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid \
         JOIN pg_class r ON r.oid = c.confrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = 'public' AND c.contype = 'f'",
        pg_columns("c.conkey", "c.conrelid"),
        pg_columns("c.confkey", "c.confrelid")
    ))
    .load(&mut conn)
    .unwrap();
    Catalogue {
        tables: tables.into_iter().map(|t| t.name).collect(),
        keys: keys
            .into_iter()
            .map(|k| Key {
                table: k.table_name,
                name: k.index_name,
                primary: k.is_primary,
                columns: split(&k.columns),
            })
            .collect(),
        references: references
            .into_iter()
            .map(|r| Reference {
                table: r.table_name,
                name: r.constraint_name,
                columns: split(&r.columns),
                referenced: r.referenced,
                referenced_columns: split(&r.referenced_columns),
            })
            .collect(),
        row_numbers: Vec::new(),
    }
}

#[derive(QueryableByName)]
struct SqliteIndex {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    origin: String,
}

#[derive(QueryableByName)]
struct SqliteColumn {
    #[diesel(sql_type = Nullable<Text>)]
    name: Option<String>,
}

#[derive(QueryableByName)]
struct SqliteForeignKey {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    id: i32,
    #[diesel(sql_type = Text)]
    referenced: String,
    #[diesel(sql_type = Text)]
    from_column: String,
    #[diesel(sql_type = Nullable<Text>)]
    to_column: Option<String>,
}

fn sqlite_catalogue(path: &str) -> Catalogue {
    // Through kefu's pool, which sets SQLite up once before its first connection.
    let pool = kefu::store::connect(path).expect("the test database");
    let mut pooled = pool.get().expect("a connection");
    let kefu::store::DbConnection::Sqlite(conn) = &mut *pooled else {
        panic!("{path} is not a SQLite database");
    };
    let tables: Vec<Named> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .load(conn)
    .unwrap();
    let tables: BTreeSet<String> = tables.into_iter().map(|t| t.name).collect();
    let mut catalogue = Catalogue {
        tables: tables.clone(),
        keys: Vec::new(),
        references: Vec::new(),
        row_numbers: Vec::new(),
    };
    for table in &tables {
        // Primary keys other than the row number ('pk') and unique constraints
        // ('u') are unique indexes here, beside those made by CREATE UNIQUE INDEX ('c').
        let indexes: Vec<SqliteIndex> =
            diesel::sql_query("SELECT name, origin FROM pragma_index_list(?) WHERE \"unique\" = 1")
                .bind::<Text, _>(table)
                .load(conn)
                .unwrap();
        for index in indexes {
            let columns: Vec<SqliteColumn> =
                diesel::sql_query("SELECT name FROM pragma_index_info(?) ORDER BY seqno")
                    .bind::<Text, _>(&index.name)
                    .load(conn)
                    .unwrap();
            catalogue.keys.push(Key {
                table: table.clone(),
                name: index.name,
                primary: index.origin == "pk",
                columns: columns
                    .into_iter()
                    .map(|c| c.name.unwrap_or_else(|| "(expression)".into()))
                    .collect(),
            });
        }
        let row_number: Vec<Named> = diesel::sql_query(
            "SELECT name FROM pragma_table_info(?) WHERE pk = 1 AND upper(type) = 'INTEGER' \
             AND (SELECT COUNT(*) FROM pragma_table_info(?) WHERE pk > 0) = 1",
        )
        .bind::<Text, _>(table)
        .bind::<Text, _>(table)
        .load(conn)
        .unwrap();
        if let Some(column) = row_number.first() {
            catalogue
                .row_numbers
                .push((table.clone(), column.name.clone()));
        }
        let mut foreign: BTreeMap<i32, Reference> = BTreeMap::new();
        let rows: Vec<SqliteForeignKey> = diesel::sql_query(
            "SELECT id, \"table\" AS referenced, \"from\" AS from_column, \"to\" AS to_column \
             FROM pragma_foreign_key_list(?) ORDER BY id, seq",
        )
        .bind::<Text, _>(table)
        .load(conn)
        .unwrap();
        for row in rows {
            let reference = foreign.entry(row.id).or_insert_with(|| Reference {
                table: table.clone(),
                name: format!("foreign key #{}", row.id),
                columns: Vec::new(),
                referenced: row.referenced.clone(),
                referenced_columns: Vec::new(),
            });
            reference.columns.push(row.from_column);
            reference
                .referenced_columns
                .push(row.to_column.unwrap_or_else(|| "(primary key)".into()));
        }
        catalogue.references.extend(foreign.into_values());
    }
    catalogue
}

/// Everything wrong between the document and the schema, one line each.
fn problems(plan: &Plan, catalogue: &Catalogue) -> Vec<String> {
    let mut found = Vec::new();
    let tables: BTreeSet<&str> = catalogue
        .tables
        .iter()
        .map(String::as_str)
        .filter(|t| *t != DIESEL_MIGRATIONS)
        .collect();

    let referenced: BTreeSet<String> = plan
        .statements
        .iter()
        .filter(|(_, p)| *p == Placement::Reference)
        .map(|(t, _)| t.clone())
        .collect();
    if referenced != plan.reference_list {
        found.push(format!(
            "docs/scaling.md lists reference tables {:?} but its statements make {:?} reference tables",
            plan.reference_list, referenced
        ));
    }
    for (i, (table, _)) in plan.statements.iter().enumerate() {
        if !tables.contains(table.as_str()) {
            found.push(format!(
                "docs/scaling.md places table `{table}`, which the schema does not have"
            ));
        }
        if plan.statements[..i].iter().any(|(t, _)| t == table) {
            found.push(format!("docs/scaling.md places table `{table}` twice"));
        }
    }
    for table in &tables {
        match plan.placement(table) {
            None => found.push(format!(
                "table `{table}` is in no create_distributed_table or create_reference_table \
                 statement of docs/scaling.md"
            )),
            Some(Placement::Distributed(column)) => {
                let expected = if *table == "tenants" {
                    "id"
                } else {
                    "tenant_id"
                };
                if column != expected {
                    found.push(format!(
                        "docs/scaling.md distributes `{table}` by `{column}`, not `{expected}`"
                    ));
                }
            }
            Some(Placement::Reference) => {}
        }
    }

    let distributed_by = |table: &str| match plan.placement(table) {
        Some(Placement::Distributed(column)) => Some(column.as_str()),
        _ => None,
    };
    for key in &catalogue.keys {
        let Some(column) = distributed_by(&key.table) else {
            continue;
        };
        if key.columns.first().map(String::as_str) != Some(column) {
            let kind = if key.primary {
                "primary key"
            } else {
                "unique index"
            };
            found.push(format!(
                "table `{}`: {kind} `{}` on ({}) does not lead with `{column}`",
                key.table,
                key.name,
                key.columns.join(", ")
            ));
        }
    }
    for fk in &catalogue.references {
        if let Some(column) = distributed_by(&fk.table)
            && fk.columns.first().map(String::as_str) != Some(column)
        {
            found.push(format!(
                "table `{}`: foreign key `{}` on ({}) references {} ({}) and does not lead with `{column}`",
                fk.table,
                fk.name,
                fk.columns.join(", "),
                fk.referenced,
                fk.referenced_columns.join(", ")
            ));
        }
        // Between distributed tables, the rows referred to must be the same tenant's: on its server.
        if let (Some(_), Some(theirs)) = (distributed_by(&fk.table), distributed_by(&fk.referenced))
            && fk.referenced_columns.first().map(String::as_str) != Some(theirs)
        {
            found.push(format!(
                "table `{}`: foreign key `{}` refers to {} ({}), not led by its `{theirs}`",
                fk.table,
                fk.name,
                fk.referenced,
                fk.referenced_columns.join(", ")
            ));
        }
        if let (Some(ours), Some(theirs)) =
            (plan.position(&fk.table), plan.position(&fk.referenced))
            && theirs > ours
            && fk.table != fk.referenced
        {
            found.push(format!(
                "docs/scaling.md places `{}` before `{}`, which its foreign key `{}` refers to",
                fk.table, fk.referenced, fk.name
            ));
        }
        if plan.placement(&fk.table) == Some(&Placement::Reference)
            && distributed_by(&fk.referenced).is_some()
        {
            found.push(format!(
                "reference table `{}` refers to the distributed table `{}` (foreign key `{}`): \
                 a copied table cannot",
                fk.table, fk.referenced, fk.name
            ));
        }
    }
    found
}

#[tokio::test]
async fn every_key_of_a_distributed_table_leads_with_its_tenant() {
    let app = spawn_app().await;
    let plan = Plan::read(&document());
    assert!(
        matches!(plan.placement("tenants"), Some(Placement::Distributed(c)) if c == "id"),
        "tenants is distributed by its own id"
    );
    let catalogue = match Backend::of(&app.database_url) {
        Backend::Postgres => postgres_catalogue(&app.database_url),
        Backend::Sqlite => sqlite_catalogue(&app.database_url),
    };
    assert!(
        catalogue.tables.contains(DIESEL_MIGRATIONS),
        "the migrations' own table is where the test expects it"
    );
    for (table, column) in &catalogue.row_numbers {
        if plan.placement(table) != Some(&Placement::Distributed(column.clone())) {
            println!(
                "not checked: {table}'s primary key ({column}), SQLite's row number: one file, never spread"
            );
        }
    }
    let problems = problems(&plan, &catalogue);
    assert!(
        problems.is_empty(),
        "the schema does not distribute by tenant as docs/scaling.md says:\n{}",
        problems.join("\n")
    );
    // The check saw something: the keys of the tables it is about.
    assert!(
        catalogue
            .keys
            .iter()
            .any(|k| k.table == "users" && k.columns == ["tenant_id", "email"]),
        "users' emails are unique within the tenant"
    );
}

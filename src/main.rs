use clap::{Parser, Subcommand};
use kefu::config::Settings;
use kefu::startup::Application;

/// kefu: contracts, KPI feeds and performance-based invoices for customer-service outsourcing.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve the API.
    Serve,
    /// Migrate the database and exit.
    Migrate,
    /// Close a month: draft the invoice of every contract billing in it that has none yet.
    Close {
        /// The month, e.g. 2026-10.
        #[arg(long)]
        period: kefu::domain::Period,
        /// The tenant's id.
        #[arg(long)]
        tenant: i64,
    },
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    kefu::telemetry::init();
    let cli = Cli::parse();
    let settings = Settings::load()?;
    match cli.command {
        Command::Serve => {
            Application::build(settings)
                .await?
                .run_until_stopped()
                .await?
        }
        Command::Migrate => {
            let pool = kefu::store::connect(&settings.database_url)?;
            let applied = kefu::store::migrate(&pool)?;
            println!("{} migration(s) applied", applied.len());
        }
        Command::Close { period, tenant } => close(&settings, period, tenant)?,
    }
    Ok(())
}

/// Runs a month's close with a progress bar, then prints its summary.
fn close(settings: &Settings, period: kefu::domain::Period, tenant: i64) -> anyhow::Result<()> {
    use indicatif::{ProgressBar, ProgressStyle};
    let pool = kefu::store::connect(&settings.database_url)?;
    kefu::store::migrate(&pool)?;
    let mut conn = pool.get()?;
    let tenant = kefu::store::tenants::get(&mut conn, kefu::domain::TenantId::new(tenant))
        .map_err(|_| anyhow::anyhow!("there is no tenant {tenant}"))?;
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} contracts ({eta} left)")?
            .progress_chars("=> "),
    );
    bar.set_message(format!("closing {period}"));
    let actor = kefu::store::audit::Actor {
        user: None,
        api_key: None,
    };
    let summary = kefu::http::billing::close(&mut conn, tenant.id, actor, period, |done, of| {
        bar.set_length(of as u64);
        bar.set_position(done as u64);
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    bar.finish();
    println!(
        "{}: {} contract(s) bill; {} draft(s) made, {} already invoiced, {} failed",
        summary.period,
        summary.contracts,
        summary.created,
        summary.already_invoiced,
        summary.failed.len()
    );
    for total in &summary.totals {
        println!("  drafts total {} {}", total.total, total.currency);
    }
    for failure in &summary.failed {
        println!(
            "  {} ({}): {}",
            failure.contract_number, failure.contract_id, failure.problem
        );
    }
    Ok(())
}

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
    /// Serve with a demo merchant, vendor and three months of invoices (made on first run).
    Demo,
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
    kefu::memory::bound_arenas();
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
        Command::Demo => demo(settings).await?,
        Command::Migrate => {
            let pool = kefu::store::connect(&settings.database_url)?;
            let applied = kefu::store::migrate(&pool)?;
            println!("{} migration(s) applied", applied.len());
        }
        Command::Close { period, tenant } => close(&settings, period, tenant)?,
    }
    Ok(())
}

/// Starts the server, fills the demo tenant through its API, says how to look, and serves.
async fn demo(settings: Settings) -> anyhow::Result<()> {
    let ip = match settings.listen.ip() {
        ip if ip.is_unspecified() => std::net::IpAddr::from([127, 0, 0, 1]),
        ip => ip,
    };
    let outbox = settings.data_dir.join("outbox");
    let smtp = settings.mail.smtp_url.is_some();
    let settings_url = settings.database_url.clone();
    let app = Application::build(settings).await?;
    let base = format!("http://{ip}:{}", app.port());
    let server = actix_web::rt::spawn(app.run_until_stopped());
    println!("Preparing the demo at {base} …");
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    let url = settings_url.clone();
    let made_before = actix_web::rt::task::spawn_blocking(move || kefu::demo::is_seeded(&url))
        .await
        .map_err(|e| anyhow::anyhow!("looking for the demo tenant: {e}"))??;
    let seeded = kefu::demo::seed(&base, today, made_before).await?;
    print_demo(&base, &seeded, if smtp { None } else { Some(&outbox) });
    server.await??;
    Ok(())
}

fn print_demo(base: &str, seeded: &kefu::demo::Seeded, outbox: Option<&std::path::Path>) {
    use kefu::demo::{FINANCE, OWNER, PASSWORD, VENDOR};
    let how = if seeded.reused {
        "found from an earlier run"
    } else {
        "made"
    };
    println!("\nkefu is running at {base} with its demo tenant ({how}).\n");
    println!("Open {base}/ in a browser and sign in (the API: POST {base}/api/v1/auth/login) as:");
    println!("  merchant  {OWNER:<26} {PASSWORD}");
    println!("  finance   {FINANCE:<26} {PASSWORD}");
    println!("  vendor    {VENDOR:<26} {PASSWORD}\n");
    println!("Invoices:");
    for invoice in &seeded.invoices {
        println!(
            "  {:<17} {}  {} {:>12}  {}  /api/v1/invoices/{}.pdf",
            invoice["number"].as_str().unwrap_or("(draft)"),
            invoice["period"].as_str().unwrap_or(""),
            invoice["currency"].as_str().unwrap_or(""),
            invoice["total"].as_str().unwrap_or(""),
            invoice["status"].as_str().unwrap_or(""),
            invoice["id"],
        );
    }
    let kefu::demo::Mails {
        queued,
        sent,
        failed,
    } = seeded.mails;
    println!("\nMails: {sent} sent, {queued} waiting to be sent, {failed} failed.");
    match outbox {
        Some(folder) => println!(
            "With no SMTP_URL set they are written as .eml files to {}",
            folder.display()
        ),
        None => println!("They go to SMTP_URL."),
    }
    println!("\nTry it:");
    println!(
        "  TOKEN=$(curl -s {base}/api/v1/auth/login -H 'content-type: application/json' \\\n    -d '{{\"email\":\"{FINANCE}\",\"password\":\"{PASSWORD}\"}}' | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')"
    );
    if let Some(first) = seeded.invoices.first() {
        println!(
            "  curl -s -H \"Authorization: Bearer $TOKEN\" {base}/api/v1/invoices/{}.pdf -o invoice.pdf",
            first["id"]
        );
    }
    println!(
        "\nThe API is described at {base}/api/docs/ ({base}/api/openapi.json). Ctrl-C stops the server."
    );
    println!("\nOpen {base}/ to sign in.");
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
    // Two connections read batches in turn while a third stores them.
    let (mut second, mut writer) = (pool.get()?, pool.get()?);
    let summary = kefu::app::billing::close::close(
        &mut conn,
        vec![&mut second, &mut writer],
        tenant.id,
        kefu::domain::audit::Actor::SYSTEM,
        period,
        |done, of| {
            bar.set_length(of as u64);
            bar.set_position(done as u64);
        },
    )
    .map_err(|error| match error {
        // The operator sees every cause, not the words a client would.
        kefu::app::AppError::Internal(cause) => cause.context("the close failed"),
        refusal => anyhow::anyhow!("the close was refused: {refusal}"),
    })?;
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

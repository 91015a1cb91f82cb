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
    }
    Ok(())
}

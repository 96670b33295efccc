use anyhow::Context;
use app::domain::staff::{Email, Role};
use app::i18n::Locale;
use app::pages::problems::say;
use app::services::Refused;
use app::services::auth::{create_user, reset_second_factor};
use app::state::Clock;
use clap::{Parser, Subcommand};
use std::io::IsTerminal;

use crate::config::Config;
use crate::demo::{self, DemoWindow};
use crate::safeguarding::{self, DetectorConfig};
use crate::startup::Application;
use crate::themes;

#[derive(Parser)]
#[command(name = "youth-consult", about = "One-day online consultations with young people")]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default).
    Serve {
        #[command(flatten)]
        config: Config,
        /// Make sure a demo consultation is open now (for trying the product out).
        #[arg(long, env = "YC_SEED_DEMO")]
        seed_demo: bool,
    },
    /// Create a staff account. The password is read from standard input, or asked for without
    /// echo when that is a terminal; never from an argument (it would be in the shell history).
    CreateUser {
        #[command(flatten)]
        config: Config,
        #[arg(long)]
        email: String,
        /// admin (everything) or moderator (moderation only)
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
    /// For a lost phone: forget a staff account's authenticator app and recovery codes and end
    /// its sessions; its next sign-in sets up a new app. Audited.
    ResetSecondFactor {
        #[command(flatten)]
        config: Config,
        #[arg(long)]
        email: String,
    },
    /// Copy a live SQLite database to a new file, consistently, while the server runs. (For
    /// PostgreSQL use pg_dump.) To restore, stop the server and start it on the copy.
    Backup {
        #[command(flatten)]
        config: Config,
        /// The new file; an existing one is never overwritten.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Delete the raw answers of every published consultation whose retention days are over
    /// (the server also does this every hour); published summaries stay.
    Purge {
        #[command(flatten)]
        config: Config,
    },
    /// Run the safeguarding detector on your own examples: reads JSON lines `{"id": …, "text":
    /// …, "language": …}` and writes `{"id": …, "concern": … or null, "why": …}` for each.
    Safeguarding {
        #[command(flatten)]
        detector: DetectorConfig,
        #[arg(long)]
        input: std::path::PathBuf,
        /// Also write how near each text came to the nearest examples (for choosing thresholds).
        #[arg(long)]
        scores: bool,
    },
    /// Suggest themes for your own answers, as moderators are shown them: reads JSON lines
    /// `{"id": …, "text": …}` (and optionally `"language"`) and writes `{"id": …, "group": …
    /// or null, "words": […]}` for each, in the same order.
    Themes {
        /// The sentence encoder's directory (set-up installs it in
        /// `~/.local/share/youth-consult/encoder`).
        #[arg(long, env = encoder::DIR_VAR)]
        encoder_dir: Option<std::path::PathBuf>,
        #[arg(long)]
        input: std::path::PathBuf,
    },
    /// Create a demo consultation, or move its window if it is no longer open or upcoming.
    SeedDemo {
        #[command(flatten)]
        config: Config,
        #[command(flatten)]
        window: DemoWindow,
    },
}

impl Cli {
    pub async fn run(self) -> anyhow::Result<()> {
        let command = self
            .command
            .unwrap_or_else(|| Cli::parse_from(["youth-consult", "serve"]).command.expect("serve"));
        match command {
            Command::Serve { config, seed_demo } => {
                let app = Application::build(&config, Clock::System).await?;
                if seed_demo {
                    demo::ensure(&app.state, &DemoWindow::default()).await?;
                }
                app.run_until(shutdown_signal()).await.context("serving")
            }
            Command::CreateUser { config, email, role } => {
                let db = app::storage::connect(&config.database_url).await?;
                app::storage::migrate(&db).await?;
                let password = read_password()?;
                let member = match create_user(
                    &db,
                    &email,
                    role,
                    &password,
                    Clock::System.now(),
                    None,
                )
                .await
                {
                    Ok(member) => member,
                    Err(Refused::Invalid(problem)) => anyhow::bail!(say(problem, Locale::en)),
                    Err(Refused::App(error)) => return Err(error.into()),
                };
                println!("Created {} account for {}.", member.role.key(), member.email);
                Ok(())
            }
            Command::ResetSecondFactor { config, email } => {
                let db = app::storage::connect(&config.database_url).await?;
                app::storage::migrate(&db).await?;
                let email = Email::parse(&email).context("that is not an e-mail address")?;
                if !reset_second_factor(&db, &email, Clock::System.now()).await? {
                    anyhow::bail!("there is no account for {email}");
                }
                println!("Second factor reset for {email}: the next sign-in sets up a new app.");
                Ok(())
            }
            Command::Backup { config, to } => {
                let db = app::storage::connect(&config.database_url).await?;
                app::storage::backup(&db, &to).await?;
                println!("Backed up to {}.", to.display());
                Ok(())
            }
            Command::Purge { config } => {
                let db = app::storage::connect(&config.database_url).await?;
                app::storage::migrate(&db).await?;
                let purged = app::services::retention::purge_due(&db, Clock::System.now()).await?;
                for (slug, responses) in &purged {
                    println!("Purged {slug}: {responses} responses deleted; its summary stays.");
                }
                if purged.is_empty() {
                    println!("Nothing to purge.");
                }
                Ok(())
            }
            Command::Safeguarding { detector, input, scores } => {
                let detector = safeguarding::detector(&detector)?;
                safeguarding::run(&detector, &input, scores, std::io::stdout().lock())
            }
            Command::Themes { encoder_dir, input } => {
                let encoder = themes::encoder(encoder_dir)?;
                themes::run(&encoder, &input, std::io::stdout().lock())
            }
            Command::SeedDemo { config, window } => {
                let db = app::storage::connect(&config.database_url).await?;
                app::storage::migrate(&db).await?;
                demo::ensure_in(&db, &window, Clock::System.now()).await
            }
        }
    }
}

fn parse_role(key: &str) -> Result<Role, String> {
    Role::parse(key).ok_or_else(|| "expected admin or moderator".to_owned())
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        return Ok(rpassword::prompt_password("Password (at least 12 characters): ")?);
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// Ctrl-C or SIGTERM: stop accepting, let requests in flight finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! { () = ctrl_c => {}, () = terminate => {} }
    tracing::info!("shutting down");
}

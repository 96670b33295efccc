use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    server::telemetry::init();
    server::cli::Cli::parse().run().await
}

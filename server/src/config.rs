use std::net::SocketAddr;

use crate::client::TrustedProxies;

/// Settings, from flags or environment variables.
#[derive(clap::Args, Clone, Debug)]
pub struct Config {
    /// `sqlite://path/to/file.db` (created on first start) or `postgres://…`
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/youth-consult.db")]
    pub database_url: String,

    /// Address and port to listen on.
    #[arg(long, env = "YC_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// The address young people use to reach this site, for links in calendar files.
    /// Defaults to `http://{listen}`.
    #[arg(long, env = "YC_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Mark the staff session cookie `Secure` (set this when served over HTTPS).
    #[arg(long, env = "YC_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// A staff session ends after this many seconds without a request.
    #[arg(long, env = "YC_SESSION_IDLE_SECS", default_value_t = 30 * 60)]
    pub session_idle_secs: i64,

    /// A staff session ends this many seconds after sign-in, however busy it has been.
    #[arg(long, env = "YC_SESSION_MAX_SECS", default_value_t = 12 * 60 * 60)]
    pub session_max_secs: i64,

    #[command(flatten)]
    pub detector: crate::safeguarding::DetectorConfig,

    /// How often the server looks for consultations whose answers are past their retention.
    #[arg(long, env = "YC_PURGE_EVERY_SECS", default_value_t = 3600)]
    pub purge_every_secs: u64,

    /// How often theme suggestions that moderators are looking at are made again, as answers
    /// arrive (only where answers changed).
    #[arg(long, env = "YC_SUGGEST_EVERY_SECS", default_value_t = 30)]
    pub suggest_every_secs: u64,

    /// On SIGTERM, how long requests in flight may still run before the server exits anyway.
    #[arg(long, env = "YC_SHUTDOWN_GRACE_SECS", default_value_t = 10)]
    pub shutdown_grace_secs: u64,

    /// Connections one address may hold open at once. A school or a mobile carrier puts many
    /// young people behind one address, each browser opening a few.
    #[arg(long, env = "YC_CONNECTIONS_PER_ADDRESS", default_value_t = 256)]
    pub connections_per_address: usize,

    /// Requests handled at once; past this, pages get a quick 503 (answers being sent never do).
    #[arg(long, env = "YC_REQUESTS_IN_FLIGHT", default_value_t = 512)]
    pub requests_in_flight: usize,

    /// A connection must send its request headers within this many seconds, and a keep-alive
    /// connection with nothing more to ask is closed after as long.
    #[arg(long, env = "YC_HEADER_TIMEOUT_SECS", default_value_t = 10)]
    pub header_timeout_secs: u64,

    /// Our reverse proxies, as addresses or networks (`127.0.0.1, 10.0.0.0/8`): their
    /// connections carry the client's address in `X-Forwarded-For`. Nobody else's header is read.
    #[arg(long, env = "YC_TRUSTED_PROXIES", default_value = "", value_parser = TrustedProxies::parse)]
    pub trusted_proxies: TrustedProxies,

    /// `/metrics` answers this machine; anyone else must send `Authorization: Bearer <token>`.
    #[arg(long, env = "YC_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,

    /// Where the built site (wasm, JS, CSS) is; the scripts set this.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
}

impl Config {
    pub fn public_url(&self) -> String {
        self.public_url.clone().unwrap_or_else(|| format!("http://{}", self.listen))
    }
}

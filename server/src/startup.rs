use anyhow::Context;
use app::app::{App, Assets, shell};
use app::services::integrity::Door;
use app::services::metrics::Metrics;
use app::services::reading::Reader;
use app::services::{auth, retention, themes};
use app::state::{AppState, Clock};
use app::storage::group_commit::ResponseWriter;
use app::storage::{self, sessions};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router, middleware};
use leptos::config::LeptosOptions;
use leptos_axum::{LeptosRoutes, generate_route_list_with_exclusions};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::Layer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::{SameSite, time};
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::client::TrustedProxies;
use crate::config::Config;
use crate::headers::Security;
use crate::routes;
use crate::routes::health::MetricsToken;
use crate::routes::share::{self, Format};
use crate::safeguarding;
use crate::serve::{self, Limits};
use crate::telemetry::{self, request_span};

/// Larger than any honest answer form (the longest free-text answers are a few KB).
pub const BODY_LIMIT: usize = 64 * 1024;

/// The server, built and bound, not yet serving. Tests build it on port 0.
pub struct Application {
    listener: TcpListener,
    router: Router,
    purge_every: Duration,
    suggest_every: Duration,
    limits: Limits,
    security: Security,
    proxies: Arc<TrustedProxies>,
    /// How long a shutdown waits for requests in flight (each is cut at 30 s anyway).
    shutdown_grace: Duration,
    pub state: AppState,
}

impl Application {
    pub async fn build(config: &Config, clock: Clock) -> anyhow::Result<Self> {
        let db = storage::connect(&config.database_url).await.context("opening the database")?;
        storage::migrate(&db).await.context("running migrations")?;
        let key = storage::settings::signing_key(&db).await.context("loading the signing key")?;
        let listener = TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("listening on {}", config.listen))?;
        let leptos = LeptosOptions::builder()
            .output_name("youth-consult")
            .site_root(config.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(listener.local_addr()?)
            .build();
        let clock_now = clock.now();
        let responses = ResponseWriter::start(db.clone());
        let detector = Arc::new(safeguarding::detector(&config.detector)?);
        let reader = Reader::start(detector.clone(), db.clone());
        let state = AppState {
            metrics: Arc::new(Metrics::new(&responses.stats)),
            responses,
            public: Default::default(),
            db,
            key,
            clock,
            leptos,
            public_url: config.public_url(),
            throttle: Default::default(),
            password_checks: Arc::new(Semaphore::new(auth::PASSWORD_CHECKS_AT_ONCE)),
            session_max_secs: config.session_max_secs,
            secure_cookies: config.secure_cookies,
            detector,
            reader,
            suggested: Default::default(),
            door: Arc::new(Door::new(clock_now)),
            assets: Assets {
                stylesheet: versioned(&config.site_root, "/pkg/youth-consult.css"),
                respond_script: versioned(&config.site_root, "/pkg/respond.js"),
            },
        };
        let sessions = SessionManagerLayer::new(sessions::Store::new(state.db.clone()))
            .with_name(session_cookie(config.secure_cookies))
            .with_http_only(true)
            .with_same_site(SameSite::Strict)
            .with_secure(config.secure_cookies)
            .with_expiry(Expiry::OnInactivity(time::Duration::seconds(config.session_idle_secs)));
        let security = Security::for_site(&state.public_url);
        Ok(Self {
            listener,
            router: router(state.clone(), security)
                .layer(Extension(MetricsToken(config.metrics_token.as_deref().map(Arc::from))))
                .layer(sessions),
            purge_every: Duration::from_secs(config.purge_every_secs.max(1)),
            suggest_every: Duration::from_secs(config.suggest_every_secs.max(1)),
            shutdown_grace: Duration::from_secs(config.shutdown_grace_secs),
            limits: Limits::for_this_process(
                config.connections_per_address,
                config.requests_in_flight,
                Duration::from_secs(config.header_timeout_secs),
            ),
            security,
            proxies: Arc::new(config.trusted_proxies.clone()),
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or_default()
    }

    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        tracing::info!(address = %self.listener.local_addr()?, "listening");
        tokio::spawn(delete_expired_sessions(sessions::Store::new(self.state.db.clone())));
        tokio::spawn(purge_due(self.state.clone(), self.purge_every));
        tokio::spawn(themes::keep_suggesting(self.state.clone(), self.suggest_every));
        let Self { listener, router, limits, security, proxies, shutdown_grace, .. } = self;
        serve::serve(listener, router, limits, security, proxies, shutdown, shutdown_grace).await
    }
}

/// Over HTTPS the `__Host-` prefix makes browsers refuse the cookie unless it is `Secure`, for the
/// whole site and no other: a neighbouring subdomain cannot plant or overwrite it.
fn session_cookie(secure: bool) -> &'static str {
    if secure { "__Host-yc_staff" } else { "yc_staff" }
}

/// The built wasm, JS and CSS, precompressed by `build_site` (`scripts/setup.sh`).
fn pkg_files(options: &LeptosOptions) -> SetResponseHeader<ServeDir, HeaderValue> {
    let dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    SetResponseHeaderLayer::if_not_present(
        header::VARY,
        HeaderValue::from_static("accept-encoding"),
    )
    .layer(files)
}

/// A built file's address (`path`) with a digest of the file in it: browsers keep it for a year
/// (`versioned_assets`) instead of asking again on every page, which held back each page without
/// JavaScript by a round trip; a new build has a new address. Plain when there is no build.
fn versioned(site_root: &str, path: &str) -> Arc<str> {
    use std::hash::{DefaultHasher, Hasher};
    match std::fs::read(std::path::Path::new(site_root).join(path.trim_start_matches('/'))) {
        Ok(bytes) => {
            let mut digest = DefaultHasher::new();
            digest.write(&bytes);
            format!("{path}?v={:016x}", digest.finish()).into()
        }
        Err(_) => path.into(),
    }
}

/// A file asked for by a versioned address (`?v=`) does not change under it.
async fn versioned_assets(request: axum::extract::Request, next: middleware::Next) -> Response {
    let versioned = request.uri().query().is_some_and(|q| q.starts_with("v="));
    let mut response = next.run(request).await;
    if versioned && response.status() == StatusCode::OK {
        let year = HeaderValue::from_static("public, max-age=31536000, immutable");
        response.headers_mut().insert(header::CACHE_CONTROL, year);
    }
    response
}

/// Names as the build writes them; anything else is a 404 before the file system is asked
/// (`ServeDir` answers a HEAD for a name with a NUL byte with a 500).
async fn only_asset_names(request: axum::extract::Request, next: middleware::Next) -> Response {
    let path = request.uri().path();
    let plain = path.bytes().all(|b| b.is_ascii_alphanumeric() || b"/._-".contains(&b));
    if plain && !path.contains("..") {
        next.run(request).await
    } else {
        StatusCode::NOT_FOUND.into_response()
    }
}

/// Retention, checked at start and then every `every`.
async fn purge_due(state: AppState, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        match retention::purge_due(&state.db, state.clock.now()).await {
            Ok(purged) if !purged.is_empty() => state.public.clear(),
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "purging answers past their retention"),
        }
    }
}

/// Expired sessions cannot be used; this only keeps the table small.
async fn delete_expired_sessions(store: sessions::Store) {
    let mut hourly = tokio::time::interval(Duration::from_secs(3600));
    loop {
        hourly.tick().await;
        if let Err(error) = store.delete_expired().await {
            tracing::warn!(%error, "deleting expired sessions");
        }
    }
}

/// `security`: the headers every response carries, the quick 503s of `serve` too.
pub fn router(state: AppState, security: Security) -> Router {
    // The consultation page has a handler of its own, which renders it through Leptos.
    // So do the second-factor pages, which show what the session holds.
    let own_pages = ["/c/{slug}", "/login/code", "/login/setup"];
    let leptos_routes =
        generate_route_list_with_exclusions(App, Some(own_pages.map(String::from).to_vec()));
    let options = state.leptos.clone();
    let (assets, fallback_assets) = (state.assets.clone(), state.assets.clone());
    Router::new()
        // Forms posted without JavaScript; the same paths also serve the pages (GET).
        .route("/c/{slug}", get(routes::stamped::page).post(routes::respond::submit))
        .route("/c/{slug}/withdraw", post(routes::respond::withdraw))
        .route("/c/{slug}/calendar.ics", get(routes::respond::calendar))
        .route("/c/{slug}/come-back.ics", get(routes::respond::come_back))
        .route("/c/{slug}/qr.svg", get(|s, p, q| share::consultation_qr(s, p, q, Format::Svg)))
        .route("/c/{slug}/qr.png", get(|s, p, q| share::consultation_qr(s, p, q, Format::Png)))
        .route("/share.png", get(share::preview_image))
        .route("/c/{slug}/summary.json", get(routes::summary::json))
        .route("/c/{slug}/summary.csv", get(routes::summary::csv))
        .route(app::pages::summary::STYLESHEET, get(routes::summary::stylesheet))
        .route("/healthz", get(routes::health::check))
        .route("/metrics", get(routes::health::metrics))
        .route("/login", post(routes::staff::login))
        .route("/login/code", get(routes::staff::code_page).post(routes::staff::enter_code))
        .route("/login/setup", get(routes::staff::setup_page).post(routes::staff::set_up))
        .route("/login/setup/qr.svg", get(routes::staff::setup_qr))
        .route("/logout", post(routes::staff::logout))
        .route("/admin/consultations", post(routes::admin::create))
        .route("/admin/consultations/{id}", post(routes::admin::update))
        .route("/admin/consultations/{id}/questions", post(routes::admin::add_question))
        .route("/admin/consultations/{id}/publish", post(routes::summary::publish))
        .route("/admin/consultations/{id}/brief", post(routes::summary::write_brief))
        .route("/admin/consultations/{id}/window", post(routes::admin::change_window))
        .route("/admin/consultations/{id}/follow-up", post(routes::admin::write_follow_up))
        .route("/admin/consultations/{id}/partners", post(routes::admin::add_partner))
        .route(
            "/admin/consultations/{id}/translations/{lang}",
            post(routes::admin::save_translation),
        )
        .route("/admin/consultations/{id}/partners/{partner}", post(routes::admin::change_partner))
        .route(
            "/admin/consultations/{id}/partners/{partner}/qr.svg",
            get(|s, session, p| share::partner_qr(s, session, p, Format::Svg)),
        )
        .route(
            "/admin/consultations/{id}/partners/{partner}/qr.png",
            get(|s, session, p| share::partner_qr(s, session, p, Format::Png)),
        )
        .route("/moderate/items/{id}", post(routes::moderate::review))
        .route("/moderate/held/{consultation}/{group}", post(routes::moderate::decide_group))
        .route("/moderate/themes/{question}", post(routes::moderate::accept_theme))
        .route("/moderate/themes/undo/{decision}", post(routes::moderate::undo_theme))
        .route("/moderate/themes/{question}/{change}", post(routes::moderate::change_theme))
        .route("/moderate/similar/{id}", post(routes::moderate::approve_together))
        .route("/admin/staff", post(routes::admin::add_staff))
        .route("/admin/helplines", post(routes::admin::save_helplines))
        .route("/admin/staff/{id}", post(routes::admin::change_staff))
        .route(
            "/admin/consultations/{id}/questions/{question}",
            post(routes::admin::change_question),
        )
        // Our own ServeDir: Leptos' file handler drops If-Modified-Since, so nothing revalidates.
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(middleware::from_fn(only_asset_names))
                .layer(middleware::from_fn(versioned_assets))
                .service(pkg_files(&state.leptos)),
        )
        .leptos_routes(&state, leptos_routes, move || shell(options.clone(), assets.clone()))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(move |options| {
            shell(options, fallback_assets.clone())
        }))
        .layer(Extension(Arc::new(routes::stamped::Pages::default())))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        .layer(CompressionLayer::new())
        // Assets keep their names across builds: revalidate (a 304) rather than trust a copy.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .layer(middleware::from_fn(routes::origin::refuse_cross_origin))
        .layer(middleware::from_fn_with_state(security, Security::on_every_response))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(middleware::from_fn_with_state(state.metrics.clone(), telemetry::measure))
        .with_state(state)
}

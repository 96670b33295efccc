use std::sync::Arc;
use std::time::Instant;

use app::services::metrics::Metrics;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Span;
use tracing_subscriber::EnvFilter;

/// Logs go to standard error; `RUST_LOG` sets the level (default `info`), `YC_LOG_FORMAT=json`
/// writes one JSON object a line for a log collector.
pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if std::env::var("YC_LOG_FORMAT").is_ok_and(|f| f == "json") {
        logs.json().try_init()
    } else {
        logs.try_init()
    };
}

/// The route template a request matched (`/c/{slug}`), never the path itself.
fn route(request: &Request) -> &str {
    request.extensions().get::<MatchedPath>().map_or("unmatched", MatchedPath::as_str)
}

/// A span per request named by its route template, never the query or anything about the
/// person sending it.
pub fn request_span(request: &Request) -> Span {
    tracing::info_span!("request", method = %request.method(), route = route(request))
}

/// Counts and times every request for `/metrics`, by route template, method and status.
pub async fn measure(
    State(metrics): State<Arc<Metrics>>,
    request: Request,
    next: Next,
) -> Response {
    let (route, method) = (route(&request).to_owned(), request.method().clone());
    let started = Instant::now();
    let response = next.run(request).await;
    let secs = started.elapsed().as_secs_f64();
    metrics.request(&route, &method, response.status().as_u16(), secs);
    response
}

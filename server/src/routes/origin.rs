use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Refuses state-changing requests sent from another site (Leptos server functions and plain
/// forms have no CSRF token of their own). Browsers say where a request comes from in
/// `Sec-Fetch-Site` and `Origin`; a request that sends neither is not from a browser page.
pub async fn refuse_cross_origin(request: Request, next: Next) -> Response {
    if request.method().is_safe() || same_origin(request.headers()) {
        next.run(request).await
    } else {
        tracing::warn!("cross-origin request refused");
        (StatusCode::FORBIDDEN, "Refused: this request came from another site.").into_response()
    }
}

fn same_origin(headers: &HeaderMap) -> bool {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        return site == "same-origin" || site == "none";
    }
    match (text(header::ORIGIN), text(header::HOST)) {
        (None, _) => true,
        (Some(origin), Some(host)) => origin.split_once("://").is_some_and(|(_, h)| h == host),
        (Some(_), None) => false,
    }
}

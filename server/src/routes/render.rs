use app::app::shell;
use app::components::language::{asked, href};
use app::state::AppState;
use axum::body::Body;
use axum::http::request::Parts;
use axum::http::{Method, Request, StatusCode, Uri};
use axum::response::Response;
use leptos::prelude::provide_context;

/// Renders the Leptos page at the posted request's path with extra context (what was posted and
/// its outcome), the way a GET of that page would, with the same session and headers; then sets
/// `status` unless the page chose one (a 404, say).
pub async fn page_with<C>(state: AppState, parts: Parts, context: C, status: StatusCode) -> Response
where
    C: Clone + Send + Sync + 'static,
{
    let mut response = render(state, parts, move || provide_context(context.clone())).await;
    if response.status() == StatusCode::OK {
        *response.status_mut() = status;
    }
    response
}

/// Renders the Leptos page at the request's path as a GET of it, with what `provide` adds to the
/// app's state in its context.
pub async fn render(
    state: AppState,
    parts: Parts,
    provide: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    let (options, assets) = (state.leptos.clone(), state.assets.clone());
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            provide();
        },
        move || shell(options.clone(), assets.clone()),
    );
    let mut request = Request::from_parts(parts, Body::empty());
    *request.method_mut() = Method::GET;
    request.headers_mut().remove(axum::http::header::CONTENT_TYPE);
    request.headers_mut().remove(axum::http::header::CONTENT_LENGTH);
    handler(request).await
}

/// Renders the page at `path` (kept in the asked language) instead of the posted one.
pub fn show_page_at(parts: &mut Parts, path: &'static str) {
    parts.uri = Uri::try_from(in_asked_language(parts, path)).unwrap_or(Uri::from_static(path));
}

/// `path` in the language the request asked for with `?lang=`, if it asked: a staff member who
/// picked a language keeps it from a form post to the page it leads to.
pub fn in_asked_language(parts: &Parts, path: &str) -> String {
    match asked(parts.uri.query().unwrap_or_default()) {
        Some(locale) => href(path, locale),
        None => path.to_owned(),
    }
}

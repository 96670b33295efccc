use app::app::shell;
use app::state::AppState;
use axum::body::Body;
use axum::http::{Request, StatusCode, Uri};
use axum::response::Response;
use leptos::prelude::provide_context;

/// Renders the Leptos page at `uri` with extra context (what was posted and its outcome), the
/// way a GET of that page would, then sets `status` unless the page chose one (a 404, say).
pub async fn page_with<C>(state: AppState, uri: Uri, context: C, status: StatusCode) -> Response
where
    C: Clone + Send + Sync + 'static,
{
    let options = state.leptos.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            provide_context(context.clone());
        },
        move || shell(options.clone()),
    );
    let request = Request::get(uri).body(Body::empty()).expect("a GET of a known URI");
    let mut response = handler(request).await;
    if response.status() == StatusCode::OK {
        *response.status_mut() = status;
    }
    response
}

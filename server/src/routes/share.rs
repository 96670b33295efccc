//! Pictures for passing a consultation on: its QR codes and the link-preview image.

use app::domain::ids::{ConsultationId, PartnerId};
use app::domain::language::Language;
use app::services::{partners, respond};
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::LazyLock;
use tower_sessions::Session;

use crate::images::{preview, qr::Qr};

#[derive(Clone, Copy, Debug)]
pub enum Format {
    Svg,
    Png,
}

/// `link` as a QR code: SVG prints sharply on a poster, PNG goes anywhere pictures go.
fn qr(link: &str, format: Format) -> Response {
    let code = match Qr::new(link) {
        Ok(code) => code,
        Err(error) => {
            tracing::error!(%error, "link too long for a QR code");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match format {
        Format::Svg => ([(header::CONTENT_TYPE, "image/svg+xml")], code.svg()).into_response(),
        Format::Png => match code.png(8) {
            Ok(png) => ([(header::CONTENT_TYPE, "image/png")], png).into_response(),
            Err(error) => {
                tracing::error!(%error, "encoding a QR code");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        },
    }
}

/// `?lang=` on a link that opens in the language it was given in.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct InLanguage {
    pub lang: String,
}

/// The consultation's link, for the "share this with a friend" block: it opens in the language
/// it was shared in (`?lang=`).
pub async fn consultation_qr(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<InLanguage>,
    format: Format,
) -> Response {
    match respond::share_link(&state, &slug, Language::parse(&query.lang)).await {
        Ok(link) => {
            // The same link draws the same code: kept, a page without JavaScript that shows it
            // again costs nothing more on a metered phone.
            let mut response = qr(&link, format);
            if response.status().is_success() {
                let day = header::HeaderValue::from_static("public, max-age=86400");
                response.headers_mut().insert(header::CACHE_CONTROL, day);
            }
            response
        }
        Err(error) => error.into_response(),
    }
}

/// A partner's link, for its posters. Organizers only.
pub async fn partner_qr(
    State(state): State<AppState>,
    session: Session,
    Path((id, partner)): Path<(ConsultationId, PartnerId)>,
    format: Format,
) -> Response {
    match partners::link(&state, &session, id, partner).await {
        Ok(link) => qr(&link, format),
        Err(error) => error.into_response(),
    }
}

/// Drawn once; it never changes, so browsers and messaging apps may keep it for a day.
pub async fn preview_image() -> Response {
    static PNG: LazyLock<Option<Vec<u8>>> = LazyLock::new(|| {
        preview::png().inspect_err(|error| tracing::error!(%error, "drawing the preview")).ok()
    });
    match PNG.as_ref() {
        Some(png) => (
            [(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "public, max-age=86400")],
            png.clone(),
        )
            .into_response(),
        None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

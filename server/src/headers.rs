//! The security headers, set in one place so that every response carries them: pages, errors,
//! the cross-origin refusal, files under `/pkg`, and the quick 503s written before any routing.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// For responses that are not pages (files, errors); pages set a stricter one with their
/// script nonce (`app::http::set_content_security_policy`).
const CSP: &str = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; \
                   form-action 'self'; frame-ancestors 'none'";
/// A year, the least that browsers' preload lists accept. No `includeSubDomains`: the
/// organisation's other sites are not ours to decide for.
const HSTS: &str = "max-age=31536000";

#[derive(Clone, Copy, Debug)]
pub struct Security {
    /// Served over HTTPS (behind a proxy that ends TLS): browsers are told to never use plain HTTP.
    https: bool,
}

impl Security {
    pub fn for_site(public_url: &str) -> Self {
        Self { https: public_url.starts_with("https://") }
    }

    pub fn apply(self, headers: &mut HeaderMap) {
        let set = |headers: &mut HeaderMap, name, value| {
            headers.insert(name, HeaderValue::from_static(value));
        };
        if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
            set(headers, header::CONTENT_SECURITY_POLICY, CSP);
        }
        set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
        set(headers, header::REFERRER_POLICY, "no-referrer");
        set(headers, header::X_FRAME_OPTIONS, "DENY");
        if self.https {
            set(headers, header::STRICT_TRANSPORT_SECURITY, HSTS);
        }
    }

    /// The layer: outermost but for tracing, so nothing answers without these.
    pub async fn on_every_response(
        State(security): State<Self>,
        request: Request,
        next: Next,
    ) -> Response {
        let mut response = next.run(request).await;
        security.apply(response.headers_mut());
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hsts_only_for_a_site_served_over_https() {
        let mut headers = HeaderMap::new();
        Security::for_site("http://127.0.0.1:3000").apply(&mut headers);
        assert!(!headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
        Security::for_site("https://consult.example").apply(&mut headers);
        assert_eq!(headers[header::STRICT_TRANSPORT_SECURITY], HSTS);
    }

    #[test]
    fn a_page_keeps_its_own_stricter_policy() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("script-src 'nonce-x'"),
        );
        Security::for_site("https://consult.example").apply(&mut headers);
        assert_eq!(headers[header::CONTENT_SECURITY_POLICY], "script-src 'nonce-x'");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }
}

//! The consultation page young people open from a shared link, and the thank-you they get after
//! answering. A school's group chat brings thousands to it within minutes, all reading the same
//! page, so it is rendered once per address and language (and, for the thank-you, per kind of
//! answer) for as long as the consultation's public data in memory stays the same (a second at
//! most, `public_cache::TTL`) and its phase does not change. Each reader gets a copy stamped with
//! what must be theirs alone: the nonce its scripts run by, a form token and a receipt code.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use app::components::language::{asked, requested};
use app::domain::lifecycle::Phase;
use app::domain::submission::{ANSWER_STEP, FormValues, LANGUAGE, STEP, VIA};
use app::http::TokenMark;
use app::i18n::{I18nLocaleTrait, Locale};
use app::pages::respond::PostedAnswers;
use app::services::public_cache::Public;
use app::services::respond;
use app::state::AppState;
use app::views::respond::SubmitOutcome;
use axum::Extension;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use leptos::nonce::Nonce;
use leptos::prelude::provide_context;
use tokio::sync::OnceCell;

use super::render::render;

mod gzip;

/// Pages kept at once; past this, all are dropped and rendered again as asked. Only real
/// consultations' pages are kept, so only many of them (and their partners) fill it.
const MAX_PAGES: usize = 256;

/// The pages of this instance, shared by every request (an axum extension).
pub struct Pages {
    marks: Marks,
    entries: Mutex<HashMap<Key, Entry>>,
}

/// Stand-ins rendered where each reader's own values go. Random letters and digits: no page text
/// holds them by chance, and neither HTML nor JSON escaping changes them.
struct Marks {
    nonce: String,
    token: String,
    receipt: String,
}

/// One reader's values for the marks.
struct Stamps<'a> {
    nonce: &'a str,
    token: &'a str,
    receipt: &'a str,
}

/// An answer just stored, whose thank-you is to be shown.
pub struct Thanks {
    pub receipt: String,
    /// Whether it may disclose harm: urgent help then comes first.
    pub flagged: bool,
    /// The partner code the form carried.
    pub via: Option<String>,
}

/// Everything a page depends on besides the data and the phase, and nothing else a request
/// carries: no other query parameter, header or cookie can make a page of its own, so no client
/// can empty the cache by varying them.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    slug: String,
    locale: Locale,
    /// Asked for with `?lang=` (links then keep it), rather than by the browser.
    from_link: bool,
    /// `?step=answer`: the form rather than the introduction.
    form: bool,
    /// The partner code of the link, if it names a partner of the consultation.
    via: Option<String>,
    answered: Option<Answered>,
}

impl Key {
    /// `partner` gives the code of the partner a code names, if any.
    fn of(
        slug: &str,
        parts: &Parts,
        answered: Option<Answered>,
        partner: impl FnOnce(Option<&str>) -> Option<String>,
    ) -> Self {
        let query = parts.uri.query().unwrap_or_default();
        let param = |name: &str| {
            form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v)
        };
        Self {
            slug: slug.to_owned(),
            locale: requested(parts),
            from_link: asked(query).is_some(),
            form: param(STEP).as_deref() == Some(ANSWER_STEP),
            via: partner(param(VIA).as_deref()),
            answered,
        }
    }

    /// The request as the page is rendered from: only what the key holds.
    fn request(&self, mut parts: Parts) -> Parts {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if self.from_link {
            query.append_pair(LANGUAGE, self.locale.as_str());
        }
        if self.form {
            query.append_pair(STEP, ANSWER_STEP);
        }
        if let Some(via) = &self.via {
            query.append_pair(VIA, via);
        }
        let query = query.finish();
        let path = format!("/c/{}", self.slug);
        let uri = if query.is_empty() { path } else { format!("{path}?{query}") };
        parts.uri = uri.parse().unwrap_or_else(|_| Uri::from_static("/"));
        let headers = std::mem::take(&mut parts.headers);
        if let Some(host) = headers.get(header::HOST) {
            parts.headers.insert(header::HOST, host.clone());
        }
        parts
            .headers
            .insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static(self.locale.as_str()));
        parts
    }
}

/// What a thank-you depends on besides its address and language: the same for everyone whose
/// answer was (or was not) flagged, from the same partner's link.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Answered {
    flagged: bool,
    via: Option<String>,
}

struct Entry {
    /// The public data it was rendered from: a reload or a staff change replaces it.
    from: Arc<Public>,
    phase: Phase,
    page: Arc<OnceCell<Arc<Template>>>,
    /// The page rendered before, from older data, shown until this one is ready.
    previous: Option<Arc<Template>>,
}

/// A rendered page cut at the marks.
struct Template {
    status: StatusCode,
    headers: HeaderMap,
    /// The Content-Security-Policy header, before and after its nonce.
    policy: Option<(String, String)>,
    body: Vec<Piece>,
    len: usize,
}

enum Piece {
    /// Also deflated ahead, for readers whose browser takes gzip (all do).
    Text(Bytes, Vec<u8>),
    Nonce,
    Token,
    Receipt,
}

impl Default for Pages {
    fn default() -> Self {
        let mark = |what: &str| format!("yc{what}mark{:032x}", rand::random::<u128>());
        Self {
            marks: Marks { nonce: mark("nonce"), token: mark("token"), receipt: mark("receipt") },
            entries: Mutex::default(),
        }
    }
}

/// `GET /c/{slug}`.
pub async fn page(
    State(state): State<AppState>,
    Extension(pages): Extension<Arc<Pages>>,
    Path(slug): Path<String>,
    parts: Parts,
) -> Response {
    pages.serve(state, &slug, parts, None).await
}

enum Kept {
    Ready(Arc<Template>),
    /// Being rendered, or to be rendered by this request: all wait for the one rendering.
    Rendering(Arc<OnceCell<Arc<Template>>>),
}

impl Pages {
    /// The page at the request's address (with the thank-you for `thanks`, if given), copied for
    /// this reader.
    pub async fn serve(
        &self,
        state: AppState,
        slug: &str,
        parts: Parts,
        thanks: Option<Thanks>,
    ) -> Response {
        let now = state.clock.now();
        // An unknown slug or a database failure: the page says so, and nothing is kept.
        let public = respond::public(&state, slug).await.ok();
        // A page without a consultation has no form, so nothing takes the (empty) token.
        let token = public
            .as_ref()
            .map_or_else(String::new, |p| respond::form_token_for(&state, p.consultation.id, now));
        let nonce = Nonce::new().to_string();
        let (receipt, answered) = match thanks {
            Some(Thanks { receipt, flagged, via }) => {
                // An unknown or retired code shows as none, so it need not be kept apart.
                let partner = public.as_ref().and_then(|p| p.partner(via.as_deref()));
                let via = partner.map(|p| p.code.as_str().to_owned());
                (receipt, Some(Answered { flagged, via }))
            }
            None => (String::new(), None),
        };
        let stamps = Stamps { nonce: &nonce, token: &token, receipt: &receipt };
        let gzip = takes_gzip(&parts.headers);
        let Some(public) = public else {
            return self.render(state, parts, answered).await.stamp(&stamps, gzip);
        };
        let key = Key::of(slug, &parts, answered.clone(), |code| {
            public.partner(code).map(|p| p.code.as_str().to_owned())
        });
        let phase = public.consultation.schedule.phase(now);
        let page = match self.kept(key.clone(), public, phase) {
            Kept::Ready(page) => page,
            Kept::Rendering(cell) => {
                let parts = key.request(parts);
                cell.get_or_init(|| self.render(state, parts, answered)).await.clone()
            }
        };
        page.stamp(&stamps, gzip)
    }

    /// The page kept for `key` if it was rendered from `public` in `phase`. While a new one
    /// renders after the data was reloaded, readers get the one before it, in the same phase:
    /// only the first waits for the rendering, and never across an opening or a close.
    fn kept(&self, key: Key, public: Arc<Public>, phase: Phase) -> Kept {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let same_phase = |entry: &Entry| entry.phase == phase;
        let previous = match entries.get(&key) {
            Some(entry) if same_phase(entry) && Arc::ptr_eq(&entry.from, &public) => {
                return match (entry.page.get(), &entry.previous) {
                    (Some(page), _) | (None, Some(page)) => Kept::Ready(page.clone()),
                    (None, None) => Kept::Rendering(entry.page.clone()),
                };
            }
            Some(entry) if same_phase(entry) => {
                entry.page.get().or(entry.previous.as_ref()).cloned()
            }
            _ => None,
        };
        if entries.len() >= MAX_PAGES {
            entries.clear();
        }
        let page = Arc::new(OnceCell::new());
        entries.insert(key, Entry { from: public, phase, page: page.clone(), previous });
        Kept::Rendering(page)
    }

    /// The page as Leptos renders it, with the marks where each reader's values go.
    async fn render(
        &self,
        state: AppState,
        parts: Parts,
        answered: Option<Answered>,
    ) -> Arc<Template> {
        let (nonce, token) = (self.marks.nonce.clone(), self.marks.token.clone());
        let posted = answered.map(|Answered { flagged, via }| PostedAnswers {
            values: FormValues(via.map(|code| (VIA.to_owned(), code)).into_iter().collect()),
            outcome: SubmitOutcome::Accepted { receipt: self.marks.receipt.clone(), flagged },
        });
        let response = render(state, parts, move || {
            provide_context(Nonce::from_value(nonce.as_str()));
            provide_context(TokenMark(token.as_str().into()));
            if let Some(posted) = posted.clone() {
                provide_context(posted);
            }
        })
        .await;
        let (mut head, body) = response.into_parts();
        let body = match axum::body::to_bytes(body, usize::MAX).await {
            Ok(body) => body,
            Err(error) => {
                tracing::error!(%error, "rendering a consultation page");
                head.status = StatusCode::SERVICE_UNAVAILABLE;
                Bytes::new()
            }
        };
        head.headers.remove(header::CONTENT_LENGTH);
        Arc::new(Template::cut(head.status, head.headers, body, &self.marks))
    }
}

impl Template {
    fn cut(status: StatusCode, mut headers: HeaderMap, body: Bytes, marks: &Marks) -> Self {
        let mut pieces = Vec::new();
        let (mut from, mut at) = (0, 0);
        while at < body.len() {
            let found = [
                (&marks.nonce, Piece::Nonce),
                (&marks.token, Piece::Token),
                (&marks.receipt, Piece::Receipt),
            ];
            let found = found.into_iter().find(|(mark, _)| body[at..].starts_with(mark.as_bytes()));
            match found {
                Some((mark, piece)) => {
                    pieces.extend([text(body.slice(from..at)), piece]);
                    at += mark.len();
                    from = at;
                }
                None => at += 1,
            }
        }
        pieces.push(text(body.slice(from..)));
        // A policy without the nonce (a page with no script of its own) stays as it is.
        let policy = headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|csp| csp.to_str().ok()?.split_once(marks.nonce.as_str()))
            .map(|(before, after)| (before.to_owned(), after.to_owned()));
        if policy.is_some() {
            headers.remove(header::CONTENT_SECURITY_POLICY);
        }
        Self { status, headers, policy, len: body.len(), body: pieces }
    }

    /// This reader's copy, gzipped if their browser said it takes gzip.
    fn stamp(&self, stamps: &Stamps, gzip: bool) -> Response {
        let stamp = |piece: &Piece| match piece {
            Piece::Nonce => stamps.nonce.as_bytes(),
            Piece::Token => stamps.token.as_bytes(),
            _ => stamps.receipt.as_bytes(),
        };
        let body = if gzip {
            let mut body = gzip::Body::with_capacity(self.len / 3);
            for piece in &self.body {
                match piece {
                    Piece::Text(text, deflated) => body.deflated(text, deflated),
                    stamped => body.stored(stamp(stamped)),
                }
            }
            body.finish()
        } else {
            let mut body = Vec::with_capacity(self.len + 256);
            for piece in &self.body {
                body.extend_from_slice(match piece {
                    Piece::Text(text, _) => text,
                    stamped => stamp(stamped),
                });
            }
            body
        };
        let mut headers = self.headers.clone();
        if let Some((before, after)) = &self.policy
            && let Ok(policy) = HeaderValue::from_str(&format!("{before}{}{after}", stamps.nonce))
        {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
        if gzip {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        (self.status, headers, Body::from(body)).into_response()
    }
}

fn text(plain: Bytes) -> Piece {
    let deflated = gzip::deflate_piece(&plain);
    Piece::Text(plain, deflated)
}

/// Whether the request's Accept-Encoding lists gzip (and not with q=0).
fn takes_gzip(headers: &HeaderMap) -> bool {
    let accepted = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok());
    accepted.unwrap_or_default().split(',').any(|coding| {
        let mut parts = coding.split(';').map(str::trim);
        parts.next().is_some_and(|name| name.eq_ignore_ascii_case("gzip"))
            && parts.all(|param| {
                param.strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()) != Some(0.0)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    fn takes(accept_encoding: &str) -> bool {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(accept_encoding).unwrap());
        takes_gzip(&headers)
    }

    #[test]
    fn gzip_is_sent_only_to_browsers_that_take_it() {
        assert!(takes("gzip, deflate, br, zstd"));
        assert!(takes("br;q=1.0, GZIP;q=0.5"));
        assert!(!takes("br"));
        assert!(!takes("gzip;q=0, br"));
        assert!(!takes("gzip; q=0.0"));
        assert!(!takes_gzip(&HeaderMap::new()));
    }

    fn key(uri: &str, headers: &[(&str, &str)]) -> Key {
        let mut request = Request::get(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let (parts, ()) = request.body(()).unwrap().into_parts();
        Key::of("demo", &parts, None, |code| code.filter(|c| *c == "schools").map(str::to_owned))
    }

    #[test]
    fn nothing_but_what_the_page_depends_on_makes_a_page_of_its_own() {
        let plain = key("/c/demo", &[("accept-language", "fr-FR,fr;q=0.9")]);
        for (uri, headers) in [
            ("/c/demo?x=1", vec![("accept-language", "fr")]),
            ("/c/demo?step=intro&via=nobody", vec![("accept-language", "fr-CA")]),
            ("/c/demo", vec![("accept-language", "fr"), ("cookie", "yc_staff=forged; a=b")]),
            ("/c/demo?lang=xx", vec![("accept-language", "de, fr;q=0.5"), ("user-agent", "x")]),
        ] {
            assert!(key(uri, &headers) == plain, "{uri} {headers:?}");
        }
        for uri in ["/c/demo?lang=fr", "/c/demo?step=answer", "/c/demo?via=schools"] {
            assert!(key(uri, &[("accept-language", "fr")]) != plain, "{uri}");
        }
        assert!(key("/c/demo", &[("accept-language", "ar")]) != plain);
    }

    #[test]
    fn a_page_renders_from_what_its_key_holds_alone() {
        let key = key(
            "/c/demo?via=schools&zz=1&step=answer&lang=ar-EG",
            &[("cookie", "a=b"), ("accept-language", "fr"), ("host", "consult.example")],
        );
        let (parts, ()) = Request::get("/other?q=1").body(()).unwrap().into_parts();
        let parts = key.request(parts);
        assert_eq!(parts.uri, "/c/demo?lang=ar&step=answer&via=schools");
        assert_eq!(parts.headers.len(), 1, "only the language: {:?}", parts.headers);
        assert_eq!(parts.headers[header::ACCEPT_LANGUAGE], "ar");
    }
}

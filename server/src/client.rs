//! Who sent a request. Behind a reverse proxy every connection comes from the proxy, so the
//! client's address is read from `Forwarded` (RFC 7239) or, without it, `X-Forwarded-For`, but
//! only when the connection comes from a proxy the operator named (`YC_TRUSTED_PROXIES`): from
//! anyone else the header is a claim anyone can make, and is ignored.

use std::net::IpAddr;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use ipnet::IpNet;

const FORWARDED: &str = "forwarded";
const FORWARDED_FOR: &str = "x-forwarded-for";

/// The networks whose connections are proxies of ours.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// A comma-separated list of addresses and networks: `127.0.0.1, 10.0.0.0/8, ::1`.
    pub fn parse(list: &str) -> Result<Self, String> {
        let nets = list
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("not an address or network: {item:?}"))
            })
            .collect::<Result<_, _>>()?;
        Ok(Self(nets))
    }

    pub fn trusts(&self, address: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client behind `peer`: the right-most forwarded address that is not one of our
    /// proxies (each proxy appends the address it was connected from, so entries to its left
    /// were written by the client and prove nothing).
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let mut client = peer;
        let mut hops = hops(headers);
        while let Some(hop) = hops.pop() {
            let Some(address) = hop else { break };
            client = address;
            if !self.trusts(address) {
                break;
            }
        }
        client
    }
}

/// The forwarded addresses, left to right (`None` for one that is not an address: `unknown`,
/// an obfuscated name, garbage): `for=` of `Forwarded` if a proxy sent it, else
/// `X-Forwarded-For`.
fn hops(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let values = |name| headers.get_all(name).iter().filter_map(|v| v.to_str().ok());
    let forwarded: Vec<Option<IpAddr>> = values(FORWARDED)
        .flat_map(|v| v.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (key, value) = pair.trim().split_once('=')?;
                key.eq_ignore_ascii_case("for").then(|| node(value))
            })
        })
        .collect();
    if !forwarded.is_empty() {
        return forwarded;
    }
    values(FORWARDED_FOR).flat_map(|v| v.split(',')).map(|hop| hop.trim().parse().ok()).collect()
}

/// A `Forwarded` node: `192.0.2.60`, `"192.0.2.60:8080"`, `"[2001:db8::17]:4711"`.
fn node(value: &str) -> Option<IpAddr> {
    let value = value.trim().trim_matches('"');
    if let Some(rest) = value.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    let host = match value.split_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => value,
    };
    host.parse().ok()
}

/// The address a request came from, as `TrustedProxies::client` found it. Held in memory for
/// the request only; what is kept is a keyed hash of it (`domain::integrity::bursts`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        // `serve` puts it on every request; a router served some other way is a mistake.
        parts.extensions.get::<Self>().copied().ok_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(FORWARDED_FOR, value.parse().unwrap());
        }
        headers
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_proxy() {
        let proxies = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        let headers = forwarded(&["203.0.113.7"]);
        assert_eq!(proxies.client(ip("127.0.0.1"), &headers), ip("203.0.113.7"));
        assert_eq!(proxies.client(ip("10.1.2.3"), &headers), ip("203.0.113.7"));
        assert_eq!(proxies.client(ip("198.51.100.1"), &headers), ip("198.51.100.1"));
        assert_eq!(TrustedProxies::default().client(ip("127.0.0.1"), &headers), ip("127.0.0.1"));
    }

    #[test]
    fn what_the_client_wrote_to_the_left_is_not_believed() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        // The client sent "1.2.3.4" itself; the outer proxy saw 203.0.113.7, the inner one 10.0.0.2.
        let headers = forwarded(&["1.2.3.4, 203.0.113.7", "10.0.0.2"]);
        assert_eq!(proxies.client(ip("10.0.0.1"), &headers), ip("203.0.113.7"));
    }

    #[test]
    fn a_garbled_or_missing_header_leaves_the_last_address_known() {
        let proxies = TrustedProxies::parse("127.0.0.1").unwrap();
        assert_eq!(proxies.client(ip("127.0.0.1"), &HeaderMap::new()), ip("127.0.0.1"));
        let headers = forwarded(&["203.0.113.7, not-an-address"]);
        assert_eq!(proxies.client(ip("127.0.0.1"), &headers), ip("127.0.0.1"));
        let headers = forwarded(&["2001:db8::1"]);
        assert_eq!(proxies.client(ip("127.0.0.1"), &headers), ip("2001:db8::1"));
    }

    #[test]
    fn the_standard_forwarded_header_is_read_too_and_wins() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        let mut headers = forwarded(&["198.51.100.9"]);
        headers.append(
            FORWARDED,
            r#"for=1.2.3.4, for="203.0.113.7:4711";proto=https, For=10.0.0.2"#.parse().unwrap(),
        );
        assert_eq!(proxies.client(ip("10.0.0.1"), &headers), ip("203.0.113.7"));
        let mut v6 = HeaderMap::new();
        v6.append(FORWARDED, r#"for="[2001:db8:cafe::17]:4711""#.parse().unwrap());
        assert_eq!(proxies.client(ip("10.0.0.1"), &v6), ip("2001:db8:cafe::17"));
        let mut unknown = HeaderMap::new();
        unknown.append(FORWARDED, "for=unknown".parse().unwrap());
        assert_eq!(proxies.client(ip("10.0.0.1"), &unknown), ip("10.0.0.1"));
        assert_eq!(proxies.client(ip("192.0.2.1"), &v6), ip("192.0.2.1"), "not our proxy");
    }

    #[test]
    fn the_list_names_what_it_cannot_read() {
        assert_eq!(TrustedProxies::parse(" ").unwrap(), TrustedProxies::default());
        let error = TrustedProxies::parse("127.0.0.1, proxy.local").unwrap_err();
        assert!(error.contains("proxy.local"), "{error}");
    }
}

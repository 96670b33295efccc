//! The respondent form carries a signed token: which consultation, when the form was loaded, and a
//! random nonce. The server trusts "started at" (for the grace period after close) only because it
//! signed it, and the nonce makes a double submit of the same form count once.

use data_encoding::BASE64URL_NOPAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::fmt;

use super::lifecycle::UnixTime;

/// The server's secret for form tokens and receipt look-ups. Its `Debug` never shows the bytes.
#[derive(Clone)]
pub struct SigningKey([u8; 32]);

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey([redacted])")
    }
}

impl SigningKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// A keyed hash; `purpose` separates the uses of one key from each other.
    pub fn mac(&self, purpose: &str, message: &[u8]) -> [u8; 32] {
        self.keyed(purpose, message).finalize().into_bytes().into()
    }

    /// Whether `signature` is [`Self::mac`] of `message`, compared in constant time.
    pub fn verify_mac(&self, purpose: &str, message: &[u8], signature: &[u8]) -> bool {
        self.keyed(purpose, message).verify_slice(signature).is_ok()
    }

    fn keyed(&self, purpose: &str, message: &[u8]) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(message);
        mac
    }

    /// [`Self::mac`] as lower-case hex, for storing or keying.
    pub fn mac_hex(&self, purpose: &str, message: &[u8]) -> String {
        data_encoding::HEXLOWER.encode(&self.mac(purpose, message))
    }
}

pub type Nonce = [u8; 16];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormToken {
    pub consultation_id: i64,
    pub started_at: UnixTime,
    pub nonce: Nonce,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("the form token is malformed or its signature does not match")]
pub struct BadToken;

const PURPOSE: &str = "form-token";

impl FormToken {
    pub fn sign(&self, key: &SigningKey) -> String {
        let body = format!(
            "{}.{}.{}",
            self.consultation_id,
            self.started_at,
            BASE64URL_NOPAD.encode(&self.nonce)
        );
        let sig = key.mac(PURPOSE, body.as_bytes());
        format!("{body}.{}", BASE64URL_NOPAD.encode(&sig))
    }

    pub fn verify(token: &str, key: &SigningKey) -> Result<Self, BadToken> {
        let (body, sig) = token.rsplit_once('.').ok_or(BadToken)?;
        let sig = BASE64URL_NOPAD.decode(sig.as_bytes()).map_err(|_| BadToken)?;
        if !key.verify_mac(PURPOSE, body.as_bytes(), &sig) {
            return Err(BadToken);
        }

        let mut parts = body.split('.');
        let (Some(id), Some(started), Some(nonce), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(BadToken);
        };
        let nonce = BASE64URL_NOPAD.decode(nonce.as_bytes()).map_err(|_| BadToken)?;
        Ok(Self {
            consultation_id: id.parse().map_err(|_| BadToken)?,
            started_at: started.parse().map_err(|_| BadToken)?,
            nonce: nonce.try_into().map_err(|_| BadToken)?,
        })
    }
}

/// Compares secrets without stopping at the first difference, so the time taken tells nothing
/// about how much of a guess was right.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0, |d, (x, y)| d | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> SigningKey {
        SigningKey::from_bytes([byte; 32])
    }

    fn token() -> FormToken {
        FormToken { consultation_id: 42, started_at: 1_700_000_000, nonce: [7; 16] }
    }

    #[test]
    fn a_signed_token_verifies_to_itself() {
        let signed = token().sign(&key(1));
        assert_eq!(FormToken::verify(&signed, &key(1)), Ok(token()));
    }

    #[test]
    fn a_token_signed_with_another_key_is_rejected() {
        let signed = token().sign(&key(1));
        assert_eq!(FormToken::verify(&signed, &key(2)), Err(BadToken));
    }

    #[test]
    fn an_edited_start_time_is_rejected() {
        let signed = token().sign(&key(1));
        let forged = signed.replacen("1700000000", "1800000000", 1);
        assert_eq!(FormToken::verify(&forged, &key(1)), Err(BadToken));
    }

    #[test]
    fn garbage_is_rejected() {
        for bad in ["", ".", "a.b.c.d", "42.1.AAAA", "42.1.AAAA.AAAA.AAAA"] {
            assert_eq!(FormToken::verify(bad, &key(1)), Err(BadToken), "{bad}");
        }
    }

    #[test]
    fn debug_output_hides_the_key() {
        assert_eq!(format!("{:?}", key(9)), "SigningKey([redacted])");
    }
}

//! A browser that signed in to an account before carries a device cookie: a random id, signed
//! for that account. Sign-in attempts that bring one count in that browser's own bucket, so
//! guesses from elsewhere cannot lock the real person out (OWASP, "device cookies").

use data_encoding::BASE64URL_NOPAD;

use super::staff::Email;
use super::throttle::Bucket;
use super::token::SigningKey;

const PURPOSE: &str = "device-cookie";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceCookie {
    id: [u8; 16],
}

impl DeviceCookie {
    /// Kept by the browser this long after its last sign-in.
    pub const MAX_AGE_SECS: i64 = 180 * 24 * 60 * 60;

    pub fn new(id: [u8; 16]) -> Self {
        Self { id }
    }

    /// The cookie's value for `email`'s account.
    pub fn sign(&self, key: &SigningKey, email: &Email) -> String {
        let signature = key.mac(PURPOSE, &message(&self.id, email));
        format!("{}.{}", BASE64URL_NOPAD.encode(&self.id), BASE64URL_NOPAD.encode(&signature))
    }

    /// The cookie, if `value` was signed for `email`'s account by this server.
    pub fn verify(value: &str, key: &SigningKey, email: &Email) -> Option<Self> {
        let (id, signature) = value.split_once('.')?;
        let id: [u8; 16] = BASE64URL_NOPAD.decode(id.as_bytes()).ok()?.try_into().ok()?;
        let signature = BASE64URL_NOPAD.decode(signature.as_bytes()).ok()?;
        key.verify_mac(PURPOSE, &message(&id, email), &signature).then_some(Self { id })
    }

    pub fn bucket(&self) -> Bucket {
        Bucket::Device(BASE64URL_NOPAD.encode(&self.id))
    }
}

fn message(id: &[u8; 16], email: &Email) -> Vec<u8> {
    [id.as_slice(), email.as_str().as_bytes()].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ana() -> Email {
        Email::parse("ana@example.org").unwrap()
    }

    #[test]
    fn a_cookie_is_good_for_its_own_account_and_key_only() {
        let key = SigningKey::from_bytes([7; 32]);
        let cookie = DeviceCookie::new([1; 16]);
        let value = cookie.sign(&key, &ana());
        assert_eq!(DeviceCookie::verify(&value, &key, &ana()), Some(cookie));
        let bob = Email::parse("bob@example.org").unwrap();
        assert_eq!(DeviceCookie::verify(&value, &key, &bob), None);
        assert_eq!(DeviceCookie::verify(&value, &SigningKey::from_bytes([8; 32]), &ana()), None);
    }

    #[test]
    fn a_changed_or_malformed_cookie_is_no_cookie() {
        let key = SigningKey::from_bytes([7; 32]);
        let value = DeviceCookie::new([1; 16]).sign(&key, &ana());
        let other_id = DeviceCookie::new([2; 16]).sign(&key, &ana());
        let forged =
            format!("{}.{}", other_id.split_once('.').unwrap().0, value.split_once('.').unwrap().1);
        for bad in [forged.as_str(), "", ".", "abc", "abc.def", &value[1..]] {
            assert_eq!(DeviceCookie::verify(bad, &key, &ana()), None, "{bad}");
        }
    }
}

//! A receipt code lets a young person withdraw their answers while the window is open, without
//! an account. It is derived from the form's nonce, so a resent form shows the same code, and only
//! a keyed hash of it is stored.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::token::{Nonce, SigningKey};

/// No 0/O or 1/I: easy to read aloud and copy from a phone screen.
const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const LEN: usize = 12;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt(String);

impl Receipt {
    pub fn for_nonce(key: &SigningKey, nonce: &Nonce) -> Self {
        let bytes = key.mac("receipt", nonce);
        let bits = u64::from_be_bytes(bytes[..8].try_into().expect("8 bytes"));
        let code = (0..LEN).map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char).collect();
        Self(code)
    }

    /// Accepts what a person types: any case, spaces and dashes anywhere.
    pub fn parse(input: &str) -> Option<Self> {
        let code: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let valid = code.len() == LEN && code.bytes().all(|b| ALPHABET.contains(&b));
        valid.then_some(Self(code))
    }

    /// What the database keeps: a keyed hash, so the code itself is never stored.
    pub fn lookup_hash(&self, key: &SigningKey) -> String {
        key.mac_hex("receipt-lookup", self.0.as_bytes())
    }
}

/// Shown in groups of four: `ABCD-EFGH-JKLM`.
impl fmt::Display for Receipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groups: Vec<&str> = [0, 4, 8].iter().map(|&i| &self.0[i..i + 4]).collect();
        f.write_str(&groups.join("-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SigningKey {
        SigningKey::from_bytes([3; 32])
    }

    #[test]
    fn the_same_form_gets_the_same_receipt() {
        assert_eq!(Receipt::for_nonce(&key(), &[1; 16]), Receipt::for_nonce(&key(), &[1; 16]));
        assert_ne!(Receipt::for_nonce(&key(), &[1; 16]), Receipt::for_nonce(&key(), &[2; 16]));
    }

    #[test]
    fn a_displayed_receipt_parses_back_however_it_is_typed() {
        let receipt = Receipt::for_nonce(&key(), &[5; 16]);
        let shown = receipt.to_string();
        assert_eq!(shown.len(), 14);
        assert_eq!(Receipt::parse(&shown), Some(receipt.clone()));
        let typed = format!(" {} ", shown.to_lowercase().replace('-', " "));
        assert_eq!(Receipt::parse(&typed), Some(receipt));
    }

    #[test]
    fn malformed_receipts_are_rejected() {
        for bad in ["", "ABCD", "ABCD-EFGH-JKL0", "ABCD-EFGH-JKLMN", "ÀBCD-EFGH-JKLM"] {
            assert_eq!(Receipt::parse(bad), None, "{bad}");
        }
    }
}

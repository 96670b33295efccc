//! The second factor staff give at every sign-in: a code from an authenticator app (TOTP,
//! RFC 6238: SHA-1, six digits, 30-second steps, one step of clock drift either way), or one of
//! ten recovery codes for a lost phone. Each code is good once: a TOTP step is not accepted again
//! (RFC 6238 §5.2), a recovery code is spent.

use data_encoding::{BASE32_NOPAD, HEXLOWER};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use totp_rs::{Algorithm, TOTP};

use super::keyed::keyed;
use super::lifecycle::UnixTime;
use super::staff::{Email, Role};
use super::token::same;

/// Shown in the authenticator app beside the account.
pub const ISSUER: &str = "Youth Consult";
const STEP_SECS: u64 = 30;
const DIGITS: usize = 6;
const SKEW: u8 = 1;
/// How many recovery codes an account gets, each good once.
pub const RECOVERY_CODES: usize = 10;

keyed! {
    /// Whether an account must give a second factor: admins always; moderators unless an admin
    /// turned it off for them.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum SecondFactor {
        Required => "required",
        /// Moderators only, set by an admin.
        Optional => "optional",
    }
}

impl SecondFactor {
    /// What applies to an account with this role and this setting.
    pub fn for_role(self, role: Role) -> Self {
        match role {
            Role::Admin => Self::Required,
            Role::Moderator => self,
        }
    }
}

/// An authenticator app's shared secret: 160 random bits, as RFC 4226 recommends. Its `Debug`
/// never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret([u8; 20]);

impl fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpSecret([redacted])")
    }
}

impl TotpSecret {
    pub fn from_bytes(bytes: [u8; 20]) -> Self {
        Self(bytes)
    }

    /// The stored form: base32, as apps take it.
    pub fn parse(base32: &str) -> Option<Self> {
        let bytes = BASE32_NOPAD.decode(base32.as_bytes()).ok()?;
        Some(Self(bytes.try_into().ok()?))
    }

    pub fn to_base32(&self) -> String {
        BASE32_NOPAD.encode(&self.0)
    }

    /// The setup key as a person types it into an app: groups of four letters and digits.
    pub fn grouped(&self) -> String {
        let key = self.to_base32();
        key.as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// What the setup QR code holds (`otpauth://totp/…`).
    pub fn otpauth_url(&self, account: &Email) -> String {
        let totp = TOTP::new_unchecked(
            Algorithm::SHA1,
            DIGITS,
            SKEW,
            STEP_SECS,
            self.0.to_vec(),
            Some(ISSUER.to_owned()),
            account.as_str().to_owned(),
        );
        totp.get_url()
    }

    /// The app's code at `at`.
    pub fn code_at(&self, at: UnixTime) -> String {
        self.totp().generate(at.max(0) as u64)
    }

    /// The step `code` belongs to, if it is this account's code within a step of `now`.
    pub fn step_of(&self, code: &str, now: UnixTime) -> Option<i64> {
        let now_step = now.max(0) / STEP_SECS as i64;
        let totp = self.totp();
        (now_step - SKEW as i64..=now_step + SKEW as i64).find(|step| {
            let expected = totp.generate((*step * STEP_SECS as i64).max(0) as u64);
            same(expected.as_bytes(), code.as_bytes())
        })
    }

    fn totp(&self) -> TOTP {
        TOTP::new_unchecked(
            Algorithm::SHA1,
            DIGITS,
            SKEW,
            STEP_SECS,
            self.0.to_vec(),
            None,
            String::new(),
        )
    }
}

/// A recovery code: 80 random bits, shown once as `abcd-efgh-ijkl-mnop`, stored only as a hash
/// (80 bits are too many to try one by one, so a plain SHA-256 is enough).
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryCode(String);

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode([redacted])")
    }
}

impl RecoveryCode {
    pub fn from_bytes(bytes: [u8; 10]) -> Self {
        Self(BASE32_NOPAD.encode(&bytes).to_lowercase())
    }

    /// As shown to the staff member.
    pub fn shown(&self) -> String {
        let groups: Vec<&str> = [0, 4, 8, 12].iter().map(|&i| &self.0[i..i + 4]).collect();
        groups.join("-")
    }

    pub fn hash(&self) -> String {
        HEXLOWER.encode(&Sha256::digest(self.0.as_bytes()))
    }
}

/// What a staff member typed in the code box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeInput {
    /// Six digits from the app.
    App(String),
    Recovery(RecoveryCode),
}

impl CodeInput {
    /// Spaces, dashes and case are forgiven, as people copy codes in many ways.
    pub fn parse(typed: &str) -> Option<Self> {
        let kept: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if kept.len() == DIGITS && kept.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Self::App(kept));
        }
        let recovery =
            kept.len() == 16 && BASE32_NOPAD.decode(kept.to_uppercase().as_bytes()).is_ok();
        recovery.then_some(Self::Recovery(RecoveryCode(kept)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 key ("12345678901234567890") and its eight-digit codes,
    /// of which an app shows the last six.
    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        let secret = TotpSecret::from_bytes(*b"12345678901234567890");
        for (at, code) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            assert_eq!(secret.code_at(at), code[2..], "at {at}");
        }
    }

    #[test]
    fn a_code_is_good_within_one_step_of_drift_and_no_further() {
        let secret = TotpSecret::from_bytes([3; 20]);
        let now = 1_800_000_000;
        let code = secret.code_at(now);
        let step = now / 30;
        assert_eq!(secret.step_of(&code, now), Some(step));
        assert_eq!(secret.step_of(&code, now + 30), Some(step), "a step late");
        assert_eq!(secret.step_of(&code, now - 30), Some(step), "a step early");
        assert_eq!(secret.step_of(&code, now + 60), None);
        assert_eq!(secret.step_of("000000", now).filter(|_| code != "000000"), None);
        assert_eq!(TotpSecret::from_bytes([4; 20]).step_of(&code, now), None, "another secret");
    }

    #[test]
    fn the_secret_round_trips_through_its_stored_form() {
        let secret = TotpSecret::from_bytes([9; 20]);
        assert_eq!(TotpSecret::parse(&secret.to_base32()), Some(secret.clone()));
        assert_eq!(secret.grouped().replace(' ', ""), secret.to_base32());
        assert_eq!(format!("{secret:?}"), "TotpSecret([redacted])");
        assert_eq!(TotpSecret::parse("not base32!"), None);
        assert_eq!(TotpSecret::parse("AAAA"), None, "too short");
    }

    #[test]
    fn the_setup_link_names_the_site_and_the_account() {
        let email = Email::parse("ana@example.org").unwrap();
        let url = TotpSecret::from_bytes([9; 20]).otpauth_url(&email);
        assert!(url.starts_with("otpauth://totp/Youth%20Consult:ana%40example.org?"), "{url}");
        assert!(url.contains(&format!("secret={}", TotpSecret::from_bytes([9; 20]).to_base32())));
    }

    #[test]
    fn typed_codes_are_read_however_they_were_copied() {
        assert_eq!(CodeInput::parse(" 123 456 "), Some(CodeInput::App("123456".into())));
        let code = RecoveryCode::from_bytes([7; 10]);
        let shown = code.shown();
        assert_eq!(shown.len(), 19);
        assert_eq!(
            CodeInput::parse(&shown.to_uppercase()),
            Some(CodeInput::Recovery(code.clone()))
        );
        assert_eq!(CodeInput::parse(&shown.replace('-', " ")), Some(CodeInput::Recovery(code)));
        for bad in ["", "12345", "1234567", "abcdef", "abcd-efgh-ijkl-mno1"] {
            assert_eq!(CodeInput::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn recovery_codes_are_stored_as_hashes_of_what_was_shown() {
        let code = RecoveryCode::from_bytes([7; 10]);
        let typed = CodeInput::parse(&code.shown()).unwrap();
        assert_eq!(typed, CodeInput::Recovery(code.clone()));
        assert_eq!(code.hash().len(), 64);
        assert_ne!(code.hash(), RecoveryCode::from_bytes([8; 10]).hash());
    }

    #[test]
    fn admins_always_need_a_second_factor() {
        assert_eq!(SecondFactor::Optional.for_role(Role::Admin), SecondFactor::Required);
        assert_eq!(SecondFactor::Optional.for_role(Role::Moderator), SecondFactor::Optional);
        assert_eq!(SecondFactor::parse("required"), Some(SecondFactor::Required));
        assert_eq!(SecondFactor::parse("maybe"), None);
    }
}

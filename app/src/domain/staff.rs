//! Staff: the only people with accounts. Young people and delegates never sign in.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::ids::StaffId;
use super::keyed::keyed;
use super::problem::Problem;

keyed! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Role {
        /// Everything: consultations, staff, publishing, moderation.
        Admin => "admin",
        /// Moderation only.
        Moderator => "moderator",
    }
}

impl Role {
    /// Whether someone with this role may do what `needed` allows.
    pub fn allows(self, needed: Role) -> bool {
        self == Role::Admin || self == needed
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: StaffId,
    pub email: Email,
    pub role: Role,
}

/// A normalised e-mail address: trimmed, lower case, one `@` with text on both sides.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Option<Self> {
        let email = input.trim().to_lowercase();
        let (local, domain) = email.split_once('@')?;
        let valid = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && email.len() <= 254
            && !email.chars().any(char::is_whitespace);
        valid.then_some(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password good enough to set (NIST 800-63B: length and not guessable, no composition rules).
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 1024;

    /// `about` are words an attacker would try first for this account (its e-mail address).
    pub fn parse(input: &str, about: &[&str]) -> Result<Self, Problem> {
        let chars = input.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(Problem::PasswordTooShort);
        }
        if chars > Self::MAX_CHARS {
            return Err(Problem::PasswordTooLong);
        }
        // zxcvbn knows common passwords, names, words, keyboard walks, dates and repeats;
        // below "three" a password falls to an offline attack on a stolen hash in days.
        if zxcvbn::zxcvbn(input, about).score() < zxcvbn::Score::Three {
            return Err(Problem::PasswordGuessable);
        }
        Ok(Self(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_admin_may_do_what_a_moderator_may_but_not_the_other_way() {
        assert!(Role::Admin.allows(Role::Moderator));
        assert!(Role::Admin.allows(Role::Admin));
        assert!(Role::Moderator.allows(Role::Moderator));
        assert!(!Role::Moderator.allows(Role::Admin));
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse("  Ana@Example.ORG ").unwrap().as_str(), "ana@example.org");
        for bad in
            ["", "ana", "@example.org", "ana@", "ana@org", "ana@.org", "a b@x.org", "a@b@c.org"]
        {
            assert_eq!(Email::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn passwords_need_twelve_characters_counted_as_characters() {
        assert_eq!(NewPassword::parse("short", &[]).err(), Some(Problem::PasswordTooShort));
        assert!(NewPassword::parse("كلمة سر طويلة جدا للتجربة", &[]).is_ok());
        assert_eq!(
            format!("{:?}", NewPassword::parse("correct horse battery", &[]).unwrap()),
            "NewPassword([redacted])"
        );
    }

    #[test]
    fn common_and_patterned_passwords_are_refused_however_long() {
        for guessable in
            ["password12345", "123456789012", "qwertyuiopasdf", "aaaaaaaaaaaaaa", "iloveyou2026!"]
        {
            assert_eq!(
                NewPassword::parse(guessable, &[]).err(),
                Some(Problem::PasswordGuessable),
                "{guessable}"
            );
        }
    }

    #[test]
    fn the_account_s_own_address_does_not_make_a_password() {
        let email = "ana.lopez@example.org";
        assert!(NewPassword::parse("ana.lopez@example.org1", &[]).is_ok());
        assert_eq!(
            NewPassword::parse("ana.lopez@example.org1", &[email]).err(),
            Some(Problem::PasswordGuessable)
        );
    }
}

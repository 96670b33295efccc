//! Partner codes: a school network or youth council shares `/c/{slug}?via={code}`, and answers
//! that came through its link record the code, so organizers see which channels work. The code
//! says where the link came from, never who used it.

use serde::{Deserialize, Serialize};

use super::ids::PartnerId;
use super::problem::{FieldProblems, Problem};

/// Lower-case letters, digits and hyphens, 2 to 32 of them: short enough for a poster, safe in a
/// URL as it is, and unlike any name a young person could be told apart by.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PartnerCode(String);

impl PartnerCode {
    pub fn parse(input: &str) -> Option<Self> {
        let code = input.trim();
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        let valid = (2..=32).contains(&code.len())
            && code.chars().all(allowed)
            && !code.starts_with('-')
            && !code.ends_with('-');
        valid.then(|| Self(code.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A stored partner code of one consultation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub id: PartnerId,
    pub code: PartnerCode,
    pub name: String,
    /// Its link still works for answering, but new answers no longer record it.
    pub retired: bool,
}

/// A partner as organizers add it: the code its link carries and who it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPartner {
    pub code: PartnerCode,
    pub name: String,
}

/// What an organizer typed, kept as typed so a form shown again loses nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartnerForm {
    pub name: String,
    pub code: String,
}

impl PartnerForm {
    pub fn parse(&self) -> Result<NewPartner, FieldProblems> {
        let mut errors = FieldProblems::new();
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            errors.insert("partner_name".into(), Problem::PartnerName);
        }
        let code = PartnerCode::parse(&self.code);
        if code.is_none() {
            errors.insert("partner_code".into(), Problem::PartnerCode);
        }
        match code {
            Some(code) if errors.is_empty() => Ok(NewPartner { code, name: name.to_owned() }),
            _ => Err(errors),
        }
    }
}

/// The link a partner shares: absolute, for posters, QR codes and messages.
pub fn link(public_url: &str, slug: &str, code: Option<&PartnerCode>) -> String {
    let base = format!("{}/c/{slug}", public_url.trim_end_matches('/'));
    match code {
        Some(code) => format!("{base}?via={}", code.as_str()),
        None => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_short_lower_case_letters_digits_and_inner_hyphens() {
        for good in ["ab", "school-net", "youth-council-2027", &"a".repeat(32)] {
            assert!(PartnerCode::parse(good).is_some(), "{good}");
        }
        for bad in ["a", "", "School", "with space", "-lead", "trail-", "ü-net", &"a".repeat(33)] {
            assert!(PartnerCode::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(PartnerCode::parse("  kids-net ").unwrap().as_str(), "kids-net");
    }

    #[test]
    fn a_form_needs_a_name_and_a_valid_code() {
        let form = PartnerForm { name: " Schools network ".into(), code: "schools".into() };
        let partner = form.parse().unwrap();
        assert_eq!(partner.name, "Schools network");
        assert_eq!(partner.code.as_str(), "schools");

        let errors = PartnerForm { name: " ".into(), code: "Bad Code".into() }.parse().unwrap_err();
        assert!(errors.contains_key("partner_name"));
        assert_eq!(errors["partner_code"], Problem::PartnerCode);
    }

    #[test]
    fn the_link_carries_the_code_after_via() {
        let code = PartnerCode::parse("schools").unwrap();
        assert_eq!(
            link("https://consult.example/", "ai-2027", Some(&code)),
            "https://consult.example/c/ai-2027?via=schools"
        );
        assert_eq!(link("https://consult.example", "ai", None), "https://consult.example/c/ai");
    }
}

//! Ids of the records that travel together, each a type of its own, so that a question's id
//! cannot be passed where its consultation's is asked, nor an answer's where a moderator's is.
//! Storage binds and reads the number inside.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)+) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse().map(Self)
            }
        }
    )+};
}

ids! {
    ConsultationId;
    QuestionId;
    /// A partner organization's code for one consultation.
    PartnerId;
    /// One written answer to one question (moderated on its own).
    AnswerId;
    /// A staff account: an admin or a moderator.
    StaffId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_and_write_as_their_number() {
        assert_eq!("42".parse::<QuestionId>(), Ok(QuestionId(42)));
        assert!("q42".parse::<QuestionId>().is_err());
        assert_eq!(AnswerId(7).to_string(), "7");
        assert_eq!(serde_json::to_string(&StaffId(3)).unwrap(), "3");
        assert_eq!(serde_json::from_str::<ConsultationId>("5").unwrap(), ConsultationId(5));
    }
}

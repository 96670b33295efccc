//! Coarse, optional facts a young person may share about themselves. Each has "prefer not to
//! say"; leaving a group unanswered is stored as nothing at all.

use serde::{Deserialize, Serialize};

use super::keyed::keyed;

/// One closed list of answers: stable keys for forms and storage, labels for people.
pub trait Choice: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn key(self) -> &'static str;
    fn label(self) -> &'static str;
    fn parse(key: &str) -> Option<Self>;
}

/// A [`Choice`]: the enum and its keys by [`keyed!`], a label beside each key.
macro_rules! choice_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $key:literal, $label:literal;)+ }) => {
        keyed! {
            $(#[$doc])*
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
            pub enum $name { $($variant => $key,)+ }
        }

        impl Choice for $name {
            const ALL: &'static [Self] = &$name::ALL;
            fn key(self) -> &'static str {
                $name::key(self)
            }
            fn parse(key: &str) -> Option<Self> {
                $name::parse(key)
            }
            fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }
        }
    };
}

choice_enum!(AgeBand {
    From9To12 => "9-12", "9–12";
    From13To15 => "13-15", "13–15";
    From16To18 => "16-18", "16–18";
    From19To24 => "19-24", "19–24";
    Undisclosed => "undisclosed", "Prefer not to say";
});

choice_enum!(
    /// The six ITU regions.
    Region {
        Africa => "africa", "Africa";
        Americas => "americas", "Americas";
        ArabStates => "arab_states", "Arab States";
        AsiaPacific => "asia_pacific", "Asia-Pacific";
        Cis => "cis", "CIS (Commonwealth of Independent States)";
        Europe => "europe", "Europe";
        Undisclosed => "undisclosed", "Prefer not to say";
    }
);

choice_enum!(Gender {
    Girl => "girl", "Girl or young woman";
    Boy => "boy", "Boy or young man";
    Other => "other", "In another way";
    Undisclosed => "undisclosed", "Prefer not to say";
});

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Demographics {
    pub age_band: Option<AgeBand>,
    pub region: Option<Region>,
    pub gender: Option<Gender>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_round_trip<C: Choice + PartialEq + std::fmt::Debug>() {
        for &c in C::ALL {
            assert_eq!(C::parse(c.key()), Some(c));
        }
        assert_eq!(C::parse("nonsense"), None);
    }

    #[test]
    fn every_key_parses_back_to_its_value() {
        keys_round_trip::<AgeBand>();
        keys_round_trip::<Region>();
        keys_round_trip::<Gender>();
    }

    #[test]
    fn every_group_offers_prefer_not_to_say() {
        assert!(AgeBand::ALL.contains(&AgeBand::Undisclosed));
        assert!(Region::ALL.contains(&Region::Undisclosed));
        assert!(Gender::ALL.contains(&Gender::Undisclosed));
    }
}

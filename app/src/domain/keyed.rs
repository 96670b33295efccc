//! Enums stored in the database and sent in forms and links by fixed keys ("self_harm"): one
//! table gives each variant's key, the variant of a key, and all of them in order.

/// Declares an enum with `Variant => "key"` for each variant, and `ALL`, `key` and `parse`.
macro_rules! keyed {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident => $key:literal,)+
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $($(#[$variant_meta])* $variant,)+
        }

        impl $name {
            /// Every variant, in the order declared.
            pub const ALL: [Self; [$($key),+].len()] = [$(Self::$variant),+];

            /// How it is stored and sent.
            pub fn key(self) -> &'static str {
                match self {
                    $(Self::$variant => $key,)+
                }
            }

            /// The variant `key` names; `None` for any other text.
            pub fn parse(key: &str) -> Option<Self> {
                match key {
                    $($key => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

pub(crate) use keyed;

#[cfg(test)]
mod tests {
    keyed! {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum Tide {
            /// Water coming in.
            Rising => "rising",
            Falling => "falling",
        }
    }

    #[test]
    fn every_variant_has_its_key_and_is_found_by_it_alone() {
        assert_eq!(Tide::ALL, [Tide::Rising, Tide::Falling]);
        for tide in Tide::ALL {
            assert_eq!(Tide::parse(tide.key()), Some(tide));
        }
        assert_eq!(Tide::Falling.key(), "falling");
        assert_eq!(Tide::parse("Rising"), None);
        assert_eq!(Tide::parse(""), None);
    }
}

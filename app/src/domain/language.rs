use serde::{Deserialize, Serialize};

/// The six UN languages: the languages a young person can answer in.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Language {
    Ar,
    Zh,
    #[default]
    En,
    Fr,
    Ru,
    Es,
}

impl Language {
    pub const ALL: [Language; 6] = [Self::Ar, Self::Zh, Self::En, Self::Fr, Self::Ru, Self::Es];

    pub fn code(self) -> &'static str {
        match self {
            Self::Ar => "ar",
            Self::Zh => "zh",
            Self::En => "en",
            Self::Fr => "fr",
            Self::Ru => "ru",
            Self::Es => "es",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Written right to left: Arabic, of these six.
    pub fn right_to_left(self) -> bool {
        self == Self::Ar
    }

    /// The language's name in itself, as language lists show it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Ar => "العربية",
            Self::Zh => "中文",
            Self::En => "English",
            Self::Fr => "Français",
            Self::Ru => "Русский",
            Self::Es => "Español",
        }
    }
}

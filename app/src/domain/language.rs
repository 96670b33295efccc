use serde::{Deserialize, Serialize};

use super::keyed::keyed;

keyed! {
    /// The six UN languages: the languages a young person can answer in.
    #[derive(
        Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
    )]
    pub enum Language {
        Ar => "ar",
        Zh => "zh",
        #[default]
        En => "en",
        Fr => "fr",
        Ru => "ru",
        Es => "es",
    }
}

impl Language {
    /// Its ISO 639-1 code, as links, forms and the database carry it.
    pub fn code(self) -> &'static str {
        self.key()
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

//! The "about you" choices in the page's language: the form asks with them and the summary
//! groups by them.

use crate::domain::demographics::{AgeBand, Choice, Gender, Region};
use crate::i18n::{Locale, td_string};

pub fn age_band(a: AgeBand, l: Locale) -> &'static str {
    match a {
        AgeBand::Undisclosed => td_string!(l, choice.undisclosed),
        // "9–12": the same in every language.
        a => a.label(),
    }
}

pub fn region(r: Region, l: Locale) -> &'static str {
    match r {
        Region::Africa => td_string!(l, choice.africa),
        Region::Americas => td_string!(l, choice.americas),
        Region::ArabStates => td_string!(l, choice.arab_states),
        Region::AsiaPacific => td_string!(l, choice.asia_pacific),
        Region::Cis => td_string!(l, choice.cis),
        Region::Europe => td_string!(l, choice.europe),
        Region::Undisclosed => td_string!(l, choice.undisclosed),
    }
}

pub fn gender(g: Gender, l: Locale) -> &'static str {
    match g {
        Gender::Girl => td_string!(l, choice.girl),
        Gender::Boy => td_string!(l, choice.boy),
        Gender::Other => td_string!(l, choice.other),
        Gender::Undisclosed => td_string!(l, choice.undisclosed),
    }
}

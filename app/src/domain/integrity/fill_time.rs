//! Fill time: the signed form token carries when the form was loaded, so the server knows how long
//! the form was open before it came back. Reading the short intro to the form and answering even
//! one question takes a person several seconds; a script sends the form back at once.

/// The least a person needs for the form as a whole (the page, the "about you" part, the button).
pub const BASE_SECS: i64 = 4;
/// And for each question they answered: read it, choose or type, move on.
pub const PER_ANSWER_SECS: i64 = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FillTime {
    /// From loading the form to sending it, by the server's clock.
    pub secs: i64,
    /// Questions answered (skipped ones take no time).
    pub answered: usize,
}

impl FillTime {
    pub fn min_secs(answered: usize) -> i64 {
        BASE_SECS + PER_ANSWER_SECS * answered as i64
    }

    pub fn too_fast(self) -> bool {
        self.secs < Self::min_secs(self.answered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_form_sent_back_at_once_is_too_fast() {
        assert!(FillTime { secs: 0, answered: 1 }.too_fast());
        assert!(FillTime { secs: 15, answered: 6 }.too_fast());
    }

    #[test]
    fn the_least_time_grows_with_the_questions_answered() {
        assert!(!FillTime { secs: 6, answered: 1 }.too_fast());
        assert!(FillTime { secs: 6, answered: 2 }.too_fast());
        assert_eq!(FillTime::min_secs(6), 16);
    }

    proptest! {
        /// A class takes a minute or more; nobody answering up to 20 questions in that time is
        /// held for speed.
        #[test]
        fn a_minute_is_never_too_fast_for_twenty_questions(secs in 60i64..100_000, answered in 0usize..=20) {
            let fill = FillTime { secs, answered };
            prop_assert!(!fill.too_fast());
        }
    }
}

//! The words of the answer flow in the page's language, looked up once per page: the flow's
//! components share them, and the few that `respond.js` shows while sending travel with the page
//! as `data-` attributes.

/// Declares the words with the translation key each comes from.
macro_rules! words {
    ($($word:ident => $section:ident . $key:ident $(($($var:ident),+))?,)+) => {
        /// One text of the flow; some have `{placeholders}` that [`Words::fill`] fills in.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Word { $($word),+ }

        impl Word {
            const ALL: &[Word] = &[$(Word::$word),+];
        }

        /// The text of `word` in `locale`, placeholders left as `{name}`.
        fn text(locale: crate::i18n::Locale, word: Word) -> String {
            match word {
                $(Word::$word => crate::i18n::td_string!(
                    locale, $section.$key $($(, $var = concat!("{", stringify!($var), "}"))+)?
                ).to_string(),)+
            }
        }
    };
}

words! {
    BeforeYouStart => intro.before_you_start,
    WhyTitle => intro.why_title,
    Why => intro.why(meeting, date),
    AnonymousTitle => intro.anonymous_title,
    Anonymous => intro.anonymous,
    UpToYouTitle => intro.up_to_you_title,
    SkipSome => intro.skip_some,
    SkipAny => intro.skip_any,
    WordsTitle => intro.words_title,
    HowWordsAreUsed => intro.words,
    TakePart => intro.take_part,
    AboutYou => form.about_you,
    AboutYouHint => form.about_you_hint,
    Age => form.age,
    Region => form.region,
    Gender => form.gender,
    NeedsAnswer => form.needs_answer,
    ChooseAll => form.choose_all,
    ScaleHint => form.scale_hint(low, high),
    TextHint => form.text_hint(max),
    Send => form.send,
    Sending => form.sending,
    Preview => form.preview,
    ChangeLanguage => form.change_language,
    NeedsChange => form.needs_change,
    Closed => form.closed,
    Offline => form.offline,
    Required => form.required,
    NotAnOption => form.not_an_option,
    OnlyOne => form.only_one,
    TooLong => form.too_long(chars, max),
    NothingAnswered => form.nothing_answered,
    NotStored => form.not_stored,
    TooMany => form.too_many(seconds),
    LeaveEmpty => form.leave_empty,
    OutOfDate => form.out_of_date,
    Undisclosed => choice.undisclosed,
    Age9To12 => choice.age_9_12,
    Age13To15 => choice.age_13_15,
    Age16To18 => choice.age_16_18,
    Age19To24 => choice.age_19_24,
    Africa => choice.africa,
    Americas => choice.americas,
    ArabStates => choice.arab_states,
    AsiaPacific => choice.asia_pacific,
    Cis => choice.cis,
    Europe => choice.europe,
    Girl => choice.girl,
    Boy => choice.boy,
    OtherWay => choice.other,
    ThanksTitle => thanks.title,
    Receipt => thanks.receipt,
    KeepBefore => thanks.keep_before,
    WithdrawLink => thanks.withdraw_link,
    KeepAfter => thanks.keep_after,
    ComeBack => thanks.come_back(meeting, date),
    Reminder => thanks.reminder,
    UrgentTitle => help.urgent_title,
    UrgentIntro => help.urgent_intro,
    UrgentHelpline => help.urgent_helpline,
    UrgentAdult => help.urgent_adult,
    HelpTitle => help.title,
    HelpIntro => help.intro,
    Helpline => help.helpline,
    Adult => help.adult,
    Danger => help.danger,
    Emergency => help.emergency,
}

/// Every [`Word`] in one language, in declaration order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words {
    /// The page's language code, for `lang` attributes and links.
    pub lang: String,
    texts: Vec<String>,
}

impl Words {
    pub fn new(locale: crate::i18n::Locale) -> Self {
        use crate::i18n::I18nLocaleTrait;
        let texts = Word::ALL.iter().map(|&w| text(locale, w)).collect();
        Self { lang: locale.as_str().to_owned(), texts }
    }

    pub fn get(&self, word: Word) -> String {
        self.texts.get(word as usize).cloned().unwrap_or_default()
    }

    /// `word` with its `{placeholders}` filled in.
    pub fn fill(&self, word: Word, values: &[(&str, &str)]) -> String {
        values
            .iter()
            .fold(self.get(word), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn words_come_in_the_page_language_with_their_placeholders_filled_in() {
        let arabic = Words::new(Locale::ar);
        assert_eq!(arabic.lang, "ar");
        assert_eq!(arabic.get(Word::TakePart), "أريد أن أشارك");
        assert_eq!(arabic.texts.len(), Word::ALL.len());
        let english = Words::new(Locale::en);
        assert_eq!(
            english.fill(Word::TooLong, &[("chars", "1200"), ("max", "1000")]),
            "Your answer has 1200 characters; the limit is 1000. Please shorten it — your text is \
             still here."
        );
        assert_eq!(
            english.fill(Word::ScaleHint, &[("low", "never"), ("high", "always")]),
            "1 = never, 5 = always"
        );
    }
}

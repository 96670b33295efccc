//! Turns the fields of a posted form into a [`Submission`] that cannot be invalid, or into
//! errors a young person can act on, tied to the field they concern.

use super::demographics::{AgeBand, Choice, Demographics, Gender, Region};
use super::ids::QuestionId;
use super::language::Language;
use super::problem::{Problem, Problems};
use super::question::{Question, QuestionKind, SCALE};
use super::safeguarding::{Detector, Flag};
use super::scrub::{ScrubbedText, scrub};

pub const AGE_BAND: &str = "age_band";
pub const REGION: &str = "region";
pub const GENDER: &str = "gender";
pub const TOKEN: &str = "token";
/// The language the form was answered in, as the page's links carry it (`?lang=`).
pub const LANGUAGE: &str = "lang";
/// Set by the buttons that show the form in another language: such a post is not an answer.
pub const SWITCH_LANGUAGE: &str = "switch_lang";
/// The partner code of the link the form was opened from (`?via=`), carried as a hidden field.
pub const VIA: &str = "via";
/// `?step=answer` opens the answer form rather than the consultation's introduction.
pub const STEP: &str = "step";
pub const ANSWER_STEP: &str = "answer";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submission {
    pub demographics: Demographics,
    pub answers: Vec<Answer>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Options {
        question_id: QuestionId,
        option_ids: Vec<i64>,
    },
    Scale {
        question_id: QuestionId,
        value: u8,
    },
    /// `flag` is set by the detector: its rules as the answer arrives, its reading for meaning
    /// then or later (`services::reading`).
    Text {
        question_id: QuestionId,
        text: ScrubbedText,
        flag: Option<Flag>,
    },
}

impl Submission {
    /// Marks free-text answers, written in `language`, that the detector's rules find may
    /// disclose harm; true if any does.
    pub fn flag_by_rules(&mut self, detector: &Detector, language: Language) -> bool {
        for answer in &mut self.answers {
            if let Answer::Text { text, flag, .. } = answer {
                *flag = detector.flag_by_rules(text.as_str(), Some(language));
            }
        }
        self.flagged()
    }

    /// Reads each free-text answer for meaning: marks, among those the rules did not flag, the
    /// answers close in meaning to an example of harm, and returns each one's sentence
    /// embedding, in order (none when the encoder is not installed).
    pub fn read_meaning(&mut self, detector: &Detector) -> Vec<Vec<f32>> {
        let mut vectors = Vec::new();
        for answer in &mut self.answers {
            if let Answer::Text { text, flag, .. } = answer
                && let Some(read) = detector.read_meaning(text.as_str())
            {
                if flag.is_none() {
                    *flag = read.flag;
                }
                vectors.push(read.vector);
            }
        }
        vectors
    }

    /// Whether any of its free text is flagged.
    pub fn flagged(&self) -> bool {
        self.answers.iter().any(|a| matches!(a, Answer::Text { flag: Some(_), .. }))
    }

    /// Whether it has free text, to read for meaning.
    pub fn has_text(&self) -> bool {
        self.answers.iter().any(|a| matches!(a, Answer::Text { .. }))
    }
}

/// What the person sent, kept so a form shown again with errors loses nothing they typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormValues(pub Vec<(String, String)>);

impl FormValues {
    pub fn from_urlencoded(body: &str) -> Self {
        Self(form_urlencoded::parse(body.as_bytes()).into_owned().collect())
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn first(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn has(&self, name: &str, value: &str) -> bool {
        self.all(name).any(|v| v == value)
    }
}

pub fn parse(questions: &[Question], values: &FormValues) -> Result<Submission, Problems> {
    let mut errors = Problems::default();

    let known = |name: &str| questions.iter().any(|q| q.field() == name);
    if values.0.iter().any(|(name, _)| is_question_field(name) && !known(name)) {
        errors.form = Some(Problem::OutOfDate);
    }

    let demographics = Demographics {
        age_band: demographic::<AgeBand>(values, AGE_BAND, &mut errors),
        region: demographic::<Region>(values, REGION, &mut errors),
        gender: demographic::<Gender>(values, GENDER, &mut errors),
    };

    let mut answers = Vec::new();
    for question in questions {
        let field = question.field();
        let given: Vec<&str> = values.all(&field).filter(|v| !v.trim().is_empty()).collect();
        match answer(question, &given) {
            Ok(Some(a)) => answers.push(a),
            Ok(None) if question.required => {
                errors.fields.insert(field, Problem::Required);
            }
            Ok(None) => {}
            Err(e) => {
                errors.fields.insert(field, e);
            }
        }
    }

    if answers.is_empty() && errors.is_empty() {
        errors.form = Some(Problem::NothingAnswered);
    }
    if errors.is_empty() { Ok(Submission { demographics, answers }) } else { Err(errors) }
}

fn is_question_field(name: &str) -> bool {
    name.strip_prefix('q')
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

fn demographic<C: Choice>(values: &FormValues, field: &str, errors: &mut Problems) -> Option<C> {
    let value = values.first(field).filter(|v| !v.is_empty())?;
    let parsed = C::parse(value);
    if parsed.is_none() {
        errors.fields.insert(field.to_owned(), Problem::NotAnOption);
    }
    parsed
}

fn answer(question: &Question, given: &[&str]) -> Result<Option<Answer>, Problem> {
    let question_id = question.id;
    if given.is_empty() {
        return Ok(None);
    }
    match &question.kind {
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
            let single = matches!(question.kind, QuestionKind::SingleChoice { .. });
            if single && given.len() > 1 {
                return Err(Problem::OnlyOne);
            }
            let mut option_ids = Vec::with_capacity(given.len());
            for value in given {
                let id: i64 = value.parse().map_err(|_| Problem::NotAnOption)?;
                if !options.iter().any(|o| o.id == id) {
                    return Err(Problem::NotAnOption);
                }
                if !option_ids.contains(&id) {
                    option_ids.push(id);
                }
            }
            Ok(Some(Answer::Options { question_id, option_ids }))
        }
        QuestionKind::Scale { .. } => {
            let [value] = given else {
                return Err(Problem::OnlyOne);
            };
            let value: u8 = value.parse().map_err(|_| Problem::NotAnOption)?;
            if !SCALE.contains(&value) {
                return Err(Problem::NotAnOption);
            }
            Ok(Some(Answer::Scale { question_id, value }))
        }
        QuestionKind::FreeText { max_chars } => {
            let [text] = given else {
                return Err(Problem::OnlyOne);
            };
            let text = text.trim();
            let chars = text.chars().count();
            if chars > *max_chars {
                return Err(Problem::TooLong { chars, max: *max_chars });
            }
            Ok(Some(Answer::Text { question_id, text: scrub(text), flag: None }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::question::AnswerOption;
    use crate::domain::safeguarding::Concern;

    fn questions() -> Vec<Question> {
        let options = vec![
            AnswerOption { id: 11, label: "Yes".into() },
            AnswerOption { id: 12, label: "No".into() },
        ];
        vec![
            Question {
                id: QuestionId(1),
                prompt: "Single".into(),
                required: true,
                kind: QuestionKind::SingleChoice { options: options.clone() },
            },
            Question {
                id: QuestionId(2),
                prompt: "Multiple".into(),
                required: false,
                kind: QuestionKind::MultipleChoice { options },
            },
            Question {
                id: QuestionId(3),
                prompt: "Scale".into(),
                required: false,
                kind: QuestionKind::Scale { low_label: "low".into(), high_label: "high".into() },
            },
            Question {
                id: QuestionId(4),
                prompt: "Text".into(),
                required: false,
                kind: QuestionKind::FreeText { max_chars: 20 },
            },
        ]
    }

    fn form(pairs: &[(&str, &str)]) -> FormValues {
        FormValues(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    fn field_error(pairs: &[(&str, &str)], field: &str) -> Option<Problem> {
        parse(&questions(), &form(pairs)).unwrap_err().field(field)
    }

    #[test]
    fn a_complete_form_parses_with_scrubbed_text() {
        let submission = parse(
            &questions(),
            &form(&[
                ("token", "ignored here"),
                ("age_band", "13-15"),
                ("region", "arab_states"),
                ("gender", ""),
                ("q1", "11"),
                ("q2", "11"),
                ("q2", "12"),
                ("q3", "4"),
                ("q4", " mail a@b.org "),
            ]),
        )
        .unwrap();
        assert_eq!(submission.demographics.age_band, Some(AgeBand::From13To15));
        assert_eq!(submission.demographics.region, Some(Region::ArabStates));
        assert_eq!(submission.demographics.gender, None);
        assert_eq!(
            submission.answers,
            vec![
                Answer::Options { question_id: QuestionId(1), option_ids: vec![11] },
                Answer::Options { question_id: QuestionId(2), option_ids: vec![11, 12] },
                Answer::Scale { question_id: QuestionId(3), value: 4 },
                Answer::Text {
                    question_id: QuestionId(4),
                    text: scrub("mail [email removed]"),
                    flag: None
                },
            ]
        );
    }

    #[test]
    fn flagging_marks_only_text_that_may_disclose_harm() {
        let detector = Detector::from_lists(crate::domain::safeguarding::BUILT_IN).unwrap();
        let mut worrying =
            parse(&questions(), &form(&[("q1", "11"), ("q4", "I want to die")])).unwrap();
        assert!(worrying.flag_by_rules(&detector, Language::En));
        assert!(matches!(
            worrying.answers[1],
            Answer::Text { flag: Some(Flag { concern: Concern::SelfHarm, .. }), .. }
        ));
        let mut fine = parse(&questions(), &form(&[("q1", "11"), ("q4", "More privacy")])).unwrap();
        assert!(!fine.flag_by_rules(&detector, Language::En));
        assert!(fine.has_text(), "for meaning to read");
        assert!(fine.read_meaning(&detector).is_empty(), "no encoder: nothing read");
        assert!(!fine.flagged());
    }

    #[test]
    fn skipped_optional_questions_are_left_out() {
        let submission = parse(&questions(), &form(&[("q1", "12"), ("q4", "   ")])).unwrap();
        assert_eq!(
            submission.answers,
            vec![Answer::Options { question_id: QuestionId(1), option_ids: vec![12] }]
        );
    }

    #[test]
    fn a_missing_required_answer_is_a_field_error() {
        assert_eq!(field_error(&[("q3", "2")], "q1"), Some(Problem::Required));
    }

    #[test]
    fn an_option_of_another_question_is_refused() {
        assert_eq!(field_error(&[("q1", "99")], "q1"), Some(Problem::NotAnOption));
        assert_eq!(field_error(&[("q1", "eleven")], "q1"), Some(Problem::NotAnOption));
    }

    #[test]
    fn two_answers_to_a_single_choice_are_refused() {
        assert_eq!(field_error(&[("q1", "11"), ("q1", "12")], "q1"), Some(Problem::OnlyOne));
    }

    #[test]
    fn a_scale_value_outside_one_to_five_is_refused() {
        for bad in ["0", "6", "-1", "3.5", "x"] {
            assert_eq!(field_error(&[("q1", "11"), ("q3", bad)], "q3"), Some(Problem::NotAnOption));
        }
    }

    #[test]
    fn text_over_the_limit_is_refused_counting_characters_not_bytes() {
        let arabic_20 = "ع".repeat(20);
        assert!(parse(&questions(), &form(&[("q1", "11"), ("q4", &arabic_20)])).is_ok());
        let arabic_21 = "ع".repeat(21);
        assert_eq!(
            field_error(&[("q1", "11"), ("q4", &arabic_21)], "q4"),
            Some(Problem::TooLong { chars: 21, max: 20 })
        );
    }

    #[test]
    fn an_unknown_demographic_value_is_refused() {
        assert_eq!(
            field_error(&[("q1", "11"), ("region", "mars")], "region"),
            Some(Problem::NotAnOption)
        );
    }

    #[test]
    fn an_unknown_question_makes_the_form_out_of_date() {
        let errors = parse(&questions(), &form(&[("q1", "11"), ("q77", "x")])).unwrap_err();
        assert_eq!(errors.form, Some(Problem::OutOfDate));
    }

    #[test]
    fn an_empty_form_is_refused() {
        let optional: Vec<Question> =
            questions().into_iter().map(|q| Question { required: false, ..q }).collect();
        let errors = parse(&optional, &form(&[("age_band", "9-12")])).unwrap_err();
        assert_eq!(errors.form, Some(Problem::NothingAnswered));
    }

    mod hostile {
        use super::*;
        use proptest::prelude::*;

        /// Field names a form has, and names it never has.
        fn name() -> impl Strategy<Value = String> {
            prop_oneof![
                prop::sample::select(vec!["q1", "q2", "q3", "q4", AGE_BAND, REGION, GENDER, TOKEN])
                    .prop_map(str::to_owned),
                "q[0-9]{0,20}",
                ".{0,12}",
            ]
        }

        /// Values people send and values scripts send: option ids, numbers, text of any script.
        fn value() -> impl Strategy<Value = String> {
            prop_oneof![
                prop::sample::select(vec!["11", "12", "3", "9-12", "europe", "undisclosed", ""])
                    .prop_map(str::to_owned),
                "-?[0-9]{1,25}",
                "\\PC{0,40}",
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            /// Whatever arrives, the parser answers (no panic), and what it accepts is valid:
            /// only the questions' own options, scale values in range, text within its limit.
            #[test]
            fn any_posted_form_is_parsed_into_a_valid_submission_or_field_errors(
                pairs in prop::collection::vec((name(), value()), 0..16),
            ) {
                let questions = questions();
                match parse(&questions, &FormValues(pairs)) {
                    Ok(submission) => {
                        prop_assert!(!submission.answers.is_empty());
                        for answer in &submission.answers {
                            match answer {
                                Answer::Options { question_id, option_ids } => {
                                    prop_assert!([QuestionId(1), QuestionId(2)].contains(question_id));
                                    prop_assert!(option_ids.iter().all(|id| [11, 12].contains(id)));
                                    prop_assert!(*question_id == QuestionId(2) || option_ids.len() == 1);
                                }
                                Answer::Scale { value, .. } => prop_assert!(SCALE.contains(value)),
                                Answer::Text { text, .. } => {
                                    prop_assert!(text.as_str().chars().count() <= 20);
                                }
                            }
                        }
                    }
                    Err(errors) => {
                        prop_assert!(!errors.is_empty());
                        let known = [AGE_BAND, REGION, GENDER, "q1", "q2", "q3", "q4"];
                        prop_assert!(errors.fields.keys().all(|f| known.contains(&f.as_str())));
                    }
                }
            }

            /// Any body, bytes and all, reads as fields, and fields sent come back as sent.
            #[test]
            fn any_body_reads_as_the_fields_that_were_sent(
                pairs in prop::collection::vec((".{0,10}", "\\PC{0,20}"), 0..8),
                junk in ".{0,60}",
            ) {
                let _ = FormValues::from_urlencoded(&junk);
                let body = form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(&pairs)
                    .finish();
                prop_assert_eq!(FormValues::from_urlencoded(&body).0, pairs);
            }
        }
    }
}

//! The form an organizer fills in for one question, kept as typed, parsed into a [`Question`].

use serde::{Deserialize, Serialize};
use validator::Validate;

use super::ids::QuestionId;
use super::problem::{self, FieldProblems, Problem};
use super::question::{AnswerOption, Question, QuestionKind};

pub const MAX_OPTIONS: usize = 20;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct QuestionForm {
    /// `single_choice`, `multiple_choice`, `scale` or `free_text`
    pub kind: String,
    #[validate(length(min = 1, max = 500))]
    pub prompt: String,
    /// A checkbox: present ("on") when ticked.
    pub required: Option<String>,
    /// One option per line, for choice questions.
    pub options: String,
    pub low_label: String,
    pub high_label: String,
    pub max_chars: String,
}

impl QuestionForm {
    pub fn from_question(q: &Question) -> Self {
        let mut form = Self {
            kind: q.kind.key().into(),
            prompt: q.prompt.clone(),
            required: q.required.then(|| "on".to_owned()),
            max_chars: "1000".into(),
            ..Self::default()
        };
        match &q.kind {
            QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
                form.options =
                    options.iter().map(|o| o.label.as_str()).collect::<Vec<_>>().join("\n");
            }
            QuestionKind::Scale { low_label, high_label } => {
                form.low_label = low_label.clone();
                form.high_label = high_label.clone();
            }
            QuestionKind::FreeText { max_chars } => form.max_chars = max_chars.to_string(),
        }
        form
    }

    pub fn parse(&self) -> Result<Question, FieldProblems> {
        let prompt = self.prompt.trim();
        let trimmed = Self { prompt: prompt.to_owned(), ..self.clone() };
        let mut errors = problem::found(trimmed.validate(), |_| Problem::Prompt);
        let options = || -> Vec<AnswerOption> {
            self.options
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|label| AnswerOption { id: 0, label: label.to_owned() })
                .collect()
        };
        let kind = match self.kind.as_str() {
            "single_choice" | "multiple_choice" => {
                let options = options();
                if !(2..=MAX_OPTIONS).contains(&options.len())
                    || options.iter().any(|o| o.label.chars().count() > 200)
                {
                    errors.insert("options".into(), Problem::Options);
                }
                if self.kind == "single_choice" {
                    QuestionKind::SingleChoice { options }
                } else {
                    QuestionKind::MultipleChoice { options }
                }
            }
            "scale" => {
                let (low, high) = (self.low_label.trim(), self.high_label.trim());
                if low.is_empty() || high.is_empty() {
                    errors.insert("labels".into(), Problem::ScaleLabels);
                }
                QuestionKind::Scale { low_label: low.to_owned(), high_label: high.to_owned() }
            }
            "free_text" => {
                let max_chars =
                    self.max_chars.trim().parse().ok().filter(|n| (1..=5000).contains(n));
                if max_chars.is_none() {
                    errors.insert("max_chars".into(), Problem::MaxChars);
                }
                QuestionKind::FreeText { max_chars: max_chars.unwrap_or(1000) }
            }
            _ => {
                errors.insert("kind".into(), Problem::Kind);
                QuestionKind::FreeText { max_chars: 1000 }
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Question {
            id: QuestionId(0),
            prompt: prompt.to_owned(),
            required: self.required.is_some(),
            kind,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(kind: &str) -> QuestionForm {
        QuestionForm {
            kind: kind.into(),
            prompt: "How?".into(),
            max_chars: "300".into(),
            ..Default::default()
        }
    }

    #[test]
    fn each_kind_parses() {
        let choice = QuestionForm {
            options: " Yes \n\nNo\n".into(),
            required: Some("on".into()),
            ..form("single_choice")
        };
        let q = choice.parse().unwrap();
        assert!(q.required);
        assert_eq!(
            q.kind.options().iter().map(|o| o.label.as_str()).collect::<Vec<_>>(),
            ["Yes", "No"]
        );
        let scale = QuestionForm {
            low_label: "never".into(),
            high_label: "always".into(),
            ..form("scale")
        };
        assert!(matches!(scale.parse().unwrap().kind, QuestionKind::Scale { .. }));
        assert_eq!(
            form("free_text").parse().unwrap().kind,
            QuestionKind::FreeText { max_chars: 300 }
        );
    }

    #[test]
    fn incomplete_questions_get_field_errors() {
        let one_option = QuestionForm { options: "Only".into(), ..form("multiple_choice") };
        assert!(one_option.parse().unwrap_err().contains_key("options"));
        assert!(form("scale").parse().unwrap_err().contains_key("labels"));
        let no_prompt = QuestionForm { prompt: "  ".into(), ..form("free_text") };
        assert!(no_prompt.parse().unwrap_err().contains_key("prompt"));
        assert!(form("essay").parse().unwrap_err().contains_key("kind"));
    }

    #[test]
    fn a_stored_question_comes_back_as_the_same_question() {
        let q =
            QuestionForm { options: "A\nB\nC".into(), ..form("multiple_choice") }.parse().unwrap();
        assert_eq!(QuestionForm::from_question(&q).parse().unwrap(), q);
    }
}

use serde::{Deserialize, Serialize};

use super::ids::QuestionId;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: QuestionId,
    pub prompt: String,
    pub required: bool,
    pub kind: QuestionKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    SingleChoice {
        options: Vec<AnswerOption>,
    },
    MultipleChoice {
        options: Vec<AnswerOption>,
    },
    /// A 1–5 scale with labels for its two ends.
    Scale {
        low_label: String,
        high_label: String,
    },
    FreeText {
        max_chars: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerOption {
    pub id: i64,
    pub label: String,
}

pub const SCALE: std::ops::RangeInclusive<u8> = 1..=5;

impl Question {
    /// The form field that carries this question's answer.
    pub fn field(&self) -> String {
        field_name(self.id)
    }
}

pub fn field_name(question_id: QuestionId) -> String {
    format!("q{question_id}")
}

impl QuestionKind {
    /// The name stored in the database (checked by a constraint there).
    pub fn key(&self) -> &'static str {
        match self {
            Self::SingleChoice { .. } => "single_choice",
            Self::MultipleChoice { .. } => "multiple_choice",
            Self::Scale { .. } => "scale",
            Self::FreeText { .. } => "free_text",
        }
    }

    pub fn options(&self) -> &[AnswerOption] {
        match self {
            Self::SingleChoice { options } | Self::MultipleChoice { options } => options,
            Self::Scale { .. } | Self::FreeText { .. } => &[],
        }
    }
}

//! What staff (or the command line) did, as the append-only audit log records it. Each action is
//! stored by its key, which is also how the log reads to staff: the words written since the
//! first version, so older entries read the same.

use super::ids::AnswerId;
use super::keyed::keyed;

keyed! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum AuditAction {
        SignedIn => "signed in",
        SignedOut => "signed out",
        SetUpSecondFactor => "set up second factor",
        UsedRecoveryCode => "used a recovery code",
        ResetSecondFactor => "reset second factor",
        CreatedAccount => "created account",
        DeactivatedAccount => "deactivated account",
        ResetPassword => "reset password",
        RequiredSecondFactor => "required second factor",
        WaivedSecondFactor => "waived second factor",
        CreatedConsultation => "created consultation",
        EditedConsultation => "edited consultation",
        ClosedEarly => "closed consultation early",
        Extended => "extended consultation",
        AddedQuestion => "added question",
        EditedQuestion => "edited question",
        MovedQuestion => "moved question",
        RemovedQuestion => "removed question",
        Translated => "translated consultation",
        WroteFollowUp => "wrote what happened next",
        WroteBrief => "wrote the brief",
        TookDownFollowUp => "took down what happened next",
        AddedPartnerCode => "added partner code",
        RetiredPartnerCode => "retired partner code",
        ChangedHelplines => "changed helplines",
        PublishedSummary => "published summary",
        PurgedAnswers => "purged answers",
        ApprovedAnswer => "approved answer",
        RejectedAnswer => "rejected answer",
        RejectedSpam => "rejected response as spam",
        TookBackFromSpam => "took response back from spam",
        RedactedAnswer => "redacted answer",
        TaggedAnswer => "tagged answer",
        UntaggedAnswer => "untagged answer",
        MarkedQuote => "marked answer as quote",
        UnmarkedQuote => "unmarked answer as quote",
        FlaggedAnswer => "flagged answer",
        ClearedFlag => "cleared flag on answer",
        ReleasedHeldGroup => "released held group",
        ConfirmedHeldGroup => "confirmed held group as not genuine",
        AcceptedTheme => "accepted theme suggestion",
        UndidTheme => "undid theme suggestion",
        MovedTheme => "moved answers to another theme",
        DroppedTheme => "dropped theme",
        UndidThemeChange => "undid theme change",
    }
}

impl AuditAction {
    /// What moderators do to answers, responses and held groups: a moderator's history.
    pub const MODERATION: [Self; 18] = [
        Self::ApprovedAnswer,
        Self::RejectedAnswer,
        Self::RejectedSpam,
        Self::TookBackFromSpam,
        Self::RedactedAnswer,
        Self::TaggedAnswer,
        Self::UntaggedAnswer,
        Self::MarkedQuote,
        Self::UnmarkedQuote,
        Self::FlaggedAnswer,
        Self::ClearedFlag,
        Self::ReleasedHeldGroup,
        Self::ConfirmedHeldGroup,
        Self::AcceptedTheme,
        Self::UndidTheme,
        Self::MovedTheme,
        Self::DroppedTheme,
        Self::UndidThemeChange,
    ];

    /// The actions that count as a decision on an answer.
    pub const DECISIONS: [Self; 3] =
        [Self::ApprovedAnswer, Self::RejectedAnswer, Self::RejectedSpam];
}

/// Who or what an entry is about: stored as the text people read, and the answer a moderation
/// entry touched in a column of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject<'a> {
    /// A staff account, by its e-mail address.
    Account(&'a str),
    /// A consultation, by its address.
    Consultation(&'a str),
    /// The site's own settings (the helplines).
    Site,
    Answer(AnswerId),
    /// A whole response, changed through one of its answers.
    Response {
        response_id: i64,
        answer_id: AnswerId,
    },
    /// Responses the integrity checks held back together.
    HeldGroup {
        consultation_id: i64,
        group: i64,
    },
    /// A decision on a theme: every answer it tagged (a suggestion accepted) or moved.
    ThemeDecision(i64),
    /// A theme itself (its name respelled).
    Theme(i64),
}

impl Subject<'_> {
    pub fn text(self) -> String {
        match self {
            Self::Account(name) | Self::Consultation(name) => name.to_owned(),
            Self::Site => String::new(),
            Self::Answer(id) => format!("answer {id}"),
            Self::Response { response_id, answer_id } => {
                format!("response {response_id} (answer {answer_id})")
            }
            Self::HeldGroup { consultation_id, group } => {
                format!("held group {group} of consultation {consultation_id}")
            }
            Self::ThemeDecision(id) => format!("theme decision {id}"),
            Self::Theme(id) => format!("theme {id}"),
        }
    }

    pub fn answer_id(self) -> Option<AnswerId> {
        match self {
            Self::Answer(id) | Self::Response { answer_id: id, .. } => Some(id),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_its_own_words_and_decisions_are_moderation() {
        let mut keys: Vec<_> = AuditAction::ALL.iter().map(|a| a.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), AuditAction::ALL.len());
        assert!(AuditAction::DECISIONS.iter().all(|d| AuditAction::MODERATION.contains(d)));
        assert!(!AuditAction::MODERATION.contains(&AuditAction::SignedIn));
    }

    #[test]
    fn a_subject_reads_as_before_and_names_the_answer_it_touched() {
        let response = Subject::Response { response_id: 3, answer_id: AnswerId(12) };
        assert_eq!(response.text(), "response 3 (answer 12)");
        assert_eq!(response.answer_id(), Some(AnswerId(12)));
        assert_eq!(
            (Subject::Answer(AnswerId(7)).text(), Subject::Answer(AnswerId(7)).answer_id()),
            ("answer 7".into(), Some(AnswerId(7)))
        );
        assert_eq!(Subject::Consultation("demo").answer_id(), None);
        assert_eq!(Subject::Site.text(), "");
    }
}

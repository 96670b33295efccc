//! What staff (or the command line) did, as the append-only audit log records it. Each action is
//! stored by its key, which is also how the log reads to staff: the words written since the
//! first version, so older entries read the same.

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
    }
}

impl AuditAction {
    /// What moderators do to answers, responses and held groups: a moderator's history.
    pub const MODERATION: [Self; 13] = [
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
    ];

    /// The actions that count as a decision on an answer.
    pub const DECISIONS: [Self; 3] =
        [Self::ApprovedAnswer, Self::RejectedAnswer, Self::RejectedSpam];
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
}

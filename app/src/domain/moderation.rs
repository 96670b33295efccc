//! Moderation rules: what a moderator may decide about one free-text answer, how a posted review
//! is read, and which changes it makes (each one is a line in the audit log).

use serde::{Deserialize, Serialize};

use super::audit::AuditAction;
use super::ids::QuestionId;
use super::keyed::keyed;
use super::problem::Problem;
use super::safeguarding::Concern;

/// How long an opened answer stays reserved for the moderator who opened it.
pub const CLAIM_SECONDS: i64 = 5 * 60;
/// Longest name of a theme, in characters.
pub const THEME_MAX_CHARS: usize = 60;
/// A redaction may shorten an answer, never make it longer than answers may be.
pub const TEXT_MAX_CHARS: usize = 5000;

keyed! {
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Status {
        #[default]
        Pending => "pending",
        Approved => "approved",
        Rejected => "rejected",
    }
}

keyed! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum RejectReason {
        OffTopic => "off_topic",
        Abusive => "abusive",
        Spam => "spam",
        PersonalInformation => "personal_information",
        Duplicate => "duplicate",
    }
}

impl RejectReason {
    pub fn label(self) -> &'static str {
        match self {
            Self::OffTopic => "Off topic",
            Self::Abusive => "Abusive",
            Self::Spam => "Spam",
            Self::PersonalInformation => "Personal information",
            Self::Duplicate => "Duplicate",
        }
    }

    /// The digit key that rejects with this reason: 1 to 5, in the order of `ALL`.
    pub fn shortcut(self) -> char {
        let position = Self::ALL.iter().position(|r| *r == self).unwrap_or_default();
        char::from(b'1' + position as u8)
    }
}

keyed! {
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub enum FlagFilter {
        #[default]
        Any => "any",
        Flagged => "flagged",
        Unflagged => "unflagged",
    }
}

/// Which answers a moderator is working through; carried in the query string so every link and
/// form keeps it. Unknown values read as "all".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    pub consultation: Option<i64>,
    pub question: Option<QuestionId>,
    pub flag: FlagFilter,
    pub status: Status,
}

impl QueueFilter {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            consultation: get("consultation").and_then(|v| v.parse().ok()),
            question: get("question").and_then(|v| v.parse().ok()),
            flag: get("flag").and_then(|v| FlagFilter::parse(&v)).unwrap_or_default(),
            status: get("status").and_then(|v| Status::parse(&v)).unwrap_or_default(),
        }
    }

    /// Whether an answer of this consultation and question, flagged or not, is under the filter
    /// (its status aside).
    pub fn admits(&self, consultation: i64, question: QuestionId, flagged: bool) -> bool {
        self.consultation.is_none_or(|c| c == consultation)
            && self.question.is_none_or(|q| q == question)
            && match self.flag {
                FlagFilter::Any => true,
                FlagFilter::Flagged => flagged,
                FlagFilter::Unflagged => !flagged,
            }
    }

    /// `status=pending&flag=any`, then the ids that are set.
    pub fn query(&self) -> String {
        let mut query = format!("status={}&flag={}", self.status.key(), self.flag.key());
        if let Some(id) = self.consultation {
            query.push_str(&format!("&consultation={id}"));
        }
        if let Some(id) = self.question {
            query.push_str(&format!("&question={id}"));
        }
        query
    }
}

/// What the moderator pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Approve,
    Reject(RejectReason),
    /// The whole response is spam: all its answers are rejected and its choices stop counting.
    SpamResponse,
    /// Save themes, quote, text and concern; leave the status as it is.
    Save,
}

impl Decision {
    pub fn key(self) -> String {
        match self {
            Self::Approve => "approve".to_owned(),
            Self::Reject(reason) => format!("reject:{}", reason.key()),
            Self::SpamResponse => "spam_response".to_owned(),
            Self::Save => "save".to_owned(),
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        match key {
            "approve" => Some(Self::Approve),
            "spam_response" => Some(Self::SpamResponse),
            "save" => Some(Self::Save),
            _ => key.strip_prefix("reject:").and_then(RejectReason::parse).map(Self::Reject),
        }
    }
}

/// An answer's moderation state: what a review starts from and what it ends with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewState {
    pub text: String,
    pub status: Status,
    pub reason: Option<RejectReason>,
    pub concern: Option<Concern>,
    pub quote: bool,
    /// Names of the themes the answer is tagged with, sorted.
    pub themes: Vec<String>,
}

/// A review as posted: form fields in order (checkboxes repeat, so not a map).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewForm {
    pub decision: String,
    pub text: String,
    /// Ticked existing themes and new ones typed, comma-separated.
    pub themes: Vec<String>,
    pub new_themes: String,
    pub quote: bool,
    /// A `Concern` key, or empty for none.
    pub concern: String,
}

impl ReviewForm {
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut form = Self::default();
        for (name, value) in pairs {
            match name.as_str() {
                "decision" => form.decision = value.clone(),
                "text" => form.text = value.clone(),
                "theme" => form.themes.push(value.clone()),
                "new_themes" => form.new_themes = value.clone(),
                "quote" => form.quote = true,
                "concern" => form.concern = value.clone(),
                _ => {}
            }
        }
        form
    }
}

/// Reads a posted review against the answer's current state into the state it asks for.
pub fn review(before: &ReviewState, form: &ReviewForm) -> Result<(Decision, ReviewState), Problem> {
    let decision = Decision::parse(&form.decision).ok_or(Problem::NoDecision)?;
    let text = form.text.trim();
    if text.is_empty() {
        return Err(Problem::EmptyText);
    }
    if text.chars().count() > TEXT_MAX_CHARS {
        return Err(Problem::AnswerTooLong);
    }
    let concern = match form.concern.as_str() {
        "" => None,
        key => Some(Concern::parse(key).ok_or(Problem::UnknownConcern)?),
    };
    let themes =
        theme_names(form.themes.iter().map(String::as_str).chain(form.new_themes.split(',')))?;
    let (status, reason) = match decision {
        Decision::Approve => (Status::Approved, None),
        Decision::Reject(reason) => (Status::Rejected, Some(reason)),
        Decision::SpamResponse => (Status::Rejected, Some(RejectReason::Spam)),
        Decision::Save => (before.status, before.reason),
    };
    if form.quote && status != Status::Approved {
        return Err(Problem::QuoteNotApproved);
    }
    if form.quote && concern.is_some() {
        return Err(Problem::QuoteFlagged);
    }
    let after =
        ReviewState { text: text.to_owned(), status, reason, concern, quote: form.quote, themes };
    Ok((decision, after))
}

/// Trimmed, inner spaces collapsed, without empties, one of each (ignoring case), sorted.
fn theme_names<'a>(names: impl Iterator<Item = &'a str>) -> Result<Vec<String>, Problem> {
    let mut themes: Vec<String> = Vec::new();
    for name in names {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            continue;
        }
        if name.chars().count() > THEME_MAX_CHARS {
            return Err(Problem::ThemeTooLong);
        }
        if !themes.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
            themes.push(name);
        }
    }
    themes.sort_by_key(|t| t.to_lowercase());
    Ok(themes)
}

/// One change a review makes; each becomes an audit entry (never with the answer's text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Approved,
    Rejected(RejectReason),
    /// The whole response was rejected as spam.
    SpamResponse,
    Redacted,
    Tagged(String),
    Untagged(String),
    Quoted,
    Unquoted,
    Flagged(Concern),
    Cleared(Concern),
}

impl Change {
    /// The audit log's action and detail.
    pub fn audit(&self) -> (AuditAction, String) {
        use AuditAction as A;
        match self {
            Self::Approved => (A::ApprovedAnswer, String::new()),
            Self::Rejected(reason) => (A::RejectedAnswer, reason.key().to_owned()),
            Self::SpamResponse => (A::RejectedSpam, String::new()),
            Self::Redacted => (A::RedactedAnswer, String::new()),
            Self::Tagged(theme) => (A::TaggedAnswer, theme.clone()),
            Self::Untagged(theme) => (A::UntaggedAnswer, theme.clone()),
            Self::Quoted => (A::MarkedQuote, String::new()),
            Self::Unquoted => (A::UnmarkedQuote, String::new()),
            Self::Flagged(concern) => (A::FlaggedAnswer, concern.key().to_owned()),
            Self::Cleared(concern) => (A::ClearedFlag, concern.key().to_owned()),
        }
    }
}

/// What going from `before` to `after` by `decision` changes, in the order it is logged.
pub fn changes(before: &ReviewState, decision: Decision, after: &ReviewState) -> Vec<Change> {
    let mut changes = Vec::new();
    match decision {
        Decision::SpamResponse => changes.push(Change::SpamResponse),
        // Deciding again the same way is a decision too: it is who confirmed it.
        Decision::Approve => changes.push(Change::Approved),
        Decision::Reject(reason) => changes.push(Change::Rejected(reason)),
        Decision::Save => {}
    }
    if before.text != after.text {
        changes.push(Change::Redacted);
    }
    let has =
        |themes: &[String], t: &String| themes.iter().any(|x| x.to_lowercase() == t.to_lowercase());
    changes.extend(
        after.themes.iter().filter(|t| !has(&before.themes, t)).cloned().map(Change::Tagged),
    );
    changes.extend(
        before.themes.iter().filter(|t| !has(&after.themes, t)).cloned().map(Change::Untagged),
    );
    match (before.quote, after.quote) {
        (false, true) => changes.push(Change::Quoted),
        (true, false) => changes.push(Change::Unquoted),
        _ => {}
    }
    match (before.concern, after.concern) {
        (old, Some(new)) if old != Some(new) => changes.push(Change::Flagged(new)),
        (Some(old), None) => changes.push(Change::Cleared(old)),
        _ => {}
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(text: &str) -> ReviewState {
        ReviewState {
            text: text.to_owned(),
            status: Status::Pending,
            reason: None,
            concern: None,
            quote: false,
            themes: vec![],
        }
    }

    fn form(decision: &str, text: &str) -> ReviewForm {
        ReviewForm { decision: decision.to_owned(), text: text.to_owned(), ..ReviewForm::default() }
    }

    #[test]
    fn decisions_round_trip_and_unknown_ones_are_refused() {
        let all = [Decision::Approve, Decision::SpamResponse, Decision::Save]
            .into_iter()
            .chain(RejectReason::ALL.map(Decision::Reject));
        for decision in all {
            assert_eq!(Decision::parse(&decision.key()), Some(decision));
        }
        assert_eq!(Decision::parse("reject:rude"), None);
        assert_eq!(Decision::parse(""), None);
    }

    #[test]
    fn filters_survive_the_query_string_and_garbage_reads_as_all() {
        let filter = QueueFilter {
            consultation: Some(7),
            question: None,
            flag: FlagFilter::Flagged,
            status: Status::Approved,
        };
        let query = filter.query();
        let get = |name: &str| {
            query.split('&').find_map(|kv| kv.strip_prefix(&format!("{name}="))).map(str::to_owned)
        };
        assert_eq!(QueueFilter::from_query(get), filter);
        let garbage = |_: &str| Some("x'; DROP".to_owned());
        assert_eq!(QueueFilter::from_query(garbage), QueueFilter::default());
    }

    #[test]
    fn a_filter_admits_only_its_consultation_question_and_flag() {
        let all = QueueFilter::default();
        assert!(all.admits(1, QuestionId(2), true) && all.admits(1, QuestionId(2), false));
        let narrow = QueueFilter {
            consultation: Some(1),
            question: Some(QuestionId(2)),
            flag: FlagFilter::Unflagged,
            ..all
        };
        assert!(narrow.admits(1, QuestionId(2), false));
        assert!(!narrow.admits(1, QuestionId(2), true));
        assert!(!narrow.admits(9, QuestionId(2), false));
        assert!(!narrow.admits(1, QuestionId(9), false));
        assert!(QueueFilter { flag: FlagFilter::Flagged, ..all }.admits(5, QuestionId(5), true));
    }

    #[test]
    fn reasons_have_the_digit_keys_one_to_five() {
        let keys: String = RejectReason::ALL.iter().map(|r| r.shortcut()).collect();
        assert_eq!(keys, "12345");
    }

    #[test]
    fn form_fields_are_read_with_repeated_themes() {
        let pairs: Vec<(String, String)> = [
            ("decision", "approve"),
            ("text", "x"),
            ("theme", "Privacy"),
            ("theme", "Safety"),
            ("quote", "on"),
            ("concern", ""),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let read = ReviewForm::from_pairs(&pairs);
        assert_eq!(read.themes, ["Privacy", "Safety"]);
        assert!(read.quote);
        assert_eq!(read.decision, "approve");
    }

    #[test]
    fn approving_with_an_edit_is_a_redaction_and_keeps_only_the_edit() {
        let before = pending("My name is Sam and apps should ask before sharing photos");
        let (decision, after) = review(
            &before,
            &form("approve", "  [name removed] apps should ask before sharing photos "),
        )
        .unwrap();
        assert_eq!(after.status, Status::Approved);
        assert_eq!(after.text, "[name removed] apps should ask before sharing photos");
        assert_eq!(changes(&before, decision, &after), [Change::Approved, Change::Redacted]);
    }

    #[test]
    fn rejecting_records_the_reason_and_save_keeps_the_status() {
        let before = pending("buy followers");
        let (_, rejected) = review(&before, &form("reject:spam", "buy followers")).unwrap();
        assert_eq!(
            (rejected.status, rejected.reason),
            (Status::Rejected, Some(RejectReason::Spam))
        );
        let (decision, saved) = review(&rejected, &form("save", "buy followers")).unwrap();
        assert_eq!((saved.status, saved.reason), (Status::Rejected, Some(RejectReason::Spam)));
        assert!(changes(&rejected, decision, &saved).is_empty());
        let (_, spam) = review(&before, &form("spam_response", "buy followers")).unwrap();
        assert_eq!(spam.reason, Some(RejectReason::Spam));
    }

    #[test]
    fn themes_are_tidied_deduplicated_and_diffed() {
        let mut before = pending("x");
        before.themes = vec!["Privacy".to_owned(), "School".to_owned()];
        let mut posted = form("save", "x");
        posted.themes = vec!["privacy".to_owned()];
        posted.new_themes = " Online   safety , ,PRIVACY, Games".to_owned();
        let (decision, after) = review(&before, &posted).unwrap();
        assert_eq!(after.themes, ["Games", "Online safety", "privacy"]);
        assert_eq!(
            changes(&before, decision, &after),
            [
                Change::Tagged("Games".to_owned()),
                Change::Tagged("Online safety".to_owned()),
                Change::Untagged("School".to_owned())
            ]
        );
    }

    #[test]
    fn a_quote_must_be_approved_and_unflagged() {
        let before = pending("x");
        let mut posted = form("reject:off_topic", "x");
        posted.quote = true;
        assert_eq!(review(&before, &posted), Err(Problem::QuoteNotApproved));
        posted.decision = "approve".to_owned();
        posted.concern = "bullying".to_owned();
        assert_eq!(review(&before, &posted), Err(Problem::QuoteFlagged));
        posted.concern.clear();
        let (decision, after) = review(&before, &posted).unwrap();
        assert!(after.quote);
        assert_eq!(changes(&before, decision, &after), [Change::Approved, Change::Quoted]);
    }

    #[test]
    fn flags_can_be_raised_changed_and_cleared() {
        let before = pending("x");
        let mut posted = form("save", "x");
        posted.concern = "self_harm".to_owned();
        let (d, flagged) = review(&before, &posted).unwrap();
        assert_eq!(changes(&before, d, &flagged), [Change::Flagged(Concern::SelfHarm)]);
        posted.concern.clear();
        let (d, cleared) = review(&flagged, &posted).unwrap();
        assert_eq!(changes(&flagged, d, &cleared), [Change::Cleared(Concern::SelfHarm)]);
        posted.concern = "danger".to_owned();
        assert_eq!(review(&before, &posted), Err(Problem::UnknownConcern));
    }

    #[test]
    fn bad_input_is_refused_with_its_reason() {
        let before = pending("x");
        assert_eq!(review(&before, &form("", "x")), Err(Problem::NoDecision));
        assert_eq!(review(&before, &form("approve", "  ")), Err(Problem::EmptyText));
        let long = "é".repeat(TEXT_MAX_CHARS + 1);
        assert_eq!(review(&before, &form("approve", &long)), Err(Problem::AnswerTooLong));
        let mut posted = form("save", "x");
        posted.new_themes = "t".repeat(THEME_MAX_CHARS + 1);
        assert_eq!(review(&before, &posted), Err(Problem::ThemeTooLong));
    }

    mod hostile {
        use super::*;
        use proptest::prelude::*;

        fn filter() -> impl Strategy<Value = QueueFilter> {
            (
                proptest::option::of(any::<i64>()),
                proptest::option::of(any::<i64>().prop_map(QuestionId)),
                prop::sample::select(FlagFilter::ALL.to_vec()),
                prop::sample::select(Status::ALL.to_vec()),
            )
                .prop_map(|(consultation, question, flag, status)| QueueFilter {
                    consultation,
                    question,
                    flag,
                    status,
                })
        }

        fn read(query: &str) -> QueueFilter {
            let pairs: Vec<(String, String)> =
                form_urlencoded::parse(query.as_bytes()).into_owned().collect();
            QueueFilter::from_query(|name| {
                pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            /// Every link and form carries the filter in its query: it reads back the same.
            #[test]
            fn a_filter_survives_its_own_query_string(filter in filter()) {
                prop_assert_eq!(read(&filter.query()), filter);
            }

            /// Whatever a query string holds, the filter reads (no panic) and, written out again,
            /// holds only known values and numbers.
            #[test]
            fn any_query_string_reads_as_some_filter(query in "\\PC{0,80}") {
                let filter = read(&query);
                prop_assert_eq!(read(&filter.query()), filter);
            }

            /// Any review form, however tampered, is a decision or a message; never a panic.
            #[test]
            fn any_review_form_is_decided_or_refused_with_a_reason(
                pairs in prop::collection::vec(
                    (prop::sample::select(vec!["decision", "text", "theme", "new_themes", "quote", "concern", "x"]),
                     "\\PC{0,30}"),
                    0..10,
                ),
            ) {
                let pairs: Vec<(String, String)> =
                    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
                let before = ReviewState {
                    text: "original".into(),
                    status: Status::Pending,
                    reason: None,
                    concern: None,
                    quote: false,
                    themes: vec![],
                };
                if let Ok((_, after)) = review(&before, &ReviewForm::from_pairs(&pairs)) {
                    prop_assert!(!(after.quote && after.status != Status::Approved));
                    prop_assert!(!(after.quote && after.concern.is_some()));
                }
            }
        }
    }
}

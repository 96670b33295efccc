//! From counts to the summary. Every number passes through the minimum cell size; breakdowns are
//! protected together with the participation lists and answer counts they add up to.

use std::collections::{BTreeMap, HashMap};

use super::{
    About, Breakdown, Dimension, Group, GroupCount, Method, Part, QuestionResult, QuestionSummary,
    Summary,
};
use crate::domain::demographics::{AgeBand, Choice, Gender, Region};
use crate::domain::language::Language;
use crate::domain::moderation::RejectReason;
use crate::domain::question::{Question, QuestionKind};
use crate::domain::suppression::{Shown, alone, hidden, protect_list};

use super::choices::choice;
use super::tallies::{ParticipantTally, Profile, ReviewTally, Tallies};
use super::texts::text;

pub fn aggregate(about: About, k: u64, questions: &[Question], tallies: &Tallies) -> Summary {
    let n: u64 = tallies.participants.iter().map(|p| p.count).sum();
    let approved: u64 = tallies.approved.iter().map(|(_, n)| n).sum();
    if n < k {
        // Nothing can be shown about so few.
        let (participants, questions) = (alone(n, k), vec![]);
        let method = method(&tallies.reviews, alone(approved, k), k);
        let participation = vec![];
        let translations = BTreeMap::new();
        return Summary {
            about,
            brief: None,
            k,
            participants,
            participation,
            questions,
            method,
            translations,
        };
    }
    let lists: Vec<GroupList> =
        Dimension::ALL.into_iter().map(|d| GroupList::new(d, &tallies.participants, k)).collect();
    let participation = lists.iter().map(GroupList::breakdown).collect();
    let breakdowns: Vec<&GroupList> =
        lists.iter().filter(|l| Dimension::BREAKDOWNS.contains(&l.dimension)).collect();
    let questions = questions
        .iter()
        .map(|q| QuestionSummary {
            prompt: q.prompt.clone(),
            result: match &q.kind {
                QuestionKind::FreeText { .. } => {
                    QuestionResult::Text(text(q.id, tallies, &lists, k))
                }
                kind => QuestionResult::Choice(choice(q.id, kind, tallies, n, &breakdowns, k)),
            },
        })
        .collect::<Vec<_>>();
    // A total over questions whose own counts are hidden would give their sum away.
    let each_shown = questions.iter().all(|q| match &q.result {
        QuestionResult::Text(t) => t.approved.count().is_some(),
        QuestionResult::Choice(_) => true,
    });
    let approved = if each_shown { alone(approved, k) } else { hidden(approved, k) };
    let method = method(&tallies.reviews, approved, k);
    let (participants, translations) = (Shown::Count(n), BTreeMap::new());
    Summary { about, brief: None, k, participants, participation, questions, method, translations }
}

/// Participants by the groups of one dimension, protected as a list with its total.
pub(super) struct GroupList {
    pub(super) dimension: Dimension,
    pub(super) groups: Vec<Group>,
    counts: Vec<u64>,
    /// `None` when the list cannot be shown safely at all.
    shown: Option<Vec<Shown>>,
}

impl GroupList {
    fn new(dimension: Dimension, participants: &[ParticipantTally], k: u64) -> Self {
        let mut by_group: HashMap<Group, u64> = HashMap::new();
        for p in participants {
            *by_group.entry(group_of(dimension, &p.profile)).or_default() += p.count;
        }
        let groups = groups(dimension, participants);
        let counts: Vec<u64> =
            groups.iter().map(|g| by_group.get(g).copied().unwrap_or(0)).collect();
        let shown = protect_list(&counts, k);
        Self { dimension, groups, counts, shown }
    }

    /// The list as shown, unless it is left out.
    pub(super) fn shown(&self) -> Option<&[Shown]> {
        self.shown.as_deref().filter(|shown| !mostly_hidden(&self.counts, shown))
    }

    fn breakdown(&self) -> Breakdown<Vec<GroupCount>> {
        let part = match self.shown() {
            None => Part::LeftOut,
            Some(shown) => {
                let rows = self.groups.iter().zip(shown);
                Part::Shown(rows.map(|(&group, &count)| GroupCount { group, count }).collect())
            }
        };
        Breakdown { dimension: self.dimension, part }
    }

    pub(super) fn size(&self, group: Group) -> u64 {
        self.groups.iter().position(|g| *g == group).map_or(0, |i| self.counts[i])
    }

    pub(super) fn size_of(&self, groups: &[Group]) -> u64 {
        groups.iter().map(|&g| self.size(g)).sum()
    }

    /// The columns a breakdown by this dimension shows: groups shown in the list (empty ones
    /// left out), then the hidden ones together, so no column total is a hidden count.
    pub(super) fn columns(&self, shown: &[Shown]) -> Vec<Column> {
        let mut columns = vec![];
        let mut smaller = vec![];
        for ((&group, &count), shown) in self.groups.iter().zip(&self.counts).zip(shown) {
            match shown {
                Shown::Count(0) => {}
                Shown::Count(_) => columns.push(Column { group, members: vec![group] }),
                Shown::FewerThanK | Shown::Hidden if count > 0 => smaller.push(group),
                Shown::FewerThanK | Shown::Hidden => {}
            }
        }
        if !smaller.is_empty() {
            columns.push(Column { group: Group::Smaller, members: smaller });
        }
        columns
    }
}

/// A column of a breakdown: one group, or the small ones together.
pub(super) struct Column {
    pub(super) group: Group,
    pub(super) members: Vec<Group>,
}

/// More than half of the non-empty groups could not be shown.
pub(super) fn mostly_hidden(counts: &[u64], shown: &[Shown]) -> bool {
    let non_empty = counts.iter().filter(|&&c| c > 0).count();
    let hidden = shown.iter().filter(|s| s.count().is_none()).count();
    hidden * 2 > non_empty
}

fn group_of(dimension: Dimension, p: &Profile) -> Group {
    match dimension {
        Dimension::AgeBand => age_group(p.age_band),
        Dimension::Region => region_group(p.region),
        Dimension::Gender => {
            stated(p.gender, Gender::Undisclosed).map_or(Group::NotStated, Group::Gender)
        }
        Dimension::Language => Group::Language(p.language),
        Dimension::Hour => Group::Hour(p.hour),
    }
}

pub(super) fn age_group(a: Option<AgeBand>) -> Group {
    stated(a, AgeBand::Undisclosed).map_or(Group::NotStated, Group::AgeBand)
}

pub(super) fn region_group(r: Option<Region>) -> Group {
    stated(r, Region::Undisclosed).map_or(Group::NotStated, Group::Region)
}

fn stated<C: PartialEq>(value: Option<C>, undisclosed: C) -> Option<C> {
    value.filter(|v| *v != undisclosed)
}

/// Every group of a dimension, in a fixed order; hours from the first answer to the last.
fn groups(dimension: Dimension, participants: &[ParticipantTally]) -> Vec<Group> {
    fn stated_then_not<C: Choice + PartialEq>(undisclosed: C, group: fn(C) -> Group) -> Vec<Group> {
        let stated = C::ALL.iter().copied().filter(|c| *c != undisclosed).map(group);
        stated.chain([Group::NotStated]).collect()
    }
    match dimension {
        Dimension::AgeBand => stated_then_not(AgeBand::Undisclosed, Group::AgeBand),
        Dimension::Region => stated_then_not(Region::Undisclosed, Group::Region),
        Dimension::Gender => stated_then_not(Gender::Undisclosed, Group::Gender),
        Dimension::Language => Language::ALL.into_iter().map(Group::Language).collect(),
        Dimension::Hour => {
            let hours = participants.iter().map(|p| p.profile.hour);
            match (hours.clone().min(), hours.max()) {
                (Some(first), Some(last)) => {
                    (first..=last).step_by(3600).map(Group::Hour).collect()
                }
                _ => vec![],
            }
        }
    }
}

/// Counts of moderation, each alone: the number of free-text answers they add up to is not shown.
fn method(reviews: &ReviewTally, approved: Shown, k: u64) -> Method {
    let rejected: u64 = reviews.rejected.iter().map(|(_, n)| n).sum();
    let by_reason: Vec<u64> = RejectReason::ALL
        .iter()
        .map(|r| reviews.rejected.iter().filter(|(x, _)| x == r).map(|(_, n)| n).sum())
        .collect();
    let reasons = match alone(rejected, k) {
        Shown::Count(_) => protect_list(&by_reason, k),
        // Each reason is fewer than k too.
        Shown::FewerThanK | Shown::Hidden => Some(by_reason.iter().map(|&n| alone(n, k)).collect()),
    };
    Method {
        approved,
        rejected: alone(rejected, k),
        pending: alone(reviews.pending, k),
        reasons: reasons.map_or(Part::LeftOut, |shown| {
            Part::Shown(RejectReason::ALL.into_iter().zip(shown).collect())
        }),
        spam_responses: alone(reviews.spam_responses, k),
        held: alone(reviews.held.total, k),
        held_reasons: reviews.held.by_reason.iter().map(|&(r, n)| (r, alone(n, k))).collect(),
        held_undecided: alone(reviews.held.undecided, k),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::consultation::Meeting;
    use crate::domain::ids::QuestionId;
    use crate::domain::lifecycle::UnixTime;
    use crate::domain::question::AnswerOption;
    use crate::domain::summary::{ChoiceKey, ChoiceResult, ChoiceTally, QuoteTally, ThemeTally};
    use Shown::{Count, FewerThanK, Hidden};
    use proptest::prelude::*;

    const K: u64 = 10;
    const HOUR: UnixTime = 500_000 * 3600;

    fn about() -> About {
        let meeting = Meeting { name: "CWG-COP".into(), date: "2026-12-01".into() };
        let language = Language::En;
        About { title: "Safety online".into(), meeting, language, opens_at: None, closes_at: None }
    }

    fn people(age: AgeBand, region: Region, count: u64) -> ParticipantTally {
        let profile = Profile {
            age_band: Some(age),
            region: Some(region),
            gender: None,
            language: Language::En,
            hour: HOUR,
        };
        ParticipantTally { profile, count }
    }

    fn single(id: i64, options: &[(i64, &str)]) -> Question {
        let options =
            options.iter().map(|&(id, label)| AnswerOption { id, label: label.into() }).collect();
        Question {
            id: QuestionId(id),
            prompt: format!("Question {id}"),
            required: false,
            kind: QuestionKind::SingleChoice { options },
        }
    }

    fn chose(
        question_id: QuestionId,
        option: i64,
        age: AgeBand,
        region: Region,
        count: u64,
    ) -> ChoiceTally {
        ChoiceTally {
            question_id,
            choice: ChoiceKey::Option(option),
            age_band: Some(age),
            region: Some(region),
            count,
        }
    }

    fn choice_of(summary: &Summary, at: usize) -> &ChoiceResult {
        match &summary.questions[at].result {
            QuestionResult::Choice(c) => c,
            QuestionResult::Text(_) => panic!("not a choice question"),
        }
    }

    #[test]
    fn fewer_than_k_participants_show_nothing_else() {
        let tallies = Tallies {
            participants: vec![people(AgeBand::From13To15, Region::Europe, 7)],
            ..Tallies::default()
        };
        let summary = aggregate(about(), K, &[single(1, &[(11, "Yes")])], &tallies);
        assert_eq!(summary.participants, FewerThanK);
        assert!(summary.participation.is_empty() && summary.questions.is_empty());
    }

    #[test]
    fn rows_count_those_who_did_not_answer_and_hide_small_ones_with_a_partner() {
        let tallies = Tallies {
            participants: vec![people(AgeBand::From13To15, Region::Europe, 40)],
            choices: vec![
                chose(QuestionId(1), 11, AgeBand::From13To15, Region::Europe, 20),
                chose(QuestionId(1), 12, AgeBand::From13To15, Region::Europe, 15),
            ],
            ..Tallies::default()
        };
        let summary = aggregate(about(), K, &[single(1, &[(11, "Yes"), (12, "No")])], &tallies);
        let Part::Shown(rows) = &choice_of(&summary, 0).rows else { panic!("rows left out") };
        let counts: Vec<(String, Shown)> =
            rows.iter().map(|r| (r.answer.label(), r.count)).collect();
        assert_eq!(
            counts,
            [("Yes".into(), Count(20)), ("No".into(), Hidden), ("No answer".into(), FewerThanK)]
        );
    }

    #[test]
    fn small_groups_are_combined_into_one_column() {
        let tallies = Tallies {
            participants: vec![
                people(AgeBand::From9To12, Region::Europe, 3),
                people(AgeBand::From13To15, Region::Europe, 30),
                people(AgeBand::From16To18, Region::Africa, 30),
                people(AgeBand::Undisclosed, Region::Africa, 12),
            ],
            choices: vec![
                chose(QuestionId(1), 11, AgeBand::From13To15, Region::Europe, 30),
                chose(QuestionId(1), 12, AgeBand::From16To18, Region::Africa, 30),
                chose(QuestionId(1), 12, AgeBand::From9To12, Region::Europe, 3),
                chose(QuestionId(1), 12, AgeBand::Undisclosed, Region::Africa, 12),
            ],
            ..Tallies::default()
        };
        let summary = aggregate(about(), K, &[single(1, &[(11, "Yes"), (12, "No")])], &tallies);
        let by_age = &choice_of(&summary, 0).breakdowns[0];
        assert_eq!(by_age.dimension, Dimension::AgeBand);
        let Part::Shown(table) = &by_age.part else { panic!("age left out") };
        assert_eq!(
            table.groups,
            [
                Group::AgeBand(AgeBand::From13To15),
                Group::AgeBand(AgeBand::From16To18),
                Group::Smaller
            ]
        );
        assert_eq!(table.sizes, [30, 30, 15]);
        assert_eq!(table.cells[1], [Count(0), Count(30), Count(15)]);
    }

    #[test]
    fn quotes_carry_only_groups_of_at_least_k_together() {
        let quote = |age, region| QuoteTally {
            answer_id: crate::domain::ids::AnswerId(1),
            question_id: QuestionId(2),
            text: "Teach us".into(),
            language: Language::En,
            themes: vec!["school".into()],
            age_band: Some(age),
            region: Some(region),
        };
        let tallies = Tallies {
            participants: vec![
                people(AgeBand::From9To12, Region::Europe, 3),
                people(AgeBand::From13To15, Region::Europe, 30),
                people(AgeBand::From13To15, Region::Africa, 4),
                people(AgeBand::From16To18, Region::Africa, 30),
            ],
            approved: vec![(QuestionId(2), 30)],
            themes: vec![ThemeTally {
                question_id: QuestionId(2),
                name: "school".into(),
                count: 12,
            }],
            quotes: vec![
                quote(AgeBand::From9To12, Region::Europe),
                quote(AgeBand::From13To15, Region::Europe),
                quote(AgeBand::From13To15, Region::Africa),
                quote(AgeBand::From16To18, Region::Africa),
            ],
            ..Tallies::default()
        };
        let question = Question {
            id: QuestionId(2),
            prompt: "Why?".into(),
            required: false,
            kind: QuestionKind::FreeText { max_chars: 500 },
        };
        let summary = aggregate(about(), K, &[question], &tallies);
        let QuestionResult::Text(text) = &summary.questions[0].result else { panic!("not text") };
        let theme = &text.themes[0];
        assert_eq!(theme.count, Count(12));
        let groups: Vec<&[Group]> = theme.quotes.iter().map(|q| q.groups.as_slice()).collect();
        assert_eq!(
            groups,
            [
                // 9–12 has 3 young people: no age; Europe alone is large enough.
                &[Group::Region(Region::Europe)][..],
                &[Group::AgeBand(AgeBand::From13To15), Group::Region(Region::Europe)],
                // 13–15 in Africa are 4: the region is dropped.
                &[Group::AgeBand(AgeBand::From13To15)],
            ],
            "at most three quotes per theme"
        );
    }

    fn every_count(summary: &Summary) -> Vec<Shown> {
        let method = &summary.method;
        let mut all = vec![method.approved, method.rejected, method.pending, method.spam_responses];
        all.extend([method.held, method.held_undecided]);
        all.extend(method.held_reasons.iter().map(|r| r.1));
        if let Part::Shown(reasons) = &summary.method.reasons {
            all.extend(reasons.iter().map(|r| r.1));
        }
        for b in &summary.participation {
            if let Part::Shown(groups) = &b.part {
                all.extend(groups.iter().map(|g| g.count));
            }
        }
        for q in &summary.questions {
            match &q.result {
                QuestionResult::Choice(c) => {
                    if let Part::Shown(rows) = &c.rows {
                        all.extend(rows.iter().map(|r| r.count));
                    }
                    for b in &c.breakdowns {
                        if let Part::Shown(t) = &b.part {
                            all.extend(t.cells.iter().flatten());
                            all.extend(t.sizes.iter().map(|&s| Count(s)));
                        }
                    }
                }
                QuestionResult::Text(t) => {
                    all.push(t.approved);
                    all.extend(t.themes.iter().map(|t| t.count));
                }
            }
        }
        all
    }

    fn tallies() -> impl Strategy<Value = Tallies> {
        let age = prop::sample::select(AgeBand::ALL.to_vec());
        let region = prop::sample::select(Region::ALL.to_vec());
        let person = (age, region, 0u64..3, 1u64..25);
        prop::collection::vec(person, 1..12).prop_flat_map(|people_| {
            let participants: Vec<ParticipantTally> = people_
                .iter()
                .map(|&(a, r, h, n)| {
                    let mut p = people(a, r, n);
                    p.profile.hour = HOUR + h as i64 * 3600;
                    p
                })
                .collect();
            // Each group of people splits its answers over the options and no answer.
            let splits = prop::collection::vec((0u64..=100, 0u64..=100), people_.len());
            (Just(participants), splits).prop_map(|(participants, splits)| {
                let mut choices = vec![];
                for (p, (yes, no)) in participants.iter().zip(splits) {
                    let yes_count = p.count * yes / 100;
                    let no_count = (p.count - yes_count) * no / 100;
                    for (option, count) in [(11, yes_count), (12, no_count)] {
                        choices.push(chose(
                            QuestionId(1),
                            option,
                            p.profile.age_band.unwrap(),
                            p.profile.region.unwrap(),
                            count,
                        ));
                    }
                }
                Tallies { participants, choices, ..Tallies::default() }
            })
        })
    }

    proptest! {
        #[test]
        fn no_shown_number_describes_fewer_than_k(tallies in tallies()) {
            let summary = aggregate(about(), K, &[single(1, &[(11, "Yes"), (12, "No")])], &tallies);
            for count in every_count(&summary) {
                if let Count(n) = count {
                    prop_assert!(n == 0 || n >= K, "{n} shown in {summary:?}");
                }
            }
        }
    }
}

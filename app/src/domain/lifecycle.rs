//! A consultation's state is derived from its stored times, never kept as a flag that can drift.

use serde::{Deserialize, Serialize};

/// Seconds since the Unix epoch, UTC.
pub type UnixTime = i64;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    Draft,
    Scheduled,
    Open,
    Closed,
    Published,
    Purged,
}

/// The stored times a consultation's phase is derived from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// `None` while the organizer has not set a window yet.
    pub window: Option<Window>,
    pub grace_secs: i64,
    pub published_at: Option<UnixTime>,
    pub purged_at: Option<UnixTime>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub opens_at: UnixTime,
    pub closes_at: UnixTime,
}

/// Why a submission is not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    NotOpenYet,
    Closed,
}

/// A change an organizer makes to a window that has opened, when a meeting moves or an outage
/// ate hours of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowChange {
    /// The window ends now: new visitors get the closed page, while a form loaded before still
    /// counts during the grace period.
    CloseNow,
    /// The close moves this many minutes later, counted from now if it has passed (reopening a
    /// closed consultation whose summary is not published yet).
    Extend { minutes: i64 },
}

/// Why a summary cannot be published now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unpublishable {
    /// Open, or closed so recently that forms loaded in time may still arrive.
    AnswersMayArrive,
    /// The answers were deleted after the retention period; what was published stays.
    Purged,
}

impl Schedule {
    /// A summary is published once no more answers can arrive, and never after the answers
    /// are gone (it would replace what delegates read with nothing).
    pub fn publishable(&self, now: UnixTime) -> Result<(), Unpublishable> {
        match (self.phase(now), self.window) {
            (Phase::Purged, _) => Err(Unpublishable::Purged),
            (Phase::Closed | Phase::Published, Some(w)) if now >= w.closes_at + self.grace_secs => {
                Ok(())
            }
            _ => Err(Unpublishable::AnswersMayArrive),
        }
    }

    pub fn phase(&self, now: UnixTime) -> Phase {
        if self.purged_at.is_some() {
            return Phase::Purged;
        }
        if self.published_at.is_some() {
            return Phase::Published;
        }
        match self.window {
            None => Phase::Draft,
            Some(w) if now < w.opens_at => Phase::Scheduled,
            Some(w) if now < w.closes_at => Phase::Open,
            Some(_) => Phase::Closed,
        }
    }

    /// The window after `change`, or `None` where it does not apply: closing early only while
    /// open, extending only once opened and before publication (before opening, the settings
    /// set the window; a published summary is final).
    pub fn changed(&self, change: WindowChange, now: UnixTime) -> Option<Window> {
        let phase = self.phase(now);
        let w = self.window.filter(|_| matches!(phase, Phase::Open | Phase::Closed))?;
        match change {
            // In the very second it opened, it closes one second later: a window is never empty.
            WindowChange::CloseNow if phase == Phase::Open => {
                Some(Window { closes_at: now.max(w.opens_at + 1), ..w })
            }
            WindowChange::CloseNow => None,
            WindowChange::Extend { minutes } => {
                Some(Window { closes_at: w.closes_at.max(now) + minutes * 60, ..w })
            }
        }
    }

    /// A form loaded while the window was open may still be sent during the grace period after
    /// close, so nobody loses an answer typed in the last minute. `started_at` comes from the
    /// signed form token, so the client cannot forge it.
    pub fn admits(&self, started_at: UnixTime, now: UnixTime) -> Result<(), Refusal> {
        match self.phase(now) {
            Phase::Open => Ok(()),
            Phase::Draft | Phase::Scheduled => Err(Refusal::NotOpenYet),
            Phase::Published | Phase::Purged => Err(Refusal::Closed),
            Phase::Closed => {
                let w = self.window.expect("a closed consultation has a window");
                let started_while_open = (w.opens_at..w.closes_at).contains(&started_at);
                if started_while_open && now < w.closes_at + self.grace_secs {
                    Ok(())
                } else {
                    Err(Refusal::Closed)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPENS: UnixTime = 1_000_000;
    const CLOSES: UnixTime = OPENS + 24 * 3600;
    const GRACE: i64 = 15 * 60;

    fn scheduled() -> Schedule {
        Schedule {
            window: Some(Window { opens_at: OPENS, closes_at: CLOSES }),
            grace_secs: GRACE,
            published_at: None,
            purged_at: None,
        }
    }

    #[test]
    fn phase_follows_the_clock_through_the_window() {
        let s = scheduled();
        assert_eq!(s.phase(OPENS - 1), Phase::Scheduled);
        assert_eq!(s.phase(OPENS), Phase::Open);
        assert_eq!(s.phase(CLOSES - 1), Phase::Open);
        assert_eq!(s.phase(CLOSES), Phase::Closed);
    }

    #[test]
    fn a_consultation_without_a_window_is_a_draft() {
        let s = Schedule { window: None, ..scheduled() };
        assert_eq!(s.phase(OPENS), Phase::Draft);
        assert_eq!(s.admits(OPENS, OPENS), Err(Refusal::NotOpenYet));
    }

    #[test]
    fn publication_and_purge_win_over_the_window() {
        let published = Schedule { published_at: Some(CLOSES + 10), ..scheduled() };
        assert_eq!(published.phase(OPENS + 1), Phase::Published);
        let purged = Schedule { purged_at: Some(CLOSES + 20), ..published };
        assert_eq!(purged.phase(CLOSES + 30), Phase::Purged);
    }

    #[test]
    fn submission_while_open_is_admitted() {
        assert_eq!(scheduled().admits(OPENS + 5, OPENS + 10), Ok(()));
    }

    #[test]
    fn submission_before_opening_is_refused() {
        assert_eq!(scheduled().admits(OPENS - 10, OPENS - 5), Err(Refusal::NotOpenYet));
    }

    #[test]
    fn form_started_while_open_is_admitted_during_grace() {
        let s = scheduled();
        assert_eq!(s.admits(CLOSES - 60, CLOSES + GRACE - 1), Ok(()));
    }

    #[test]
    fn submission_after_grace_is_refused() {
        let s = scheduled();
        assert_eq!(s.admits(CLOSES - 60, CLOSES + GRACE), Err(Refusal::Closed));
    }

    #[test]
    fn form_started_after_close_gets_no_grace() {
        let s = scheduled();
        assert_eq!(s.admits(CLOSES + 1, CLOSES + 2), Err(Refusal::Closed));
    }

    #[test]
    fn a_summary_is_publishable_once_no_answer_can_arrive_and_until_purged() {
        let s = scheduled();
        assert_eq!(s.publishable(OPENS + 1), Err(Unpublishable::AnswersMayArrive));
        assert_eq!(s.publishable(CLOSES + GRACE - 1), Err(Unpublishable::AnswersMayArrive));
        assert_eq!(s.publishable(CLOSES + GRACE), Ok(()));
        let published = Schedule { published_at: Some(CLOSES + GRACE), ..s };
        assert_eq!(published.publishable(CLOSES + GRACE + 1), Ok(()));
        let purged = Schedule { purged_at: Some(CLOSES + GRACE + 2), ..published };
        assert_eq!(purged.publishable(CLOSES + GRACE + 3), Err(Unpublishable::Purged));
    }

    #[test]
    fn closing_early_ends_the_window_now_and_keeps_the_grace_for_forms_loaded_before() {
        let s = scheduled();
        let now = OPENS + 3600;
        let closed = Schedule { window: s.changed(WindowChange::CloseNow, now), ..s };
        assert_eq!(closed.phase(now), Phase::Closed);
        assert_eq!(closed.admits(now - 60, now + GRACE - 1), Ok(()));
        assert_eq!(closed.admits(now - 60, now + GRACE), Err(Refusal::Closed));
        assert_eq!(closed.admits(now, now + 1), Err(Refusal::Closed), "loaded after the close");
        assert_eq!(closed.publishable(now + GRACE - 1), Err(Unpublishable::AnswersMayArrive));
        assert_eq!(closed.publishable(now + GRACE), Ok(()));
    }

    #[test]
    fn only_an_open_window_closes_early() {
        let s = scheduled();
        assert_eq!(s.changed(WindowChange::CloseNow, OPENS - 1), None, "scheduled");
        assert_eq!(s.changed(WindowChange::CloseNow, CLOSES), None, "closed already");
        let draft = Schedule { window: None, ..s };
        assert_eq!(draft.changed(WindowChange::CloseNow, OPENS), None);
    }

    #[test]
    fn extending_moves_the_close_or_reopens_from_now() {
        let s = scheduled();
        let hour = WindowChange::Extend { minutes: 60 };
        let open = s.changed(hour, OPENS + 10).unwrap();
        assert_eq!(open, Window { opens_at: OPENS, closes_at: CLOSES + 3600 });

        let later = CLOSES + 2 * 3600;
        let reopened = Schedule { window: s.changed(hour, later), ..s };
        assert_eq!(reopened.window.unwrap().closes_at, later + 3600);
        assert_eq!(reopened.phase(later), Phase::Open);
        assert_eq!(
            reopened.publishable(later + 3600 + GRACE - 1),
            Err(Unpublishable::AnswersMayArrive)
        );
        assert_eq!(reopened.publishable(later + 3600 + GRACE), Ok(()));
    }

    #[test]
    fn no_window_changes_before_opening_or_after_publication() {
        let s = scheduled();
        let hour = WindowChange::Extend { minutes: 60 };
        assert_eq!(s.changed(hour, OPENS - 1), None);
        let published = Schedule { published_at: Some(CLOSES + GRACE), ..s };
        assert_eq!(published.changed(hour, CLOSES + GRACE + 1), None);
        let purged = Schedule { purged_at: Some(CLOSES + GRACE + 2), ..published };
        assert_eq!(purged.changed(hour, CLOSES + GRACE + 3), None);
    }

    #[test]
    fn published_consultation_refuses_even_within_grace() {
        let s = Schedule { published_at: Some(CLOSES + 1), ..scheduled() };
        assert_eq!(s.admits(CLOSES - 60, CLOSES + 2), Err(Refusal::Closed));
    }
}

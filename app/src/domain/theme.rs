//! A theme as moderators name it, and what their decisions on themes do (`storage::themes`). The
//! grouping of answers into suggested themes is `domain::themes`, on the server only.

use super::keyed::keyed;

/// The longest theme name.
pub const NAME_MAX: usize = 80;

/// A theme's name as a moderator typed it: trimmed, not empty, at most [`NAME_MAX`] characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThemeName(String);

impl ThemeName {
    pub fn parse(typed: &str) -> Option<Self> {
        let name = typed.trim();
        (!name.is_empty() && name.chars().count() <= NAME_MAX).then(|| Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

keyed! {
    /// What a moderator's decision on a theme did to its answers, each undoable.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum ChangeKind {
        /// A suggestion accepted: its answers tagged with the theme.
        Accepted => "accepted",
        /// Renamed, merged into another or split: answers moved from one theme to another.
        Moved => "moved",
        /// Answers taken off the theme.
        Dropped => "dropped",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_name_is_trimmed_and_neither_empty_nor_too_long() {
        assert_eq!(ThemeName::parse("  Vie privée ").unwrap().as_str(), "Vie privée");
        assert_eq!(ThemeName::parse(" \t "), None);
        let longest = "خ".repeat(NAME_MAX);
        assert_eq!(ThemeName::parse(&longest).unwrap().as_str(), longest, "counted in letters");
        assert_eq!(ThemeName::parse(&format!("{longest}x")), None);
    }
}

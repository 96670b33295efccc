//! Pure rules: plain types and functions, no I/O, testable without a server or database.

pub mod audit;
pub mod authoring;
pub mod calendar;
pub mod cldr;
pub mod consultation;
pub mod demographics;
pub mod device;
pub mod follow_up;
pub mod helplines;
pub mod ids;
pub mod integrity;
mod keyed;
pub mod language;
pub mod lifecycle;
pub mod live;
pub mod moderation;
pub mod partner;
pub mod problem;
pub mod question;
pub mod question_form;
pub mod receipt;
pub mod safeguarding;
pub mod scrub;
pub mod second_factor;
pub mod staff;
pub mod submission;
pub mod summary;
pub mod suppression;
#[cfg(feature = "ssr")]
pub mod themes;
pub mod throttle;
pub mod time_fmt;
pub mod token;
pub mod translation;
pub mod window;
pub mod word_forms;

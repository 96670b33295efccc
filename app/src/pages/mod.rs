//! Pages grouped by audience. Young people: `home`, `respond`. Staff: `staff` (sign-in),
//! `moderate` (moderators), `admin` (organizers). Said on several audiences' pages: `problems`
//! (what is wrong with any form) and `choices` (the "about you" answers).

pub mod admin;
pub mod choices;
pub mod home;
pub mod moderate;
pub mod problems;
pub mod respond;
pub mod staff;
pub mod summary;

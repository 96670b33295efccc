//! Pages grouped by audience. Young people: `home`, `respond`. Staff: `staff` (sign-in),
//! `moderate` (moderators), `admin` (organizers).

pub mod admin;
pub mod home;
pub mod moderate;
pub mod respond;
pub mod staff;
pub mod summary;

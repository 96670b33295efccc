//! Pages grouped by audience. Young people: `home`, `respond`. Staff: `staff` (sign-in),
//! `admin` (organizers).

pub mod admin;
pub mod home;
pub mod respond;
pub mod staff;

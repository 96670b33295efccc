//! Pages grouped by audience. Young people: `home`, `respond`.

pub mod home;
pub mod respond;

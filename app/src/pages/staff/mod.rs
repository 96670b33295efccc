//! Staff: signing in (password, then a second factor) and out.

pub mod login;
pub mod second_factor;

//! Staff: signing in and out.

pub mod login;

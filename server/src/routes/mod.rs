//! HTTP routes outside Leptos' own: forms posted without JavaScript, files, health.

pub mod admin;
pub mod health;
pub mod moderate;
pub mod origin;
pub mod render;
pub mod respond;
pub mod share;
pub mod staff;
pub mod stamped;
pub mod summary;

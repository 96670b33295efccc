//! What the application does, one function per use case, over storage and the domain rules.
//! Server functions and plain HTTP handlers both call these.

pub mod admin;
pub mod auth;
pub mod home;
pub mod integrity;
pub mod live;
pub mod metrics;
pub mod moderate;
pub mod partners;
pub mod public_cache;
pub mod respond;
pub mod retention;
pub mod staff;
pub mod summary;
pub mod translations;

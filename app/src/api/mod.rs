//! Server functions and the data they carry. Each is thin: take the state from context, call one
//! service, return its answer.

pub mod home;
pub mod respond;

//! The types pages, server functions and services hand each other (views and wire types): every
//! layer may use them, so dependencies run one way, pages → api → services → storage.

pub mod admin;
pub mod home;
pub mod moderate;
pub mod respond;
pub mod staff;
pub mod summary;

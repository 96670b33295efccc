//! The axum binary: configuration, database, router and layers, plain HTTP routes and the
//! command line. The application itself lives in the `app` crate.

pub mod cli;
pub mod client;
pub mod config;
pub mod demo;
pub mod headers;
pub mod images;
pub mod routes;
pub mod safeguarding;
pub mod serve;
pub mod startup;
pub mod telemetry;
pub mod themes;

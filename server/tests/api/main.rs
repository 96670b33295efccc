//! Integration tests: the real server on a random port, a real SQLite file, HTTP as browsers
//! send it. One binary, so it links once.

mod authoring;
mod backup;
mod brief;
mod connections;
mod crash;
mod deploy;
mod faults;
mod follow_up;
mod fuzz;
mod group_commit;
mod headers;
mod helpers;
mod instances;
mod integrity;
mod languages;
mod metrics;
mod migrations;
mod moderate;
mod reach;
mod respond;
mod retention;
mod room;
mod safeguarding;
mod second_factor;
mod shutdown;
mod sign_in;
mod staff;
mod summary;
mod themes;
mod translations;
mod window;

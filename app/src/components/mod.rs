pub mod countdown;
pub mod helplines;
pub mod status;

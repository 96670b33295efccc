pub mod countdown;
pub mod helplines;
pub mod interactive;
pub mod status;

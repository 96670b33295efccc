pub mod countdown;
pub mod helplines;
pub mod interactive;
pub mod language;
pub mod share;
pub mod staff;
pub mod status;
pub mod text;

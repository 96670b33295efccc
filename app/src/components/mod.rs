pub mod countdown;
pub mod follow_up;
pub mod interactive;
pub mod language;
pub mod share;
pub mod staff;
pub mod status;
pub mod text;

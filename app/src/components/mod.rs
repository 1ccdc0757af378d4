//! Pieces used by more than one page.

pub mod card;
pub mod continue_reading;
pub mod layout;
pub mod meta;
pub mod offline;
pub mod reader;

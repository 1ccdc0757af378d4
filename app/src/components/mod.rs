//! Pieces used by more than one page.

pub mod card;
pub mod layout;
pub mod meta;

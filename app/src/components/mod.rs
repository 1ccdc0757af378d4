//! Pieces used by more than one page.

pub mod card;
pub mod connection;
pub mod continue_reading;
pub mod display;
pub mod layout;
pub mod listen;
pub mod meta;
pub mod offline_list;
pub mod offline_storage;
pub mod reader;
pub mod region_picker;
pub mod save_offline;
pub mod settings;
pub mod structured_data;

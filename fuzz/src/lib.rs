//! Fuzz target bodies, shared with the stable corpus tests (see `bodies.rs`).

mod bodies;
mod cli_bodies;
mod emulator;

pub use bodies::*;
pub use cli_bodies::*;
pub use emulator::*;

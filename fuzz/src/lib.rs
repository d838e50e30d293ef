//! Fuzz target bodies, shared with the stable corpus tests (see `bodies.rs`).

mod bodies;
mod cli_bodies;
mod emulator;
mod roundtrip_any;

pub use bodies::*;
pub use cli_bodies::*;
pub use emulator::*;
pub use roundtrip_any::*;

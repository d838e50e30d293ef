//! Tables generated from `data/*.tsv` by `cargo run -p xtask -- gen`. Never edit by hand;
//! `cargo test -p xtask` fails when these files and the data disagree.

#[rustfmt::skip]
pub(crate) mod asc_ascq;
#[rustfmt::skip]
pub(crate) mod opcodes;
#[rustfmt::skip]
pub(crate) mod version_descriptors;

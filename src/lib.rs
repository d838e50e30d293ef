#![doc = include_str!("../README.md")]
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
// No panics in library code: see ARCHITECTURE.md, "Panic freedom".
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(any(feature = "std", test))]
extern crate std;

pub mod cdb;
pub mod code;
pub mod data;
mod error;
mod generated;
pub mod probe;
pub mod recovery;
pub mod sense;
mod wire;

pub use cdb::{
    BestFit, Blocks6, Cdb, CdbBuf, CdbSize, Command, Control, DataDirection, Dld, GroupNumber, Inquiry,
    Protect, ProtectionTags, RawCdb, Read6, Read10, Read12, Read16, Read32, ReadAny, ReadCapacity10,
    ReadCapacity16, RequestSense, RwFlags, RwParams, SynchronizeCache10, SynchronizeCache16, TestUnitReady,
    Transfer, Write6, Write10, Write12, Write16, Write32, WriteAny,
};
pub use code::{
    AdditionalSense, OpCode, PeripheralDeviceType, SenseKey, ServiceAction, Status, VersionDescriptor,
    VpdPage,
};
pub use error::{BuildError, DecodeError, FieldPointer};

//! Code spaces of the SCSI standards.
//!
//! Open code spaces (256 values, many unassigned: opcodes, status, VPD page codes, device types)
//! are newtypes with named constants, so no value is ever lost. Closed ones, where every value is
//! defined, are enums.

mod asc;
mod device_type;
mod opcode;
mod sense_key;
mod status;
mod version;
mod vpd;

pub use asc::{AdditionalSense, Description};
pub use device_type::PeripheralDeviceType;
pub use opcode::{CdbLength, OpCode, ServiceAction, ServiceActionField};
pub use sense_key::SenseKey;
pub use status::Status;
pub use version::VersionDescriptor;
pub use vpd::VpdPage;

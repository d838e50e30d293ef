//! Code spaces of the SCSI standards.
//!
//! Open code spaces (256 values, many unassigned: opcodes, status, VPD page codes, device types)
//! are newtypes with named constants, so no value is ever lost. Closed ones, where every value is
//! defined, are enums.
//!
//! ```
//! use scsi_cdb::code::CdbLength;
//! use scsi_cdb::{AdditionalSense, OpCode, SenseKey, Status};
//! assert_eq!(OpCode(0x9E).cdb_length(), CdbLength::Fixed(16));
//! assert_eq!(OpCode(0x9E).service_action_name(0x10), Some("READ CAPACITY(16)"));
//! assert_eq!(Status(0x28), Status::TASK_SET_FULL);
//! assert_eq!(SenseKey::from_nibble(0x06), SenseKey::UnitAttention);
//! assert_eq!(AdditionalSense::new(0x29, 0x00), AdditionalSense::POWER_ON_RESET);
//! ```

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

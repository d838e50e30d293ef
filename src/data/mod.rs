//! Parameter data a device returns: zero-copy views over standard INQUIRY, VPD pages, READ
//! CAPACITY, REPORT LUNS and MODE SENSE data, REPORT SUPPORTED OPERATION CODES and GET LBA STATUS
//! data, PERSISTENT RESERVE IN data, REPORT ZONES data, LOG SENSE pages, and the MODE SELECT and
//! UNMAP parameter list builders.
//!
//! Every view accepts truncated or padded buffers: fields past the end are `None`, internal
//! lengths are trusted only up to the buffer, and the declared total is exposed so a caller can
//! ask again with a larger allocation length.
//!
//! REQUEST SENSE returns sense data: read it with [`crate::sense::Sense`].
//!
//! ```
//! use scsi_cdb::data::ReadCapacity10Data;
//! // READ CAPACITY(10) data: RETURNED LOGICAL BLOCK ADDRESS 0001_FFFFh, 512-byte blocks.
//! let d = ReadCapacity10Data::parse(&[0x00, 0x01, 0xFF, 0xFF, 0x00, 0x00, 0x02, 0x00])?;
//! assert_eq!((d.last_lba, d.block_len), (0x1_FFFF, 512));
//! assert_eq!(d.capacity_bytes(), Some(0x2_0000 * 512));
//! # Ok::<(), scsi_cdb::DecodeError>(())
//! ```

mod capacity;
mod inquiry;
#[cfg(feature = "serde")]
mod json;
pub mod layout;
mod lists;
mod log;
mod luns;
mod mode;
mod reservations;
pub mod vpd;
mod vpd_pages;
mod write;
mod zones;

pub use capacity::{ReadCapacity10Data, ReadCapacity16Data};
pub use inquiry::{AsciiField, StandardInquiry, StandardInquiryWriter};
pub use lists::{
    CommandTimeouts, LbaStatus, OneCommand, SupportedCommand, lba_status, one_command_data,
    supported_commands, supported_commands_data, unmap_list,
};
pub use log::{LogPage, LogParameter};
pub use luns::{Lun, LunAddress, ReportLunsData, ReportLunsWriter};
pub use mode::{
    BlockDescriptor, Caching, Control as ControlPage, DEVICE_SPECIFIC_DPOFUA, DEVICE_SPECIFIC_WP,
    InformationalExceptions, ModeData, ModePage, ModePageFields, ModePageSource, ModePageValues,
    ModeSenseWriter, PowerCondition, RwErrorRecovery, mode_select_list,
};
pub use reservations::{PrCapabilities, PrKeys, PrReservation};
pub use vpd::{Designator, VpdPageView};
pub use write::WriteData;
pub use zones::{ReportZonesData, ReportZonesWriter, ZoneCondition, ZoneDescriptor, ZoneType};

//! Operation codes and service actions (SPC-6 §4.2.5 and the T10 operation code list).

use core::fmt;

use crate::code::PeripheralDeviceType;
use crate::generated::opcodes::{OPCODE_NAMES, OPCODE_NAMES_BY_TYPE, SERVICE_ACTION_NAMES};

/// A SCSI operation code: byte 0 of every CDB.
///
/// An open code space (256 values, many unassigned or vendor specific), so this is a newtype with
/// named constants, never an enum: unknown values survive a round trip. Constants can be used as
/// `match` patterns.
///
/// ```
/// use scsi_cdb::OpCode;
/// assert_eq!(OpCode::READ_16.name(), Some("READ(16)"));
/// assert_eq!(OpCode(0x28), OpCode::READ_10);
/// assert_eq!(format!("{:?}", OpCode::INQUIRY), "0x12 (INQUIRY)");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[repr(transparent)]
pub struct OpCode(pub u8);

/// How long a CDB is, as its operation code tells (SPC-6 §4.2.5.1).
///
/// ```
/// use scsi_cdb::OpCode;
/// use scsi_cdb::code::CdbLength;
/// assert_eq!(OpCode::TEST_UNIT_READY.cdb_length(), CdbLength::Fixed(6));
/// assert_eq!(OpCode::READ_12.cdb_length(), CdbLength::Fixed(12));
/// assert_eq!(OpCode::READ_16.cdb_length(), CdbLength::Fixed(16));
/// assert_eq!(OpCode::VARIABLE_LENGTH.cdb_length(), CdbLength::Variable);
/// assert_eq!(OpCode(0xC1).cdb_length(), CdbLength::VendorSpecific);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CdbLength {
    /// Groups 0, 1, 2, 4 and 5: 6, 10, 10, 16 and 12 bytes.
    Fixed(u8),
    /// Operation code 7Fh: 8 bytes plus the ADDITIONAL CDB LENGTH in byte 7.
    Variable,
    /// Group 3 other than 7Fh: reserved (7Eh is the obsolete extended CDB).
    Reserved,
    /// Groups 6 and 7 (C0h-FFh): the vendor decides.
    VendorSpecific,
}

/// Where a command's service action (or READ/WRITE BUFFER mode) lives in the CDB.
///
/// ```
/// use scsi_cdb::OpCode;
/// use scsi_cdb::code::ServiceActionField;
/// let sai16 = OpCode::SERVICE_ACTION_IN_16.service_action_field();
/// assert_eq!(sai16, Some(ServiceActionField::Byte1Low5));
/// let var = OpCode::VARIABLE_LENGTH.service_action_field();
/// assert_eq!(var, Some(ServiceActionField::Bytes8To9));
/// assert_eq!(OpCode::READ_10.service_action_field(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServiceActionField {
    /// Bits 4:0 of byte 1.
    Byte1Low5,
    /// Bytes 8-9, big-endian (variable-length CDBs, 7Fh).
    Bytes8To9,
}

impl OpCode {
    /// TEST UNIT READY (SPC-6).
    pub const TEST_UNIT_READY: Self = Self(0x00);
    /// REZERO UNIT (obsolete); REWIND for tape.
    pub const REZERO_UNIT: Self = Self(0x01);
    /// REQUEST SENSE (SPC-6).
    pub const REQUEST_SENSE: Self = Self(0x03);
    /// FORMAT UNIT (SBC-5).
    pub const FORMAT_UNIT: Self = Self(0x04);
    /// REASSIGN BLOCKS (SBC-5).
    pub const REASSIGN_BLOCKS: Self = Self(0x07);
    /// READ(6) (SBC-5, obsolete there but still common).
    pub const READ_6: Self = Self(0x08);
    /// WRITE(6) (SBC-5, obsolete there but still common).
    pub const WRITE_6: Self = Self(0x0A);
    /// SEEK(6) (obsolete).
    pub const SEEK_6: Self = Self(0x0B);
    /// INQUIRY (SPC-6).
    pub const INQUIRY: Self = Self(0x12);
    /// MODE SELECT(6) (SPC-6).
    pub const MODE_SELECT_6: Self = Self(0x15);
    /// RESERVE(6) (obsolete).
    pub const RESERVE_6: Self = Self(0x16);
    /// RELEASE(6) (obsolete).
    pub const RELEASE_6: Self = Self(0x17);
    /// MODE SENSE(6) (SPC-6).
    pub const MODE_SENSE_6: Self = Self(0x1A);
    /// START STOP UNIT (SBC-5).
    pub const START_STOP_UNIT: Self = Self(0x1B);
    /// RECEIVE DIAGNOSTIC RESULTS (SPC-6).
    pub const RECEIVE_DIAGNOSTIC_RESULTS: Self = Self(0x1C);
    /// SEND DIAGNOSTIC (SPC-6).
    pub const SEND_DIAGNOSTIC: Self = Self(0x1D);
    /// PREVENT ALLOW MEDIUM REMOVAL (SBC-5).
    pub const PREVENT_ALLOW_MEDIUM_REMOVAL: Self = Self(0x1E);
    /// READ FORMAT CAPACITIES (MMC; common on USB mass storage).
    pub const READ_FORMAT_CAPACITIES: Self = Self(0x23);
    /// READ CAPACITY(10) (SBC-5).
    pub const READ_CAPACITY_10: Self = Self(0x25);
    /// READ(10) (SBC-5).
    pub const READ_10: Self = Self(0x28);
    /// WRITE(10) (SBC-5).
    pub const WRITE_10: Self = Self(0x2A);
    /// SEEK(10) (obsolete).
    pub const SEEK_10: Self = Self(0x2B);
    /// WRITE AND VERIFY(10) (SBC-5).
    pub const WRITE_AND_VERIFY_10: Self = Self(0x2E);
    /// VERIFY(10) (SBC-5).
    pub const VERIFY_10: Self = Self(0x2F);
    /// PRE-FETCH(10) (SBC-5).
    pub const PRE_FETCH_10: Self = Self(0x34);
    /// SYNCHRONIZE CACHE(10) (SBC-5).
    pub const SYNCHRONIZE_CACHE_10: Self = Self(0x35);
    /// LOCK UNLOCK CACHE(10) (obsolete).
    pub const LOCK_UNLOCK_CACHE_10: Self = Self(0x36);
    /// READ DEFECT DATA(10) (SBC-5).
    pub const READ_DEFECT_DATA_10: Self = Self(0x37);
    /// WRITE BUFFER (SPC-6; the mode is in byte 1).
    pub const WRITE_BUFFER: Self = Self(0x3B);
    /// READ BUFFER(10) (SPC-6; the mode is in byte 1).
    pub const READ_BUFFER_10: Self = Self(0x3C);
    /// READ LONG(10) (SBC-5).
    pub const READ_LONG_10: Self = Self(0x3E);
    /// WRITE LONG(10) (SBC-5).
    pub const WRITE_LONG_10: Self = Self(0x3F);
    /// WRITE SAME(10) (SBC-5).
    pub const WRITE_SAME_10: Self = Self(0x41);
    /// UNMAP (SBC-5).
    pub const UNMAP: Self = Self(0x42);
    /// READ TOC/PMA/ATIP (MMC).
    pub const READ_TOC: Self = Self(0x43);
    /// REPORT DENSITY SUPPORT (SSC).
    pub const REPORT_DENSITY_SUPPORT: Self = Self(0x44);
    /// GET CONFIGURATION (MMC).
    pub const GET_CONFIGURATION: Self = Self(0x46);
    /// SANITIZE (SBC-5; service action in byte 1).
    pub const SANITIZE: Self = Self(0x48);
    /// GET EVENT STATUS NOTIFICATION (MMC).
    pub const GET_EVENT_STATUS_NOTIFICATION: Self = Self(0x4A);
    /// LOG SELECT (SPC-6).
    pub const LOG_SELECT: Self = Self(0x4C);
    /// LOG SENSE (SPC-6).
    pub const LOG_SENSE: Self = Self(0x4D);
    /// XDWRITE(10) (obsolete).
    pub const XDWRITE_10: Self = Self(0x50);
    /// XPWRITE(10) (obsolete).
    pub const XPWRITE_10: Self = Self(0x51);
    /// XDREAD(10) (obsolete).
    pub const XDREAD_10: Self = Self(0x52);
    /// XDWRITEREAD(10) (obsolete).
    pub const XDWRITEREAD_10: Self = Self(0x53);
    /// MODE SELECT(10) (SPC-6).
    pub const MODE_SELECT_10: Self = Self(0x55);
    /// RESERVE(10) (obsolete).
    pub const RESERVE_10: Self = Self(0x56);
    /// RELEASE(10) (obsolete).
    pub const RELEASE_10: Self = Self(0x57);
    /// MODE SENSE(10) (SPC-6).
    pub const MODE_SENSE_10: Self = Self(0x5A);
    /// PERSISTENT RESERVE IN (SPC-6; service action in byte 1).
    pub const PERSISTENT_RESERVE_IN: Self = Self(0x5E);
    /// PERSISTENT RESERVE OUT (SPC-6; service action in byte 1).
    pub const PERSISTENT_RESERVE_OUT: Self = Self(0x5F);
    /// EXTENDED CDB (obsolete, group 3).
    pub const EXTENDED_CDB: Self = Self(0x7E);
    /// Variable-length CDB (SPC-6; service action in bytes 8-9): READ(32), WRITE(32), ...
    pub const VARIABLE_LENGTH: Self = Self(0x7F);
    /// THIRD-PARTY COPY OUT: EXTENDED COPY and friends (SPC-6; service action in byte 1).
    pub const THIRD_PARTY_COPY_OUT: Self = Self(0x83);
    /// THIRD-PARTY COPY IN: RECEIVE COPY RESULTS and friends (SPC-6; service action in byte 1).
    pub const THIRD_PARTY_COPY_IN: Self = Self(0x84);
    /// ATA PASS-THROUGH(16) (SAT-5).
    pub const ATA_PASS_THROUGH_16: Self = Self(0x85);
    /// ACCESS CONTROL IN (SPC-3, obsolete).
    pub const ACCESS_CONTROL_IN: Self = Self(0x86);
    /// ACCESS CONTROL OUT (SPC-3, obsolete).
    pub const ACCESS_CONTROL_OUT: Self = Self(0x87);
    /// READ(16) (SBC-5).
    pub const READ_16: Self = Self(0x88);
    /// COMPARE AND WRITE (SBC-5).
    pub const COMPARE_AND_WRITE: Self = Self(0x89);
    /// WRITE(16) (SBC-5).
    pub const WRITE_16: Self = Self(0x8A);
    /// ORWRITE(16) (SBC-5).
    pub const ORWRITE_16: Self = Self(0x8B);
    /// READ ATTRIBUTE (SPC-6).
    pub const READ_ATTRIBUTE: Self = Self(0x8C);
    /// WRITE ATTRIBUTE (SPC-6).
    pub const WRITE_ATTRIBUTE: Self = Self(0x8D);
    /// WRITE AND VERIFY(16) (SBC-5).
    pub const WRITE_AND_VERIFY_16: Self = Self(0x8E);
    /// VERIFY(16) (SBC-5).
    pub const VERIFY_16: Self = Self(0x8F);
    /// PRE-FETCH(16) (SBC-5).
    pub const PRE_FETCH_16: Self = Self(0x90);
    /// SYNCHRONIZE CACHE(16) (SBC-5).
    pub const SYNCHRONIZE_CACHE_16: Self = Self(0x91);
    /// LOCK UNLOCK CACHE(16) (obsolete).
    pub const LOCK_UNLOCK_CACHE_16: Self = Self(0x92);
    /// WRITE SAME(16) (SBC-5).
    pub const WRITE_SAME_16: Self = Self(0x93);
    /// ZBC OUT: RESET WRITE POINTER, OPEN/CLOSE/FINISH ZONE, ... (ZBC-2; service action in byte 1).
    pub const ZBC_OUT: Self = Self(0x94);
    /// ZBC IN: REPORT ZONES, REPORT REALMS, ... (ZBC-2; service action in byte 1).
    pub const ZBC_IN: Self = Self(0x95);
    /// WRITE STREAM(16) (SBC-5).
    pub const WRITE_STREAM_16: Self = Self(0x9A);
    /// READ BUFFER(16) (SPC-6; the mode is in byte 1).
    pub const READ_BUFFER_16: Self = Self(0x9B);
    /// WRITE ATOMIC(16) (SBC-5).
    pub const WRITE_ATOMIC_16: Self = Self(0x9C);
    /// SERVICE ACTION BIDIRECTIONAL (SPC-6; service action in byte 1).
    pub const SERVICE_ACTION_BIDIRECTIONAL: Self = Self(0x9D);
    /// SERVICE ACTION IN(16): READ CAPACITY(16), GET LBA STATUS(16), ... (service action in byte 1).
    pub const SERVICE_ACTION_IN_16: Self = Self(0x9E);
    /// SERVICE ACTION OUT(16): WRITE LONG(16), ... (service action in byte 1).
    pub const SERVICE_ACTION_OUT_16: Self = Self(0x9F);
    /// REPORT LUNS (SPC-6).
    pub const REPORT_LUNS: Self = Self(0xA0);
    /// ATA PASS-THROUGH(12) (SAT-5); BLANK on MMC devices.
    pub const ATA_PASS_THROUGH_12: Self = Self(0xA1);
    /// SECURITY PROTOCOL IN (SPC-6).
    pub const SECURITY_PROTOCOL_IN: Self = Self(0xA2);
    /// MAINTENANCE IN: REPORT SUPPORTED OPERATION CODES, REPORT TARGET PORT GROUPS, ...
    /// (service action in byte 1).
    pub const MAINTENANCE_IN: Self = Self(0xA3);
    /// MAINTENANCE OUT: SET TARGET PORT GROUPS, SET TIMESTAMP, ... (service action in byte 1).
    pub const MAINTENANCE_OUT: Self = Self(0xA4);
    /// READ(12) (SBC-5).
    pub const READ_12: Self = Self(0xA8);
    /// SERVICE ACTION OUT(12) (service action in byte 1).
    pub const SERVICE_ACTION_OUT_12: Self = Self(0xA9);
    /// WRITE(12) (SBC-5).
    pub const WRITE_12: Self = Self(0xAA);
    /// SERVICE ACTION IN(12) (service action in byte 1).
    pub const SERVICE_ACTION_IN_12: Self = Self(0xAB);
    /// WRITE AND VERIFY(12) (SBC-5).
    pub const WRITE_AND_VERIFY_12: Self = Self(0xAE);
    /// VERIFY(12) (SBC-5).
    pub const VERIFY_12: Self = Self(0xAF);
    /// SECURITY PROTOCOL OUT (SPC-6).
    pub const SECURITY_PROTOCOL_OUT: Self = Self(0xB5);
    /// READ DEFECT DATA(12) (SBC-5).
    pub const READ_DEFECT_DATA_12: Self = Self(0xB7);

    /// The group code: bits 7:5 of the operation code.
    #[inline]
    #[must_use]
    pub const fn group(self) -> u8 {
        self.0 >> 5
    }

    /// True for C0h-FFh, the vendor-specific groups 6 and 7.
    #[inline]
    #[must_use]
    pub const fn is_vendor_specific(self) -> bool {
        self.0 >= 0xC0
    }

    /// The CDB length the group code implies.
    #[inline]
    #[must_use]
    pub const fn cdb_length(self) -> CdbLength {
        match self.group() {
            0 => CdbLength::Fixed(6),
            1 | 2 => CdbLength::Fixed(10),
            3 if self.0 == 0x7F => CdbLength::Variable,
            3 => CdbLength::Reserved,
            4 => CdbLength::Fixed(16),
            5 => CdbLength::Fixed(12),
            _ => CdbLength::VendorSpecific,
        }
    }

    /// Where this opcode carries a service action (or, for READ/WRITE BUFFER, the mode), if it
    /// has one for every device type.
    #[must_use]
    pub const fn service_action_field(self) -> Option<ServiceActionField> {
        match self.0 {
            0x7F => Some(ServiceActionField::Bytes8To9),
            0x3B | 0x3C | 0x48 | 0x5E | 0x5F | 0x83 | 0x84 | 0x86 | 0x87 | 0x8C | 0x94 | 0x95 | 0x9B
            | 0x9D | 0x9E | 0x9F | 0xA3 | 0xA4 | 0xA9 | 0xAB => Some(ServiceActionField::Byte1Low5),
            _ => None,
        }
    }

    /// The generic T10 name ("READ CAPACITY(10)"), or `None` when the code is unassigned,
    /// vendor specific or not in the table.
    #[inline]
    #[must_use]
    pub fn name(self) -> Option<&'static str> {
        OPCODE_NAMES.get(usize::from(self.0)).copied().flatten()
    }

    /// The name this opcode has for a given peripheral device type (01h is REWIND on a tape,
    /// REZERO UNIT elsewhere), falling back to [`OpCode::name`].
    #[must_use]
    pub fn name_for(self, pdt: PeripheralDeviceType) -> Option<&'static str> {
        let bit = 1u32.checked_shl(u32::from(pdt.0 & 0x1F)).unwrap_or(0);
        OPCODE_NAMES_BY_TYPE
            .iter()
            .find(|(op, mask, _)| *op == self.0 && mask & bit != 0)
            .map(|(_, _, n)| *n)
            .or_else(|| self.name())
    }

    /// The name of a service action of this opcode ("READ CAPACITY(16)" for 9Eh/10h).
    #[must_use]
    pub fn service_action_name(self, sa: u16) -> Option<&'static str> {
        service_action_name(self.0, sa, None)
    }

    /// The name of a service action for a given peripheral device type.
    #[must_use]
    pub fn service_action_name_for(self, sa: u16, pdt: PeripheralDeviceType) -> Option<&'static str> {
        service_action_name(self.0, sa, Some(pdt))
    }
}

/// Binary search in the generated service-action table; rows for every device type come first
/// within an (opcode, service action) pair.
fn service_action_name(op: u8, sa: u16, pdt: Option<PeripheralDeviceType>) -> Option<&'static str> {
    let table = SERVICE_ACTION_NAMES;
    let start = table.partition_point(|(o, s, _, _)| (*o, *s) < (op, sa));
    let rows = table.get(start..)?;
    let mut generic = None;
    for (o, s, mask, name) in rows.iter().take_while(|(o, s, _, _)| (*o, *s) == (op, sa)) {
        let _ = (o, s);
        match pdt {
            Some(p) if *mask != u32::MAX => {
                let bit = 1u32.checked_shl(u32::from(p.0 & 0x1F)).unwrap_or(0);
                if mask & bit != 0 {
                    return Some(name);
                }
            }
            _ => {
                if generic.is_none() {
                    generic = Some(*name);
                }
            }
        }
    }
    generic
}

impl fmt::Debug for OpCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => write!(f, "{:#04x} ({n})", self.0),
            None => write!(f, "{:#04x}", self.0),
        }
    }
}

impl fmt::Display for OpCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None if self.is_vendor_specific() => write!(f, "VENDOR SPECIFIC {:02X}h", self.0),
            None => write!(f, "UNKNOWN {:02X}h", self.0),
        }
    }
}

impl From<u8> for OpCode {
    fn from(v: u8) -> Self {
        Self(v)
    }
}

impl From<OpCode> for u8 {
    fn from(v: OpCode) -> Self {
        v.0
    }
}

/// A service action code: which command an opcode such as 9Eh (SERVICE ACTION IN(16)) or 7Fh
/// (variable length) means. 5 bits in byte 1 for most opcodes, 16 bits in bytes 8-9 for 7Fh.
///
/// ```
/// use scsi_cdb::{Cdb, OpCode, ReadCapacity16, ServiceAction};
/// let rc16 = ReadCapacity16::new();
/// assert_eq!(rc16.opcode(), OpCode::SERVICE_ACTION_IN_16);
/// assert_eq!(rc16.service_action(), Some(ServiceAction::READ_CAPACITY_16));
/// let name = OpCode::VARIABLE_LENGTH.service_action_name(ServiceAction::WRITE_32.0);
/// assert_eq!(name, Some("WRITE(32)"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Debug)]
#[repr(transparent)]
pub struct ServiceAction(pub u16);

impl ServiceAction {
    /// 9Eh/10h READ CAPACITY(16).
    pub const READ_CAPACITY_16: Self = Self(0x10);
    /// 9Eh/11h READ LONG(16); 9Fh/11h WRITE LONG(16).
    pub const LONG_16: Self = Self(0x11);
    /// 9Eh/12h GET LBA STATUS(16).
    pub const GET_LBA_STATUS_16: Self = Self(0x12);
    /// 7Fh/0009h READ(32).
    pub const READ_32: Self = Self(0x0009);
    /// 7Fh/000Ah VERIFY(32).
    pub const VERIFY_32: Self = Self(0x000A);
    /// 7Fh/000Bh WRITE(32).
    pub const WRITE_32: Self = Self(0x000B);
    /// 7Fh/000Ch WRITE AND VERIFY(32).
    pub const WRITE_AND_VERIFY_32: Self = Self(0x000C);
    /// 7Fh/000Dh WRITE SAME(32).
    pub const WRITE_SAME_32: Self = Self(0x000D);
    /// A3h/0Ch REPORT SUPPORTED OPERATION CODES.
    pub const REPORT_SUPPORTED_OPERATION_CODES: Self = Self(0x0C);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_lengths() {
        assert_eq!(OpCode::TEST_UNIT_READY.cdb_length(), CdbLength::Fixed(6));
        assert_eq!(OpCode::READ_10.cdb_length(), CdbLength::Fixed(10));
        assert_eq!(OpCode::MODE_SENSE_10.cdb_length(), CdbLength::Fixed(10));
        assert_eq!(OpCode::READ_16.cdb_length(), CdbLength::Fixed(16));
        assert_eq!(OpCode::READ_12.cdb_length(), CdbLength::Fixed(12));
        assert_eq!(OpCode::VARIABLE_LENGTH.cdb_length(), CdbLength::Variable);
        assert_eq!(OpCode(0x60).cdb_length(), CdbLength::Reserved);
        assert_eq!(OpCode(0xC0).cdb_length(), CdbLength::VendorSpecific);
    }

    #[test]
    fn names() {
        assert_eq!(OpCode::READ_CAPACITY_10.name(), Some("READ CAPACITY(10)"));
        assert_eq!(OpCode(0x01).name_for(PeripheralDeviceType(1)), Some("REWIND"));
        assert_eq!(OpCode(0x01).name_for(PeripheralDeviceType(0)), Some("REZERO UNIT"));
        assert_eq!(OpCode(0xC5).name(), None);
        assert_eq!(OpCode::SERVICE_ACTION_IN_16.service_action_name(0x10), Some("READ CAPACITY(16)"));
        assert_eq!(OpCode::VARIABLE_LENGTH.service_action_name(0x0009), Some("READ(32)"));
        assert_eq!(OpCode::VARIABLE_LENGTH.service_action_name(0x7777), None);
    }
}

//! Target side: any CDB byte slice to a typed [`Command`].

use super::sat::AtaPassThrough;
use super::{
    Cdb, Inquiry, ReadAny, ReadCapacity10, ReadCapacity16, RequestSense, SynchronizeCache10,
    SynchronizeCache16, TestUnitReady, WriteAny, sbc, spc, zbc,
};
use crate::code::{CdbLength, ServiceActionField};
use crate::{DecodeError, OpCode};

/// A decoded CDB: a typed command, or [`Command::Other`] that keeps the bytes of anything this
/// crate has no type for (vendor commands included), so nothing is lost.
///
/// ```
/// use scsi_cdb::{Command, DecodeError, FieldPointer};
/// let cmd = Command::parse(&[0x28, 0, 0, 0, 0x10, 0, 0, 0, 8, 0])?;
/// assert!(matches!(cmd, Command::Read(r) if r.lba() == 0x1000 && r.transfer_length() == 8));
/// assert_eq!(cmd.name(), Some("READ(10)"));
/// // A reserved bit: the error carries the sense-key-specific field pointer.
/// let err = Command::parse(&[0x12, 0x04, 0, 0, 36, 0]).unwrap_err();
/// assert_eq!(err.field_pointer(), Some(FieldPointer::bit(1, 2)));
/// # Ok::<(), DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Command<'a> {
    /// TEST UNIT READY.
    TestUnitReady(TestUnitReady),
    /// REQUEST SENSE.
    RequestSense(RequestSense),
    /// INQUIRY.
    Inquiry(Inquiry),
    /// READ CAPACITY (10).
    ReadCapacity10(ReadCapacity10),
    /// READ CAPACITY (16).
    ReadCapacity16(ReadCapacity16),
    /// READ (6), (10), (12), (16) or (32).
    Read(ReadAny),
    /// WRITE (6), (10), (12), (16) or (32).
    Write(WriteAny),
    /// SYNCHRONIZE CACHE (10).
    SynchronizeCache10(SynchronizeCache10),
    /// SYNCHRONIZE CACHE (16).
    SynchronizeCache16(SynchronizeCache16),
    /// ATA PASS-THROUGH (12), (16) or (32).
    AtaPassThrough(AtaPassThrough),
    /// A command of the [SPC](super::spc), [SBC](super::sbc) or [ZBC](super::zbc) sets.
    Table(TableCommand),
    /// Any other command: the opcode, its service action when it has one, and the bytes.
    Other {
        /// The operation code.
        opcode: OpCode,
        /// The service action, for opcodes that carry one.
        service_action: Option<u16>,
        /// The CDB bytes.
        cdb: &'a [u8],
    },
}

/// The length of the CDB at the start of `bytes`, from its operation code's group code (and
/// ADDITIONAL CDB LENGTH for 7Fh). Vendor-specific opcodes (C0h-FFh) take the whole slice.
///
/// # Errors
/// [`DecodeError::Truncated`] for an empty slice or a 7Fh CDB shorter than 8 bytes, and
/// [`DecodeError::ReservedGroupCode`] for group 3 opcodes other than 7Fh.
pub fn cdb_len(bytes: &[u8]) -> Result<usize, DecodeError> {
    let op = OpCode(*bytes.first().ok_or(DecodeError::truncated(1, 0))?);
    match op.cdb_length() {
        CdbLength::Fixed(n) => Ok(usize::from(n)),
        CdbLength::Variable => match bytes.get(7) {
            Some(&n) => Ok(8 + usize::from(n)),
            None => Err(DecodeError::truncated(8, bytes.len())),
        },
        CdbLength::Reserved => Err(DecodeError::ReservedGroupCode(op.0)),
        CdbLength::VendorSpecific => Ok(bytes.len()),
    }
}

/// The error for a CDB slice of the wrong length `n`: a variable-length CDB's length comes from
/// ADDITIONAL CDB LENGTH (byte 7), so the error points there; a short fixed-length CDB is
/// [`DecodeError::Truncated`] and a long one [`DecodeError::BadCdbLength`] at byte 0.
fn length_error(bytes: &[u8], n: usize) -> DecodeError {
    let variable = bytes.first().is_some_and(|&op| OpCode(op).cdb_length() == CdbLength::Variable);
    if !variable && bytes.len() < n {
        return DecodeError::truncated(n, bytes.len());
    }
    DecodeError::BadCdbLength {
        expected: crate::error::sat16(n),
        actual: crate::error::sat16(bytes.len()),
        length_at: if variable { 7 } else { 0 },
    }
}

/// The service action of a CDB, for opcodes that carry one.
#[must_use]
pub fn service_action(cdb: &[u8]) -> Option<u16> {
    let op = OpCode(*cdb.first()?);
    match op.service_action_field()? {
        ServiceActionField::Byte1Low5 => cdb.get(1).map(|b| u16::from(b & 0x1F)),
        ServiceActionField::Bytes8To9 => crate::wire::be16_at(cdb, 8),
    }
}

impl<'a> Command<'a> {
    /// Decodes a CDB whose slice is exactly as long as its group code says.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] when short, [`DecodeError::BadCdbLength`] when long,
    /// [`DecodeError::ReservedGroupCode`], and the typed decoders' errors (reserved bits with
    /// their field pointer).
    pub fn parse(cdb: &'a [u8]) -> Result<Self, DecodeError> {
        let n = cdb_len(cdb)?;
        if cdb.len() > n {
            return Err(length_error(cdb, n));
        }
        Self::parse_prefix(cdb).map(|(c, _)| c)
    }

    /// Decodes the CDB at the start of `bytes` (transports such as iSCSI and USB carry CDBs in
    /// a padded 16-byte field) and returns it with its length.
    ///
    /// # Errors
    /// As [`Command::parse`], except that trailing bytes are allowed.
    pub fn parse_prefix(bytes: &'a [u8]) -> Result<(Self, usize), DecodeError> {
        let n = cdb_len(bytes)?;
        let Some(cdb) = bytes.get(..n) else {
            return Err(length_error(bytes, n));
        };
        let op = OpCode(cdb.first().copied().unwrap_or_default());
        let sa = service_action(cdb);
        let cmd = match (op, sa) {
            (OpCode::TEST_UNIT_READY, _) => Self::TestUnitReady(TestUnitReady::decode(cdb)?),
            (OpCode::REQUEST_SENSE, _) => Self::RequestSense(RequestSense::decode(cdb)?),
            (OpCode::INQUIRY, _) => Self::Inquiry(Inquiry::decode(cdb)?),
            (OpCode::READ_CAPACITY_10, _) => Self::ReadCapacity10(ReadCapacity10::decode(cdb)?),
            (OpCode::SERVICE_ACTION_IN_16, Some(0x10)) => Self::ReadCapacity16(ReadCapacity16::decode(cdb)?),
            (OpCode::READ_6 | OpCode::READ_10 | OpCode::READ_12 | OpCode::READ_16, _)
            | (OpCode::VARIABLE_LENGTH, Some(0x0009)) => Self::Read(ReadAny::decode(cdb)?),
            (OpCode::WRITE_6 | OpCode::WRITE_10 | OpCode::WRITE_12 | OpCode::WRITE_16, _)
            | (OpCode::VARIABLE_LENGTH, Some(0x000B)) => Self::Write(WriteAny::decode(cdb)?),
            (OpCode::SYNCHRONIZE_CACHE_10, _) => Self::SynchronizeCache10(SynchronizeCache10::decode(cdb)?),
            (OpCode::SYNCHRONIZE_CACHE_16, _) => Self::SynchronizeCache16(SynchronizeCache16::decode(cdb)?),
            (OpCode::ATA_PASS_THROUGH_12 | OpCode::ATA_PASS_THROUGH_16, _)
            | (OpCode::VARIABLE_LENGTH, Some(0x1FF0)) => Self::AtaPassThrough(AtaPassThrough::decode(cdb)?),
            _ => match TableCommand::decode(op, sa, cdb) {
                Some(t) => Self::Table(t?),
                None => Self::Other { opcode: op, service_action: sa, cdb },
            },
        };
        Ok((cmd, n))
    }

    /// The operation code.
    #[must_use]
    pub fn opcode(&self) -> OpCode {
        match (self, self.as_cdb()) {
            (Self::Other { opcode, .. }, _) => *opcode,
            (_, Some(c)) => c.opcode(),
            (_, None) => OpCode(0),
        }
    }

    /// The typed command as a [`Cdb`] (its bytes, direction and transfer length); `None` for
    /// [`Command::Other`].
    #[must_use]
    pub fn as_cdb(&self) -> Option<&dyn Cdb> {
        Some(match self {
            Self::TestUnitReady(c) => c,
            Self::RequestSense(c) => c,
            Self::Inquiry(c) => c,
            Self::ReadCapacity10(c) => c,
            Self::ReadCapacity16(c) => c,
            Self::Read(c) => c,
            Self::Write(c) => c,
            Self::SynchronizeCache10(c) => c,
            Self::SynchronizeCache16(c) => c,
            Self::AtaPassThrough(c) => c,
            Self::Table(c) => c.as_cdb(),
            Self::Other { .. } => return None,
        })
    }

    /// The T10 name of the command, service action included ("READ CAPACITY(16)" rather than
    /// "SERVICE ACTION IN(16)"); `None` for unassigned and vendor codes.
    #[must_use]
    pub fn name(&self) -> Option<&'static str> {
        let sa = match (self, self.as_cdb()) {
            (Self::Other { service_action, .. }, _) => *service_action,
            (_, Some(c)) => c.service_action().map(|s| s.0),
            (_, None) => None,
        };
        let op = self.opcode();
        sa.and_then(|s| op.service_action_name(s)).or_else(|| op.name())
    }
}

/// Lists every table-described command type once; the enum, its decoder, its `Arbitrary`
/// support and the generic tests all expand from this list.
#[macro_export]
#[doc(hidden)]
macro_rules! __with_table_commands {
    ($m:ident) => {
        $m! {
            spc::ModeSense6, spc::ModeSense10, spc::ModeSelect6, spc::ModeSelect10, spc::LogSense,
            spc::LogSelect, spc::ReportLuns, spc::ReportSupportedOperationCodes,
            spc::ReportSupportedTaskManagementFunctions, spc::ReportTargetPortGroups,
            spc::ReportIdentifyingInformation, spc::SetIdentifyingInformation, spc::SetTargetPortGroups,
            spc::ReportTimestamp, spc::SetTimestamp, spc::PersistentReserveIn, spc::PersistentReserveOut,
            spc::ReceiveDiagnosticResults, spc::SendDiagnostic, spc::ReadBuffer10, spc::ReadBuffer16,
            spc::WriteBuffer, spc::SecurityProtocolIn, spc::SecurityProtocolOut, spc::ExtendedCopy,
            spc::ExtendedCopyLid1, spc::PopulateToken, spc::WriteUsingToken, spc::ReceiveCopyResults,
            spc::ReceiveCopyResultsLid1,
            sbc::Verify10, sbc::Verify12, sbc::Verify16, sbc::Verify32, sbc::WriteAndVerify10,
            sbc::WriteAndVerify12, sbc::WriteAndVerify16, sbc::WriteAndVerify32, sbc::WriteSame10,
            sbc::WriteSame16, sbc::WriteSame32, sbc::Unmap, sbc::CompareAndWrite, sbc::OrWrite16,
            sbc::OrWrite32, sbc::WriteAtomic16, sbc::WriteAtomic32, sbc::WriteStream16, sbc::WriteStream32,
            sbc::PreFetch10, sbc::PreFetch16, sbc::GetLbaStatus16, sbc::GetLbaStatus32, sbc::FormatUnit,
            sbc::Sanitize, sbc::StartStopUnit, sbc::PreventAllowMediumRemoval, sbc::ReadDefectData10,
            sbc::ReadDefectData12, sbc::ReadLong10, sbc::ReadLong16, sbc::WriteLong10, sbc::WriteLong16,
            sbc::ReassignBlocks, sbc::BackgroundControl, sbc::StreamControl, sbc::GetStreamStatus,
            sbc::ReportReferrals, sbc::ReportProvisioningInitializationPattern, zbc::ZoneManagement,
            zbc::ReportZones, zbc::ReportRealms, zbc::ReportZoneDomains, zbc::ZoneActivate, zbc::ZoneQuery,
        }
    };
}
pub use __with_table_commands as with_table_commands;

macro_rules! table_command_enum {
    ($($module:ident :: $t:ident),* $(,)?) => {
        /// A decoded command of the SPC, SBC and ZBC sets (every type built from a layout
        /// table): one variant per command type, named as the type.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        #[non_exhaustive]
        pub enum TableCommand {
            $(
                #[doc = concat!("[`", stringify!($t), "`](super::", stringify!($module), "::", stringify!($t), ").")]
                $t($module::$t),
            )*
        }

        impl TableCommand {
            /// The command as a [`Cdb`].
            #[must_use]
            pub fn as_cdb(&self) -> &dyn Cdb {
                match self {
                    $(Self::$t(c) => c,)*
                }
            }

            /// The layout of the command's fields.
            #[must_use]
            pub fn fields(&self) -> &'static [super::FieldInfo] {
                match self {
                    $(Self::$t(_) => $module::$t::FIELDS,)*
                }
            }

            /// The type name ("ModeSense10").
            #[must_use]
            pub fn type_name(&self) -> &'static str {
                match self {
                    $(Self::$t(_) => stringify!($t),)*
                }
            }

            /// The type name, CDB length and field layout of the table command that owns this
            /// operation code and service action, if any (for showing the fields of a CDB that
            /// failed to decode).
            #[must_use]
            pub fn layout(op: OpCode, sa: Option<u16>) -> Option<(&'static str, usize, &'static [super::FieldInfo])> {
                Entry::find(op, sa).map(|e| (e.name, e.len, e.fields))
            }

            /// The CDB USAGE DATA for REPORT SUPPORTED OPERATION CODES (one-command form) of the
            /// table command that owns this operation code and service action, if any.
            #[must_use]
            pub fn cdb_usage(op: OpCode, sa: Option<u16>) -> Option<super::CdbBuf> {
                Entry::find(op, sa).and_then(|e| (e.usage)(sa))
            }

            /// Every table command's operation code, fixed service action (if any) and CDB
            /// length: the rows of an all-commands REPORT SUPPORTED OPERATION CODES answer for
            /// a target that implements them all.
            pub fn all_layouts() -> impl Iterator<Item = (OpCode, Option<u16>, usize)> {
                ENTRIES.iter().map(|e| (e.op, e.sa, e.len))
            }

            /// Decodes `cdb` when its opcode and service action belong to a table command;
            /// `None` when none claims it. (A chain of typed tests rather than a walk of the
            /// entry table: with the decoders inlined it measured faster.)
            #[must_use]
            pub fn decode(op: OpCode, sa: Option<u16>, cdb: &[u8]) -> Option<Result<Self, DecodeError>> {
                $(
                    if op == $module::$t::OPCODE && $module::$t::claims_service_action(sa) {
                        return Some($module::$t::decode(cdb).map(Self::$t));
                    }
                )*
                None
            }
        }

        /// What the static queries need to know of one table type.
        struct Entry {
            op: OpCode,
            sa: Option<u16>,
            claims: fn(Option<u16>) -> bool,
            name: &'static str,
            len: usize,
            fields: &'static [super::FieldInfo],
            usage: fn(Option<u16>) -> Option<super::CdbBuf>,
        }

        /// One entry per table type, in list order (the order `TableCommand::decode` tries).
        const ENTRIES: &[Entry] = &[$(Entry {
            op: $module::$t::OPCODE,
            sa: $module::$t::SERVICE_ACTION,
            claims: $module::$t::claims_service_action,
            name: stringify!($t),
            len: $module::$t::LEN,
            fields: $module::$t::FIELDS,
            usage: |sa| super::CdbBuf::from_slice(&$module::$t::cdb_usage(sa)).ok(),
        },)*];

        impl Entry {
            /// The first type that owns this operation code and service action.
            fn find(op: OpCode, sa: Option<u16>) -> Option<&'static Entry> {
                ENTRIES.iter().find(|e| e.op == op && (e.claims)(sa))
            }
        }

        $(
            impl From<$module::$t> for TableCommand {
                fn from(c: $module::$t) -> Self {
                    Self::$t(c)
                }
            }
        )*
    };
}
with_table_commands!(table_command_enum);

impl Cdb for TableCommand {
    fn opcode(&self) -> OpCode {
        self.as_cdb().opcode()
    }
    fn service_action(&self) -> Option<crate::ServiceAction> {
        self.as_cdb().service_action()
    }
    fn cdb_len(&self) -> usize {
        self.as_cdb().cdb_len()
    }
    fn encode_into(&self, out: &mut [u8]) -> Result<usize, crate::BuildError> {
        self.as_cdb().encode_into(out)
    }
    fn direction(&self) -> super::DataDirection {
        self.as_cdb().direction()
    }
    fn transfer(&self) -> super::Transfer {
        self.as_cdb().transfer()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_from_group_code() {
        assert_eq!(cdb_len(&[0x00]), Ok(6));
        assert_eq!(cdb_len(&[0x5A]), Ok(10));
        assert_eq!(cdb_len(&[0x88]), Ok(16));
        assert_eq!(cdb_len(&[0xA8]), Ok(12));
        assert_eq!(cdb_len(&[0x7F, 0, 0, 0, 0, 0, 0, 0x18]), Ok(32));
        assert_eq!(cdb_len(&[0x7F, 0, 0]), Err(DecodeError::truncated(8, 3)));
        assert_eq!(cdb_len(&[0x60]), Err(DecodeError::ReservedGroupCode(0x60)));
        assert_eq!(cdb_len(&[0xC0, 1, 2]), Ok(3));
        assert_eq!(cdb_len(&[]), Err(DecodeError::truncated(1, 0)));
    }

    #[test]
    fn strict_and_prefix() {
        let padded = [0x00u8; 16];
        assert_eq!(
            Command::parse(&padded),
            Err(DecodeError::BadCdbLength { expected: 6, actual: 16, length_at: 0 })
        );
        assert_eq!(Command::parse_prefix(&padded), Ok((Command::TestUnitReady(TestUnitReady::new()), 6)));
        let log = [0x4D, 0, 0x40, 0, 0, 0, 0, 0x10, 0, 0];
        assert!(
            matches!(Command::parse(&log), Ok(Command::Table(TableCommand::LogSense(l))) if l.allocation_length == 0x1000)
        );
        assert_eq!(Command::parse(&log).unwrap().name(), Some("LOG SENSE"));
        let other = [0x01, 0, 0, 0, 0, 0];
        assert_eq!(
            Command::parse(&other),
            Ok(Command::Other { opcode: OpCode::REZERO_UNIT, service_action: None, cdb: &other })
        );
        let rc16 = [0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0];
        assert_eq!(Command::parse(&rc16).unwrap().name(), Some("READ CAPACITY(16)"));
        let gls = [0x9E, 0x12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0];
        assert_eq!(Command::parse(&gls).unwrap().name(), Some("GET LBA STATUS(16)"));
    }
}

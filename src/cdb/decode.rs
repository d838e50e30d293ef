//! Target side: any CDB byte slice to a typed [`Command`].
//!
//! ```rust
//! use scsi_cdb::cdb::decode::cdb_len;
//! use scsi_cdb::{Cdb, Command};
//! // READ(10) of 8 blocks at LBA 1000h, as a target receives it in a 16-byte CDB field.
//! let field = [0x28, 0, 0, 0, 0x10, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0];
//! assert_eq!(cdb_len(&field)?, 10);
//! let (cmd, n) = Command::parse_prefix(&field)?;
//! assert_eq!((cmd.name(), n), (Some("READ(10)"), 10));
//! assert_eq!(cmd.read().map(|r| r.transfer_len(512)), Some(4096));
//! # Ok::<(), scsi_cdb::DecodeError>(())
//! ```

use super::sat::AtaPassThrough;
use super::{Cdb, CdbBuf, FieldInfo, ReadAny, WriteAny, basic, read_write, sat, sbc, spc, sync_cache, zbc};
use crate::code::{CdbLength, ServiceActionField};
use crate::{DecodeError, OpCode};

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
        if cdb.is_empty() {
            return Err(DecodeError::truncated(1, 0));
        }
        // Each decoder in the table checks the slice's length itself (see `DecodeFn`).
        decoder(cdb)(cdb)
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
        decoder(cdb)(cdb).map(|c| (c, n))
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

/// Lists every command type described with `cdb_command!`, once. The [`Command`] enum, its
/// dispatch, its `Arbitrary` support, the layout queries and the generic tests all expand from
/// this list, and `cdb_command!` refuses (at `cargo check`) a type that is not in it.
#[macro_export]
#[doc(hidden)]
macro_rules! __with_commands {
    ($m:ident) => {
        $m! {
            basic::TestUnitReady, basic::RequestSense, basic::Inquiry, basic::ReadCapacity10,
            basic::ReadCapacity16,
            read_write::Read6, read_write::Read10, read_write::Read12, read_write::Read16,
            read_write::Read32, read_write::Write6, read_write::Write10, read_write::Write12,
            read_write::Write16, read_write::Write32,
            sync_cache::SynchronizeCache10, sync_cache::SynchronizeCache16,
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
            sat::AtaPassThrough12, sat::AtaPassThrough16, sat::AtaPassThrough32,
        }
    };
}
pub use __with_commands as with_commands;

macro_rules! command_enum {
    ($($module:ident :: $t:ident),* $(,)?) => {
        /// A decoded CDB: one variant per CDB form this crate describes, and
        /// [`Command::Other`], which keeps the bytes of anything this crate has no type for
        /// (vendor commands included), so nothing is lost.
        ///
        /// ```
        /// use scsi_cdb::{Command, DecodeError, FieldPointer};
        /// let cmd = Command::parse(&[0x28, 0, 0, 0, 0x10, 0, 0, 0, 8, 0])?;
        /// assert!(matches!(cmd, Command::Read10(r) if r.lba == 0x1000 && r.transfer_length == 8));
        /// assert_eq!(cmd.name(), Some("READ(10)"));
        /// assert_eq!(cmd.read().map(|r| r.lba()), Some(0x1000));
        /// // A reserved bit: the error carries the sense-key-specific field pointer.
        /// let err = Command::parse(&[0x12, 0x04, 0, 0, 36, 0]).unwrap_err();
        /// assert_eq!(err.field_pointer(), Some(FieldPointer::bit(1, 2)));
        /// # Ok::<(), DecodeError>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum Command<'a> {
            $(
                #[doc = concat!("[`", stringify!($t), "`](super::", stringify!($module), "::", stringify!($t), ").")]
                $t($module::$t),
            )*
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

        impl<'a> Command<'a> {
            /// The type name of every command of the list, in list order.
            pub const TYPE_NAMES: &'static [&'static str] = &[$(stringify!($t)),*];

            /// The most fields any listed command has (its `FIELDS`).
            pub const MAX_FIELDS: usize = {
                let mut max = 0;
                $(
                    if $module::$t::FIELDS.len() > max {
                        max = $module::$t::FIELDS.len();
                    }
                )*
                max
            };

            /// The typed command as a [`Cdb`] (its bytes, direction and transfer length); `None`
            /// for [`Command::Other`].
            #[must_use]
            pub fn as_cdb(&self) -> Option<&dyn Cdb> {
                Some(match self {
                    $(Self::$t(c) => c,)*
                    Self::Other { .. } => return None,
                })
            }

            /// The layout of the command's fields (empty for [`Command::Other`]).
            #[must_use]
            pub fn fields(&self) -> &'static [FieldInfo] {
                match self {
                    $(Self::$t(_) => $module::$t::FIELDS,)*
                    Self::Other { .. } => &[],
                }
            }

            /// The type name ("ModeSense10", "AtaPassThrough16", "Other").
            #[must_use]
            pub fn type_name(&self) -> &'static str {
                match self {
                    $(Self::$t(_) => stringify!($t),)*
                    Self::Other { .. } => "Other",
                }
            }

            /// The type name, CDB length and field layout of the command that owns this
            /// operation code and service action, if any (for showing the fields of a CDB that
            /// failed to decode).
            #[must_use]
            pub fn layout(op: OpCode, sa: Option<u16>) -> Option<(&'static str, usize, &'static [FieldInfo])> {
                Entry::find(op, sa).map(|e| (e.name, e.len, e.fields))
            }

            /// The CDB USAGE DATA for REPORT SUPPORTED OPERATION CODES (one-command form) of the
            /// command that owns this operation code and service action, if any.
            #[must_use]
            pub fn cdb_usage(op: OpCode, sa: Option<u16>) -> Option<CdbBuf> {
                Entry::find(op, sa).and_then(|e| (e.usage)(sa))
            }

            /// Every listed command's operation code, fixed service action (if any) and CDB
            /// length: the rows of an all-commands REPORT SUPPORTED OPERATION CODES answer for a
            /// target that implements them all.
            pub fn all_layouts() -> impl Iterator<Item = (OpCode, Option<u16>, usize)> {
                ENTRIES.iter().map(|e| (e.op, e.sa, e.len))
            }
        }

        /// What dispatch and the static queries need to know of one listed type.
        struct Entry {
            op: OpCode,
            sa: Option<u16>,
            /// The service actions a type without a fixed one accepts (empty: any).
            sa_list: &'static [u16],
            name: &'static str,
            len: usize,
            fields: &'static [FieldInfo],
            usage: fn(Option<u16>) -> Option<CdbBuf>,
            decode: DecodeFn,
        }

        /// One entry per listed type, in list order.
        const ENTRIES: &[Entry] = &[$(Entry {
            op: $module::$t::OPCODE,
            sa: $module::$t::SERVICE_ACTION,
            sa_list: $module::$t::SERVICE_ACTIONS,
            name: stringify!($t),
            len: $module::$t::LEN,
            fields: $module::$t::FIELDS,
            usage: |sa| CdbBuf::from_slice(&$module::$t::cdb_usage(sa)).ok(),
            decode: {
                // A slice of the type's length that decodes: the value, straight into the
                // caller's `Command` (no call is left on this path, so the function saves no
                // registers); anything else, out of line: a length that is not the group's
                // is that error, else the typed decoder's error.
                #[cold]
                #[inline(never)]
                fn slow(c: &[u8]) -> Result<Command<'_>, DecodeError> {
                    check_len(c)?;
                    $module::$t::decode(c).map(Command::$t)
                }
                fn fast(c: &[u8]) -> Result<Command<'_>, DecodeError> {
                    if c.len() == $module::$t::LEN {
                        if let Ok(v) = $module::$t::decode(c) {
                            return Ok(Command::$t(v));
                        }
                    }
                    slow(c)
                }
                fast
            },
        },)*];

        impl Entry {
            /// The first type that owns this operation code and service action.
            fn find(op: OpCode, sa: Option<u16>) -> Option<&'static Entry> {
                ENTRIES.iter().find(|e| e.op == op && e.claims(sa))
            }

            /// Whether this type owns service action `sa` of its operation code (its
            /// `claims_service_action`, from the data the dispatch tables are built with).
            const fn claims(&self, sa: Option<u16>) -> bool {
                super::layout::claims(self.sa, self.sa_list, sa)
            }
        }

        $(
            impl From<$module::$t> for Command<'_> {
                fn from(c: $module::$t) -> Self {
                    Self::$t(c)
                }
            }
        )*

        /// Any typed command (never [`Command::Other`]), valid by construction.
        #[cfg(feature = "arbitrary")]
        impl<'a, 'b> arbitrary::Arbitrary<'a> for Command<'b> {
            fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
                let pick = u.int_in_range(0..=Self::TYPE_NAMES.len() - 1)?;
                let mut i = 0usize;
                $(
                    if pick == i {
                        return Ok(Self::$t(u.arbitrary()?));
                    }
                    i += 1;
                )*
                let _ = i;
                // Not reached: `pick` is below the length of the list.
                Ok(Self::TestUnitReady(u.arbitrary()?))
            }
        }
    };
}
with_commands!(command_enum);

/// A decoder as the dispatch tables hold it: decodes one type and wraps it in its variant. It
/// gets the whole slice [`Command::parse`] was given and checks its length against the group
/// code (as [`cdb_len`]) itself, so `parse` is two table loads and a jump; it is called last,
/// so it writes its fields straight into the caller's `Result<Command, _>`.
type DecodeFn = for<'c> fn(&'c [u8]) -> Result<Command<'c>, DecodeError>;

/// The slice is exactly as long as its group code (and 7Fh's ADDITIONAL CDB LENGTH) says.
fn check_len(cdb: &[u8]) -> Result<(), DecodeError> {
    let n = cdb_len(cdb)?;
    if cdb.len() == n { Ok(()) } else { Err(length_error(cdb, n)) }
}

/// An operation code (or service action) no type owns: the bytes, kept.
fn other(cdb: &[u8]) -> Result<Command<'_>, DecodeError> {
    check_len(cdb)?;
    let opcode = OpCode(cdb.first().copied().unwrap_or_default());
    Ok(Command::Other { opcode, service_action: service_action(cdb), cdb })
}

/// A variable-length CDB (7Fh): the first listed type that claims its 16-bit service action.
fn by_variable_service_action(cdb: &[u8]) -> Result<Command<'_>, DecodeError> {
    check_len(cdb)?;
    let sa = service_action(cdb);
    match ENTRIES.iter().find(|e| e.op == OpCode::VARIABLE_LENGTH && e.claims(sa)) {
        Some(e) => (e.decode)(cdb),
        None => other(cdb),
    }
}

/// The number of operation codes with a byte-1 service action that some listed type owns.
const SA_ROW_COUNT: usize = {
    let mut n = 0;
    let mut op = 0;
    while op < 256 {
        if sa_row_needed(OpCode(op as u8)) {
            n += 1;
        }
        op += 1;
    }
    n
};

const fn sa_row_needed(op: OpCode) -> bool {
    matches!(op.service_action_field(), Some(ServiceActionField::Byte1Low5))
        && first_entry(op, None, true).is_some()
}

/// The decoder of the first listed type with operation code `op` that claims `sa` (or, with
/// `any_sa`, any entry with that operation code).
const fn first_entry(op: OpCode, sa: Option<u16>, any_sa: bool) -> Option<DecodeFn> {
    let mut rest = ENTRIES;
    while let [e, tail @ ..] = rest {
        if e.op.0 == op.0 && (any_sa || e.claims(sa)) {
            return Some(e.decode);
        }
        rest = tail;
    }
    None
}

/// [`INDEX`] flag: byte 1's service action picks one of the 32 decoders from the index on.
const BY_SA: u16 = 0x8000;

/// Where each operation code's decoder is in [`DECODERS`]: its own place for an operation code
/// that one type owns (or none), else the start of its row of 32, flagged [`BY_SA`].
// Indexing in a static's initializer runs in the compiler: an index out of range fails the
// build, it cannot fail at run time.
#[allow(clippy::indexing_slicing)]
static INDEX: [u16; 256] = {
    let mut index = [0u16; 256];
    let (mut op, mut row) = (0usize, 0u16);
    while op < 256 {
        index[op] = if sa_row_needed(OpCode(op as u8)) {
            let at = 256 + row * 32;
            row += 1;
            at | BY_SA
        } else {
            op as u16
        };
        op += 1;
    }
    index
};

/// The dispatch table [`Command::parse`] reads, built by the compiler from the
/// [`with_commands`] list (so the list and the table cannot disagree): one decoder per
/// operation code (the type that owns it, [`by_variable_service_action`] for 7Fh, else
/// [`other`]), then, per operation code with a byte-1 service action, a row of 32: the decoder
/// of each value ([`other`] where no type claims it).
#[allow(clippy::indexing_slicing)] // evaluated by the compiler, as `INDEX`
static DECODERS: [DecodeFn; 256 + SA_ROW_COUNT * 32] = {
    let mut table: [DecodeFn; 256 + SA_ROW_COUNT * 32] = [other; 256 + SA_ROW_COUNT * 32];
    let mut op = 0usize;
    while op < 256 {
        let code = OpCode(op as u8);
        let at = (INDEX[op] & !BY_SA) as usize;
        if INDEX[op] & BY_SA != 0 {
            let mut sa = 0u16;
            while sa < 32 {
                if let Some(f) = first_entry(code, Some(sa), false) {
                    table[at + sa as usize] = f;
                }
                sa += 1;
            }
        } else if let Some(ServiceActionField::Bytes8To9) = code.service_action_field() {
            table[at] = by_variable_service_action;
        } else if let Some(f) = first_entry(code, None, false) {
            table[at] = f;
        }
        op += 1;
    }
    table
};

/// The decoder of the CDB `cdb` (not empty): one index load, and byte 1 for an operation code
/// whose service action is there (a slice too short to hold byte 1 gets the decoder of 0,
/// which reports the length).
#[inline]
fn decoder(cdb: &[u8]) -> DecodeFn {
    let op = cdb.first().copied().unwrap_or_default();
    let e = INDEX.get(usize::from(op)).copied().unwrap_or_default();
    let sa = if e & BY_SA != 0 { cdb.get(1).map_or(0, |b| b & 0x1F) } else { 0 };
    DECODERS.get(usize::from(e & !BY_SA) + usize::from(sa)).copied().unwrap_or(other)
}

/// True when `name` is a type of the [`with_commands`] list: `cdb_command!` asserts it at
/// compile time for every type it defines, so a command left out of the list fails the build.
#[must_use]
pub const fn is_registered(name: &str) -> bool {
    let mut rest: &[&str] = Command::TYPE_NAMES;
    while let [first, tail @ ..] = rest {
        if const_str_eq(first, name) {
            return true;
        }
        rest = tail;
    }
    false
}

const fn const_str_eq(a: &str, b: &str) -> bool {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a, b) {
            ([], []) => return true,
            ([x, ta @ ..], [y, tb @ ..]) if *x == *y => {
                a = ta;
                b = tb;
            }
            _ => return false,
        }
    }
}

impl Command<'_> {
    /// The command as a READ of any size, when it is one (what an emulator checks against its
    /// capacity).
    #[must_use]
    pub fn read(&self) -> Option<ReadAny> {
        Some(match *self {
            Self::Read6(c) => c.into(),
            Self::Read10(c) => c.into(),
            Self::Read12(c) => c.into(),
            Self::Read16(c) => c.into(),
            Self::Read32(c) => c.into(),
            _ => return None,
        })
    }

    /// The command as an ATA PASS-THROUGH of any size, when it is one: the registers
    /// gathered from its form's fields.
    #[must_use]
    pub fn ata(&self) -> Option<AtaPassThrough> {
        Some(match *self {
            Self::AtaPassThrough12(c) => c.into(),
            Self::AtaPassThrough16(c) => c.into(),
            Self::AtaPassThrough32(c) => c.into(),
            _ => return None,
        })
    }

    /// The command as a WRITE of any size, when it is one.
    #[must_use]
    pub fn write(&self) -> Option<WriteAny> {
        Some(match *self {
            Self::Write6(c) => c.into(),
            Self::Write10(c) => c.into(),
            Self::Write12(c) => c.into(),
            Self::Write16(c) => c.into(),
            Self::Write32(c) => c.into(),
            _ => return None,
        })
    }
}

/// [`Command::Other`] keeps its bytes: it encodes them back unchanged and, having no known data
/// phase, states none ([`Command::as_cdb`] is `None` for it, to tell the two cases apart).
impl Cdb for Command<'_> {
    fn opcode(&self) -> OpCode {
        match self {
            Self::Other { opcode, .. } => *opcode,
            c => c.as_cdb().map_or(OpCode(0), |c| c.opcode()),
        }
    }
    fn service_action(&self) -> Option<crate::ServiceAction> {
        match self {
            Self::Other { service_action, .. } => service_action.map(crate::ServiceAction),
            c => c.as_cdb().and_then(|c| c.service_action()),
        }
    }
    fn cdb_len(&self) -> usize {
        match self {
            Self::Other { cdb, .. } => cdb.len(),
            c => c.as_cdb().map_or(0, |c| c.cdb_len()),
        }
    }
    fn encode_into(&self, out: &mut [u8]) -> Result<usize, crate::BuildError> {
        match self {
            Self::Other { cdb, .. } => crate::wire::write_prefix(out, cdb),
            c => c.as_cdb().map_or(Ok(0), |c| c.encode_into(out)),
        }
    }
    fn direction(&self) -> super::DataDirection {
        self.as_cdb().map_or(super::DataDirection::None, |c| c.direction())
    }
    fn transfer(&self) -> super::Transfer {
        self.as_cdb().map_or(super::Transfer::None, |c| c.transfer())
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

    /// The dispatch tables route every operation code and service action to the same type as
    /// a search of the list in order (`Command::layout`), `Other` included.
    #[test]
    fn dispatch_table_agrees_with_the_list() {
        let mut checked = 0;
        for op in 0..=255u8 {
            let code = OpCode(op);
            let sas: &[u16] = match code.service_action_field() {
                Some(ServiceActionField::Byte1Low5) => &[
                    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
                    25, 26, 27, 28, 29, 30, 31,
                ],
                Some(ServiceActionField::Bytes8To9) => &[
                    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0x1E, 0x1FF0, 0x1800, 0x1801,
                    0xF800, 0xFFFF,
                ],
                None => &[0],
            };
            for &sa in sas {
                let mut buf = [0u8; 32];
                buf[0] = op;
                let len = match code.cdb_length() {
                    CdbLength::Fixed(n) => usize::from(n),
                    CdbLength::Variable => {
                        buf[7] = 0x18;
                        buf[8..10].copy_from_slice(&sa.to_be_bytes());
                        32
                    }
                    CdbLength::Reserved => continue,
                    CdbLength::VendorSpecific => 16,
                };
                if code.service_action_field() == Some(ServiceActionField::Byte1Low5) {
                    buf[1] = sa as u8;
                }
                let cdb = &buf[..len];
                let sa_of = service_action(cdb);
                let expected = match Command::layout(code, sa_of) {
                    Some((name, _, _)) => name,
                    None => "Other",
                };
                match Command::parse(cdb) {
                    Ok(c) => {
                        assert_eq!(c.type_name(), expected, "{op:02X}h/{sa:X}h");
                        if let Command::Other { opcode, service_action, .. } = c {
                            assert_eq!((opcode, service_action), (code, sa_of));
                        }
                    }
                    // A typed decoder ran and refused a zero field: it is not `Other`.
                    Err(_) => assert_ne!(expected, "Other", "{op:02X}h/{sa:X}h"),
                }
                checked += 1;
            }
        }
        assert_eq!(checked, 866);
    }

    #[test]
    fn strict_and_prefix() {
        let padded = [0x00u8; 16];
        assert_eq!(
            Command::parse(&padded),
            Err(DecodeError::BadCdbLength { expected: 6, actual: 16, length_at: 0 })
        );
        assert_eq!(
            Command::parse_prefix(&padded),
            Ok((Command::TestUnitReady(basic::TestUnitReady::new()), 6))
        );
        let log = [0x4D, 0, 0x40, 0, 0, 0, 0, 0x10, 0, 0];
        assert!(matches!(Command::parse(&log), Ok(Command::LogSense(l)) if l.allocation_length == 0x1000));
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

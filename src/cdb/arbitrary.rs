//! `Arbitrary` for the command types (feature `arbitrary`): valid-by-construction CDBs for
//! fuzzing hosts and round trips, and [`NearValidCdb`], a valid CDB with exactly one bit
//! flipped, for fuzzing targets and emulators.

use arbitrary::{Arbitrary, Result, Unstructured};

use super::{
    Cdb, CdbBuf, Control, DataDirection, GroupNumber, Inquiry, Protect, ReadAny, ReadCapacity10,
    ReadCapacity16, RequestSense, SynchronizeCache10, SynchronizeCache16, TestUnitReady, Transfer, WriteAny,
};
use crate::{BuildError, OpCode, ServiceAction, VpdPage};

fn control(u: &mut Unstructured<'_>) -> Result<Control> {
    Control::new(u8::arbitrary(u)? & !Control::RESERVED_MASK).map_err(|_| arbitrary::Error::IncorrectFormat)
}

fn group(u: &mut Unstructured<'_>) -> Result<GroupNumber> {
    GroupNumber::new(u.int_in_range(0..=GroupNumber::MAX)?).map_err(|_| arbitrary::Error::IncorrectFormat)
}

fn protect(u: &mut Unstructured<'_>) -> Result<Protect> {
    Protect::new(u.int_in_range(0..=7)?).map_err(|_| arbitrary::Error::IncorrectFormat)
}

impl<'a> Arbitrary<'a> for Inquiry {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let c = match u.int_in_range(0..=1)? {
            0 => Self::standard(u.arbitrary()?),
            _ => Self::vpd(VpdPage(u.arbitrary()?), u.arbitrary()?),
        };
        Ok(Self { control: control(u)?, ..c })
    }
}

/// Any command this crate builds, valid by construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Arbitrary)]
pub enum AnyCdb {
    /// READ of any size.
    Read(ReadAny),
    /// WRITE of any size.
    Write(WriteAny),
    /// SYNCHRONIZE CACHE (10).
    SynchronizeCache10(SynchronizeCache10),
    /// SYNCHRONIZE CACHE (16).
    SynchronizeCache16(SynchronizeCache16),
    /// INQUIRY.
    Inquiry(Inquiry),
    /// TEST UNIT READY.
    TestUnitReady(TestUnitReady),
    /// REQUEST SENSE.
    RequestSense(RequestSense),
    /// READ CAPACITY (10).
    ReadCapacity10(ReadCapacity10),
    /// READ CAPACITY (16).
    ReadCapacity16(ReadCapacity16),
    /// ATA PASS-THROUGH of any size.
    AtaPassThrough(super::sat::AtaPassThrough),
    /// Any SPC, SBC or ZBC command of the table-described set.
    Table(super::TableCommand),
}

impl AnyCdb {
    fn inner(&self) -> &dyn Cdb {
        match self {
            Self::Read(c) => c,
            Self::Write(c) => c,
            Self::SynchronizeCache10(c) => c,
            Self::SynchronizeCache16(c) => c,
            Self::Inquiry(c) => c,
            Self::TestUnitReady(c) => c,
            Self::RequestSense(c) => c,
            Self::ReadCapacity10(c) => c,
            Self::ReadCapacity16(c) => c,
            Self::AtaPassThrough(c) => c,
            Self::Table(c) => c,
        }
    }
}

impl Cdb for AnyCdb {
    fn opcode(&self) -> OpCode {
        self.inner().opcode()
    }
    fn service_action(&self) -> Option<ServiceAction> {
        self.inner().service_action()
    }
    fn cdb_len(&self) -> usize {
        self.inner().cdb_len()
    }
    fn encode_into(&self, out: &mut [u8]) -> core::result::Result<usize, BuildError> {
        self.inner().encode_into(out)
    }
    fn direction(&self) -> DataDirection {
        self.inner().direction()
    }
    fn transfer(&self) -> Transfer {
        self.inner().transfer()
    }
}

/// A valid CDB with exactly one bit flipped: the input a target must either accept (the bit
/// was part of a field) or reject with INVALID FIELD IN CDB pointing at that byte and bit
/// (the bit was reserved), never crash on.
///
/// ```
/// # #[cfg(feature = "arbitrary")] {
/// use arbitrary::{Arbitrary, Unstructured};
/// use scsi_cdb::Cdb;
/// use scsi_cdb::cdb::NearValidCdb;
/// let raw = [7u8; 64];
/// let n = NearValidCdb::arbitrary(&mut Unstructured::new(&raw)).unwrap();
/// let bytes = n.bytes();
/// assert_eq!(bytes.as_bytes().len(), n.valid.to_buf().unwrap().as_bytes().len());
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NearValidCdb {
    /// The valid command.
    pub valid: AnyCdb,
    /// The byte whose bit is flipped.
    pub byte: usize,
    /// The bit flipped (0-7).
    pub bit: u8,
}

impl NearValidCdb {
    /// The CDB with the bit flipped.
    #[must_use]
    pub fn bytes(&self) -> CdbBuf {
        let mut b = self.valid.to_buf().unwrap_or(CdbBuf { bytes: [0; CdbBuf::CAPACITY], len: 0 });
        if self.byte < usize::from(b.len) {
            if let Some(x) = b.bytes.get_mut(self.byte) {
                *x ^= 1 << (self.bit & 7);
            }
        }
        b
    }
}

impl<'a> Arbitrary<'a> for NearValidCdb {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let valid = AnyCdb::arbitrary(u)?;
        let byte = u.int_in_range(0..=valid.cdb_len().saturating_sub(1))?;
        Ok(Self { valid, byte, bit: u.int_in_range(0..=7)? })
    }
}

impl<'a> Arbitrary<'a> for Control {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        control(u)
    }
}

impl<'a> Arbitrary<'a> for GroupNumber {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        group(u)
    }
}

impl<'a> Arbitrary<'a> for Protect {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        protect(u)
    }
}

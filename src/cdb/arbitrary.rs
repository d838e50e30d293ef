//! `Arbitrary` for the command types (feature `arbitrary`): valid-by-construction CDBs for
//! fuzzing hosts and round trips, and [`NearValidCdb`], a valid CDB with exactly one bit
//! flipped, for fuzzing targets and emulators.

use arbitrary::{Arbitrary, Result, Unstructured};

use super::{Cdb, CdbBuf, Control, GroupNumber, Inquiry, Protect};
use crate::VpdPage;

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
    pub valid: super::Command<'static>,
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
        let valid = super::Command::arbitrary(u)?;
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

//! Raw and vendor-specific CDBs: the escape hatch for anything without a typed builder.

use super::{Cdb, DataDirection, Transfer};
use crate::code::CdbLength;
use crate::{BuildError, OpCode};

/// A CDB given as bytes, with the direction and transfer length the caller states.
///
/// [`RawCdb::new`] checks the length against the operation code's group code (and ADDITIONAL
/// CDB LENGTH for 7Fh); [`RawCdb::vendor_specific`] skips that check for commands the caller
/// declares vendor specific; [`RawCdb::vendor`] builds a CDB from a vendor opcode (C0h-FFh) and
/// payload bytes. In every case the direction and the transfer length must agree: a data phase
/// needs a non-zero length and no data phase needs zero.
///
/// ```
/// use scsi_cdb::{Cdb, DataDirection, OpCode, RawCdb};
/// // A vendor command: opcode C5h, 16 bytes, reading 512 bytes.
/// let v = RawCdb::vendor(OpCode(0xC5), 16, &[0x01, 0x02], DataDirection::FromDevice, 512)?;
/// let mut out = [0u8; 16];
/// v.encode_into(&mut out)?;
/// assert_eq!(&out[..4], &[0xC5, 0x01, 0x02, 0x00]);
/// // A raw READ(10) whose length matches its group code.
/// assert!(RawCdb::new(&[0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0], DataDirection::FromDevice, 512).is_ok());
/// // A 6-byte CDB with a group-1 opcode contradicts the group code...
/// assert!(RawCdb::new(&[0x28, 0, 0, 0, 0, 0], DataDirection::None, 0).is_err());
/// // ...unless the caller says it is vendor specific.
/// assert!(RawCdb::vendor_specific(&[0x28, 0, 0, 0, 0, 0], DataDirection::None, 0).is_ok());
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RawCdb<'a> {
    opcode: OpCode,
    body: &'a [u8],
    len: u16,
    direction: DataDirection,
    transfer_len: u32,
}

impl<'a> RawCdb<'a> {
    /// The longest CDB: a variable-length CDB with the largest ADDITIONAL CDB LENGTH that is a
    /// multiple of 4 (8 + 252).
    pub const MAX_LEN: usize = 260;

    /// A raw CDB whose length must agree with its operation code's group code.
    ///
    /// # Errors
    /// [`BuildError::CdbLengthMismatch`] when it does not (including reserved group 3 codes and
    /// vendor-specific groups 6 and 7, which need [`RawCdb::vendor_specific`]), and
    /// [`BuildError::Conflict`] when direction and length disagree.
    pub fn new(bytes: &'a [u8], direction: DataDirection, transfer_len: u32) -> Result<Self, BuildError> {
        let (&first, body) = bytes.split_first().ok_or(BuildError::LengthTooSmall { len: 0, min: 6 })?;
        let op = OpCode(first);
        let expected = match op.cdb_length() {
            CdbLength::Fixed(n) => usize::from(n),
            CdbLength::Variable => 8 + usize::from(body.get(6).copied().unwrap_or(0)),
            CdbLength::Reserved | CdbLength::VendorSpecific => 0,
        };
        if expected != bytes.len() {
            return Err(BuildError::CdbLengthMismatch {
                opcode: first,
                expected: crate::error::sat16(expected),
                actual: crate::error::sat16(bytes.len()),
            });
        }
        Self::checked(op, body, bytes.len(), direction, transfer_len)
    }

    /// A raw CDB of any length from 1 to 260 bytes that the caller declares vendor specific, so
    /// its length is not checked against the group code.
    ///
    /// # Errors
    /// [`BuildError::LengthTooSmall`] / [`BuildError::LengthTooLarge`] outside 1..=260, and
    /// [`BuildError::Conflict`] when direction and length disagree.
    pub fn vendor_specific(
        bytes: &'a [u8],
        direction: DataDirection,
        transfer_len: u32,
    ) -> Result<Self, BuildError> {
        let (&first, body) = bytes.split_first().ok_or(BuildError::LengthTooSmall { len: 0, min: 1 })?;
        Self::checked(OpCode(first), body, bytes.len(), direction, transfer_len)
    }

    /// A vendor-specific command (opcode C0h-FFh) of `len` bytes (6, 10, 12, 16, or any length
    /// up to 260): the opcode, then `payload`, then zeros.
    ///
    /// # Errors
    /// [`BuildError::NotVendorOpcode`] for an opcode below C0h,
    /// [`BuildError::LengthTooSmall`] / [`BuildError::LengthTooLarge`] for a length outside
    /// 6..=260 or a payload that does not fit, and [`BuildError::Conflict`] when direction and length
    /// disagree.
    pub fn vendor(
        opcode: OpCode,
        len: usize,
        payload: &'a [u8],
        direction: DataDirection,
        transfer_len: u32,
    ) -> Result<Self, BuildError> {
        if !opcode.is_vendor_specific() {
            return Err(BuildError::NotVendorOpcode(opcode.0));
        }
        if len < 6 {
            return Err(BuildError::LengthTooSmall { len: len as u64, min: 6 });
        }
        if payload.len() + 1 > len {
            return Err(BuildError::LengthTooLarge { len: payload.len() as u64, max: len as u64 - 1 });
        }
        Self::checked(opcode, payload, len, direction, transfer_len)
    }

    fn checked(
        opcode: OpCode,
        body: &'a [u8],
        len: usize,
        direction: DataDirection,
        transfer_len: u32,
    ) -> Result<Self, BuildError> {
        if len > Self::MAX_LEN {
            return Err(BuildError::LengthTooLarge { len: len as u64, max: Self::MAX_LEN as u64 });
        }
        match (direction, transfer_len) {
            (DataDirection::None, 0) | (DataDirection::FromDevice | DataDirection::ToDevice, 1..) => {}
            (DataDirection::None, _) => {
                return Err(BuildError::Conflict("a transfer length needs a data direction"));
            }
            _ => return Err(BuildError::Conflict("a data direction needs a non-zero transfer length")),
        }
        Ok(Self { opcode, body, len: len as u16, direction, transfer_len })
    }
}

impl Cdb for RawCdb<'_> {
    fn opcode(&self) -> OpCode {
        self.opcode
    }

    fn cdb_len(&self) -> usize {
        usize::from(self.len)
    }

    fn encode_into(&self, out: &mut [u8]) -> Result<usize, BuildError> {
        let len = usize::from(self.len);
        let out_len = out.len();
        let dst = out.get_mut(..len).ok_or(BuildError::buffer_too_small(len, out_len))?;
        dst.fill(0);
        if let Some((first, rest)) = dst.split_first_mut() {
            *first = self.opcode.0;
            if let Some(d) = rest.get_mut(..self.body.len()) {
                d.copy_from_slice(self.body);
            }
        }
        Ok(len)
    }

    fn direction(&self) -> DataDirection {
        self.direction
    }

    fn transfer(&self) -> Transfer {
        if self.transfer_len == 0 { Transfer::None } else { Transfer::Bytes(self.transfer_len) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths() {
        let mut v = [0u8; 32];
        v[0] = 0x7F;
        v[7] = 0x18;
        assert!(RawCdb::new(&v, DataDirection::None, 0).is_ok());
        assert!(RawCdb::new(&v[..31], DataDirection::None, 0).is_err());
        assert!(RawCdb::new(&[0xC0, 0, 0, 0, 0, 0], DataDirection::None, 0).is_err());
        assert!(RawCdb::new(&[0x60, 0, 0, 0, 0, 0, 0, 0, 0, 0], DataDirection::None, 0).is_err());
        assert!(RawCdb::vendor(OpCode(0xC0), 261, &[], DataDirection::None, 0).is_err());
        assert!(RawCdb::vendor(OpCode(0xC0), 260, &[], DataDirection::None, 0).is_ok());
        assert!(RawCdb::vendor(OpCode(0x28), 10, &[], DataDirection::None, 0).is_err());
        assert!(RawCdb::vendor(OpCode(0xC0), 6, &[0; 6], DataDirection::None, 0).is_err());
        assert!(RawCdb::vendor(OpCode(0xC0), 6, &[], DataDirection::None, 1).is_err());
        assert!(RawCdb::vendor(OpCode(0xC0), 6, &[], DataDirection::ToDevice, 0).is_err());
        let big = [0xC1u8; 300];
        assert!(RawCdb::vendor_specific(&big, DataDirection::None, 0).is_err());
        let r = RawCdb::vendor_specific(&big[..260], DataDirection::None, 0).unwrap();
        let mut out = [0u8; 260];
        assert_eq!(r.encode_into(&mut out), Ok(260));
        let buf = r.to_buf().unwrap();
        assert_eq!(buf.as_bytes(), &out[..]);
    }
}

//! TEST UNIT READY and REQUEST SENSE (SPC-6 §6.47, §6.39).

use super::{Cdb, Control, DataDirection, Transfer, expect_cdb, reserved};
use crate::{DecodeError, OpCode};

/// TEST UNIT READY (00h): no data; answers GOOD when the logical unit can take media-access
/// commands.
///
/// The first TEST UNIT READY after a reset or power-on usually ends in CHECK CONDITION with
/// UNIT ATTENTION (29h/xx). That is expected: read the sense, then send it again. A host that
/// treats it as fatal, or a device that never clears it, stalls (see the sense module).
///
/// ```
/// use scsi_cdb::{Cdb, DataDirection, TestUnitReady};
/// let t = TestUnitReady::new();
/// assert_eq!(t.to_bytes(), [0; 6]);
/// assert_eq!(t.direction(), DataDirection::None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TestUnitReady {
    control: Control,
}

impl TestUnitReady {
    /// A TEST UNIT READY.
    #[must_use]
    pub const fn new() -> Self {
        Self { control: Control::NONE }
    }

    /// Sets the CONTROL byte.
    #[must_use]
    pub const fn control(mut self, control: Control) -> Self {
        self.control = control;
        self
    }

    /// The encoded CDB.
    #[must_use]
    pub const fn to_bytes(&self) -> [u8; 6] {
        [0, 0, 0, 0, 0, self.control.raw()]
    }

    /// Decodes a TEST UNIT READY CDB; bytes 1-4 are reserved.
    ///
    /// # Errors
    /// Wrong opcode, fewer than 6 bytes, a reserved bit set.
    pub fn decode(cdb: &[u8]) -> Result<Self, DecodeError> {
        let c = expect_cdb::<6>(cdb, OpCode::TEST_UNIT_READY)?;
        for (i, b) in c.iter().enumerate().take(5).skip(1) {
            reserved(*b, 0xFF, i as u16)?;
        }
        Ok(Self { control: Control::decode(c[5], 5)? })
    }
}

impl Cdb for TestUnitReady {
    fn opcode(&self) -> OpCode {
        OpCode::TEST_UNIT_READY
    }
    super::fixed_cdb_encode!(6);
    fn direction(&self) -> DataDirection {
        DataDirection::None
    }
    fn transfer(&self) -> Transfer {
        Transfer::None
    }
}

/// REQUEST SENSE (03h): asks for the pending sense data, in descriptor format when DESC is set.
///
/// The allocation length is one byte; 252 holds the largest sense data SPC allows, 18 is the
/// classic fixed-format size.
///
/// ```
/// use scsi_cdb::RequestSense;
/// assert_eq!(RequestSense::new(252).desc(true).to_bytes(), [0x03, 0x01, 0, 0, 252, 0]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RequestSense {
    alloc_len: u8,
    desc: bool,
    control: Control,
}

impl RequestSense {
    /// A REQUEST SENSE with the given allocation length.
    #[must_use]
    pub const fn new(alloc_len: u8) -> Self {
        Self { alloc_len, desc: false, control: Control::NONE }
    }

    /// Asks for descriptor-format sense data (DESC bit).
    #[must_use]
    pub const fn desc(mut self, on: bool) -> Self {
        self.desc = on;
        self
    }

    /// Sets the CONTROL byte.
    #[must_use]
    pub const fn control(mut self, control: Control) -> Self {
        self.control = control;
        self
    }

    /// The allocation length.
    #[must_use]
    pub const fn alloc_len(&self) -> u8 {
        self.alloc_len
    }

    /// True when descriptor format is asked for.
    #[must_use]
    pub const fn is_desc(&self) -> bool {
        self.desc
    }

    /// The encoded CDB.
    #[must_use]
    pub const fn to_bytes(&self) -> [u8; 6] {
        [0x03, self.desc as u8, 0, 0, self.alloc_len, self.control.raw()]
    }

    /// Decodes a REQUEST SENSE CDB.
    ///
    /// # Errors
    /// Wrong opcode, fewer than 6 bytes, a reserved bit set (byte 1 bits 7:1, bytes 2-3).
    pub fn decode(cdb: &[u8]) -> Result<Self, DecodeError> {
        let c = expect_cdb::<6>(cdb, OpCode::REQUEST_SENSE)?;
        reserved(c[1], 0xFE, 1)?;
        reserved(c[2], 0xFF, 2)?;
        reserved(c[3], 0xFF, 3)?;
        Ok(Self { alloc_len: c[4], desc: c[1] & 1 != 0, control: Control::decode(c[5], 5)? })
    }
}

impl Cdb for RequestSense {
    fn opcode(&self) -> OpCode {
        OpCode::REQUEST_SENSE
    }
    super::fixed_cdb_encode!(6);
    fn direction(&self) -> DataDirection {
        if self.alloc_len == 0 { DataDirection::None } else { DataDirection::FromDevice }
    }
    fn transfer(&self) -> Transfer {
        if self.alloc_len == 0 { Transfer::None } else { Transfer::Bytes(self.alloc_len as u32) }
    }
}

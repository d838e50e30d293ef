//! SAT-5 ATA PASS-THROUGH (12) (A1h), (16) (85h) and (32) (7Fh/1FF0h), with helpers for the
//! ATA commands people send through a SCSI-to-ATA translator.
//!
//! The three forms carry the same ATA registers in different places; [`AtaPassThrough`] holds
//! them once and checks, when it is built, that they fit the chosen form (the 12-byte form and
//! the 16-byte form without EXTEND hold 8-bit FEATURES and COUNT and a 24-bit LBA).
//!
//! ```
//! use scsi_cdb::cdb::sat::{AtaCdbSize, AtaPassThrough};
//! use scsi_cdb::{Cdb, DataDirection};
//! let id = AtaPassThrough::identify_device(AtaCdbSize::Sixteen);
//! assert_eq!(
//!     id.to_buf()?.as_bytes(),
//!     [0x85, 0x08, 0x0E, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0xEC, 0]
//! );
//! assert_eq!((id.direction(), id.transfer_len(4096)), (DataDirection::FromDevice, 512));
//! # Ok::<(), scsi_cdb::BuildError>(())
//! ```

use super::layout::{U2, U3, U48, code_enum};
use super::{Cdb, Control, DataDirection, FieldInfo, Transfer};
use crate::{BuildError, DecodeError, FieldPointer, OpCode, ServiceAction};

code_enum! {
    /// The PROTOCOL field: how the translator runs the ATA command.
    ///
    /// ```rust
    /// use scsi_cdb::cdb::sat::{AtaPassThrough, AtaProtocol};
    /// // ATA PASS-THROUGH (16), PROTOCOL 6 (DMA) with EXTEND: READ DMA EXT (25h) of 8 sectors.
    /// let cdb = [0x85, 0x0D, 0x0E, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0x40, 0x25, 0];
    /// let a = AtaPassThrough::decode(&cdb)?;
    /// assert_eq!((a.protocol, a.extend, a.registers().command), (AtaProtocol::Dma, true, 0x25));
    /// // PROTOCOL 7 is reserved.
    /// let mut bad = cdb;
    /// bad[1] = 0x0E;
    /// assert!(AtaPassThrough::decode(&bad).is_err());
    /// # Ok::<(), scsi_cdb::DecodeError>(())
    /// ```
    pub enum AtaProtocol {
        /// ATA hardware reset.
        HardReset = 0,
        /// Software reset.
        SoftwareReset = 1,
        /// Non-data.
        #[default]
        NonData = 3,
        /// PIO data-in.
        PioDataIn = 4,
        /// PIO data-out.
        PioDataOut = 5,
        /// DMA.
        Dma = 6,
        /// EXECUTE DEVICE DIAGNOSTIC.
        ExecuteDeviceDiagnostic = 8,
        /// Non-data command that resets the device (DEVICE RESET).
        DeviceReset = 9,
        /// UDMA data-in.
        UdmaDataIn = 10,
        /// UDMA data-out.
        UdmaDataOut = 11,
        /// NCQ (FPDMA).
        Fpdma = 12,
        /// Return response information (the ATA registers of the last command).
        ReturnResponseInformation = 15,
    }
}

code_enum! {
    /// T_LENGTH: where the transfer length is.
    ///
    /// ```rust
    /// use scsi_cdb::Cdb;
    /// use scsi_cdb::cdb::sat::{AtaCdbSize, AtaPassThrough, TLength};
    /// // SMART READ DATA: the length is in COUNT (1), counted in 512-byte blocks.
    /// let smart = AtaPassThrough::smart_read_data(AtaCdbSize::Sixteen);
    /// assert_eq!(smart.t_length, TLength::Count);
    /// assert_eq!(smart.to_bytes16().unwrap()[2], 0x0E); // T_DIR, BYT_BLOK, T_LENGTH 2
    /// assert_eq!(smart.transfer_len(512), 512);
    /// let status = AtaPassThrough::smart_return_status(AtaCdbSize::Sixteen);
    /// assert_eq!(status.t_length, TLength::NoData);
    /// ```
    pub enum TLength {
        /// No data is transferred.
        #[default]
        NoData = 0,
        /// In the FEATURES field.
        Features = 1,
        /// In the COUNT field.
        Count = 2,
        /// In the transport's TPSIU (the length the pass-through request states).
        Tpsiu = 3,
    }
}

/// Which of the three CDB forms.
///
/// ```rust
/// use scsi_cdb::Cdb;
/// use scsi_cdb::cdb::sat::{AtaCdbSize, AtaPassThrough};
/// // CHECK POWER MODE (E5h) in ATA PASS-THROUGH (12): non-data, CK_COND.
/// let c = AtaPassThrough::check_power_mode(AtaCdbSize::Twelve);
/// assert_eq!(c.to_bytes12(), Some([0xA1, 0x06, 0x20, 0, 0, 0, 0, 0, 0, 0xE5, 0, 0]));
/// assert_eq!((c.cdb_len(), c.to_bytes16()), (12, None));
/// // 48-bit commands need the 16- or 32-byte form.
/// assert!(AtaPassThrough::flush_cache_ext(AtaCdbSize::Twelve).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum AtaCdbSize {
    /// ATA PASS-THROUGH (12): 28-bit commands only, no EXTEND.
    Twelve,
    /// ATA PASS-THROUGH (16): 48-bit commands with EXTEND.
    #[default]
    Sixteen,
    /// ATA PASS-THROUGH (32): 48-bit fields, ICC and AUXILIARY.
    ThirtyTwo,
}

/// The ATA registers of a command.
///
/// ```rust
/// use scsi_cdb::cdb::U48;
/// use scsi_cdb::cdb::sat::{AtaCdbSize, AtaPassThrough, AtaRegisters};
/// // READ VERIFY SECTORS EXT (42h) of 16 sectors at the 48-bit LBA 12_3456_789Ah.
/// let lba = U48::new(0x12_3456_789A)?;
/// let regs = AtaRegisters { count: 16, lba, device: 0x40, command: 0x42, ..Default::default() };
/// assert!(AtaPassThrough::new(AtaCdbSize::Twelve, regs).is_err()); // 28-bit form only
/// let mut a = AtaPassThrough::new(AtaCdbSize::Sixteen, AtaRegisters::default())?;
/// a.extend = true;
/// a.set_registers(regs)?;
/// // Bytes 7-12 hold LBA 31:24, 7:0, 39:32, 15:8, 47:40, 23:16.
/// let b = a.to_bytes16().unwrap();
/// assert_eq!(b[5..15], [0, 16, 0x34, 0x9A, 0x12, 0x78, 0, 0x56, 0x40, 0x42]);
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct AtaRegisters {
    /// FEATURES (15:0).
    pub features: u16,
    /// COUNT (15:0).
    pub count: u16,
    /// LBA (47:0).
    pub lba: U48,
    /// DEVICE.
    pub device: u8,
    /// COMMAND.
    pub command: u8,
}

/// A field table: the protocol and transfer fields of bytes 1 and 2, which the 12- and 16-byte
/// forms share, then the form's own.
macro_rules! ata_fields {
    ($($own:expr),* $(,)?) => {
        &[
        FieldInfo::new("MULTIPLE_COUNT", 1, 1, 5, 3),
        FieldInfo::new("PROTOCOL", 1, 1, 1, 4),
        FieldInfo::new("OFF_LINE", 2, 1, 6, 2),
        FieldInfo::new("CK_COND", 2, 1, 5, 1),
        FieldInfo::new("T_TYPE", 2, 1, 4, 1),
        FieldInfo::new("T_DIR", 2, 1, 3, 1),
        FieldInfo::new("BYT_BLOK", 2, 1, 2, 1),
        FieldInfo::new("T_LENGTH", 2, 1, 0, 2),
        $($own),*
        ]
    };
}

/// The fields of ATA PASS-THROUGH (12) (SAT-5 table 176), by their SAT names, as
/// `scsi-decode cdb` and the byte map show them (operation code and CONTROL excepted). The
/// decoder's reading of the same bytes is checked against this table by a test.
pub const ATA_12_FIELDS: &[FieldInfo] = ata_fields![
    FieldInfo::new("FEATURES", 3, 1, 0, 8),
    FieldInfo::new("COUNT", 4, 1, 0, 8),
    FieldInfo::new("LBA (7:0)", 5, 1, 0, 8),
    FieldInfo::new("LBA (15:8)", 6, 1, 0, 8),
    FieldInfo::new("LBA (23:16)", 7, 1, 0, 8),
    FieldInfo::new("DEVICE", 8, 1, 0, 8),
    FieldInfo::new("COMMAND", 9, 1, 0, 8),
];

/// The fields of ATA PASS-THROUGH (16) (SAT-5 table 177), as [`ATA_12_FIELDS`].
pub const ATA_16_FIELDS: &[FieldInfo] = ata_fields![
    FieldInfo::new("EXTEND", 1, 1, 0, 1),
    FieldInfo::new("FEATURES (15:0)", 3, 2, 0, 16),
    FieldInfo::new("COUNT (15:0)", 5, 2, 0, 16),
    FieldInfo::new("LBA (31:24)", 7, 1, 0, 8),
    FieldInfo::new("LBA (7:0)", 8, 1, 0, 8),
    FieldInfo::new("LBA (39:32)", 9, 1, 0, 8),
    FieldInfo::new("LBA (15:8)", 10, 1, 0, 8),
    FieldInfo::new("LBA (47:40)", 11, 1, 0, 8),
    FieldInfo::new("LBA (23:16)", 12, 1, 0, 8),
    FieldInfo::new("DEVICE", 13, 1, 0, 8),
    FieldInfo::new("COMMAND", 14, 1, 0, 8),
];

/// An ATA PASS-THROUGH command of any size.
///
/// ```rust
/// use scsi_cdb::cdb::sat::{AtaCdbSize, AtaPassThrough, AtaProtocol};
/// use scsi_cdb::{Cdb, DataDirection};
/// // SMART RETURN STATUS: FEATURES DAh, LBA mid/high 4Fh/C2h, CK_COND, no data.
/// let cdb = [0x85, 0x06, 0x20, 0, 0xDA, 0, 0, 0, 0, 0, 0x4F, 0, 0xC2, 0, 0xB0, 0];
/// let a = AtaPassThrough::decode(&cdb)?;
/// assert_eq!(a, AtaPassThrough::smart_return_status(AtaCdbSize::Sixteen));
/// assert_eq!((a.protocol, a.ck_cond), (AtaProtocol::NonData, true));
/// assert_eq!((a.direction(), a.registers().features), (DataDirection::None, 0xDA));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct AtaPassThrough {
    size: AtaCdbSize,
    /// MULTIPLE_COUNT: log2 of the sectors per DRQ block for READ/WRITE MULTIPLE.
    pub multiple_count: U3,
    /// PROTOCOL.
    pub protocol: AtaProtocol,
    /// EXTEND: a 48-bit command (16-byte form; the 32-byte form always carries 16-bit fields).
    pub extend: bool,
    /// OFF_LINE: seconds to wait for the device after the command.
    pub off_line: U2,
    /// CK_COND: return the ATA registers in sense data even on success.
    pub ck_cond: bool,
    /// T_TYPE: the length counts logical sectors (true) or 512-byte blocks (false).
    pub t_type: bool,
    /// T_DIR: data from the device (true) or to it (false).
    pub t_dir: bool,
    /// BYT_BLOK: the length counts blocks (true) or bytes (false).
    pub byt_blok: bool,
    /// T_LENGTH.
    pub t_length: TLength,
    regs: AtaRegisters,
    /// ICC (32-byte form).
    pub icc: u8,
    /// AUXILIARY (32-byte form).
    pub auxiliary: u32,
    /// The transfer length when T_LENGTH is TPSIU (it is not in the CDB).
    pub tpsiu_len: u32,
    /// The CONTROL byte.
    pub control: Control,
}

fn too_big(field: &'static str, value: u64, max: u64) -> BuildError {
    BuildError::ValueOutOfRange { field, value, max }
}

impl AtaPassThrough {
    /// The service action of ATA PASS-THROUGH (32) (7Fh/1FF0h).
    pub const SERVICE_ACTION_32: u16 = 0x1FF0;

    /// A non-data command of the given size with these registers.
    ///
    /// # Errors
    /// [`BuildError::ValueOutOfRange`] when a register does not fit the form (see
    /// [`AtaPassThrough::set_registers`]).
    pub fn new(size: AtaCdbSize, regs: AtaRegisters) -> Result<Self, BuildError> {
        let mut a = Self { size, ..Self::default() };
        a.extend = size == AtaCdbSize::ThirtyTwo;
        a.set_registers(regs)?;
        Ok(a)
    }

    /// The form.
    #[must_use]
    pub const fn size(&self) -> AtaCdbSize {
        self.size
    }

    /// The registers.
    #[must_use]
    pub const fn registers(&self) -> AtaRegisters {
        self.regs
    }

    /// Replaces the registers after checking they fit: the 12-byte form, and the 16-byte form
    /// without EXTEND, hold 8-bit FEATURES and COUNT and a 24-bit LBA (set EXTEND first for a
    /// 48-bit command).
    ///
    /// # Errors
    /// [`BuildError::ValueOutOfRange`] naming the register that does not fit.
    pub fn set_registers(&mut self, regs: AtaRegisters) -> Result<(), BuildError> {
        let narrow = match self.size {
            AtaCdbSize::Twelve => true,
            AtaCdbSize::Sixteen => !self.extend,
            AtaCdbSize::ThirtyTwo => false,
        };
        if narrow {
            if regs.features > 0xFF {
                return Err(too_big("FEATURES", regs.features.into(), 0xFF));
            }
            if regs.count > 0xFF {
                return Err(too_big("COUNT", regs.count.into(), 0xFF));
            }
            if regs.lba.get() > 0xFF_FFFF {
                return Err(too_big("LBA", regs.lba.get(), 0xFF_FFFF));
            }
        }
        self.regs = regs;
        Ok(())
    }

    fn data_in(size: AtaCdbSize, command: u8, features: u16, lba: u64) -> Self {
        let mut a = Self { size, ..Self::default() };
        a.protocol = AtaProtocol::PioDataIn;
        a.t_dir = true;
        a.byt_blok = true;
        a.t_length = TLength::Count;
        a.regs =
            AtaRegisters { features, count: 1, lba: U48::new(lba).unwrap_or_default(), device: 0, command };
        a
    }

    fn non_data(size: AtaCdbSize, command: u8, features: u16, lba: u64) -> Self {
        let mut a = Self { size, ck_cond: true, ..Self::default() };
        a.regs =
            AtaRegisters { features, count: 0, lba: U48::new(lba).unwrap_or_default(), device: 0, command };
        a
    }

    /// IDENTIFY DEVICE (ECh): 512 bytes of PIO data-in.
    #[must_use]
    pub fn identify_device(size: AtaCdbSize) -> Self {
        Self::data_in(size, 0xEC, 0, 0)
    }

    /// SMART READ DATA (B0h/D0h): the 512-byte SMART data structure.
    #[must_use]
    pub fn smart_read_data(size: AtaCdbSize) -> Self {
        Self::data_in(size, 0xB0, 0xD0, 0xC2_4F00)
    }

    /// SMART RETURN STATUS (B0h/DAh), with CK_COND so the LBA registers come back in the
    /// sense data (LBA mid/high 4Fh/C2h: no threshold exceeded; F4h/2Ch: exceeded).
    #[must_use]
    pub fn smart_return_status(size: AtaCdbSize) -> Self {
        Self::non_data(size, 0xB0, 0xDA, 0xC2_4F00)
    }

    /// CHECK POWER MODE (E5h), with CK_COND (the COUNT register returned holds the mode).
    #[must_use]
    pub fn check_power_mode(size: AtaCdbSize) -> Self {
        Self::non_data(size, 0xE5, 0, 0)
    }

    /// FLUSH CACHE EXT (EAh), a 48-bit non-data command (EXTEND set in the 16-byte form).
    ///
    /// # Errors
    /// [`BuildError::Conflict`] for the 12-byte form, which cannot carry 48-bit commands.
    pub fn flush_cache_ext(size: AtaCdbSize) -> Result<Self, BuildError> {
        if size == AtaCdbSize::Twelve {
            return Err(BuildError::Conflict("FLUSH CACHE EXT needs ATA PASS-THROUGH (16) or (32)"));
        }
        let mut a = Self::non_data(size, 0xEA, 0, 0);
        a.ck_cond = false;
        a.extend = true;
        Ok(a)
    }

    fn byte1(&self) -> u8 {
        (self.multiple_count.get() << 5) | ((self.protocol as u8) << 1) | u8::from(self.extend)
    }

    fn byte2(&self) -> u8 {
        (self.off_line.get() << 6)
            | (u8::from(self.ck_cond) << 5)
            | (u8::from(self.t_type) << 4)
            | (u8::from(self.t_dir) << 3)
            | (u8::from(self.byt_blok) << 2)
            | self.t_length as u8
    }

    /// The 12-byte form's bytes (`None` for another size).
    #[must_use]
    pub fn to_bytes12(&self) -> Option<[u8; 12]> {
        if self.size != AtaCdbSize::Twelve {
            return None;
        }
        let r = &self.regs;
        let [_, _, _, _, _, l2, l1, l0] = r.lba.get().to_be_bytes();
        Some([
            0xA1,
            self.byte1() & 0xFE,
            self.byte2(),
            r.features as u8,
            r.count as u8,
            l0,
            l1,
            l2,
            r.device,
            r.command,
            0,
            self.control.raw(),
        ])
    }

    /// The 16-byte form's bytes (`None` for another size).
    #[must_use]
    pub fn to_bytes16(&self) -> Option<[u8; 16]> {
        if self.size != AtaCdbSize::Sixteen {
            return None;
        }
        let r = &self.regs;
        let [fh, fl] = r.features.to_be_bytes();
        let [ch, cl] = r.count.to_be_bytes();
        let [_, _, l5, l4, l3, l2, l1, l0] = r.lba.get().to_be_bytes();
        Some([
            0x85,
            self.byte1(),
            self.byte2(),
            fh,
            fl,
            ch,
            cl,
            l3,
            l0,
            l4,
            l1,
            l5,
            l2,
            r.device,
            r.command,
            self.control.raw(),
        ])
    }

    /// The 32-byte form's bytes (`None` for another size).
    #[must_use]
    pub fn to_bytes32(&self) -> Option<[u8; 32]> {
        if self.size != AtaCdbSize::ThirtyTwo {
            return None;
        }
        let r = &self.regs;
        let [fh, fl] = r.features.to_be_bytes();
        let [ch, cl] = r.count.to_be_bytes();
        let [_, _, l5, l4, l3, l2, l1, l0] = r.lba.get().to_be_bytes();
        let [a3, a2, a1, a0] = self.auxiliary.to_be_bytes();
        let [sa_hi, sa_lo] = Self::SERVICE_ACTION_32.to_be_bytes();
        Some([
            0x7F,
            self.control.raw(),
            0,
            0,
            0,
            0,
            0,
            0x18,
            sa_hi,
            sa_lo,
            self.byte1(),
            self.byte2(),
            0,
            0,
            l5,
            l4,
            l3,
            l2,
            l1,
            l0,
            fh,
            fl,
            ch,
            cl,
            r.device,
            r.command,
            0,
            self.icc,
            a3,
            a2,
            a1,
            a0,
        ])
    }

    /// Decodes any of the three forms.
    ///
    /// # Errors
    /// Wrong opcode or service action, a short CDB, a reserved bit or byte set, a reserved
    /// PROTOCOL value.
    pub fn decode(cdb: &[u8]) -> Result<Self, DecodeError> {
        let op = *cdb.first().ok_or(DecodeError::truncated(12, 0))?;
        let (size, b1_at, b2_at) = match op {
            0xA1 => (AtaCdbSize::Twelve, 1, 2),
            0x85 => (AtaCdbSize::Sixteen, 1, 2),
            0x7F => (AtaCdbSize::ThirtyTwo, 10, 11),
            found => return Err(DecodeError::WrongOpcode { expected: 0x85, found }),
        };
        let need = match size {
            AtaCdbSize::Twelve => 12,
            AtaCdbSize::Sixteen => 16,
            AtaCdbSize::ThirtyTwo => 32,
        };
        if cdb.len() < need {
            return Err(DecodeError::truncated(need, cdb.len()));
        }
        let at = |i: usize| cdb.get(i).copied().unwrap_or_default();
        let b1 = at(b1_at);
        let b2 = at(b2_at);
        let protocol = super::layout::FieldValue::from_raw(u64::from((b1 >> 1) & 0xF))
            .ok_or(DecodeError::InvalidField(FieldPointer::bit(b1_at as u16, 4)))?;
        let mut a = Self {
            size,
            multiple_count: U3::new(b1 >> 5).unwrap_or_default(),
            protocol,
            extend: b1 & 1 != 0,
            off_line: U2::new(b2 >> 6).unwrap_or_default(),
            ck_cond: b2 & 0x20 != 0,
            t_type: b2 & 0x10 != 0,
            t_dir: b2 & 0x08 != 0,
            byt_blok: b2 & 0x04 != 0,
            t_length: super::layout::FieldValue::from_raw(u64::from(b2 & 3)).unwrap_or_default(),
            ..Self::default()
        };
        let lba = |idx: [usize; 6]| idx.iter().fold(0u64, |acc, &i| (acc << 8) | u64::from(at(i)));
        let (regs, control_at, reserved): (AtaRegisters, usize, &[usize]) = match size {
            AtaCdbSize::Twelve => {
                super::reserved(b1, 0x01, 1)?;
                let regs = AtaRegisters {
                    features: at(3).into(),
                    count: at(4).into(),
                    lba: U48::new(u64::from_be_bytes([0, 0, 0, 0, 0, at(7), at(6), at(5)]))
                        .unwrap_or_default(),
                    device: at(8),
                    command: at(9),
                };
                (regs, 11, &[10])
            }
            AtaCdbSize::Sixteen => {
                let regs = AtaRegisters {
                    features: u16::from_be_bytes([at(3), at(4)]),
                    count: u16::from_be_bytes([at(5), at(6)]),
                    lba: U48::new(lba([11, 9, 7, 12, 10, 8])).unwrap_or_default(),
                    device: at(13),
                    command: at(14),
                };
                (regs, 15, &[])
            }
            AtaCdbSize::ThirtyTwo => {
                if at(7) != 0x18 {
                    return Err(DecodeError::InvalidField(FieldPointer::byte(7)));
                }
                let found = u16::from_be_bytes([at(8), at(9)]);
                if found != Self::SERVICE_ACTION_32 {
                    return Err(DecodeError::WrongServiceAction {
                        expected: Self::SERVICE_ACTION_32,
                        found,
                        at: 8,
                    });
                }
                a.icc = at(27);
                a.auxiliary = u32::from_be_bytes([at(28), at(29), at(30), at(31)]);
                let regs = AtaRegisters {
                    features: u16::from_be_bytes([at(20), at(21)]),
                    count: u16::from_be_bytes([at(22), at(23)]),
                    lba: U48::new(lba([14, 15, 16, 17, 18, 19])).unwrap_or_default(),
                    device: at(24),
                    command: at(25),
                };
                (regs, 1, &[2, 3, 4, 5, 6, 12, 13, 26])
            }
        };
        for &i in reserved {
            super::reserved(at(i), 0xFF, i as u16)?;
        }
        a.regs = regs;
        a.control = Control::decode(at(control_at), control_at as u16)?;
        Ok(a)
    }
}

impl Cdb for AtaPassThrough {
    fn opcode(&self) -> OpCode {
        match self.size {
            AtaCdbSize::Twelve => OpCode::ATA_PASS_THROUGH_12,
            AtaCdbSize::Sixteen => OpCode::ATA_PASS_THROUGH_16,
            AtaCdbSize::ThirtyTwo => OpCode::VARIABLE_LENGTH,
        }
    }

    fn service_action(&self) -> Option<ServiceAction> {
        (self.size == AtaCdbSize::ThirtyTwo).then_some(ServiceAction(Self::SERVICE_ACTION_32))
    }

    fn cdb_len(&self) -> usize {
        match self.size {
            AtaCdbSize::Twelve => 12,
            AtaCdbSize::Sixteen => 16,
            AtaCdbSize::ThirtyTwo => 32,
        }
    }

    fn encode_into(&self, out: &mut [u8]) -> Result<usize, BuildError> {
        // `to_bytesNN` is `Some` for the command's own size.
        match self.size {
            AtaCdbSize::Twelve => crate::wire::write_prefix(out, &self.to_bytes12().unwrap_or_default()),
            AtaCdbSize::Sixteen => crate::wire::write_prefix(out, &self.to_bytes16().unwrap_or_default()),
            AtaCdbSize::ThirtyTwo => crate::wire::write_prefix(out, &self.to_bytes32().unwrap_or_default()),
        }
    }

    fn direction(&self) -> DataDirection {
        match (self.transfer(), self.t_dir) {
            (Transfer::None, _) => DataDirection::None,
            (_, true) => DataDirection::FromDevice,
            (_, false) => DataDirection::ToDevice,
        }
    }

    /// The length the registers describe: FEATURES or COUNT in bytes, 512-byte blocks
    /// (T_TYPE clear) or logical sectors (T_TYPE set, reported as blocks), or the TPSIU length.
    fn transfer(&self) -> Transfer {
        let n = match self.t_length {
            TLength::NoData => return Transfer::None,
            TLength::Features => u32::from(self.regs.features),
            TLength::Count => u32::from(self.regs.count),
            TLength::Tpsiu => return super::layout::bytes(self.tpsiu_len),
        };
        match (self.byt_blok, self.t_type) {
            (false, _) => super::layout::bytes(n),
            (true, false) => super::layout::bytes(n.saturating_mul(512)),
            (true, true) => super::layout::blocks(n),
        }
    }
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for AtaPassThrough {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let size = AtaCdbSize::arbitrary(u)?;
        let mut regs = AtaRegisters::arbitrary(u)?;
        let extend = size != AtaCdbSize::Twelve && bool::arbitrary(u)?;
        if size == AtaCdbSize::Twelve || (size == AtaCdbSize::Sixteen && !extend) {
            regs.features &= 0xFF;
            regs.count &= 0xFF;
            regs.lba = U48::new(regs.lba.get() & 0xFF_FFFF).unwrap_or_default();
        }
        let mut a = Self {
            size,
            multiple_count: U3::arbitrary(u)?,
            protocol: AtaProtocol::arbitrary(u)?,
            extend,
            off_line: U2::arbitrary(u)?,
            ck_cond: bool::arbitrary(u)?,
            t_type: bool::arbitrary(u)?,
            t_dir: bool::arbitrary(u)?,
            byt_blok: bool::arbitrary(u)?,
            t_length: TLength::arbitrary(u)?,
            regs,
            control: Control::new(u8::arbitrary(u)? & !Control::RESERVED_MASK).unwrap_or_default(),
            ..Self::default()
        };
        if size == AtaCdbSize::ThirtyTwo {
            a.icc = u8::arbitrary(u)?;
            a.auxiliary = u32::arbitrary(u)?;
        }
        Ok(a)
    }
}

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

use super::layout::cdb_command;
use super::layout::{U2, U3, U48, code_enum};
use super::{Cdb, Control, DataDirection, Transfer};
use crate::{BuildError, DecodeError, OpCode, ServiceAction};

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

/// The direction of an ATA PASS-THROUGH form: T_DIR, when it moves data.
fn ata_direction(transfer: Transfer, t_dir: bool) -> DataDirection {
    match (transfer, t_dir) {
        (Transfer::None, _) => DataDirection::None,
        (_, true) => DataDirection::FromDevice,
        (_, false) => DataDirection::ToDevice,
    }
}

/// The length an ATA PASS-THROUGH form's registers describe: FEATURES or COUNT in bytes,
/// 512-byte blocks (T_TYPE clear) or logical sectors (T_TYPE set, reported as blocks), or the
/// length the transport states (T_LENGTH = TPSIU).
fn ata_transfer(t_length: TLength, byt_blok: bool, t_type: bool, features: u16, count: u16) -> Transfer {
    let n = match t_length {
        TLength::NoData => return Transfer::None,
        TLength::Features => u32::from(features),
        TLength::Count => u32::from(count),
        TLength::Tpsiu => return Transfer::Transport,
    };
    match (byt_blok, t_type) {
        (false, _) => super::layout::bytes(n),
        (true, false) => super::layout::bytes(n.saturating_mul(512)),
        (true, true) => super::layout::blocks(n),
    }
}

/// One ATA PASS-THROUGH form: the fields every form has (byte `$b1`: MULTIPLE_COUNT and
/// PROTOCOL; byte `$b2`: OFF_LINE to T_LENGTH; DEVICE and COMMAND at `$dev` and the byte after
/// it), declared once, then the form's own fields.
macro_rules! ata_form {
    (
        $(#[$m:meta])*
        $name:ident, len: $len:literal, opcode: $op:ident, service_action: $sa:expr,
        common at ($b1:literal, $b2:literal), device at $dev:literal,
        { $($own:tt)* }
    ) => {
        cdb_command! {
            $(#[$m])*
            pub struct $name {
                len: $len,
                opcode: $op,
                service_action: $sa,
                direction: (|s| ata_direction(Cdb::transfer(s), s.t_dir)),
                transfer: |s| ata_transfer(s.t_length, s.byt_blok, s.t_type, s.features.into(), s.count.into()),
                fields: {
                    /// MULTIPLE_COUNT: log2 of the sectors per DRQ block for READ/WRITE MULTIPLE.
                    val multiple_count: U3 = "MULTIPLE_COUNT" ($b1, 1, 5, 3),
                    /// PROTOCOL.
                    val protocol: AtaProtocol = "PROTOCOL" ($b1, 1, 1, 4),
                    /// OFF_LINE: seconds to wait for the device after the command.
                    val off_line: U2 = "OFF_LINE" ($b2, 1, 6, 2),
                    /// CK_COND: return the ATA registers in sense data even on success.
                    bit ck_cond = "CK_COND" ($b2, 5),
                    /// T_TYPE: the length counts logical sectors (true) or 512-byte blocks.
                    bit t_type = "T_TYPE" ($b2, 4),
                    /// T_DIR: data from the device (true) or to it (false).
                    bit t_dir = "T_DIR" ($b2, 3),
                    /// BYT_BLOK: the length counts blocks (true) or bytes (false).
                    bit byt_blok = "BYT_BLOK" ($b2, 2),
                    /// T_LENGTH: where the transfer length is.
                    val t_length: TLength = "T_LENGTH" ($b2, 1, 0, 2),
                    /// DEVICE.
                    int device: u8 = "DEVICE" ($dev),
                    /// COMMAND.
                    int command: u8 = "COMMAND" ($dev + 1),
                    $($own)*
                }
            }
        }
    };
}

ata_form! {
    /// ATA PASS-THROUGH (12) (A1h, SAT-5 table 176): 8-bit FEATURES and COUNT, a 28-bit LBA
    /// in three bytes. [`AtaPassThrough`] builds one from registers.
    AtaPassThrough12, len: 12, opcode: ATA_PASS_THROUGH_12, service_action: None,
    common at (1, 2), device at 8,
    {
        /// FEATURES (7:0).
        int features: u8 = "FEATURES" (3),
        /// COUNT (7:0).
        int count: u8 = "COUNT" (4),
        /// LBA (7:0).
        int lba_7_0: u8 = "LBA (7:0)" (5),
        /// LBA (15:8).
        int lba_15_8: u8 = "LBA (15:8)" (6),
        /// LBA (23:16).
        int lba_23_16: u8 = "LBA (23:16)" (7),
    }
}

ata_form! {
    /// ATA PASS-THROUGH (16) (85h, SAT-5 table 177): 16-bit FEATURES and COUNT and a 48-bit LBA
    /// whose bytes interleave (the high byte of each ATA register pair first). With EXTEND
    /// clear only the low bytes reach the device. [`AtaPassThrough`] builds one from registers.
    AtaPassThrough16, len: 16, opcode: ATA_PASS_THROUGH_16, service_action: None,
    common at (1, 2), device at 13,
    {
        /// EXTEND: a 48-bit command.
        bit extend = "EXTEND" (1, 0),
        /// FEATURES (15:0).
        int features: u16 = "FEATURES (15:0)" (3),
        /// COUNT (15:0).
        int count: u16 = "COUNT (15:0)" (5),
        /// LBA (31:24).
        int lba_31_24: u8 = "LBA (31:24)" (7),
        /// LBA (7:0).
        int lba_7_0: u8 = "LBA (7:0)" (8),
        /// LBA (39:32).
        int lba_39_32: u8 = "LBA (39:32)" (9),
        /// LBA (15:8).
        int lba_15_8: u8 = "LBA (15:8)" (10),
        /// LBA (47:40).
        int lba_47_40: u8 = "LBA (47:40)" (11),
        /// LBA (23:16).
        int lba_23_16: u8 = "LBA (23:16)" (12),
    }
}

ata_form! {
    /// ATA PASS-THROUGH (32) (7Fh/1FF0h, SAT-5 table 178): 16-bit FEATURES and COUNT, a
    /// contiguous 48-bit LBA, ICC and AUXILIARY. [`AtaPassThrough`] builds one from registers.
    AtaPassThrough32, len: 32, opcode: VARIABLE_LENGTH,
    service_action: Some(AtaPassThrough::SERVICE_ACTION_32),
    common at (10, 11), device at 24,
    {
        /// EXTEND.
        bit extend = "EXTEND" (10, 0),
        /// LBA (47:0).
        val lba: U48 = "LBA (47:0)" (14, 6, 0, 48),
        /// FEATURES (15:0).
        int features: u16 = "FEATURES (15:0)" (20),
        /// COUNT (15:0).
        int count: u16 = "COUNT (15:0)" (22),
        /// ICC: the isochronous command completion time.
        int icc: u8 = "ICC" (27),
        /// AUXILIARY.
        int auxiliary: u32 = "AUXILIARY" (28),
    }
}

impl AtaPassThrough12 {
    /// LBA (23:0).
    #[must_use]
    pub fn lba(&self) -> U48 {
        U48::new(u64::from_be_bytes([0, 0, 0, 0, 0, self.lba_23_16, self.lba_15_8, self.lba_7_0]))
            .unwrap_or_default()
    }
}

impl AtaPassThrough16 {
    /// LBA (47:0), from its six interleaved bytes.
    #[must_use]
    pub fn lba(&self) -> U48 {
        let b = [
            0,
            0,
            self.lba_47_40,
            self.lba_39_32,
            self.lba_31_24,
            self.lba_23_16,
            self.lba_15_8,
            self.lba_7_0,
        ];
        U48::new(u64::from_be_bytes(b)).unwrap_or_default()
    }
}

/// ATA PASS-THROUGH in one of its three forms: what [`AtaPassThrough::cdb`] returns, and what
/// [`Command::ata`](crate::Command::ata) gives for a decoded one.
///
/// ```rust
/// use scsi_cdb::cdb::sat::{AtaCdb, AtaCdbSize, AtaPassThrough};
/// use scsi_cdb::{Cdb, Command};
/// let id = AtaPassThrough::identify_device(AtaCdbSize::Twelve);
/// let AtaCdb::Twelve(twelve) = id.cdb() else { unreachable!() };
/// assert_eq!((twelve.command, twelve.count), (0xEC, 1));
/// let bytes = twelve.to_bytes();
/// let parsed = Command::parse(&bytes)?;
/// assert_eq!(parsed, Command::AtaPassThrough12(twelve));
/// assert_eq!(parsed.ata(), Some(id));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum AtaCdb {
    /// ATA PASS-THROUGH (12).
    Twelve(AtaPassThrough12),
    /// ATA PASS-THROUGH (16).
    Sixteen(AtaPassThrough16),
    /// ATA PASS-THROUGH (32).
    ThirtyTwo(AtaPassThrough32),
}

impl AtaCdb {
    fn inner(&self) -> &dyn Cdb {
        match self {
            Self::Twelve(c) => c,
            Self::Sixteen(c) => c,
            Self::ThirtyTwo(c) => c,
        }
    }
}

impl Cdb for AtaCdb {
    fn opcode(&self) -> OpCode {
        self.inner().opcode()
    }
    fn service_action(&self) -> Option<ServiceAction> {
        self.inner().service_action()
    }
    fn cdb_len(&self) -> usize {
        self.inner().cdb_len()
    }
    fn encode_into(&self, out: &mut [u8]) -> Result<usize, BuildError> {
        self.inner().encode_into(out)
    }
    fn direction(&self) -> DataDirection {
        self.inner().direction()
    }
    fn transfer(&self) -> Transfer {
        self.inner().transfer()
    }
}

/// Copies the fields every form shares between [`AtaPassThrough`] and a form's struct, and
/// adds the rest: `ata_common!(src => Target { more fields })`.
macro_rules! ata_common {
    ($src:expr => $t:ident { $($rest:tt)* }) => {{
        let s = $src;
        $t {
            multiple_count: s.multiple_count,
            protocol: s.protocol,
            off_line: s.off_line,
            ck_cond: s.ck_cond,
            t_type: s.t_type,
            t_dir: s.t_dir,
            byt_blok: s.byt_blok,
            t_length: s.t_length,
            control: s.control,
            $($rest)*
        }
    }};
}

impl From<AtaPassThrough12> for AtaPassThrough {
    fn from(c: AtaPassThrough12) -> Self {
        let regs = AtaRegisters {
            features: c.features.into(),
            count: c.count.into(),
            lba: c.lba(),
            device: c.device,
            command: c.command,
        };
        ata_common!(c => AtaPassThrough {
            size: AtaCdbSize::Twelve, extend: false, regs, icc: 0, auxiliary: 0, tpsiu_len: 0,
        })
    }
}

impl From<AtaPassThrough16> for AtaPassThrough {
    fn from(c: AtaPassThrough16) -> Self {
        let regs = AtaRegisters {
            features: c.features,
            count: c.count,
            lba: c.lba(),
            device: c.device,
            command: c.command,
        };
        ata_common!(c => AtaPassThrough {
            size: AtaCdbSize::Sixteen, extend: c.extend, regs, icc: 0, auxiliary: 0, tpsiu_len: 0,
        })
    }
}

impl From<AtaPassThrough32> for AtaPassThrough {
    fn from(c: AtaPassThrough32) -> Self {
        let regs = AtaRegisters {
            features: c.features,
            count: c.count,
            lba: c.lba,
            device: c.device,
            command: c.command,
        };
        ata_common!(c => AtaPassThrough {
            size: AtaCdbSize::ThirtyTwo, extend: c.extend, regs, icc: c.icc, auxiliary: c.auxiliary,
            tpsiu_len: 0,
        })
    }
}

impl From<AtaCdb> for crate::Command<'_> {
    fn from(c: AtaCdb) -> Self {
        match c {
            AtaCdb::Twelve(c) => Self::AtaPassThrough12(c),
            AtaCdb::Sixteen(c) => Self::AtaPassThrough16(c),
            AtaCdb::ThirtyTwo(c) => Self::AtaPassThrough32(c),
        }
    }
}

impl From<AtaCdb> for AtaPassThrough {
    fn from(c: AtaCdb) -> Self {
        match c {
            AtaCdb::Twelve(c) => c.into(),
            AtaCdb::Sixteen(c) => c.into(),
            AtaCdb::ThirtyTwo(c) => c.into(),
        }
    }
}

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

    /// The command in its form's struct: the registers spread over that form's fields (the
    /// 12-byte form takes the low bytes, which [`AtaPassThrough::set_registers`] checked fit).
    #[must_use]
    pub fn cdb(&self) -> AtaCdb {
        let r = &self.regs;
        let [_, _, l5, l4, l3, l2, l1, l0] = r.lba.get().to_be_bytes();
        match self.size {
            AtaCdbSize::Twelve => AtaCdb::Twelve(ata_common!(self => AtaPassThrough12 {
                features: r.features as u8,
                count: r.count as u8,
                lba_7_0: l0,
                lba_15_8: l1,
                lba_23_16: l2,
                device: r.device,
                command: r.command,
            })),
            AtaCdbSize::Sixteen => AtaCdb::Sixteen(ata_common!(self => AtaPassThrough16 {
                extend: self.extend,
                features: r.features,
                count: r.count,
                lba_31_24: l3,
                lba_7_0: l0,
                lba_39_32: l4,
                lba_15_8: l1,
                lba_47_40: l5,
                lba_23_16: l2,
                device: r.device,
                command: r.command,
            })),
            AtaCdbSize::ThirtyTwo => AtaCdb::ThirtyTwo(ata_common!(self => AtaPassThrough32 {
                extend: self.extend,
                lba: r.lba,
                features: r.features,
                count: r.count,
                device: r.device,
                command: r.command,
                icc: self.icc,
                auxiliary: self.auxiliary,
            })),
        }
    }

    /// The 12-byte form's bytes (`None` for another size).
    #[must_use]
    pub fn to_bytes12(&self) -> Option<[u8; 12]> {
        match self.cdb() {
            AtaCdb::Twelve(c) => Some(c.to_bytes()),
            _ => None,
        }
    }

    /// The 16-byte form's bytes (`None` for another size).
    #[must_use]
    pub fn to_bytes16(&self) -> Option<[u8; 16]> {
        match self.cdb() {
            AtaCdb::Sixteen(c) => Some(c.to_bytes()),
            _ => None,
        }
    }

    /// The 32-byte form's bytes (`None` for another size).
    #[must_use]
    pub fn to_bytes32(&self) -> Option<[u8; 32]> {
        match self.cdb() {
            AtaCdb::ThirtyTwo(c) => Some(c.to_bytes()),
            _ => None,
        }
    }

    /// Decodes any of the three forms (through [`AtaPassThrough12::decode`],
    /// [`AtaPassThrough16::decode`] or [`AtaPassThrough32::decode`]).
    ///
    /// # Errors
    /// Wrong opcode or service action, a short CDB, a reserved bit or byte set, a reserved
    /// PROTOCOL value.
    pub fn decode(cdb: &[u8]) -> Result<Self, DecodeError> {
        match cdb.first().copied().map(OpCode) {
            Some(AtaPassThrough12::OPCODE) => AtaPassThrough12::decode(cdb).map(Self::from),
            Some(AtaPassThrough16::OPCODE) => AtaPassThrough16::decode(cdb).map(Self::from),
            Some(AtaPassThrough32::OPCODE) => AtaPassThrough32::decode(cdb).map(Self::from),
            Some(found) => {
                Err(DecodeError::WrongOpcode { expected: AtaPassThrough16::OPCODE.0, found: found.0 })
            }
            None => Err(DecodeError::truncated(AtaPassThrough12::LEN, 0)),
        }
    }
}

impl Cdb for AtaPassThrough {
    fn opcode(&self) -> OpCode {
        match self.size {
            AtaCdbSize::Twelve => AtaPassThrough12::OPCODE,
            AtaCdbSize::Sixteen => AtaPassThrough16::OPCODE,
            AtaCdbSize::ThirtyTwo => AtaPassThrough32::OPCODE,
        }
    }

    fn service_action(&self) -> Option<ServiceAction> {
        match self.size {
            AtaCdbSize::ThirtyTwo => AtaPassThrough32::SERVICE_ACTION.map(ServiceAction),
            AtaCdbSize::Twelve | AtaCdbSize::Sixteen => None,
        }
    }

    fn cdb_len(&self) -> usize {
        match self.size {
            AtaCdbSize::Twelve => AtaPassThrough12::LEN,
            AtaCdbSize::Sixteen => AtaPassThrough16::LEN,
            AtaCdbSize::ThirtyTwo => AtaPassThrough32::LEN,
        }
    }

    fn encode_into(&self, out: &mut [u8]) -> Result<usize, BuildError> {
        self.cdb().encode_into(out)
    }

    fn direction(&self) -> DataDirection {
        ata_direction(self.transfer(), self.t_dir)
    }

    /// The length the registers describe (as the form's own [`Cdb::transfer`]), except that a
    /// TPSIU length the caller set in [`AtaPassThrough::tpsiu_len`] is stated in bytes.
    fn transfer(&self) -> Transfer {
        match self.t_length {
            TLength::Tpsiu if self.tpsiu_len > 0 => Transfer::Bytes(self.tpsiu_len),
            t => ata_transfer(t, self.byt_blok, self.t_type, self.regs.features, self.regs.count),
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

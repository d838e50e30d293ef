//! Building sense data, for targets and emulators.

use super::{Sense, SenseFormat, SenseKeySpecific};
use crate::wire::put_at;
use crate::{AdditionalSense, BuildError, FieldPointer, SenseKey};

/// Which format to emit.
///
/// ```
/// use scsi_cdb::sense::{SenseBuilder, SenseFormatChoice};
/// let ua = SenseBuilder::power_on_reset();
/// assert_eq!(ua.format, SenseFormatChoice::Fixed);
/// let mut out = [0u8; 32];
/// assert_eq!(ua.emit(&mut out)?, 18);
/// let n = SenseBuilder { format: SenseFormatChoice::Descriptor, ..ua }.emit(&mut out)?;
/// assert_eq!(&out[..n], &[0x72, 0x06, 0x29, 0x00, 0, 0, 0, 0]);
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum SenseFormatChoice {
    /// Fixed format (70h/71h), 18 bytes. The default, and what D_SENSE = 0 asks for.
    #[default]
    Fixed,
    /// Descriptor format (72h/73h), what D_SENSE = 1 in the control mode page asks for.
    Descriptor,
}

/// Sense data to send: key, ASC/ASCQ and the optional elements, emitted in either format.
///
/// ```
/// use scsi_cdb::sense::{Sense, SenseBuilder};
/// use scsi_cdb::{FieldPointer, SenseKey};
/// let mut out = [0u8; 252];
/// let n = SenseBuilder::invalid_field_in_cdb(FieldPointer::bit(4, 7)).emit(&mut out)?;
/// assert_eq!(&out[..n], &[0x70, 0, 5, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x24, 0, 0, 0xCF, 0, 4]);
/// let n = SenseBuilder::lba_out_of_range(0x1_0000_0000).descriptor().emit(&mut out)?;
/// let s = Sense::parse(&out[..n]).unwrap();
/// assert_eq!((s.sense_key(), s.information()), (Some(SenseKey::IllegalRequest), Some(0x1_0000_0000)));
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct SenseBuilder {
    /// Output format.
    pub format: SenseFormatChoice,
    /// A deferred error (71h/73h).
    pub deferred: bool,
    /// SENSE KEY.
    pub key: SenseKey,
    /// ASC/ASCQ.
    pub additional_sense: AdditionalSense,
    /// INFORMATION (sets VALID); fixed format holds 32 bits.
    pub information: Option<u64>,
    /// COMMAND-SPECIFIC INFORMATION; fixed format holds 32 bits.
    pub command_specific: Option<u64>,
    /// SENSE-KEY SPECIFIC field (SKSV set).
    pub sks: Option<SenseKeySpecific>,
    /// FIELD REPLACEABLE UNIT CODE (0 = none).
    pub fru: u8,
    /// FILEMARK.
    pub filemark: bool,
    /// EOM.
    pub eom: bool,
    /// ILI.
    pub ili: bool,
}

impl SenseBuilder {
    /// Fixed-format sense with a key and ASC/ASCQ and nothing else.
    #[must_use]
    pub const fn new(key: SenseKey, additional_sense: AdditionalSense) -> Self {
        Self {
            format: SenseFormatChoice::Fixed,
            deferred: false,
            key,
            additional_sense,
            information: None,
            command_specific: None,
            sks: None,
            fru: 0,
            filemark: false,
            eom: false,
            ili: false,
        }
    }

    /// Emits descriptor format.
    #[must_use]
    pub const fn descriptor(mut self) -> Self {
        self.format = SenseFormatChoice::Descriptor;
        self
    }

    /// Emits fixed format.
    #[must_use]
    pub const fn fixed(mut self) -> Self {
        self.format = SenseFormatChoice::Fixed;
        self
    }

    /// Marks the error deferred.
    #[must_use]
    pub const fn deferred(mut self) -> Self {
        self.deferred = true;
        self
    }

    /// Sets INFORMATION (and VALID).
    #[must_use]
    pub const fn information(mut self, v: u64) -> Self {
        self.information = Some(v);
        self
    }

    /// Sets COMMAND-SPECIFIC INFORMATION.
    #[must_use]
    pub const fn command_specific(mut self, v: u64) -> Self {
        self.command_specific = Some(v);
        self
    }

    /// Sets the SENSE-KEY SPECIFIC field.
    #[must_use]
    pub const fn sks(mut self, sks: SenseKeySpecific) -> Self {
        self.sks = Some(sks);
        self
    }

    /// Sets the FRU code.
    #[must_use]
    pub const fn fru(mut self, fru: u8) -> Self {
        self.fru = fru;
        self
    }

    /// Sets FILEMARK, EOM and ILI.
    #[must_use]
    pub const fn flags(mut self, filemark: bool, eom: bool, ili: bool) -> Self {
        self.filemark = filemark;
        self.eom = eom;
        self.ili = ili;
        self
    }

    /// ILLEGAL REQUEST, INVALID COMMAND OPERATION CODE (20h/00h): the answer to an opcode the
    /// target does not implement (never a stall, never GOOD).
    #[must_use]
    pub const fn invalid_opcode() -> Self {
        Self::new(SenseKey::IllegalRequest, AdditionalSense::INVALID_COMMAND_OPERATION_CODE)
            .sks(SenseKeySpecific::cdb_field(FieldPointer::byte(0)))
    }

    /// ILLEGAL REQUEST, INVALID FIELD IN CDB (24h/00h) with the field pointer a CDB decoder
    /// reported ([`crate::DecodeError::field_pointer`]).
    #[must_use]
    pub const fn invalid_field_in_cdb(p: FieldPointer) -> Self {
        Self::new(SenseKey::IllegalRequest, AdditionalSense::INVALID_FIELD_IN_CDB)
            .sks(SenseKeySpecific::cdb_field(p))
    }

    /// ILLEGAL REQUEST, INVALID FIELD IN PARAMETER LIST (26h/00h) at a parameter byte and bit.
    #[must_use]
    pub const fn invalid_field_in_parameter_list(byte: u16, bit: Option<u8>) -> Self {
        let (bpv, bit_pointer) = match bit {
            Some(b) => (true, b & 7),
            None => (false, 0),
        };
        Self::new(SenseKey::IllegalRequest, AdditionalSense::INVALID_FIELD_IN_PARAMETER_LIST)
            .sks(SenseKeySpecific::FieldPointer { command: false, bpv, bit_pointer, field_pointer: byte })
    }

    /// ILLEGAL REQUEST, PARAMETER LIST LENGTH ERROR (1Ah/00h).
    #[must_use]
    pub const fn parameter_list_length_error() -> Self {
        Self::new(SenseKey::IllegalRequest, AdditionalSense::PARAMETER_LIST_LENGTH_ERROR)
    }

    /// ILLEGAL REQUEST, LOGICAL BLOCK ADDRESS OUT OF RANGE (21h/00h), with the LBA as
    /// INFORMATION.
    #[must_use]
    pub const fn lba_out_of_range(lba: u64) -> Self {
        Self::new(SenseKey::IllegalRequest, AdditionalSense::LBA_OUT_OF_RANGE).information(lba)
    }

    /// ILLEGAL REQUEST, LOGICAL UNIT NOT SUPPORTED (25h/00h).
    #[must_use]
    pub const fn lun_not_supported() -> Self {
        Self::new(SenseKey::IllegalRequest, AdditionalSense::LOGICAL_UNIT_NOT_SUPPORTED)
    }

    /// NOT READY, MEDIUM NOT PRESENT (3Ah/00h).
    #[must_use]
    pub const fn medium_not_present() -> Self {
        Self::new(SenseKey::NotReady, AdditionalSense::MEDIUM_NOT_PRESENT)
    }

    /// NOT READY, LOGICAL UNIT IS IN PROCESS OF BECOMING READY (04h/01h), with progress in
    /// 65536ths.
    #[must_use]
    pub const fn becoming_ready(progress: u16) -> Self {
        Self::new(SenseKey::NotReady, AdditionalSense::BECOMING_READY)
            .sks(SenseKeySpecific::Progress(progress))
    }

    /// NOT READY, INITIALIZING COMMAND REQUIRED (04h/02h): the host must send START UNIT.
    #[must_use]
    pub const fn needs_start_unit() -> Self {
        Self::new(SenseKey::NotReady, AdditionalSense::INITIALIZING_COMMAND_REQUIRED)
    }

    /// UNIT ATTENTION, POWER ON, RESET, OR BUS DEVICE RESET OCCURRED (29h/00h): report it once
    /// after a reset, then clear it (a unit attention that never clears stalls the host).
    #[must_use]
    pub const fn power_on_reset() -> Self {
        Self::new(SenseKey::UnitAttention, AdditionalSense::POWER_ON_RESET)
    }

    /// UNIT ATTENTION, NOT READY TO READY CHANGE, MEDIUM MAY HAVE CHANGED (28h/00h).
    #[must_use]
    pub const fn medium_may_have_changed() -> Self {
        Self::new(SenseKey::UnitAttention, AdditionalSense::MEDIUM_MAY_HAVE_CHANGED)
    }

    /// MEDIUM ERROR, UNRECOVERED READ ERROR (11h/00h) at `lba`.
    #[must_use]
    pub const fn unrecovered_read_error(lba: u64) -> Self {
        Self::new(SenseKey::MediumError, AdditionalSense::UNRECOVERED_READ_ERROR).information(lba)
    }

    /// DATA PROTECT, WRITE PROTECTED (27h/00h).
    #[must_use]
    pub const fn write_protected() -> Self {
        Self::new(SenseKey::DataProtect, AdditionalSense::WRITE_PROTECTED)
    }

    /// HARDWARE ERROR, INTERNAL TARGET FAILURE (44h/00h).
    #[must_use]
    pub const fn internal_target_failure() -> Self {
        Self::new(SenseKey::HardwareError, AdditionalSense::INTERNAL_TARGET_FAILURE)
    }

    /// MISCOMPARE, MISCOMPARE DURING VERIFY OPERATION (1Dh/00h), with the offset of the first
    /// miscompared byte as INFORMATION (COMPARE AND WRITE).
    #[must_use]
    pub const fn miscompare(offset: u64) -> Self {
        Self::new(SenseKey::Miscompare, AdditionalSense::MISCOMPARE_DURING_VERIFY).information(offset)
    }

    /// The same values from decoded sense data, to re-emit them in another format (fixed to
    /// descriptor or back). `None` for vendor-format sense or a missing sense key.
    #[must_use]
    pub fn from_sense(s: &Sense<'_>) -> Option<Self> {
        let sum = s.summary();
        let format = match sum.format {
            SenseFormat::Fixed => SenseFormatChoice::Fixed,
            SenseFormat::Descriptor => SenseFormatChoice::Descriptor,
            SenseFormat::Vendor => return None,
        };
        Some(Self {
            format,
            deferred: sum.deferred,
            key: sum.sense_key?,
            additional_sense: sum.additional_sense.unwrap_or_default(),
            information: sum.information,
            // Fixed format always carries the field; zero there means none.
            command_specific: sum
                .command_specific
                .filter(|v| *v != 0 || format == SenseFormatChoice::Descriptor),
            sks: sum.sks,
            fru: sum.fru.unwrap_or(0),
            filemark: sum.filemark,
            eom: sum.eom,
            ili: sum.ili,
        })
    }

    /// The number of bytes [`SenseBuilder::emit`] writes.
    #[must_use]
    pub const fn len(&self) -> usize {
        match self.format {
            SenseFormatChoice::Fixed => super::FIXED_LEN,
            SenseFormatChoice::Descriptor => {
                use super::field::desc as d;
                super::field::HEADER_LEN
                    + if self.information.is_some() { d::VALUE64_LEN } else { 0 }
                    + if self.command_specific.is_some() { d::VALUE64_LEN } else { 0 }
                    + if self.sks.is_some() { d::SKS_LEN } else { 0 }
                    + if self.fru != 0 { d::FRU_LEN } else { 0 }
                    + if self.filemark || self.eom || self.ili { d::FLAGS_LEN } else { 0 }
            }
        }
    }

    /// The sense data in a new vector (feature `alloc`).
    ///
    /// ```
    /// # #[cfg(feature = "alloc")] {
    /// use scsi_cdb::sense::SenseBuilder;
    /// use scsi_cdb::{AdditionalSense, SenseKey};
    /// let v = SenseBuilder::new(SenseKey::NotReady, AdditionalSense::new(0x04, 0x01)).to_vec();
    /// assert_eq!(v[..], [0x70, 0, 2, 0, 0, 0, 0, 10, 0, 0, 0, 0, 4, 1, 0, 0, 0, 0]);
    /// # }
    /// ```
    #[cfg(feature = "alloc")]
    #[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
    #[must_use]
    pub fn to_vec(&self) -> alloc::vec::Vec<u8> {
        let mut v = alloc::vec![0u8; self.len()];
        // Fixed format with a COMMAND-SPECIFIC value above 32 bits is the only failure: fall
        // back to descriptor format, which carries it.
        match self.emit(&mut v) {
            Ok(n) => v.truncate(n),
            Err(_) => {
                let d = self.descriptor();
                v.resize(d.len(), 0);
                let n = d.emit(&mut v).unwrap_or(0);
                v.truncate(n);
            }
        }
        v
    }

    /// Always false: sense data has at least a header.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        false
    }

    /// Writes the sense data at the start of `out` and returns its length.
    ///
    /// # Errors
    /// [`BuildError::BufferTooSmall`], and [`BuildError::ValueOutOfRange`] for a
    /// COMMAND-SPECIFIC value above 32 bits in fixed format (use descriptor format). An
    /// INFORMATION value above 32 bits in fixed format is sent with VALID clear, as SPC-6
    /// requires.
    pub fn emit(&self, out: &mut [u8]) -> Result<usize, BuildError> {
        let n = self.len();
        let out_len = out.len();
        let dst = out.get_mut(..n).ok_or(BuildError::buffer_too_small(n, out_len))?;
        dst.fill(0);
        match self.format {
            SenseFormatChoice::Fixed => self.emit_fixed(dst),
            SenseFormatChoice::Descriptor => self.emit_descriptor(dst),
        }
    }

    fn emit_fixed(&self, dst: &mut [u8]) -> Result<usize, BuildError> {
        let fixed32 = |v: Option<u64>, field| match v {
            Some(v) if v > u64::from(u32::MAX) => {
                Err(BuildError::ValueOutOfRange { field, value: v, max: u64::from(u32::MAX) })
            }
            Some(v) => Ok(Some(v as u32)),
            None => Ok(None),
        };
        // SPC-6 §4.4.3: an INFORMATION value that does not fit the 4-byte field is reported
        // with VALID clear (use descriptor format to carry it).
        let info = self.information.and_then(|v| u32::try_from(v).ok());
        let cs = fixed32(self.command_specific, "COMMAND-SPECIFIC INFORMATION")?.unwrap_or(0);
        use super::field::{self as f, fixed as x};
        let mut b = [0u8; super::FIXED_LEN];
        f::RESPONSE_CODE.put(&mut b, 0x70 | u8::from(self.deferred));
        x::VALID.put_flag(&mut b, info.is_some());
        x::FILEMARK.put_flag(&mut b, self.filemark);
        x::EOM.put_flag(&mut b, self.eom);
        x::ILI.put_flag(&mut b, self.ili);
        x::SENSE_KEY.put(&mut b, self.key as u8);
        put_at(&mut b, x::INFORMATION, &info.unwrap_or(0).to_be_bytes());
        put_at(&mut b, f::ADDITIONAL_LENGTH, &[(super::FIXED_LEN - f::HEADER_LEN) as u8]);
        put_at(&mut b, x::COMMAND_SPECIFIC, &cs.to_be_bytes());
        put_at(&mut b, x::ASC, &[self.additional_sense.asc]);
        put_at(&mut b, x::ASCQ, &[self.additional_sense.ascq]);
        put_at(&mut b, x::FRU, &[self.fru]);
        if let Some(s) = self.sks {
            put_at(&mut b, x::SKS, &s.encode());
        }
        crate::wire::write_prefix(dst, &b)
    }

    fn emit_descriptor(&self, dst: &mut [u8]) -> Result<usize, BuildError> {
        let n = self.len();
        let mut at = 8;
        use super::field::{self as f, desc as d};
        // Each descriptor is laid out in a small buffer from the descriptor field table, then
        // copied after the previous one.
        let mut put = |code: u8, len: usize, fill: &dyn Fn(&mut [u8])| -> Result<(), BuildError> {
            let mut one = [0u8; 16];
            let one = one.get_mut(..len).unwrap_or_default();
            put_at(one, d::TYPE, &[code]);
            put_at(one, d::LENGTH, &[(len - d::HEADER_LEN) as u8]);
            fill(one);
            let room = dst.len();
            let slot = dst.get_mut(at..at + len).ok_or(BuildError::buffer_too_small(at + len, room))?;
            slot.copy_from_slice(one);
            at += len;
            Ok(())
        };
        if let Some(v) = self.information {
            put(0x00, d::VALUE64_LEN, &|b| {
                d::VALID.put_flag(b, true);
                put_at(b, d::VALUE64, &v.to_be_bytes());
            })?;
        }
        if let Some(v) = self.command_specific {
            put(0x01, d::VALUE64_LEN, &|b| put_at(b, d::VALUE64, &v.to_be_bytes()))?;
        }
        if let Some(s) = self.sks {
            put(0x02, d::SKS_LEN, &|b| put_at(b, d::SKS, &s.encode()))?;
        }
        if self.fru != 0 {
            put(0x03, d::FRU_LEN, &|b| put_at(b, d::FRU, &[self.fru]))?;
        }
        let flags = |b: &mut [u8]| {
            d::FILEMARK.put_flag(b, self.filemark);
            d::EOM.put_flag(b, self.eom);
            d::ILI.put_flag(b, self.ili);
        };
        if self.filemark || self.eom {
            put(0x04, d::FLAGS_LEN, &flags)?;
        } else if self.ili {
            put(0x05, d::FLAGS_LEN, &flags)?;
        }
        let mut header = [0u8; f::HEADER_LEN];
        f::RESPONSE_CODE.put(&mut header, 0x72 | u8::from(self.deferred));
        f::descriptor::SENSE_KEY.put(&mut header, self.key as u8);
        put_at(&mut header, f::descriptor::ASC, &[self.additional_sense.asc]);
        put_at(&mut header, f::descriptor::ASCQ, &[self.additional_sense.ascq]);
        put_at(&mut header, f::ADDITIONAL_LENGTH, &[(n - f::HEADER_LEN) as u8]);
        crate::wire::write_prefix(dst, &header)?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emit_both_formats_and_convert() {
        let b =
            SenseBuilder::unrecovered_read_error(0x1234).fru(9).sks(SenseKeySpecific::ActualRetryCount(3));
        let mut out = [0u8; 64];
        let n = b.emit(&mut out).unwrap();
        let s = Sense::parse(&out[..n]).unwrap();
        let back = SenseBuilder::from_sense(&s).unwrap();
        assert_eq!(back, b);
        let d = back.descriptor();
        let n = d.emit(&mut out).unwrap();
        assert_eq!(n, 8 + 12 + 8 + 4);
        let s = Sense::parse(&out[..n]).unwrap();
        assert_eq!(SenseBuilder::from_sense(&s).unwrap(), d);
        let n = SenseBuilder::lba_out_of_range(1 << 40).emit(&mut out).unwrap();
        assert_eq!(Sense::parse(&out[..n]).unwrap().information(), None);
        assert!(SenseBuilder::lba_out_of_range(1).command_specific(1 << 40).emit(&mut out).is_err());
        assert!(b.emit(&mut out[..17]).is_err());
    }
}

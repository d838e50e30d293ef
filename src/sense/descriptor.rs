//! Sense data descriptors (SPC-6 §4.4.2) and a walk over them that never panics.

use crate::wire::{be16_at, be64_at, bit_at, u8_at};
use crate::{AdditionalSense, SenseKey};

use super::Sense;

/// The ATA registers a SAT device returns after ATA PASS-THROUGH (descriptor 09h, or the
/// fixed-format form of SAT-5 §12.2.2.6).
///
/// ```
/// use scsi_cdb::sense::Sense;
/// // SMART RETURN STATUS with CK_COND: RECOVERED ERROR, ATA PASS THROUGH INFORMATION
/// // AVAILABLE (00h/1Dh) and an ATA status return descriptor (09h).
/// let b = [0x72, 0x01, 0x00, 0x1D, 0, 0, 0, 0x0E,
///     0x09, 0x0C, 0x00, 0x00, 0, 0x01, 0, 0x00, 0, 0x4F, 0, 0xC2, 0x00, 0x50];
/// let ata = Sense::parse(&b)?.ata_status().unwrap();
/// assert_eq!((ata.extend, ata.error, ata.count), (false, 0x00, 1));
/// // LBA mid 4Fh, LBA high C2h: no threshold exceeded. Status 50h: DRDY, no ERR.
/// assert_eq!((ata.lba, ata.status), (0xC2_4F00, 0x50));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AtaStatusReturn {
    /// EXTEND: a 48-bit command; the upper register halves are valid.
    pub extend: bool,
    /// ERROR register.
    pub error: u8,
    /// COUNT (16 bits when `extend`).
    pub count: u16,
    /// LBA (48 bits when `extend`, else 28).
    pub lba: u64,
    /// DEVICE register.
    pub device: u8,
    /// STATUS register (bit 0 ERR, bit 3 DRQ, bit 6 DRDY, bit 7 BSY).
    pub status: u8,
}

/// One sense data descriptor, typed by its DESCRIPTOR TYPE.
///
/// ```
/// use scsi_cdb::sense::{Descriptor, Sense};
/// // ILLEGAL REQUEST, LBA OUT OF RANGE, information descriptor (00h) with VALID.
/// let b = [0x72, 0x05, 0x21, 0x00, 0, 0, 0, 0x0C, 0x00, 0x0A, 0x80, 0, 0, 0, 0, 0x01, 0, 0, 0, 0];
/// let d = Sense::parse(&b)?.find_descriptor(0x00);
/// assert_eq!(d, Some(Descriptor::Information { valid: true, information: 0x1_0000_0000 }));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Descriptor<'a> {
    /// 00h Information: VALID and the 64-bit INFORMATION (an LBA for most block errors).
    Information {
        /// VALID bit.
        valid: bool,
        /// INFORMATION.
        information: u64,
    },
    /// 01h Command-specific information.
    CommandSpecific(u64),
    /// 02h Sense-key specific (raw bytes; decode with the sense key).
    SenseKeySpecific([u8; 3]),
    /// 03h Field replaceable unit code.
    Fru(u8),
    /// 04h Stream commands: FILEMARK, EOM, ILI.
    Stream {
        /// FILEMARK.
        filemark: bool,
        /// EOM.
        eom: bool,
        /// ILI.
        ili: bool,
    },
    /// 05h Block commands: ILI.
    Block {
        /// ILI.
        ili: bool,
    },
    /// 06h OSD object identification (payload after the 2-byte header).
    OsdObjectIdentification(&'a [u8]),
    /// 07h OSD response integrity check value.
    OsdResponseIntegrity(&'a [u8]),
    /// 08h OSD attribute identification.
    OsdAttributeIdentification(&'a [u8]),
    /// 09h ATA status return.
    AtaStatusReturn(AtaStatusReturn),
    /// 0Ah Another progress indication: the progress of another operation.
    AnotherProgress {
        /// The other operation's sense key.
        sense_key: SenseKey,
        /// Its ASC/ASCQ.
        additional_sense: AdditionalSense,
        /// Progress in 65536ths.
        progress: u16,
    },
    /// 0Bh User data segment referral: NOT_ALL_R and the referral descriptors (raw).
    UserDataSegmentReferral {
        /// NOT_ALL_R: not all referrals are reported.
        not_all_r: bool,
        /// The user data segment referral descriptors.
        referrals: &'a [u8],
    },
    /// 0Ch Forwarded sense data: sense returned by another device, decoded with the same view.
    ForwardedSense {
        /// FSDT: the forwarded sense data was truncated.
        truncated: bool,
        /// SENSE DATA SOURCE (0 = extended copy source, 1-7 destinations ...).
        source: u8,
        /// FORWARDED STATUS (the other device's status byte).
        status: u8,
        /// The forwarded sense bytes, if they parse as sense data.
        sense: Option<Sense<'a>>,
        /// The raw forwarded bytes.
        raw: &'a [u8],
    },
    /// 0Dh Direct-access block device: VALID, ILI, SKS, FRU, INFORMATION, COMMAND-SPECIFIC.
    DirectAccessBlockDevice {
        /// VALID (INFORMATION is meaningful).
        valid: bool,
        /// ILI.
        ili: bool,
        /// Raw sense-key specific bytes.
        sks: [u8; 3],
        /// FRU code.
        fru: u8,
        /// INFORMATION.
        information: u64,
        /// COMMAND-SPECIFIC INFORMATION.
        command_specific: u64,
    },
    /// 0Eh Device designation: a designation descriptor as in VPD page 83h (raw).
    DeviceDesignation(&'a [u8]),
    /// 0Fh Microcode activation: the time in seconds until new microcode is active.
    MicrocodeActivation(u16),
    /// 80h-FFh vendor specific.
    Vendor {
        /// DESCRIPTOR TYPE.
        code: u8,
        /// Payload after the 2-byte header.
        data: &'a [u8],
    },
    /// 10h-7Fh reserved, or a known type whose length is too short for its fields.
    Unknown {
        /// DESCRIPTOR TYPE.
        code: u8,
        /// Payload after the 2-byte header.
        data: &'a [u8],
    },
}

impl<'a> Descriptor<'a> {
    /// Decodes one whole descriptor (header included).
    #[must_use]
    pub fn decode(d: &'a [u8]) -> Self {
        use super::field::desc as f;
        let code = u8_at(d, f::TYPE).unwrap_or(0);
        let data = d.get(f::HEADER_LEN..).unwrap_or_default();
        let unknown = Self::Unknown { code, data };
        let be64 = |o| be64_at(d, o);
        match code {
            0x00 => match be64(f::VALUE64) {
                Some(information) => {
                    Self::Information { valid: f::VALID.is_set(d) == Some(true), information }
                }
                None => unknown,
            },
            0x01 => be64(f::VALUE64).map_or(unknown, Self::CommandSpecific),
            0x02 => crate::wire::array_at::<3>(d, f::SKS).map_or(unknown, Self::SenseKeySpecific),
            0x03 => u8_at(d, f::FRU).map_or(unknown, Self::Fru),
            0x04 => match (f::FILEMARK.is_set(d), f::EOM.is_set(d), f::ILI.is_set(d)) {
                (Some(filemark), Some(eom), Some(ili)) => Self::Stream { filemark, eom, ili },
                _ => unknown,
            },
            0x05 => f::ILI.is_set(d).map_or(unknown, |ili| Self::Block { ili }),
            0x06 => Self::OsdObjectIdentification(data),
            0x07 => Self::OsdResponseIntegrity(data),
            0x08 => Self::OsdAttributeIdentification(data),
            0x09 => match crate::wire::array_at::<14>(d, 0) {
                Some(r) => Self::AtaStatusReturn(ata_from_descriptor(&r)),
                None => unknown,
            },
            0x0A => match (u8_at(d, 2), u8_at(d, 3), u8_at(d, 4), be16_at(d, 6)) {
                (Some(k), Some(asc), Some(ascq), Some(progress)) => Self::AnotherProgress {
                    sense_key: SenseKey::from_nibble(k),
                    additional_sense: AdditionalSense::new(asc, ascq),
                    progress,
                },
                _ => unknown,
            },
            0x0B => Self::UserDataSegmentReferral {
                not_all_r: bit_at(d, 2, 0) == Some(true),
                referrals: d.get(4..).unwrap_or_default(),
            },
            0x0C => match (u8_at(d, 2), u8_at(d, 3)) {
                (Some(b2), Some(status)) => {
                    let raw = d.get(4..).unwrap_or_default();
                    Self::ForwardedSense {
                        truncated: b2 & 0x80 != 0,
                        source: b2 & 0x0F,
                        status,
                        sense: Sense::parse(raw).ok(),
                        raw,
                    }
                }
                _ => unknown,
            },
            0x0D => match (
                f::VALID.is_set(d),
                f::DABD_ILI.is_set(d),
                crate::wire::array_at::<3>(d, f::DABD_SKS),
                u8_at(d, f::DABD_FRU),
                be64(f::DABD_INFORMATION),
                be64(f::DABD_COMMAND_SPECIFIC),
            ) {
                (Some(valid), Some(ili), Some(sks), Some(fru), Some(information), Some(command_specific)) => {
                    Self::DirectAccessBlockDevice { valid, ili, sks, fru, information, command_specific }
                }
                _ => unknown,
            },
            0x0E => Self::DeviceDesignation(d.get(4..).unwrap_or_default()),
            0x0F => be16_at(d, 6).map_or(unknown, Self::MicrocodeActivation),
            0x80.. => Self::Vendor { code, data },
            _ => unknown,
        }
    }

    /// The DESCRIPTOR TYPE code.
    #[must_use]
    pub const fn code(&self) -> u8 {
        match self {
            Self::Information { .. } => 0x00,
            Self::CommandSpecific(_) => 0x01,
            Self::SenseKeySpecific(_) => 0x02,
            Self::Fru(_) => 0x03,
            Self::Stream { .. } => 0x04,
            Self::Block { .. } => 0x05,
            Self::OsdObjectIdentification(_) => 0x06,
            Self::OsdResponseIntegrity(_) => 0x07,
            Self::OsdAttributeIdentification(_) => 0x08,
            Self::AtaStatusReturn(_) => 0x09,
            Self::AnotherProgress { .. } => 0x0A,
            Self::UserDataSegmentReferral { .. } => 0x0B,
            Self::ForwardedSense { .. } => 0x0C,
            Self::DirectAccessBlockDevice { .. } => 0x0D,
            Self::DeviceDesignation(_) => 0x0E,
            Self::MicrocodeActivation(_) => 0x0F,
            Self::Vendor { code, .. } | Self::Unknown { code, .. } => *code,
        }
    }

    /// The SPC name of the descriptor type.
    #[must_use]
    pub const fn type_name(code: u8) -> &'static str {
        match code {
            0x00 => "information",
            0x01 => "command-specific information",
            0x02 => "sense key specific",
            0x03 => "field replaceable unit",
            0x04 => "stream commands",
            0x05 => "block commands",
            0x06 => "OSD object identification",
            0x07 => "OSD response integrity check value",
            0x08 => "OSD attribute identification",
            0x09 => "ATA status return",
            0x0A => "another progress indication",
            0x0B => "user data segment referral",
            0x0C => "forwarded sense data",
            0x0D => "direct-access block device",
            0x0E => "device designation",
            0x0F => "microcode activation",
            0x80.. => "vendor specific",
            _ => "reserved",
        }
    }
}

/// The 14-byte ATA status return descriptor (SAT-5 §12.2.2.7).
const fn ata_from_descriptor(r: &[u8; 14]) -> AtaStatusReturn {
    let extend = r[2] & 1 != 0;
    let mut count = r[5] as u16;
    let mut lba = (r[7] as u64) | (r[9] as u64) << 8 | (r[11] as u64) << 16;
    if extend {
        count |= (r[4] as u16) << 8;
        lba |= (r[6] as u64) << 24 | (r[8] as u64) << 32 | (r[10] as u64) << 40;
    }
    AtaStatusReturn { extend, error: r[3], count, lba, device: r[12], status: r[13] }
}

/// A descriptor that claims more bytes than the sense data holds.
///
/// ```
/// use scsi_cdb::sense::{DescriptorOverrun, Sense};
/// // An information descriptor (12 bytes) cut off after 6 bytes.
/// let b = [0x72, 0x05, 0x21, 0x00, 0, 0, 0, 0x0C, 0x00, 0x0A, 0x80, 0x00, 0, 0];
/// let mut it = Sense::parse(&b)?.descriptors();
/// let e = it.next().unwrap().unwrap_err();
/// assert_eq!(e, DescriptorOverrun { offset: 8, code: Some(0x00), declared: 12, available: 6 });
/// assert!(it.next().is_none());
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DescriptorOverrun {
    /// Offset of the descriptor within the sense buffer.
    pub offset: usize,
    /// Its DESCRIPTOR TYPE (if the byte is present).
    pub code: Option<u8>,
    /// Bytes it declares (2 + additional length).
    pub declared: usize,
    /// Bytes left in the buffer.
    pub available: usize,
}

/// Walks the descriptors of descriptor-format sense data: each is `2 + ADDITIONAL LENGTH`
/// bytes. A descriptor that runs past the end (of the buffer or of the ADDITIONAL SENSE
/// LENGTH) ends the walk with `Err(DescriptorOverrun)`, once; then the iterator is empty.
///
/// ```
/// use scsi_cdb::sense::{Descriptor, Sense};
/// // INVALID FIELD IN CDB: information descriptor, then sense-key specific (02h) with the
/// // field pointer C/D = 1, BPV = 1, bit 3 of byte 2.
/// let b = [0x72, 0x05, 0x24, 0x00, 0, 0, 0, 0x14, 0x00, 0x0A, 0x80, 0, 0, 0, 0, 0, 0, 0x12,
///     0x34, 0x56, 0x02, 0x06, 0, 0, 0xCB, 0x00, 0x02, 0x00];
/// let mut it = Sense::parse(&b)?.descriptors();
/// let info = Descriptor::Information { valid: true, information: 0x12_3456 };
/// assert_eq!(it.next(), Some(Ok((8, info))));
/// assert_eq!(it.next(), Some(Ok((20, Descriptor::SenseKeySpecific([0xCB, 0x00, 0x02])))));
/// assert_eq!(it.next(), None);
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone)]
pub struct DescriptorIter<'a> {
    rest: &'a [u8],
    offset: usize,
}

impl<'a> DescriptorIter<'a> {
    pub(crate) const fn new(list: &'a [u8], offset: usize) -> Self {
        Self { rest: list, offset }
    }
}

/// The whole descriptors of a list, stopping silently at one that runs past the end.
pub(crate) fn raw_walk(list: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = list;
    core::iter::from_fn(move || {
        let len = super::field::desc::HEADER_LEN + usize::from(*rest.get(super::field::desc::LENGTH)?);
        let (d, r) = rest.split_at_checked(len)?;
        rest = r;
        Some(d)
    })
}

impl<'a> Iterator for DescriptorIter<'a> {
    type Item = Result<(usize, Descriptor<'a>), DescriptorOverrun>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let offset = self.offset;
        use super::field::desc as f;
        let declared = f::HEADER_LEN + self.rest.get(f::LENGTH).map_or(0, |l| usize::from(*l));
        match self.rest.split_at_checked(declared) {
            Some((d, rest)) => {
                self.rest = rest;
                self.offset += declared;
                Some(Ok((offset, Descriptor::decode(d))))
            }
            None => {
                let e = DescriptorOverrun {
                    offset,
                    code: self.rest.first().copied(),
                    declared,
                    available: self.rest.len(),
                };
                self.rest = &[];
                Some(Err(e))
            }
        }
    }
}

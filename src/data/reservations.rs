//! PERSISTENT RESERVE IN parameter data (SPC-6): READ KEYS, READ RESERVATION and REPORT
//! CAPABILITIES.

use crate::DecodeError;
use crate::wire::{be16_at, be32_at, be64_at, clamped, u8_at};

/// READ KEYS data: the generation and the registered keys present in the buffer.
///
/// ```
/// use scsi_cdb::data::PrKeys;
/// let data = [0, 0, 0, 7, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2];
/// let k = PrKeys::parse(&data)?;
/// assert_eq!(k.generation, 7);
/// assert_eq!(k.keys().collect::<Vec<_>>(), [1, 2]);
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrKeys<'a> {
    /// PRGENERATION.
    pub generation: u32,
    /// ADDITIONAL LENGTH as declared (8 per key).
    pub declared_len: u32,
    list: &'a [u8],
}

impl<'a> PrKeys<'a> {
    /// Decodes READ KEYS data.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] below the 8-byte header.
    pub fn parse(b: &'a [u8]) -> Result<Self, DecodeError> {
        let (Some(generation), Some(declared_len)) = (be32_at(b, 0), be32_at(b, 4)) else {
            return Err(DecodeError::truncated(8, b.len()));
        };
        Ok(Self { generation, declared_len, list: clamped(b, 8, declared_len as usize) })
    }

    /// The keys present (a partial last key is left out).
    pub fn keys(&self) -> impl Iterator<Item = u64> + 'a {
        self.list.chunks_exact(8).filter_map(|c| be64_at(c, 0))
    }

    /// True when the device has more keys than the buffer holds.
    #[must_use]
    pub fn is_truncated(&self) -> bool {
        self.list.len() < self.declared_len as usize
    }
}

/// READ RESERVATION data.
///
/// ```
/// use scsi_cdb::cdb::spc::PrType;
/// use scsi_cdb::data::PrReservation;
/// // PRGENERATION 3, a LU_SCOPE Write Exclusive - Registrants Only reservation.
/// let b = [0, 0, 0, 3, 0, 0, 0, 0x10, 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF,
///     0, 0, 0, 0, 0, 0x05, 0, 0];
/// let r = PrReservation::parse(&b)?;
/// assert_eq!(r.generation, 3);
/// let want = (0x0123_4567_89AB_CDEF, 0, PrType::WRITE_EXCLUSIVE_REGISTRANTS_ONLY);
/// assert_eq!(r.reservation, Some(want));
/// // No reservation held: ADDITIONAL LENGTH 0.
/// assert_eq!(PrReservation::parse(&[0, 0, 0, 3, 0, 0, 0, 0])?.reservation, None);
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PrReservation {
    /// PRGENERATION.
    pub generation: u32,
    /// The reservation, when one is held and present in the buffer: key, scope and type.
    pub reservation: Option<(u64, u8, crate::cdb::spc::PrType)>,
}

impl PrReservation {
    /// Decodes READ RESERVATION data.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] below the 8-byte header.
    pub fn parse(b: &[u8]) -> Result<Self, DecodeError> {
        let (Some(generation), Some(len)) = (be32_at(b, 0), be32_at(b, 4)) else {
            return Err(DecodeError::truncated(8, b.len()));
        };
        let reservation = if len >= 16 {
            match (be64_at(b, 8), u8_at(b, 21)) {
                (Some(key), Some(st)) => {
                    crate::cdb::spc::PrType::new(st & 0x0F).ok().map(|t| (key, st >> 4, t))
                }
                _ => None,
            }
        } else {
            None
        };
        Ok(Self { generation, reservation })
    }
}

/// REPORT CAPABILITIES data.
///
/// ```
/// use scsi_cdb::data::PrCapabilities;
/// // CRH, SIP_C, ATP_C, PTPL_C; TMV, ALLOW COMMANDS 001b; types 1h, 3h, 5h, 6h, 7h and 8h.
/// let c = PrCapabilities::parse(&[0x00, 0x08, 0x1D, 0x90, 0xEA, 0x01, 0x00, 0x00])?;
/// assert!(c.crh && c.sip_c && c.atp_c && c.ptpl_c && !c.rlr_c);
/// assert!(c.tmv && !c.ptpl_a);
/// assert_eq!((c.allow_commands, c.type_mask), (1, Some(0xEA01)));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PrCapabilities {
    /// RLR_C: replace lost reservation capable.
    pub rlr_c: bool,
    /// CRH: compatible reservation handling.
    pub crh: bool,
    /// SIP_C: specify initiator ports capable.
    pub sip_c: bool,
    /// ATP_C: all target ports capable.
    pub atp_c: bool,
    /// PTPL_C: persist through power loss capable.
    pub ptpl_c: bool,
    /// TMV: the type mask is valid.
    pub tmv: bool,
    /// ALLOW COMMANDS.
    pub allow_commands: u8,
    /// PTPL_A: persist through power loss activated.
    pub ptpl_a: bool,
    /// PERSISTENT RESERVATION TYPE MASK (bit per type, as the standard lays it out), when
    /// present.
    pub type_mask: Option<u16>,
}

impl PrCapabilities {
    /// Decodes REPORT CAPABILITIES data.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] below 4 bytes.
    pub fn parse(b: &[u8]) -> Result<Self, DecodeError> {
        let (Some(_len), Some(f), Some(g)) = (be16_at(b, 0), u8_at(b, 2), u8_at(b, 3)) else {
            return Err(DecodeError::truncated(4, b.len()));
        };
        Ok(Self {
            rlr_c: f & 0x80 != 0,
            crh: f & 0x10 != 0,
            sip_c: f & 0x08 != 0,
            atp_c: f & 0x04 != 0,
            ptpl_c: f & 0x01 != 0,
            tmv: g & 0x80 != 0,
            allow_commands: (g >> 4) & 7,
            ptpl_a: g & 0x01 != 0,
            type_mask: be16_at(b, 4),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    #[test]
    fn reservation_and_truncation() {
        let mut d = [0u8; 24];
        d[3] = 3;
        d[7] = 16;
        d[8..16].copy_from_slice(&0xABCDu64.to_be_bytes());
        d[21] = 0x01;
        let r = PrReservation::parse(&d).unwrap();
        assert_eq!(r.reservation, Some((0xABCD, 0, crate::cdb::spc::PrType::WRITE_EXCLUSIVE)));
        for n in 0..d.len() {
            let _ = PrReservation::parse(&d[..n]);
            let _ = PrKeys::parse(&d[..n]).map(|k| k.keys().count());
            let _ = PrCapabilities::parse(&d[..n]);
        }
        assert_eq!(PrReservation::parse(&d[..20]).unwrap().reservation, None);
        let k = PrKeys::parse(&[0, 0, 0, 1, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0]).unwrap();
        assert_eq!(k.keys().collect::<Vec<_>>(), [9]);
        assert!(k.is_truncated());
        let c = PrCapabilities::parse(&[0, 8, 0x9D, 0x81, 0xEA, 0x01, 0, 0]).unwrap();
        assert!(c.rlr_c && c.crh && c.sip_c && c.atp_c && c.ptpl_c && c.tmv && c.ptpl_a);
        assert_eq!(c.type_mask, Some(0xEA01));
    }
}

//! Crate-private helpers for reading and writing wire bytes without indexing.
//!
//! Every read goes through `slice::get` or `split_first_chunk`, so a short buffer gives `None`,
//! never a panic. Zerocopy structs (`FromBytes`/`IntoBytes`) do the fixed-layout work; these
//! helpers cover the edges: single fields at an offset, the 24-bit integers zerocopy lacks, and
//! the "trust a length field only up to the buffer" clamp.

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

/// A 24-bit big-endian integer (zerocopy has no `U24`).
#[derive(
    Clone, Copy, PartialEq, Eq, Hash, Default, FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned,
)]
#[repr(transparent)]
pub(crate) struct U24([u8; 3]);

impl U24 {
    /// The low 24 bits of `v`, big-endian. Callers check the range first.
    #[inline]
    pub(crate) const fn new(v: u32) -> Self {
        let b = v.to_be_bytes();
        Self([b[1], b[2], b[3]])
    }

    /// The value.
    #[inline]
    pub(crate) const fn get(self) -> u32 {
        u32::from_be_bytes([0, self.0[0], self.0[1], self.0[2]])
    }
}

impl core::fmt::Debug for U24 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.get().fmt(f)
    }
}

/// Byte at `off`, if present.
#[inline]
pub(crate) fn u8_at(b: &[u8], off: usize) -> Option<u8> {
    b.get(off).copied()
}

/// `N` bytes starting at `off`, if all present.
#[inline]
pub(crate) fn array_at<const N: usize>(b: &[u8], off: usize) -> Option<[u8; N]> {
    let tail = b.get(off..)?;
    tail.first_chunk::<N>().copied()
}

/// Big-endian `u16` at `off`.
#[inline]
pub(crate) fn be16_at(b: &[u8], off: usize) -> Option<u16> {
    array_at(b, off).map(u16::from_be_bytes)
}

/// Big-endian `u32` at `off`.
#[inline]
pub(crate) fn be32_at(b: &[u8], off: usize) -> Option<u32> {
    array_at(b, off).map(u32::from_be_bytes)
}

/// Big-endian `u64` at `off`.
#[inline]
pub(crate) fn be64_at(b: &[u8], off: usize) -> Option<u64> {
    array_at(b, off).map(u64::from_be_bytes)
}

/// Bit `bit` of the byte at `off`.
#[inline]
pub(crate) fn bit_at(b: &[u8], off: usize, bit: u8) -> Option<bool> {
    u8_at(b, off).map(|v| v & (1 << bit) != 0)
}

/// The bytes `off .. off + len`, cut at the end of the buffer (possibly empty).
#[inline]
pub(crate) fn clamped(b: &[u8], off: usize, len: usize) -> &[u8] {
    let start = off.min(b.len());
    let end = off.saturating_add(len).min(b.len());
    b.get(start..end).unwrap_or_default()
}

/// The ASCII hex digit of the low four bits of `n`.
#[inline]
pub(crate) const fn hex_digit(n: u8, upper: bool) -> u8 {
    match (n & 0x0F, upper) {
        (d @ 0..=9, _) => b'0' + d,
        (d, true) => b'A' + d - 10,
        (d, false) => b'a' + d - 10,
    }
}

/// Writes `src` at the start of `out`, or reports how much room was needed.
#[inline]
pub(crate) fn write_prefix(out: &mut [u8], src: &[u8]) -> Result<usize, crate::BuildError> {
    match out.get_mut(..src.len()) {
        Some(dst) => {
            dst.copy_from_slice(src);
            Ok(src.len())
        }
        None => Err(crate::BuildError::buffer_too_small(src.len(), out.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_never_panic_past_end() {
        let b = [1u8, 2, 3, 4, 5, 6, 7, 8, 9];
        assert_eq!(be16_at(&b, 7), Some(0x0809));
        assert_eq!(be16_at(&b, 8), None);
        assert_eq!(be32_at(&b, usize::MAX), None);
        assert_eq!(be64_at(&b, 1), Some(0x0203_0405_0607_0809));
        assert_eq!(clamped(&b, 7, 100), &[8, 9]);
        assert_eq!(clamped(&b, 100, 100), &[] as &[u8]);
        assert_eq!(clamped(&b, usize::MAX, usize::MAX), &[] as &[u8]);
        assert_eq!(bit_at(&b, 0, 0), Some(true));
        assert_eq!(U24::new(0x12_3456).get(), 0x12_3456);
    }

    #[test]
    fn write_prefix_reports_room() {
        let mut out = [0u8; 2];
        assert_eq!(write_prefix(&mut out, &[1, 2, 3]), Err(crate::BuildError::buffer_too_small(3, 2)));
        assert_eq!(write_prefix(&mut out, &[1]), Ok(1));
    }
}

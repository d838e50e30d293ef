//! Crate-private helpers for reading and writing wire bytes without indexing.
//!
//! Every read goes through `slice::get` or `split_first_chunk`, so a short buffer gives `None`,
//! never a panic. Zerocopy structs (`FromBytes`/`IntoBytes`) do the fixed-layout work; these
//! helpers cover the edges: single fields at an offset and the "trust a length field only up
//! to the buffer" clamp.

/// A bit field inside one byte: its byte offset, lowest bit and width. One `const` of this type
/// is the single description of a flag or small code; the reader (`get`, `is_set`) and the
/// writer (`put`) of the same structure both use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Bits {
    /// Byte offset from the start of the structure.
    pub(crate) byte: usize,
    /// Lowest bit.
    pub(crate) shift: u8,
    /// Width in bits (1..=8, `shift + width <= 8`).
    pub(crate) width: u8,
}

impl Bits {
    /// A field of `width` bits starting at bit `shift` of byte `byte`.
    pub(crate) const fn new(byte: usize, shift: u8, width: u8) -> Self {
        Self { byte, shift, width }
    }

    /// A one-bit flag.
    pub(crate) const fn flag(byte: usize, bit: u8) -> Self {
        Self::new(byte, bit, 1)
    }

    /// The bits of the byte this field covers.
    pub(crate) const fn mask(self) -> u8 {
        (((1u16 << self.width) - 1) as u8) << self.shift
    }

    /// The field's value, if its byte is present.
    #[inline]
    pub(crate) fn get(self, b: &[u8]) -> Option<u8> {
        u8_at(b, self.byte).map(|v| (v & self.mask()) >> self.shift)
    }

    /// The flag (any bit of the field set), if its byte is present.
    #[inline]
    pub(crate) fn is_set(self, b: &[u8]) -> Option<bool> {
        u8_at(b, self.byte).map(|v| v & self.mask() != 0)
    }

    /// The value of a field in the first bytes the caller checked (0 when absent).
    #[inline]
    pub(crate) fn get_or0(self, b: &[u8]) -> u8 {
        self.get(b).unwrap_or(0)
    }

    /// Writes `v` (its low `width` bits) into the field, leaving the byte's other bits; does
    /// nothing when the byte is past the end of `out` (a truncated answer).
    #[inline]
    pub(crate) fn put(self, out: &mut [u8], v: u8) {
        if let Some(d) = out.get_mut(self.byte) {
            *d = (*d & !self.mask()) | ((v << self.shift) & self.mask());
        }
    }

    /// Writes a flag.
    #[inline]
    pub(crate) fn put_flag(self, out: &mut [u8], v: bool) {
        self.put(out, u8::from(v));
    }
}

/// Writes `src` at `off`, each byte only where `out` has room: a target answers with the data
/// cut at the allocation length, so a field that straddles the end is written in part.
#[inline]
pub(crate) fn put_at(out: &mut [u8], off: usize, src: &[u8]) {
    if let Some(tail) = out.get_mut(off..) {
        let n = tail.len().min(src.len());
        if let (Some(d), Some(s)) = (tail.get_mut(..n), src.get(..n)) {
            d.copy_from_slice(s);
        }
    }
}

/// Writes `src` at `off` into a field of `width` bytes, padded with spaces (ASCII fields of
/// INQUIRY and VPD data); longer input is cut at the width.
#[inline]
pub(crate) fn put_ascii(out: &mut [u8], off: usize, width: usize, src: &[u8]) {
    let n = src.len().min(width);
    put_at(out, off, src.get(..n).unwrap_or_default());
    let end = off.saturating_add(width).min(out.len());
    if let Some(pad) = out.get_mut(off.saturating_add(n)..end) {
        pad.fill(b' ');
    }
}

/// The first `total` bytes of `out` (or all of it when shorter), zeroed: where a writer puts a
/// structure of `total` bytes truncated at the caller's allocation length.
#[inline]
pub(crate) fn zeroed_prefix(out: &mut [u8], total: usize) -> &mut [u8] {
    let n = total.min(out.len());
    let (head, _) = out.split_at_mut(n);
    head.fill(0);
    head
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

/// Bytes as lower-case space-separated hex (`28 00 00 10`): how CDBs and byte strings are
/// written in text and JSON.
pub(crate) struct Hex<'a>(pub(crate) &'a [u8]);

impl core::fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for (i, b) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{b:02x}")?;
        }
        Ok(())
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
    }

    #[test]
    fn write_prefix_reports_room() {
        let mut out = [0u8; 2];
        assert_eq!(write_prefix(&mut out, &[1, 2, 3]), Err(crate::BuildError::buffer_too_small(3, 2)));
        assert_eq!(write_prefix(&mut out, &[1]), Ok(1));
    }
}

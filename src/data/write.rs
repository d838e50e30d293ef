//! The target side: parameter data written into the caller's buffer.

/// Parameter data a target (an emulator, an HBA driver answering for a device) returns for a
/// command. Every writer is built from the same field descriptions as the matching reader, so
/// what it writes decodes back to the value it was given.
///
/// A target answers with the data cut at the CDB's ALLOCATION LENGTH, and the length fields
/// inside the data still give the full length (so the initiator can ask again). Pass
/// `&mut buf[..alloc_len]` (or any shorter buffer): `write` fills `min(total_len(), out.len())`
/// bytes, never allocates and never panics.
///
/// ```
/// use scsi_cdb::data::{ReadCapacity10Data, WriteData};
/// let cap = ReadCapacity10Data { last_lba: 0x0003_FFFF, block_len: 512 };
/// let mut out = [0u8; 64];
/// assert_eq!(cap.total_len(), 8);
/// let n = cap.write(&mut out);
/// assert_eq!(&out[..n], &[0x00, 0x03, 0xFF, 0xFF, 0, 0, 2, 0]);
/// assert_eq!(ReadCapacity10Data::parse(&out[..n])?, cap);
/// // Allocation length 4: the first four bytes.
/// assert_eq!(cap.write(&mut out[..4]), 4);
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
pub trait WriteData {
    /// The full length of the data: what an allocation length of at least this size receives.
    fn total_len(&self) -> usize;

    /// Writes the data cut at `out.len()` (the allocation length) and returns the number of
    /// bytes written, `min(self.total_len(), out.len())`. Reserved bits are written as zero.
    fn write(&self, out: &mut [u8]) -> usize;

    /// The whole data in a new vector (feature `alloc`).
    ///
    /// ```
    /// # #[cfg(feature = "alloc")] {
    /// use scsi_cdb::data::{ReadCapacity10Data, WriteData};
    /// let v = ReadCapacity10Data { last_lba: 7, block_len: 4096 }.to_vec();
    /// assert_eq!(v, [0, 0, 0, 7, 0, 0, 0x10, 0]);
    /// # }
    /// ```
    #[cfg(feature = "alloc")]
    #[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
    fn to_vec(&self) -> alloc::vec::Vec<u8> {
        let mut v = alloc::vec![0u8; self.total_len()];
        let n = self.write(&mut v);
        v.truncate(n);
        v
    }

    /// Writes the data, cut at `alloc_len`, to a socket, file or pipe (feature `std`): what an
    /// iSCSI or vhost target sends as the Data-In payload.
    ///
    /// ```
    /// # #[cfg(feature = "std")] {
    /// use scsi_cdb::data::{ReadCapacity10Data, WriteData};
    /// let mut sent = Vec::new();
    /// ReadCapacity10Data { last_lba: 7, block_len: 512 }.write_io(&mut sent, 6)?;
    /// assert_eq!(sent, [0, 0, 0, 7, 0, 0]);
    /// # }
    /// # Ok::<(), std::io::Error>(())
    /// ```
    ///
    /// # Errors
    /// What the writer returns.
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    fn write_io<W: std::io::Write>(&self, w: &mut W, alloc_len: usize) -> std::io::Result<()> {
        let mut v = self.to_vec();
        v.truncate(alloc_len);
        w.write_all(&v)
    }
}

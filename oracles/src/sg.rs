//! libsgutils2 (sg3_utils 1.46) through FFI.

use std::ffi::{CStr, c_char, c_int};

/// `struct sg_scsi_sense_hdr`.
#[repr(C)]
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SenseHdr {
    /// Response code (byte 0 & 7Fh).
    pub response_code: u8,
    /// Sense key.
    pub sense_key: u8,
    /// ASC.
    pub asc: u8,
    /// ASCQ.
    pub ascq: u8,
    /// Fixed: low information bytes; descriptor: byte 4 is the SDAT_OVFL byte.
    pub byte4: u8,
    /// See `byte4`.
    pub byte5: u8,
    /// See `byte4`.
    pub byte6: u8,
    /// Descriptor format: additional length; 0 for fixed.
    pub additional_length: u8,
}

unsafe extern "C" {
    fn sg_lib_version() -> *const c_char;
    fn sg_get_command_size(cdb_byte0: u8) -> c_int;
    fn sg_get_opcode_name(cdb_byte0: u8, peri_type: c_int, buff_len: c_int, buff: *mut c_char);
    fn sg_get_opcode_sa_name(cdb_byte0: u8, sa: c_int, peri_type: c_int, buff_len: c_int, buff: *mut c_char);
    fn sg_get_scsi_status_str(st: c_int, buff_len: c_int, buff: *mut c_char);
    fn sg_scsi_normalize_sense(sb: *const u8, len: c_int, h: *mut SenseHdr) -> bool;
    fn sg_get_sense_info_fld(sb: *const u8, len: c_int, out: *mut u64) -> bool;
    fn sg_get_sense_cmd_spec_fld(sb: *const u8, len: c_int, out: *mut u64) -> bool;
    fn sg_get_sense_filemark_eom_ili(
        sb: *const u8,
        len: c_int,
        fm: *mut bool,
        eom: *mut bool,
        ili: *mut bool,
    ) -> bool;
    fn sg_get_sense_progress_fld(sb: *const u8, len: c_int, out: *mut c_int) -> bool;
    fn sg_scsi_sense_desc_find(sb: *const u8, len: c_int, t: c_int) -> *const u8;
    fn sg_get_sense_key_str(sk: c_int, blen: c_int, b: *mut c_char) -> *mut c_char;
    fn sg_get_asc_ascq_str(asc: c_int, ascq: c_int, blen: c_int, b: *mut c_char) -> *mut c_char;
    fn sg_get_sense_str(
        leadin: *const c_char,
        sb: *const u8,
        len: c_int,
        raw: bool,
        blen: c_int,
        b: *mut c_char,
    ) -> c_int;
    fn sg_err_category_sense(sb: *const u8, len: c_int) -> c_int;
    fn sg_get_pdt_str(pdt: c_int, blen: c_int, b: *mut c_char) -> *mut c_char;
}

fn text(buf: &[c_char]) -> String {
    // SAFETY: sg3_utils writes a NUL-terminated string into the buffer it was given (and the
    // buffer is zero-filled, so a NUL exists even if it wrote nothing).
    unsafe { CStr::from_ptr(buf.as_ptr()) }.to_string_lossy().into_owned()
}

fn padded(sb: &[u8]) -> ([u8; 512], c_int) {
    let mut b = [0u8; 512];
    let n = sb.len().min(256);
    b[..n].copy_from_slice(&sb[..n]);
    (b, n as c_int)
}

/// `sg_lib_version()`.
pub fn version() -> String {
    // SAFETY: returns a static NUL-terminated string.
    unsafe { CStr::from_ptr(sg_lib_version()) }.to_string_lossy().into_owned()
}

/// `sg_get_command_size(op)`.
pub fn command_size(op: u8) -> i32 {
    // SAFETY: pure function of a byte.
    unsafe { sg_get_command_size(op) }
}

/// `sg_get_opcode_name(op, pdt)`.
pub fn opcode_name(op: u8, pdt: i32) -> String {
    let mut b = [0 as c_char; 128];
    // SAFETY: the buffer and its length match.
    unsafe { sg_get_opcode_name(op, pdt, b.len() as c_int, b.as_mut_ptr()) };
    text(&b)
}

/// `sg_get_opcode_sa_name(op, sa, pdt)`.
pub fn opcode_sa_name(op: u8, sa: i32, pdt: i32) -> String {
    let mut b = [0 as c_char; 128];
    // SAFETY: the buffer and its length match.
    unsafe { sg_get_opcode_sa_name(op, sa, pdt, b.len() as c_int, b.as_mut_ptr()) };
    text(&b)
}

/// `sg_get_scsi_status_str(st)`.
pub fn status_str(st: u8) -> String {
    let mut b = [0 as c_char; 128];
    // SAFETY: the buffer and its length match.
    unsafe { sg_get_scsi_status_str(c_int::from(st), b.len() as c_int, b.as_mut_ptr()) };
    text(&b)
}

/// `sg_scsi_normalize_sense`.
pub fn normalize_sense(sb: &[u8]) -> Option<SenseHdr> {
    let (b, n) = padded(sb);
    let mut h = SenseHdr::default();
    // SAFETY: `b` is 512 bytes, more than any read sg3_utils makes for a length of at most 256.
    unsafe { sg_scsi_normalize_sense(b.as_ptr(), n, &mut h) }.then_some(h)
}

/// `sg_get_sense_info_fld`: (VALID, value).
pub fn info_fld(sb: &[u8]) -> (bool, u64) {
    let (b, n) = padded(sb);
    let mut v = 0u64;
    // SAFETY: as `normalize_sense`.
    let valid = unsafe { sg_get_sense_info_fld(b.as_ptr(), n, &mut v) };
    (valid, v)
}

/// `sg_get_sense_cmd_spec_fld`: (found, value).
pub fn cmd_spec_fld(sb: &[u8]) -> (bool, u64) {
    let (b, n) = padded(sb);
    let mut v = 0u64;
    // SAFETY: as `normalize_sense`.
    let found = unsafe { sg_get_sense_cmd_spec_fld(b.as_ptr(), n, &mut v) };
    (found, v)
}

/// `sg_get_sense_filemark_eom_ili`: (any set, filemark, eom, ili).
pub fn filemark_eom_ili(sb: &[u8]) -> (bool, bool, bool, bool) {
    let (b, n) = padded(sb);
    let (mut fm, mut eom, mut ili) = (false, false, false);
    // SAFETY: as `normalize_sense`.
    let any = unsafe { sg_get_sense_filemark_eom_ili(b.as_ptr(), n, &mut fm, &mut eom, &mut ili) };
    (any, fm, eom, ili)
}

/// `sg_get_sense_progress_fld`: the raw 0..65535 progress, when present.
pub fn progress_fld(sb: &[u8]) -> Option<u16> {
    let (b, n) = padded(sb);
    let mut v: c_int = 0;
    // SAFETY: as `normalize_sense`.
    unsafe { sg_get_sense_progress_fld(b.as_ptr(), n, &mut v) }.then_some(v as u16)
}

/// `sg_scsi_sense_desc_find`: the offset of the first descriptor of type `t`.
pub fn desc_find(sb: &[u8], t: u8) -> Option<usize> {
    let (b, n) = padded(sb);
    // SAFETY: as `normalize_sense`; the returned pointer points into `b`.
    let p = unsafe { sg_scsi_sense_desc_find(b.as_ptr(), n, c_int::from(t)) };
    if p.is_null() { None } else { Some(p as usize - b.as_ptr() as usize) }
}

/// `sg_get_sense_key_str`.
pub fn sense_key_str(sk: u8) -> String {
    let mut b = [0 as c_char; 128];
    // SAFETY: the buffer and its length match.
    unsafe { sg_get_sense_key_str(c_int::from(sk), b.len() as c_int, b.as_mut_ptr()) };
    text(&b)
}

/// `sg_get_asc_ascq_str`, with sg3's "Additional sense: " prefix kept.
pub fn asc_ascq_str(asc: u8, ascq: u8) -> String {
    let mut b = [0 as c_char; 256];
    // SAFETY: the buffer and its length match.
    unsafe { sg_get_asc_ascq_str(c_int::from(asc), c_int::from(ascq), b.len() as c_int, b.as_mut_ptr()) };
    text(&b)
}

/// The raw call behind [`asc_ascq_str`], for benchmarks: writes into `b`.
pub fn asc_ascq_str_into(asc: u8, ascq: u8, b: &mut [c_char; 256]) {
    // SAFETY: the buffer and its length match.
    unsafe { sg_get_asc_ascq_str(c_int::from(asc), c_int::from(ascq), b.len() as c_int, b.as_mut_ptr()) };
}

/// `sg_get_sense_str(NULL, ...)`: sg3_utils' multi-line text of a sense buffer.
pub fn sense_str(sb: &[u8]) -> String {
    let (b, n) = padded(sb);
    let mut out = vec![0 as c_char; 4096];
    // SAFETY: input padded as `normalize_sense`; output buffer and length match.
    unsafe { sg_get_sense_str(std::ptr::null(), b.as_ptr(), n, false, out.len() as c_int, out.as_mut_ptr()) };
    text(&out)
}

/// The raw call behind [`sense_str`], for benchmarks (input must be 512 bytes, padded).
pub fn sense_str_into(padded_sb: &[u8; 512], len: usize, out: &mut [c_char]) -> i32 {
    // SAFETY: input is 512 bytes; output buffer and length match.
    unsafe {
        sg_get_sense_str(
            std::ptr::null(),
            padded_sb.as_ptr(),
            len as c_int,
            false,
            out.len() as c_int,
            out.as_mut_ptr(),
        )
    }
}

/// The raw normalizer for benchmarks.
pub fn normalize_sense_raw(padded_sb: &[u8; 512], len: usize, h: &mut SenseHdr) -> bool {
    // SAFETY: input is 512 bytes.
    unsafe { sg_scsi_normalize_sense(padded_sb.as_ptr(), len as c_int, h) }
}

/// `sg_err_category_sense` (SG_LIB_CAT_*).
pub fn err_category(sb: &[u8]) -> i32 {
    let (b, n) = padded(sb);
    // SAFETY: as `normalize_sense`.
    unsafe { sg_err_category_sense(b.as_ptr(), n) }
}

/// `sg_get_pdt_str`.
pub fn pdt_str(pdt: u8) -> String {
    let mut b = [0 as c_char; 128];
    // SAFETY: the buffer and its length match.
    unsafe { sg_get_pdt_str(c_int::from(pdt), b.len() as c_int, b.as_mut_ptr()) };
    text(&b)
}

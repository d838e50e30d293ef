//! libiscsi's CDB builders, through the shims in csrc/iscsi_cdb.c.

use std::ffi::c_int;

/// A CDB as libiscsi built it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// CDB bytes.
    pub cdb: Vec<u8>,
    /// `enum scsi_xfer_dir`: 0 none, 1 read, 2 write.
    pub dir: i32,
    /// `expxferlen` in bytes.
    pub xfer: i32,
}

type Out = (*mut u8, *mut c_int, *mut c_int);

unsafe extern "C" {
    fn oracle_iscsi_read6(lba: u32, xfer: u32, bs: c_int, o: *mut u8, d: *mut c_int, x: *mut c_int) -> c_int;
    fn oracle_iscsi_read10(
        lba: u32,
        xfer: u32,
        bs: c_int,
        prot: c_int,
        dpo: c_int,
        fua: c_int,
        group: c_int,
        o: *mut u8,
        d: *mut c_int,
        x: *mut c_int,
    ) -> c_int;
    fn oracle_iscsi_read12(
        lba: u32,
        xfer: u32,
        bs: c_int,
        prot: c_int,
        dpo: c_int,
        fua: c_int,
        group: c_int,
        o: *mut u8,
        d: *mut c_int,
        x: *mut c_int,
    ) -> c_int;
    fn oracle_iscsi_read16(
        lba: u64,
        xfer: u32,
        bs: c_int,
        prot: c_int,
        dpo: c_int,
        fua: c_int,
        group: c_int,
        o: *mut u8,
        d: *mut c_int,
        x: *mut c_int,
    ) -> c_int;
    fn oracle_iscsi_write10(
        lba: u32,
        xfer: u32,
        bs: c_int,
        prot: c_int,
        dpo: c_int,
        fua: c_int,
        group: c_int,
        o: *mut u8,
        d: *mut c_int,
        x: *mut c_int,
    ) -> c_int;
    fn oracle_iscsi_write12(
        lba: u32,
        xfer: u32,
        bs: c_int,
        prot: c_int,
        dpo: c_int,
        fua: c_int,
        group: c_int,
        o: *mut u8,
        d: *mut c_int,
        x: *mut c_int,
    ) -> c_int;
    fn oracle_iscsi_write16(
        lba: u64,
        xfer: u32,
        bs: c_int,
        prot: c_int,
        dpo: c_int,
        fua: c_int,
        group: c_int,
        o: *mut u8,
        d: *mut c_int,
        x: *mut c_int,
    ) -> c_int;
    fn oracle_iscsi_sync10(
        lba: c_int,
        blocks: c_int,
        immed: c_int,
        o: *mut u8,
        d: *mut c_int,
        x: *mut c_int,
    ) -> c_int;
    fn oracle_iscsi_sync16(
        lba: u64,
        blocks: u32,
        immed: c_int,
        o: *mut u8,
        d: *mut c_int,
        x: *mut c_int,
    ) -> c_int;
    fn oracle_iscsi_inquiry(
        evpd: c_int,
        page: c_int,
        alloc: c_int,
        o: *mut u8,
        d: *mut c_int,
        x: *mut c_int,
    ) -> c_int;
    fn oracle_iscsi_tur(o: *mut u8, d: *mut c_int, x: *mut c_int) -> c_int;
    fn oracle_iscsi_readcap10(o: *mut u8, d: *mut c_int, x: *mut c_int) -> c_int;
    fn oracle_iscsi_readcap16(o: *mut u8, d: *mut c_int, x: *mut c_int) -> c_int;
    fn oracle_iscsi_bench_read16(lba: u64, xfer: u32) -> c_int;
    fn oracle_iscsi_bench_inquiry(alloc: c_int) -> c_int;
    fn oracle_iscsi_bench_inquiry_unmarshall(data: *const u8, len: c_int) -> c_int;
}

/// Runs one shim with a 16-byte output buffer (libiscsi's `SCSI_CDB_MAX_SIZE`).
fn run(f: impl FnOnce(Out) -> c_int) -> Option<Built> {
    let mut cdb = [0u8; 16];
    let (mut d, mut x) = (0, 0);
    let n = f((cdb.as_mut_ptr(), &mut d, &mut x));
    if n < 0 {
        return None;
    }
    Some(Built { cdb: cdb[..n as usize].to_vec(), dir: d, xfer: x })
}

/// Flags shared by the READ/WRITE shims.
#[derive(Debug, Clone, Copy, Default)]
pub struct RwArgs {
    /// RDPROTECT/WRPROTECT.
    pub protect: u8,
    /// DPO.
    pub dpo: bool,
    /// FUA.
    pub fua: bool,
    /// GROUP NUMBER (libiscsi masks it to 5 bits).
    pub group: u8,
}

macro_rules! rw_shim {
    ($name:ident, $ffi:ident, $lba:ty) => {
        /// libiscsi's builder of the same name: `xfer` is in bytes, `bs` the block size.
        pub fn $name(lba: $lba, xfer: u32, bs: i32, a: RwArgs) -> Option<Built> {
            // SAFETY: the shim writes at most 16 bytes into the buffer `run` passes.
            run(|(o, d, x)| unsafe {
                $ffi(lba, xfer, bs, a.protect.into(), a.dpo.into(), a.fua.into(), a.group.into(), o, d, x)
            })
        }
    };
}

rw_shim!(read10, oracle_iscsi_read10, u32);
rw_shim!(read12, oracle_iscsi_read12, u32);
rw_shim!(read16, oracle_iscsi_read16, u64);
rw_shim!(write10, oracle_iscsi_write10, u32);
rw_shim!(write12, oracle_iscsi_write12, u32);
rw_shim!(write16, oracle_iscsi_write16, u64);

/// `scsi_cdb_read6`.
pub fn read6(lba: u32, xfer: u32, bs: i32) -> Option<Built> {
    // SAFETY: as `read10`.
    run(|(o, d, x)| unsafe { oracle_iscsi_read6(lba, xfer, bs, o, d, x) })
}

/// `scsi_cdb_synchronizecache10`.
pub fn sync10(lba: i32, blocks: i32, immed: bool) -> Option<Built> {
    // SAFETY: as `read10`.
    run(|(o, d, x)| unsafe { oracle_iscsi_sync10(lba, blocks, immed.into(), o, d, x) })
}

/// `scsi_cdb_synchronizecache16`.
pub fn sync16(lba: u64, blocks: u32, immed: bool) -> Option<Built> {
    // SAFETY: as `read10`.
    run(|(o, d, x)| unsafe { oracle_iscsi_sync16(lba, blocks, immed.into(), o, d, x) })
}

/// `scsi_cdb_inquiry`.
pub fn inquiry(evpd: bool, page: u8, alloc: u16) -> Option<Built> {
    // SAFETY: as `read10`.
    run(|(o, d, x)| unsafe { oracle_iscsi_inquiry(evpd.into(), page.into(), alloc.into(), o, d, x) })
}

/// `scsi_cdb_testunitready`.
pub fn test_unit_ready() -> Option<Built> {
    // SAFETY: as `read10`.
    run(|(o, d, x)| unsafe { oracle_iscsi_tur(o, d, x) })
}

/// `scsi_cdb_readcapacity10(0, 0)`.
pub fn read_capacity10() -> Option<Built> {
    // SAFETY: as `read10`.
    run(|(o, d, x)| unsafe { oracle_iscsi_readcap10(o, d, x) })
}

/// `scsi_cdb_readcapacity16()`.
pub fn read_capacity16() -> Option<Built> {
    // SAFETY: as `read10`.
    run(|(o, d, x)| unsafe { oracle_iscsi_readcap16(o, d, x) })
}

/// Benchmark hook: `scsi_cdb_read16` + `scsi_free_scsi_task`.
pub fn bench_read16(lba: u64, xfer: u32) -> i32 {
    // SAFETY: no pointers cross.
    unsafe { oracle_iscsi_bench_read16(lba, xfer) }
}

/// Benchmark hook: `scsi_cdb_inquiry` + `scsi_free_scsi_task`.
pub fn bench_inquiry(alloc: i32) -> i32 {
    // SAFETY: no pointers cross.
    unsafe { oracle_iscsi_bench_inquiry(alloc) }
}

/// Benchmark hook: `scsi_datain_unmarshall` of standard INQUIRY data (copied into the task).
pub fn bench_inquiry_unmarshall(data: &[u8]) -> i32 {
    // SAFETY: the shim reads `len` bytes from `data`.
    unsafe { oracle_iscsi_bench_inquiry_unmarshall(data.as_ptr(), data.len() as c_int) }
}

unsafe extern "C" {
    fn oracle_iscsi_cmd(which: c_int, args: *const i64, o: *mut u8, d: *mut c_int, x: *mut c_int) -> c_int;
}

/// The libiscsi builders behind [`cmd`], numbered as in `csrc/iscsi_cmdset.c`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(i32)]
#[allow(missing_docs)]
pub enum Builder {
    CompareAndWrite = 0,
    GetLbaStatus = 1,
    OrWrite = 2,
    PersistentReserveIn = 3,
    PersistentReserveOut = 4,
    PreFetch10 = 5,
    PreFetch16 = 6,
    PreventAllow = 7,
    ReadDefectData10 = 8,
    ReadDefectData12 = 9,
    ReportSupportedOpcodes = 10,
    Sanitize = 11,
    StartStopUnit = 12,
    Unmap = 13,
    Verify10 = 14,
    Verify12 = 15,
    Verify16 = 16,
    WriteAtomic16 = 17,
    WriteSame10 = 18,
    WriteSame16 = 19,
    WriteVerify10 = 20,
    WriteVerify12 = 21,
    WriteVerify16 = 22,
    ModeSense6 = 23,
    ModeSense10 = 24,
    ModeSelect6 = 25,
    ModeSelect10 = 26,
    ReceiveCopyResults = 27,
    ReportLuns = 28,
}

/// Runs a libiscsi builder with its integer arguments in libiscsi's order (at most 8).
pub fn cmd(which: Builder, args: &[i64]) -> Option<Built> {
    let mut a = [0i64; 8];
    a[..args.len()].copy_from_slice(args);
    // SAFETY: the shim reads 8 arguments from `a` and writes at most 16 bytes into the
    // buffer `run` passes.
    run(|(o, d, x)| unsafe { oracle_iscsi_cmd(which as c_int, a.as_ptr(), o, d, x) })
}

/// Compares one of our commands with libiscsi's: CDB bytes, direction and expected transfer
/// length (blocks counted with `block_size`). The error says what differs.
pub fn compare<C: scsi_cdb::Cdb + ?Sized>(ours: &C, theirs: &Built, block_size: u32) -> Result<(), String> {
    let buf = ours.to_buf().map_err(|e| e.to_string())?;
    if buf.as_bytes() != &theirs.cdb[..] {
        return Err(format!("bytes: ours {:02x?} libiscsi {:02x?}", buf.as_bytes(), theirs.cdb));
    }
    let dir = match ours.direction() {
        scsi_cdb::DataDirection::None => 0,
        scsi_cdb::DataDirection::FromDevice => 1,
        scsi_cdb::DataDirection::ToDevice => 2,
    };
    if dir != theirs.dir {
        return Err(format!("direction: ours {dir} libiscsi {}", theirs.dir));
    }
    if ours.transfer_len(block_size) != theirs.xfer as u64 {
        return Err(format!("transfer: ours {} libiscsi {}", ours.transfer_len(block_size), theirs.xfer));
    }
    Ok(())
}

unsafe extern "C" {
    fn oracle_iscsi_unmarshall(
        kind: c_int,
        data: *const u8,
        len: c_int,
        o: *mut i64,
        ocap: c_int,
        s: *mut u8,
        scap: c_int,
    ) -> c_int;
}

/// Which answer [`unmarshall`] decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(i32)]
#[allow(missing_docs)]
pub enum Answer {
    StandardInquiry = 0,
    UnitSerialNumber = 1,
    DeviceIdentification = 2,
    BlockLimits = 3,
    BlockDeviceCharacteristics = 4,
    LogicalBlockProvisioning = 5,
    ReadCapacity10 = 6,
    ReadCapacity16 = 7,
    ReportLuns = 8,
}

/// libiscsi's `scsi_datain_unmarshall` on `data`: the decoded integers (in the order
/// `csrc/iscsi_unmarshall.c` lists them) and strings; `None` when libiscsi refused.
pub fn unmarshall(kind: Answer, data: &[u8]) -> Option<(Vec<i64>, Vec<String>)> {
    let mut o = vec![0i64; 1024];
    let mut s = vec![0u8; 4096];
    // SAFETY: the shim copies `data` (len bytes) and writes at most `o.len()` integers and
    // `s.len()` string bytes.
    let n = unsafe {
        oracle_iscsi_unmarshall(
            kind as c_int,
            data.as_ptr(),
            data.len() as c_int,
            o.as_mut_ptr(),
            o.len() as c_int,
            s.as_mut_ptr(),
            s.len() as c_int,
        )
    };
    if n < 0 {
        return None;
    }
    o.truncate(n as usize);
    let strings = s.split(|b| *b == 0).map(|x| String::from_utf8_lossy(x).into_owned()).collect();
    Some((o, strings))
}

unsafe extern "C" {
    fn oracle_iscsi_bench_writesame16(lba: u64, blocks: u32) -> c_int;
}

/// Benchmark hook: `scsi_cdb_writesame16` + `scsi_free_scsi_task`.
pub fn bench_writesame16(lba: u64, blocks: u32) -> i32 {
    // SAFETY: no pointers cross the boundary.
    unsafe { oracle_iscsi_bench_writesame16(lba, blocks) }
}

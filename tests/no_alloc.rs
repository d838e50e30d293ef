//! A counting global allocator proves that encoding and decoding allocate nothing.
//!
//! Each path runs once to warm up, then inside `assert_no_alloc`, which fails if the global
//! allocator was called at all while the closure ran.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use scsi_cdb::{
    BestFit, Cdb, Command, Inquiry, RawCdb, Read6, Read10, Read12, Read16, Read32, ReadBestFit,
    ReadCapacity10, ReadCapacity16, RequestSense, RwParams, SynchronizeCache10, SynchronizeCache16,
    TestUnitReady, VpdPage, Write10, Write16, Write32,
};

struct Counting;

thread_local! {
    /// Allocations made by this thread (the test harness runs tests on several threads).
    static CALLS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    let _ = CALLS.try_with(|c| c.set(c.get() + 1));
}

fn calls() -> usize {
    CALLS.with(Cell::get)
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        count();
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn assert_no_alloc(what: &str, mut f: impl FnMut()) {
    f();
    let before = calls();
    for _ in 0..100 {
        f();
    }
    let after = calls();
    assert_eq!(after, before, "{what} allocated {} times", after - before);
}

fn encode_all(out: &mut [u8; 64]) -> usize {
    let cmds: [&dyn Cdb; 16] = [
        &Read6::new(1, 2).unwrap(),
        &Read10::new(1, 2).unwrap(),
        &Read12::new(1, 2).unwrap(),
        &Read16::new(1, 2).unwrap(),
        &Read32::new(1, 2).unwrap(),
        &Write10::new(1, 2).unwrap(),
        &Write16::new(1, 2).unwrap(),
        &Write32::new(1, 2).unwrap(),
        &SynchronizeCache10::whole_medium(),
        &SynchronizeCache16::new(3, 4),
        &Inquiry::vpd(VpdPage::BLOCK_LIMITS, 64),
        &TestUnitReady::new(),
        &RequestSense::new(252),
        &ReadCapacity10::new(),
        &ReadCapacity16::new(),
        &RawCdb::vendor(scsi_cdb::OpCode(0xC1), 16, &[1, 2], scsi_cdb::DataDirection::FromDevice, 4).unwrap(),
    ];
    let mut total = 0;
    for c in cmds {
        total += c.encode_into(out).unwrap() + c.transfer_len(512) as usize;
        total += c.to_buf().map(|b| b.as_bytes().len()).unwrap_or(0);
    }
    total
}

#[test]
fn encoding_allocates_nothing() {
    let mut out = [0u8; 64];
    assert_no_alloc("encode", || {
        black_box(encode_all(black_box(&mut out)));
    });
    let mut out = [0u8; 32];
    assert_no_alloc("best fit", || {
        let p = RwParams { lba: black_box(1 << 40), blocks: 8, ..RwParams::default() };
        black_box(ReadBestFit::encode_best_fit(&p, BestFit::default(), &mut out).unwrap());
        black_box(ReadBestFit::best_fit(&p, BestFit::default()).unwrap());
    });
}

#[test]
fn decoding_allocates_nothing() {
    let cdbs: Vec<Vec<u8>> = vec![
        Read16::new(5, 5).unwrap().to_bytes().to_vec(),
        Read32::new(5, 5).unwrap().to_bytes().to_vec(),
        Inquiry::standard(36).to_bytes().to_vec(),
        vec![0x12, 0x04, 0, 0, 0, 0],
        vec![0x4D, 0, 0x40, 0, 0, 0, 0, 0x10, 0, 0],
        vec![0x7F, 0, 0],
        vec![],
        vec![0xC5; 40],
    ];
    assert_no_alloc("decode", || {
        for c in &cdbs {
            if let Ok(cmd) = Command::parse(black_box(c)) {
                black_box(cmd.name());
            } else {
                black_box(Command::parse(c).err().map(|e| e.field_pointer()));
            }
        }
    });
}

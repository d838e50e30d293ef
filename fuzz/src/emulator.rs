//! An imaginary target emulator and the fuzz body that drives it with near-valid CDBs: the
//! example of using the `arbitrary` feature from a cargo-fuzz target (see the README). The
//! same file runs as a stable test over a fixed set of inputs.

use scsi_cdb::cdb::NearValidCdb;
use scsi_cdb::sense::{Sense, SenseBuilder, SenseKeySpecific};
use scsi_cdb::{Cdb, Command, Status};

/// A toy disk: it decodes every CDB with `Command::parse` and answers the way SPC requires.
pub struct Emulator {
    /// Capacity in logical blocks.
    pub blocks: u64,
}

impl Emulator {
    /// The LBA of a READ or WRITE that runs past the capacity.
    fn out_of_range(&self, c: &Command<'_>) -> Option<u64> {
        let range = c
            .read()
            .map(|r| (r.lba(), r.transfer_length()))
            .or(c.write().map(|w| (w.lba(), w.transfer_length())));
        range.filter(|(lba, n)| lba.saturating_add(u64::from(*n)) > self.blocks).map(|(lba, _)| lba)
    }

    /// Executes one CDB; returns the status and writes sense data into `sense`.
    pub fn execute(&self, cdb: &[u8], sense: &mut [u8; 252]) -> (Status, usize) {
        let answer = match Command::parse(cdb) {
            Ok(c) if self.out_of_range(&c).is_some() => {
                self.out_of_range(&c).map(SenseBuilder::lba_out_of_range)
            }
            Ok(Command::Other { .. }) => Some(SenseBuilder::invalid_opcode()),
            Ok(_) => None,
            Err(e) => Some(e.sense()),
        };
        match answer {
            None => (Status::GOOD, 0),
            Some(b) => (Status::CHECK_CONDITION, b.emit(sense).unwrap_or(0)),
        }
    }
}

/// The fuzz body: valid CDBs are accepted (or out of range), near-valid ones either accepted
/// or rejected with sense whose field pointer lies inside the CDB.
pub fn emulate(n: NearValidCdb) {
    let emu = Emulator { blocks: 1 << 30 };
    let mut sense = [0u8; 252];
    let valid = n.valid.to_buf().expect("valid CDB fits");
    let (status, len) = emu.execute(valid.as_bytes(), &mut sense);
    if status != Status::GOOD {
        let s = Sense::parse(&sense[..len]).expect("sense parses");
        assert_eq!(s.additional_sense(), Some(scsi_cdb::AdditionalSense::LBA_OUT_OF_RANGE), "{:?}", n.valid);
    }
    let near = n.bytes();
    let (status, len) = emu.execute(near.as_bytes(), &mut sense);
    if status == Status::CHECK_CONDITION {
        let s = Sense::parse(&sense[..len]).expect("sense parses");
        if let Some(SenseKeySpecific::FieldPointer { field_pointer, command: true, .. }) = s.sks() {
            assert!(usize::from(field_pointer) < near.as_bytes().len(), "{n:?}");
        }
    }
}

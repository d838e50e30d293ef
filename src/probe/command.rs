//! The commands the probe sends, as one `Copy` enum that implements [`Cdb`].

use crate::cdb::sbc::StartStopUnit;
use crate::cdb::spc::{ModeSense6, ModeSense10, ReportLuns};
use crate::{
    BuildError, Cdb, DataDirection, Inquiry, OpCode, ReadCapacity10, ReadCapacity16, ServiceAction,
    TestUnitReady, Transfer,
};

/// One command of a probe.
///
/// ```rust
/// use scsi_cdb::probe::ProbeCommand;
/// use scsi_cdb::{Cdb, DataDirection, ReadCapacity10};
/// let c = ProbeCommand::ReadCapacity10(ReadCapacity10::new());
/// assert_eq!(c.to_buf()?.as_bytes(), [0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
/// assert_eq!((c.direction(), c.transfer_len(512)), (DataDirection::FromDevice, 8));
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum ProbeCommand {
    TestUnitReady(TestUnitReady),
    StartStopUnit(StartStopUnit),
    Inquiry(Inquiry),
    ReadCapacity10(ReadCapacity10),
    ReadCapacity16(ReadCapacity16),
    ModeSense10(ModeSense10),
    ModeSense6(ModeSense6),
    ReportLuns(ReportLuns),
}

macro_rules! each {
    ($self:ident, $c:ident => $e:expr) => {
        match $self {
            ProbeCommand::TestUnitReady($c) => $e,
            ProbeCommand::StartStopUnit($c) => $e,
            ProbeCommand::Inquiry($c) => $e,
            ProbeCommand::ReadCapacity10($c) => $e,
            ProbeCommand::ReadCapacity16($c) => $e,
            ProbeCommand::ModeSense10($c) => $e,
            ProbeCommand::ModeSense6($c) => $e,
            ProbeCommand::ReportLuns($c) => $e,
        }
    };
}

impl Cdb for ProbeCommand {
    fn opcode(&self) -> OpCode {
        each!(self, c => c.opcode())
    }

    fn service_action(&self) -> Option<ServiceAction> {
        each!(self, c => c.service_action())
    }

    fn cdb_len(&self) -> usize {
        each!(self, c => c.cdb_len())
    }

    fn encode_into(&self, out: &mut [u8]) -> Result<usize, BuildError> {
        each!(self, c => c.encode_into(out))
    }

    fn direction(&self) -> DataDirection {
        each!(self, c => c.direction())
    }

    fn transfer(&self) -> Transfer {
        each!(self, c => c.transfer())
    }
}

//! REPORT SUPPORTED OPERATION CODES data with command timeouts (SPC-6 §6.36), GET LBA STATUS
//! data (SBC-5 §5.8) and the UNMAP parameter list (SBC-5 §5.36).

use crate::wire::{be16_at, be32_at, be64_at, u8_at};
use crate::{BuildError, DecodeError, OpCode};

/// The command timeouts descriptor (SPC-6 §6.36.4): how long the device says a command takes.
///
/// ```
/// use scsi_cdb::data::CommandTimeouts;
/// // FORMAT UNIT on a large disk: nominal 8 hours, recommended 12 hours.
/// let b = [0x00, 0x0A, 0x00, 0x00, 0x00, 0x00, 0x70, 0x80, 0x00, 0x00, 0xA8, 0xC0];
/// let t = CommandTimeouts::parse(&b).unwrap();
/// assert_eq!((t.nominal_seconds, t.recommended_seconds), (28_800, 43_200));
/// assert_eq!(t.to_bytes(), b);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CommandTimeouts {
    /// COMMAND SPECIFIC byte.
    pub command_specific: u8,
    /// NOMINAL COMMAND PROCESSING TIMEOUT, seconds (0 = not specified).
    pub nominal_seconds: u32,
    /// RECOMMENDED COMMAND TIMEOUT, seconds (0 = not specified).
    pub recommended_seconds: u32,
}

impl CommandTimeouts {
    /// Decodes a 12-byte timeouts descriptor.
    #[must_use]
    pub fn parse(b: &[u8]) -> Option<Self> {
        if be16_at(b, 0)? < 0x0A {
            return None;
        }
        Some(Self {
            command_specific: u8_at(b, 3)?,
            nominal_seconds: be32_at(b, 4)?,
            recommended_seconds: be32_at(b, 8)?,
        })
    }
}

impl CommandTimeouts {
    /// The 12-byte descriptor (DESCRIPTOR LENGTH 0Ah).
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 12] {
        let [n0, n1, n2, n3] = self.nominal_seconds.to_be_bytes();
        let [r0, r1, r2, r3] = self.recommended_seconds.to_be_bytes();
        [0, 0x0A, 0, self.command_specific, n0, n1, n2, n3, r0, r1, r2, r3]
    }
}

/// One entry of the all-commands form of REPORT SUPPORTED OPERATION CODES data.
///
/// ```
/// use scsi_cdb::data::{CommandTimeouts, supported_commands};
/// // SYNCHRONIZE CACHE(10), CTDP set: a 20-byte descriptor with its timeouts descriptor.
/// let b = [0, 0, 0, 20, 0x35, 0, 0, 0, 0, 0x02, 0, 10,
///     0, 0x0A, 0, 0, 0, 0, 0, 30, 0, 0, 0, 60];
/// let c = supported_commands(&b)?.next().unwrap();
/// assert_eq!((c.name(), c.cdb_len, c.service_action), (Some("SYNCHRONIZE CACHE(10)"), 10, None));
/// let t = CommandTimeouts { command_specific: 0, nominal_seconds: 30, recommended_seconds: 60 };
/// assert_eq!(c.timeouts, Some(t));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SupportedCommand {
    /// OPERATION CODE.
    pub opcode: OpCode,
    /// SERVICE ACTION, when SERVACTV is set.
    pub service_action: Option<u16>,
    /// CDB LENGTH.
    pub cdb_len: u16,
    /// The timeouts, when CTDP is set and the descriptor is present.
    pub timeouts: Option<CommandTimeouts>,
}

impl SupportedCommand {
    /// The command's T10 name.
    #[must_use]
    pub fn name(&self) -> Option<&'static str> {
        self.service_action.and_then(|sa| self.opcode.service_action_name(sa)).or_else(|| self.opcode.name())
    }
}

impl SupportedCommand {
    /// The command descriptor: 8 bytes, or 20 with the timeouts descriptor (CTDP).
    fn encode(&self, out: &mut [u8]) -> Option<usize> {
        let [s0, s1] = self.service_action.unwrap_or(0).to_be_bytes();
        let [l0, l1] = self.cdb_len.to_be_bytes();
        let flags = (u8::from(self.timeouts.is_some()) << 1) | u8::from(self.service_action.is_some());
        let head = [self.opcode.0, 0, s0, s1, 0, flags, l0, l1];
        let n = if self.timeouts.is_some() { 20 } else { 8 };
        let dst = out.get_mut(..n)?;
        let (h, t) = dst.split_at_mut(8);
        h.copy_from_slice(&head);
        if let Some(to) = self.timeouts {
            t.copy_from_slice(&to.to_bytes());
        }
        Some(n)
    }
}

/// Builds REPORT SUPPORTED OPERATION CODES data, all-commands form, from `commands` (a
/// target's answer); returns its length. Truncate to the allocation length when sending.
///
/// ```
/// use scsi_cdb::data::{SupportedCommand, supported_commands, supported_commands_data};
/// use scsi_cdb::OpCode;
/// let cmds = [SupportedCommand { opcode: OpCode::READ_16, service_action: None, cdb_len: 16, timeouts: None }];
/// let mut out = [0u8; 64];
/// let n = supported_commands_data(&cmds, &mut out)?;
/// assert_eq!(supported_commands(&out[..n])?.collect::<Vec<_>>(), cmds);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`BuildError::BufferTooSmall`] when `out` cannot hold it.
pub fn supported_commands_data(commands: &[SupportedCommand], out: &mut [u8]) -> Result<usize, BuildError> {
    let need: usize = 4 + commands.iter().map(|c| if c.timeouts.is_some() { 20 } else { 8 }).sum::<usize>();
    let room = out.len();
    let dst = out.get_mut(..need).ok_or(BuildError::buffer_too_small(need, room))?;
    let (head, mut rest) = dst.split_at_mut(4);
    head.copy_from_slice(&((need - 4) as u32).to_be_bytes());
    for c in commands {
        let n = c.encode(rest).ok_or(BuildError::buffer_too_small(need, room))?;
        rest = rest.get_mut(n..).unwrap_or_default();
    }
    Ok(need)
}

/// Builds the one-command form of REPORT SUPPORTED OPERATION CODES data: SUPPORT (3 for a
/// command supported as the standard says), the CDB usage data (see
/// [`Command::cdb_usage`](crate::Command::cdb_usage)) and, with `timeouts`, the
/// command timeouts descriptor (CTDP set); returns its length.
///
/// # Errors
/// [`BuildError::BufferTooSmall`] when `out` cannot hold it; [`BuildError::ValueOutOfRange`]
/// for a SUPPORT value above 7.
pub fn one_command_data(
    support: u8,
    usage: &[u8],
    timeouts: Option<CommandTimeouts>,
    out: &mut [u8],
) -> Result<usize, BuildError> {
    crate::error::fits("SUPPORT", support.into(), 7)?;
    let need = 4 + usage.len() + if timeouts.is_some() { 12 } else { 0 };
    let room = out.len();
    let dst = out.get_mut(..need).ok_or(BuildError::buffer_too_small(need, room))?;
    let [u0, u1] = (usage.len() as u16).to_be_bytes();
    let (head, rest) = dst.split_at_mut(4);
    head.copy_from_slice(&[0, (u8::from(timeouts.is_some()) << 7) | support, u0, u1]);
    let (u, t) = rest.split_at_mut(usage.len());
    u.copy_from_slice(usage);
    if let Some(to) = timeouts {
        t.copy_from_slice(&to.to_bytes());
    }
    Ok(need)
}

/// REPORT SUPPORTED OPERATION CODES data, all-commands form (REPORTING OPTIONS 000b): the
/// command descriptors present, each 8 bytes or 20 with a timeouts descriptor.
///
/// ```
/// use scsi_cdb::data::supported_commands;
/// let b = [0, 0, 0, 16, 0x28, 0, 0, 0, 0, 0, 0, 10, 0x9E, 0, 0, 0x10, 0, 0x01, 0, 16];
/// let cmds: Vec<_> = supported_commands(&b)?.collect();
/// assert_eq!(cmds[1].name(), Some("READ CAPACITY(16)"));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
///
/// # Errors
/// [`DecodeError::Truncated`] below the 4-byte header.
pub fn supported_commands(b: &[u8]) -> Result<impl Iterator<Item = SupportedCommand> + '_, DecodeError> {
    let len = be32_at(b, 0).ok_or(DecodeError::truncated(4, b.len()))?;
    let end = (4 + len as usize).min(b.len());
    let mut rest = b.get(4..end).unwrap_or_default();
    Ok(core::iter::from_fn(move || {
        let flags = u8_at(rest, 5)?;
        let ctdp = flags & 0x02 != 0;
        let size = if ctdp { 20 } else { 8 };
        let (d, r) = rest.split_at_checked(size).or_else(|| rest.split_at_checked(8))?;
        rest = r;
        Some(SupportedCommand {
            opcode: OpCode(u8_at(d, 0)?),
            service_action: (flags & 0x01 != 0).then(|| be16_at(d, 2)).flatten(),
            cdb_len: be16_at(d, 6)?,
            timeouts: if ctdp { d.get(8..).and_then(CommandTimeouts::parse) } else { None },
        })
    }))
}

/// The one-command form of REPORT SUPPORTED OPERATION CODES data (REPORTING OPTIONS 001b-011b):
/// SUPPORT, the CDB usage data (a CDB-shaped bit mask of the bits the device looks at), and the
/// timeouts.
///
/// ```
/// use scsi_cdb::data::{OneCommand, one_command_data};
/// // READ(10) supported as the standard says (SUPPORT 011b), with its CDB usage data.
/// let usage = [0x28, 0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x3F, 0xFF, 0xFF, 0x04];
/// let mut out = [0u8; 32];
/// let n = one_command_data(3, &usage, None, &mut out)?;
/// assert_eq!(&out[..4], &[0x00, 0x03, 0x00, 0x0A]);
/// let one = OneCommand::parse(&out[..n])?;
/// assert!(one.is_supported());
/// assert_eq!((one.usage, one.timeouts), (&usage[..], None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OneCommand<'a> {
    /// SUPPORT: 0 not available, 1 not supported, 3 supported per standard, 5 vendor.
    pub support: u8,
    /// The CDB usage data.
    pub usage: &'a [u8],
    /// The timeouts, when CTDP is set.
    pub timeouts: Option<CommandTimeouts>,
}

impl<'a> OneCommand<'a> {
    /// Decodes the one-command form.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] below the 4-byte header.
    pub fn parse(b: &'a [u8]) -> Result<Self, DecodeError> {
        let (Some(b1), Some(size)) = (u8_at(b, 1), be16_at(b, 2)) else {
            return Err(DecodeError::truncated(4, b.len()));
        };
        let usage = crate::wire::clamped(b, 4, usize::from(size));
        let timeouts = if b1 & 0x80 != 0 {
            b.get(4 + usize::from(size)..).and_then(CommandTimeouts::parse)
        } else {
            None
        };
        Ok(Self { support: b1 & 0x07, usage, timeouts })
    }

    /// True when the device implements the command as the standard says.
    #[must_use]
    pub const fn is_supported(&self) -> bool {
        matches!(self.support, 3 | 5)
    }
}

/// One LBA status descriptor of GET LBA STATUS data.
///
/// ```
/// use scsi_cdb::data::{LbaStatus, lba_status};
/// // One descriptor: 2048 blocks from LBA 1000h are deallocated (PROVISIONING STATUS 1h).
/// let b = [0, 0, 0, 20, 0, 0, 0, 0,
///     0, 0, 0, 0, 0, 0, 0x10, 0x00, 0, 0, 0x08, 0x00, 0x01, 0, 0, 0];
/// let d = lba_status(&b)?.next();
/// let want =
///     LbaStatus { lba: 0x1000, blocks: 2048, provisioning_status: 1, additional_status: 0 };
/// assert_eq!(d, Some(want));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LbaStatus {
    /// LBA STATUS LOGICAL BLOCK ADDRESS.
    pub lba: u64,
    /// NUMBER OF LOGICAL BLOCKS.
    pub blocks: u32,
    /// PROVISIONING STATUS: 0 mapped, 1 deallocated, 2 anchored, 3 mapped or unknown.
    pub provisioning_status: u8,
    /// ADDITIONAL STATUS.
    pub additional_status: u8,
}

/// GET LBA STATUS data: the descriptors present.
///
/// # Errors
/// [`DecodeError::Truncated`] below the 8-byte header.
pub fn lba_status(b: &[u8]) -> Result<impl Iterator<Item = LbaStatus> + '_, DecodeError> {
    if b.len() < 8 {
        return Err(DecodeError::truncated(8, b.len()));
    }
    let len = be32_at(b, 0).unwrap_or(0) as usize;
    let list = b.get(8..(4 + len).min(b.len()).max(8)).unwrap_or_default();
    Ok(list.chunks_exact(16).filter_map(|d| {
        Some(LbaStatus {
            lba: be64_at(d, 0)?,
            blocks: be32_at(d, 8)?,
            provisioning_status: u8_at(d, 12)? & 0x0F,
            additional_status: u8_at(d, 13)?,
        })
    }))
}

/// Builds an UNMAP parameter list from (LBA, number of blocks) ranges and returns its length
/// (8 + 16 per range); send it with an UNMAP CDB whose PARAMETER LIST LENGTH is that length.
///
/// ```
/// use scsi_cdb::data::unmap_list;
/// let mut out = [0u8; 40];
/// assert_eq!(unmap_list(&[(0x1000, 8), (1 << 40, 16)], &mut out)?, 40);
/// assert_eq!(&out[..8], &[0, 38, 0, 32, 0, 0, 0, 0]);
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
///
/// # Errors
/// [`BuildError::BufferTooSmall`]; [`BuildError::LengthTooLarge`] when the list would not fit
/// the 16-bit length fields.
pub fn unmap_list(ranges: &[(u64, u32)], out: &mut [u8]) -> Result<usize, BuildError> {
    let n = 8 + 16 * ranges.len();
    if n > 0xFFFF {
        return Err(BuildError::LengthTooLarge { len: n as u64, max: 0xFFFF });
    }
    let room = out.len();
    let dst = out.get_mut(..n).ok_or(BuildError::buffer_too_small(n, room))?;
    dst.fill(0);
    let (hdr, list) = dst.split_at_mut(8);
    let (a, b) = (((n - 2) as u16).to_be_bytes(), ((n - 8) as u16).to_be_bytes());
    let lens = [a[0], a[1], b[0], b[1]];
    crate::wire::write_prefix(hdr, &lens)?;
    for ((lba, blocks), d) in ranges.iter().zip(list.chunks_exact_mut(16)) {
        let mut desc = [0u8; 16];
        let (l, rest) = desc.split_at_mut(8);
        l.copy_from_slice(&lba.to_be_bytes());
        if let Some(b) = rest.first_chunk_mut::<4>() {
            *b = blocks.to_be_bytes();
        }
        d.copy_from_slice(&desc);
    }
    Ok(n)
}

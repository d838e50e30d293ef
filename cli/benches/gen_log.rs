//! A generated syslog that looks like a real server's: mostly lines without SCSI content
//! (systemd, sshd, cron, network, audit), with a Linux sense event, an ESXi line or a FreeBSD
//! CAM event now and then. Shared by the log benchmark and the memory test.

/// Lines without SCSI content, as real syslogs are full of.
const NOISE: &[&str] = &[
    "Dec  6 10:15:01 web1 CRON[23114]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)",
    "Dec  6 10:15:02 web1 systemd[1]: Started Session 4123 of user deploy.",
    "Dec  6 10:15:02 web1 sshd[23120]: Accepted publickey for deploy from 10.1.2.3 port 51234 ssh2: ED25519 SHA256:Xb1",
    "Dec  6 10:15:03 web1 kernel: [812345.123456] e1000e 0000:00:19.0 eno1: NIC Link is Up 1000 Mbps Full Duplex",
    "Dec  6 10:15:04 web1 systemd-logind[811]: New session 4123 of user deploy.",
    "Dec  6 10:15:05 web1 nginx[1201]: 2026/12/06 10:15:05 [warn] 1201#1201: an upstream response is buffered",
    "Dec  6 10:15:06 web1 audit[23125]: USER_ACCT pid=23125 uid=0 auid=4294967295 ses=4294967295 msg='op=PAM:accounting'",
    "Dec  6 10:15:07 web1 NetworkManager[790]: <info>  [1733480107.1234] dhcp4 (eno1): state changed bound -> bound",
    "Dec  6 10:15:08 web1 postfix/smtpd[23130]: connect from mail.example.org[192.0.2.10]",
    "Dec  6 10:15:09 web1 kernel: [812351.000001] IPv6: ADDRCONF(NETDEV_CHANGE): eno1: link becomes ready",
    "Dec  6 10:15:10 web1 dockerd[1002]: time=\"2026-12-06T10:15:10Z\" level=info msg=\"ignoring event\" module=libcontainerd",
    "Dec  6 10:15:11 web1 systemd[1]: session-4123.scope: Deactivated successfully.",
];

/// SCSI events, one line each or spread over lines.
const SCSI: &[&str] = &[
    "Dec  6 10:15:12 web1 kernel: [812352.100000] sd 3:0:0:1: [sde] tag#40 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE cmd_age=0s\n\
     Dec  6 10:15:12 web1 kernel: [812352.100010] sd 3:0:0:1: [sde] tag#40 Sense Key : Medium Error [current]\n\
     Dec  6 10:15:12 web1 kernel: [812352.100020] sd 3:0:0:1: [sde] tag#40 Add. Sense: Unrecovered read error\n\
     Dec  6 10:15:12 web1 kernel: [812352.100030] sd 3:0:0:1: [sde] tag#40 CDB: Read(10) 28 00 00 31 c9 b8 00 00 30 00\n\
     Dec  6 10:15:12 web1 kernel: [812352.100040] I/O error, dev sde, sector 3262904 op 0x0:(READ) flags 0x0 phys_seg 6 prio class 0",
    "2026-12-06T10:15:13.257Z cpu2:2050)ScsiDeviceIO: 2315: Cmd(0x4124003edb00) 0x12, CmdSN 0x51 to dev \"naa.600508e000000000c9f6baa7c19f6900\" failed H:0x0 D:0x2 P:0x0 Valid sense data: 0x5 0x24 0x0.",
    "Dec  6 10:15:14 web1 kernel: (da0:umass-sim0:0:0:0): WRITE(10). CDB: 2a 00 00 00 26 b8 00 00 08 00\n\
     Dec  6 10:15:14 web1 kernel: (da0:umass-sim0:0:0:0): CAM status: SCSI Status Error\n\
     Dec  6 10:15:14 web1 kernel: (da0:umass-sim0:0:0:0): SCSI status: Check Condition\n\
     Dec  6 10:15:14 web1 kernel: (da0:umass-sim0:0:0:0): SCSI sense: NOT READY asc:3a,0 (Medium not present)",
];

/// About `lines` lines: one SCSI event per `every` noise lines. Returns the text and its
/// line count.
#[must_use]
pub fn generate(lines: usize, every: usize) -> (String, usize) {
    let mut s = String::with_capacity(lines * 110);
    let mut n = 0;
    let mut i = 0usize;
    while n < lines {
        if every > 0 && i % every == every - 1 {
            let ev = SCSI[(i / every) % SCSI.len()];
            s.push_str(ev);
            s.push('\n');
            n += ev.lines().count();
        } else {
            s.push_str(NOISE[i % NOISE.len()]);
            s.push('\n');
            n += 1;
        }
        i += 1;
    }
    (s, n)
}

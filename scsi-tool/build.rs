//! Sets `cfg(oracles)` under the same condition as the oracles crate's build script (the
//! libsgutils2 and libiscsi headers are installed), so tests can call its `sg` module.

use std::path::Path;

fn main() {
    println!("cargo:rustc-check-cfg=cfg(oracles)");
    if Path::new("/usr/include/scsi/sg_lib.h").exists()
        && Path::new("/usr/include/iscsi/scsi-lowlevel.h").exists()
    {
        println!("cargo:rustc-cfg=oracles");
    }
}

//! With the `libiscsi` feature: compiles csrc/iscsi_shim.c and links the system libiscsi
//! (Debian: libiscsi-dev).

fn main() {
    println!("cargo:rerun-if-changed=csrc");
    #[cfg(feature = "libiscsi")]
    {
        cc::Build::new().file("csrc/iscsi_shim.c").warnings(true).compile("scsi_io_iscsi");
        println!("cargo:rustc-link-lib=iscsi");
    }
}

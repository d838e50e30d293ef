//! Fails when `src/generated/` does not match what the generator makes from `data/`.

use std::path::Path;

#[test]
fn generated_files_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let outputs = xtask::generate_all(&root).expect("generator failed");
    assert!(!outputs.is_empty());
    for o in outputs {
        let on_disk = std::fs::read_to_string(root.join(&o.path))
            .unwrap_or_else(|e| panic!("{}: {e}", o.path.display()));
        assert!(
            on_disk == o.contents,
            "{} is stale: run `cargo run -p xtask -- gen` and commit the result",
            o.path.display()
        );
    }
}

//! The migrations are embedded in the binary: a new one rebuilds it.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}

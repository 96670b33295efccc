// Migrations are embedded with `sqlx::migrate!`; re-embed when one is added.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}

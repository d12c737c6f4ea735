//! Saves killed with SIGKILL at pseudo-random points: the workspace always loads, and holds
//! either the registry it held before or the one being saved — never a mix, never nothing.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use relata_model::Registry;

/// A small deterministic generator (xorshift), so failures can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn load(path: &Path) -> Registry {
    let loaded = crate::block_on(relata_store::load(path)).unwrap_or_else(|e| panic!("workspace does not load after a kill: {e}"));
    assert!(loaded.diagnostics.is_empty(), "workspace is damaged after a kill: {:#?}", loaded.diagnostics);
    loaded.registry
}

fn convert(from: &Path, to: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_relata"));
    command.arg("convert").arg(from).arg(to).stdout(Stdio::null()).stderr(Stdio::null());
    command
}

/// Kills `relata convert` saving into `target` 60 times at points spread over a whole run.
fn kill_loop(target: &Path, seed: u64) {
    let a_src = crate::registry("schema-template");
    let b_src = crate::registry("zellij");
    let a = load(&a_src);
    let b = load(&b_src);
    assert_ne!(a, b);
    assert!(convert(&a_src, target).status().unwrap().success());

    // How long a whole save takes here, so kill points cover its every phase.
    let started = Instant::now();
    for _ in 0..3 {
        assert!(convert(&b_src, target).status().unwrap().success());
    }
    let full = started.elapsed() / 3;
    assert_eq!(load(target), b);

    let mut rng = Rng(seed);
    let mut killed_mid_save = 0;
    let rounds = 60;
    for round in 0..rounds {
        let src = if round % 2 == 0 { &a_src } else { &b_src };
        let before = load(target);
        let mut child = convert(src, target).spawn().unwrap();
        let delay = Duration::from_micros(rng.next() % (full.as_micros() as u64 * 9 / 10 + 1));
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed_mid_save += 1;
        }
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();
        let after = load(target);
        let expected_new = if round % 2 == 0 { &a } else { &b };
        assert!(
            after == before || &after == expected_new,
            "round {round}: after a kill {delay:?} into the save the workspace is neither the old nor the new registry"
        );
    }
    // The test means something only if many kills landed while the save was running.
    assert!(killed_mid_save >= rounds / 3, "only {killed_mid_save} of {rounds} kills hit a running save (a save takes {full:?})");
}

#[test]
fn sigkill_during_folder_save_never_corrupts_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    kill_loop(&tmp.path().join("registry"), 0x9E37_79B9_7F4A_7C15);
}

#[test]
fn sigkill_during_sqlite_save_never_corrupts_the_workspace() {
    let tmp = tempfile::tempdir().unwrap();
    kill_loop(&tmp.path().join("workspace.relata"), 0xD1B5_4A32_D192_ED03);
}

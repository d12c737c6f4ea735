//! A save never overwrites what changed on disk since the load: for registry folders and
//! `.relata` files alike, a change on disk and a different change in the window both end up in
//! the saved workspace; the same field changed differently is a conflict that writes nothing
//! until a choice; a workspace that no longer loads is reported and left alone; two windows on
//! one file each keep their edit.

use std::path::{Path, PathBuf};

use relata_sync::three_way::{self, Choice, ConflictKind, Side};
use relata_model::Registry;
use relata_store::disk::{save_merging, DiskState, SaveOutcome};
use relata_store::ErrorKind;

use crate::block_on;

/// A copy of the bundled `zellij` registry as a workspace of `kind` ("folder" or "relata").
fn workspace(tmp: &Path, kind: &str) -> PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../registries/zellij");
    let registry = block_on(relata_store::load(&source)).expect("the bundled registry loads").registry;
    let path = match kind {
        "folder" => tmp.join("zellij"),
        _ => tmp.join("zellij.relata"),
    };
    block_on(relata_store::save(&path, &registry)).expect("the copy saves");
    path
}

fn load(path: &Path) -> (Registry, DiskState) {
    let state = DiskState::of(path).expect("the files read");
    let loaded = block_on(relata_store::load(path)).expect("the workspace loads");
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    (loaded.registry, state)
}

/// Every file under `path`, for "nothing was written" checks.
fn bytes(path: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    if path.is_file() {
        return vec![(path.to_owned(), std::fs::read(path).unwrap())];
    }
    let mut out: Vec<_> = std::fs::read_dir(path).unwrap().map(|e| e.unwrap().path()).map(|p| (p.clone(), std::fs::read(&p).unwrap())).collect();
    out.sort();
    out
}

#[test]
fn an_unchanged_disk_is_simply_saved() {
    for kind in ["folder", "relata"] {
        let tmp = tempfile::tempdir().unwrap();
        let path = workspace(tmp.path(), kind);
        let (base, state) = load(&path);
        let mut ours = base.clone();
        ours.tables[0].purpose = Some("ours".into());
        let outcome = block_on(save_merging(&path, &base, &ours, &state)).expect("the save works");
        let SaveOutcome::Saved { state: after } = outcome else { panic!("{kind}: expected a plain save, got {outcome:?}") };
        let (saved, now) = load(&path);
        assert_eq!(saved.tables[0].purpose.as_deref(), Some("ours"), "{kind}");
        assert!(!after.content_differs(&now), "{kind}: the state returned is the disk's");
    }
}

#[test]
fn a_change_on_disk_and_a_different_one_in_the_window_both_end_up_saved() {
    for kind in ["folder", "relata"] {
        let tmp = tempfile::tempdir().unwrap();
        let path = workspace(tmp.path(), kind);
        let (base, state) = load(&path);
        // Another window (or the CLI) saves a different change to the same table and a column.
        let mut theirs = base.clone();
        theirs.tables[0].notes = Some("theirs: notes".into());
        theirs.signals[1].description = Some("theirs: column".into());
        block_on(relata_store::save(&path, &theirs)).unwrap();
        let mut ours = base.clone();
        ours.tables[0].purpose = Some("ours: purpose".into());
        let outcome = block_on(save_merging(&path, &base, &ours, &state)).expect("the save merges");
        let SaveOutcome::Merged { merge, .. } = outcome else { panic!("{kind}: expected a merge, got {outcome:?}") };
        assert!(merge.conflicts.is_empty());
        assert_eq!(merge.taken.len(), 1, "{kind}: {:?}", merge.taken);
        let (saved, _) = load(&path);
        assert_eq!(saved.tables[0].purpose.as_deref(), Some("ours: purpose"), "{kind}");
        assert_eq!(saved.tables[0].notes.as_deref(), Some("theirs: notes"), "{kind}");
        assert_eq!(saved.signals[1].description.as_deref(), Some("theirs: column"), "{kind}");
    }
}

#[test]
fn a_csv_edited_by_a_script_merges_like_git_pull() {
    let tmp = tempfile::tempdir().unwrap();
    let path = workspace(tmp.path(), "folder");
    let (base, state) = load(&path);
    // As `git pull` would: the file's text changes under the open window.
    let file = path.join("table_overview.csv");
    let text = std::fs::read_to_string(&file).unwrap();
    let old = base.tables[2].purpose.clone().expect("the bundled table has a purpose");
    assert_eq!(text.matches(old.as_str()).count(), 1, "the purpose is unique in the file");
    std::fs::write(&file, text.replace(old.as_str(), "pulled purpose")).unwrap();
    let mut ours = base.clone();
    ours.signals[0].description = Some("ours".into());
    let outcome = block_on(save_merging(&path, &base, &ours, &state)).unwrap();
    assert!(matches!(outcome, SaveOutcome::Merged { .. }), "{outcome:?}");
    let (saved, _) = load(&path);
    assert_eq!(saved.tables[2].purpose.as_deref(), Some("pulled purpose"));
    assert_eq!(saved.signals[0].description.as_deref(), Some("ours"));
}

#[test]
fn a_conflict_writes_nothing_until_a_choice() {
    for kind in ["folder", "relata"] {
        let tmp = tempfile::tempdir().unwrap();
        let path = workspace(tmp.path(), kind);
        let (base, state) = load(&path);
        let mut theirs = base.clone();
        theirs.tables[0].purpose = Some("theirs".into());
        block_on(relata_store::save(&path, &theirs)).unwrap();
        let on_disk = bytes(&path);
        let mut ours = base.clone();
        ours.tables[0].purpose = Some("ours".into());
        let outcome = block_on(save_merging(&path, &base, &ours, &state)).unwrap();
        let SaveOutcome::Conflicts { merge, theirs: read, state: now } = outcome else { panic!("{kind}: expected conflicts, got {outcome:?}") };
        assert_eq!(bytes(&path), on_disk, "{kind}: nothing was written");
        assert_eq!(merge.conflicts.len(), 1);
        let c = &merge.conflicts[0];
        assert_eq!(c.kind, ConflictKind::Fields);
        assert_eq!((c.fields[0].ours.as_deref(), c.fields[0].theirs.as_deref()), (Some("ours"), Some("theirs")));
        // The user takes the disk's version: the window's registry becomes the merge with that
        // choice, its base what was read, and the save writes it.
        let choice = Choice { key: c.key, field: Some("purpose".into()), side: Side::Theirs };
        let chosen = three_way::merge(&base, &ours, &read, &[choice]);
        assert_eq!(chosen.unanswered(&[Choice { key: c.key, field: Some("purpose".into()), side: Side::Theirs }]), 0);
        let outcome = block_on(save_merging(&path, &read, &chosen.registry, &now)).unwrap();
        assert!(matches!(outcome, SaveOutcome::Saved { .. }), "{kind}: {outcome:?}");
        assert_eq!(load(&path).0.tables[0].purpose.as_deref(), Some("theirs"));
    }
}

#[test]
fn a_workspace_that_no_longer_loads_is_reported_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let path = workspace(tmp.path(), "folder");
    let (base, state) = load(&path);
    let file = path.join("relationship_registry.csv");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("<<<<<<< HEAD\n=======\n>>>>>>> origin/main\n");
    std::fs::write(&file, &text).unwrap();
    let on_disk = bytes(&path);
    let mut ours = base.clone();
    ours.tables[0].purpose = Some("ours".into());
    let error = block_on(save_merging(&path, &base, &ours, &state)).expect_err("a broken disk is not merged");
    assert_eq!(error.kind, ErrorKind::ChangedOnDisk);
    let message = error.to_string();
    assert!(message.contains("relationship_registry.csv:"), "the loader's place is named: {message}");
    assert!(message.contains("nothing was written"), "{message}");
    assert_eq!(bytes(&path), on_disk);
}

#[test]
fn two_windows_on_one_relata_file_each_keep_their_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let path = workspace(tmp.path(), "relata");
    let (base_a, state_a) = load(&path);
    let (base_b, state_b) = load(&path);
    let mut a = base_a.clone();
    a.relationships[0].change_reason = Some("window A".into());
    let mut b = base_b.clone();
    b.tables[3].owner_team = Some("window-b".into());
    assert!(matches!(block_on(save_merging(&path, &base_a, &a, &state_a)).unwrap(), SaveOutcome::Saved { .. }));
    assert!(matches!(block_on(save_merging(&path, &base_b, &b, &state_b)).unwrap(), SaveOutcome::Merged { .. }));
    let (saved, _) = load(&path);
    assert_eq!(saved.relationships[0].change_reason.as_deref(), Some("window A"));
    assert_eq!(saved.tables[3].owner_team.as_deref(), Some("window-b"));
}

//! The workspace and its files: saves that never overwrite a change made on disk (they merge
//! three ways, or stop at conflicts and wait for choices), and changes found on disk taken in
//! as one undoable edit.

use std::path::{Path, PathBuf};

use relata_sync::three_way::{self, Choice, FileMerge, MergeConflict};
use relata_model::Registry;
use relata_store::disk::{DiskState, SaveOutcome};

use crate::{merge_edit, Error, ErrorKind, Workspace};

/// The workspace as its files held it at the last load or save: the base of a three-way merge
/// with changes made on disk since, and the files' identity to notice them.
#[derive(Debug, Clone)]
pub struct OnDisk {
    /// The registry the files held.
    pub registry: Registry,
    /// The files then.
    pub files: DiskState,
}

/// A save that met conflicting changes on disk: the three registries and the conflicts, kept
/// until the user has chosen a version of each conflicting field.
#[derive(Debug, Clone)]
pub(crate) struct DiskMerge {
    base: Registry,
    ours: Registry,
    theirs: Registry,
    files: DiskState,
    conflicts: Vec<MergeConflict>,
}

/// What a look at the disk found ([`Workspace::disk_changed`]), for a front end to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskNews {
    /// The workspace had no unsaved edits and now holds what is on disk.
    Reloaded {
        /// What happened, for a toast.
        message: String,
    },
    /// The workspace has unsaved edits and the disk changed: the user should review.
    Changed {
        /// What happened, for a banner.
        message: String,
    },
    /// The files changed and no longer load; the workspace keeps its registry.
    Broken {
        /// The loader's located problems.
        message: String,
    },
}

/// A save taken from a workspace ([`Workspace::save_job`]): what to write where, run without
/// the workspace, its outcome recorded back with [`Workspace::record_save`].
#[derive(Debug, Clone)]
pub struct SaveJob {
    path: PathBuf,
    registry: Registry,
    revision: u64,
    base: Option<OnDisk>,
}

/// What a [`SaveJob`] did.
#[derive(Debug)]
pub enum Saved {
    /// The registry was written (the disk held what was loaded, or nothing was known of it).
    Written {
        /// The revision written.
        revision: u64,
        /// What was written.
        registry: Registry,
        /// The files as the save left them.
        files: DiskState,
    },
    /// The files had changed; the changes merged without conflict and the merge was written.
    Merged {
        /// The revision merged.
        revision: u64,
        /// The workspace's registry at that revision.
        registry: Registry,
        /// The merge written.
        merge: FileMerge,
        /// The files as the save left them.
        files: DiskState,
    },
    /// The files had changed and both sides changed some field differently: nothing written.
    Conflicts {
        /// What the files held at the last load or save.
        base: Registry,
        /// The workspace's registry.
        ours: Registry,
        /// What the files hold now.
        theirs: Registry,
        /// The files now.
        files: DiskState,
        /// The merge with the workspace's version of each conflicting field.
        merge: FileMerge,
    },
}

impl SaveJob {
    /// Writes the workspace's registry to its files, atomically, merging with changes made on
    /// disk since the load or last save (never over them).
    pub async fn run(self) -> Result<Saved, Error> {
        let SaveJob { path, registry, revision, base } = self;
        let Some(base) = base else {
            relata_store::save(&path, &registry).await?;
            let files = DiskState::of(&path)?;
            return Ok(Saved::Written { revision, registry, files });
        };
        Ok(match relata_store::disk::save_merging(&path, &base.registry, &registry, &base.files).await? {
            SaveOutcome::Saved { state: files } => Saved::Written { revision, registry, files },
            SaveOutcome::Merged { merge, state: files } => Saved::Merged { revision, registry, merge, files },
            SaveOutcome::Conflicts { merge, theirs, state: files } => {
                Saved::Conflicts { base: base.registry, ours: registry, theirs, files, merge }
            }
        })
    }
}

/// A "save as" taken from a workspace ([`Workspace::save_as_job`]).
#[derive(Debug, Clone)]
pub struct SaveAsJob {
    path: PathBuf,
    registry: Registry,
    revision: u64,
}

impl SaveAsJob {
    /// Where it writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the registry to the new place, atomically; the old place keeps what it held.
    /// Returns the job, for [`Workspace::record_save_as`].
    pub async fn run(self) -> Result<Self, Error> {
        relata_store::save(&self.path, &self.registry).await?;
        Ok(self)
    }
}

/// What the files of the workspace at `path` are and hold now, when they differ from `known`
/// (what a workspace last saw of them, [`OnDisk::files`]): `None` when they hold the same (or
/// cannot be looked at); else the files and the registry they load as, or why they do not load
/// cleanly. For [`Workspace::disk_changed`]; a front end holding the workspace under a lock
/// looks outside it.
pub async fn look_at_disk(path: &Path, known: Option<&DiskState>) -> Option<(DiskState, Result<Registry, Error>)> {
    let files = DiskState::of(path).ok()?;
    if known.is_some_and(|k| !k.content_differs(&files)) {
        return None;
    }
    let theirs = relata_store::disk::load_clean(path).await.map_err(Error::from);
    Some((files, theirs))
}

/// What the files of the workspace at `path` are and hold now, refusing files that do not
/// load cleanly (a merge would drop the rows that did not read).
pub async fn read_disk(path: &Path) -> Result<(DiskState, Registry), Error> {
    let files = DiskState::of(path)?;
    let theirs = relata_store::disk::load_clean(path).await?;
    Ok((files, theirs))
}

impl Workspace {
    /// What the files held at the last load or save, when known.
    pub fn on_disk(&self) -> Option<&OnDisk> {
        self.on_disk.as_ref()
    }

    /// The files that changed on disk since the workspace was loaded or last saved (none when
    /// nothing is known of them).
    pub fn changed_on_disk(&self) -> Result<Vec<PathBuf>, Error> {
        let Some(known) = &self.on_disk else { return Ok(Vec::new()) };
        Ok(DiskState::of(&self.path)?.changed_files(&known.files))
    }

    /// The save of the content as it is now, to where the workspace lives.
    pub fn save_job(&self) -> SaveJob {
        SaveJob { path: self.path.clone(), registry: self.registry().clone(), revision: self.history.revision(), base: self.on_disk.clone() }
    }

    /// Saves the content to where the workspace lives ([`Self::save_job`], run, recorded).
    pub async fn save(&mut self) -> Result<String, Error> {
        let saved = self.save_job().run().await?;
        self.record_save(saved)
    }

    /// Records what a [`SaveJob`] did and returns what to say. Edits made while it ran keep
    /// the workspace dirty (and stay on top of a merge). A save that met conflicts keeps them
    /// for [`Self::resolve_disk_merge`] and is an [`ErrorKind::ChangedOnDisk`] error.
    pub fn record_save(&mut self, saved: Saved) -> Result<String, Error> {
        match saved {
            Saved::Written { revision, registry, files } => {
                self.set_on_disk(registry, files);
                Ok(self.saved(revision))
            }
            Saved::Merged { revision, registry, merge, files } => self.merged_on_disk(revision, &registry, merge, files),
            Saved::Conflicts { base, ours, theirs, files, merge } => {
                let count: usize = merge.conflicts.iter().map(|c| c.fields.len().max(1)).sum();
                let names: Vec<&str> = merge.conflicts.iter().take(3).map(|c| c.name.as_str()).collect();
                let message = format!(
                    "{} changed on disk since it was opened, and {count} field(s) were changed differently here and there ({}{}); nothing was written: review the changes",
                    self.path.display(),
                    names.join(", "),
                    if merge.conflicts.len() > 3 { ", …" } else { "" }
                );
                self.disk_merge = Some(DiskMerge { base, ours, theirs, files, conflicts: merge.conflicts });
                Err(Error::new(ErrorKind::ChangedOnDisk, message))
            }
        }
    }

    /// The save of the content as it is now to `path` (a folder, or a `.relata` file), which
    /// becomes where the workspace lives once recorded ([`Self::record_save_as`]).
    pub fn save_as_job(&self, path: &Path) -> SaveAsJob {
        SaveAsJob { path: path.to_owned(), registry: self.registry().clone(), revision: self.history.revision() }
    }

    /// Records a finished "save as": its path becomes where the workspace lives.
    pub fn record_save_as(&mut self, job: SaveAsJob) -> String {
        self.path = job.path;
        self.saved(job.revision)
    }

    /// Records that the content at `revision` is what the files now hold; when edits arrived
    /// while saving, the workspace stays dirty.
    fn saved(&mut self, revision: u64) -> String {
        if self.history.revision() == revision {
            self.history.mark_saved();
            self.restored = false;
        }
        format!("Saved {}", self.path.display())
    }

    /// Records what the files hold now that `written` was loaded from or saved to them.
    fn set_on_disk(&mut self, written: Registry, files: DiskState) {
        self.on_disk = Some(OnDisk { registry: written, files });
        self.disk_merge = None;
    }

    /// Takes a save's merge with changes on disk in: `saved` (the content at `revision`, which
    /// the save merged) became `merge.registry` on disk. The content becomes that merge, with
    /// any edit made while saving merged on top, as ONE undoable edit; it is saved if no edit
    /// came in meanwhile.
    fn merged_on_disk(&mut self, revision: u64, saved: &Registry, merge: FileMerge, files: DiskState) -> Result<String, Error> {
        let unchanged = self.history.revision() == revision;
        let target = if unchanged { merge.registry.clone() } else { three_way::merge(saved, self.registry(), &merge.registry, &[]).registry };
        let label = merged_label(&merge.taken);
        if self.registry() != &target {
            self.history.apply(merge_edit(label.clone(), self.registry(), &target))?;
        }
        self.set_on_disk(merge.registry, files);
        if unchanged {
            self.history.mark_saved();
            self.restored = false;
        }
        self.recheck();
        Ok(format!("{label}, and saved {}", self.path.display()))
    }

    /// Takes a change found on disk (`files`, and `theirs` as the files now load) in. A
    /// workspace with no unsaved edits takes it as ONE undoable edit and stays clean
    /// ([`DiskNews::Reloaded`]); one with unsaved edits keeps them and says so
    /// ([`DiskNews::Changed`]) until the user reviews; files that no longer load are reported
    /// ([`DiskNews::Broken`]) and the workspace keeps its registry. `None` when the disk holds
    /// what the workspace knows (its own save, a file touched but not changed).
    pub fn disk_changed(&mut self, files: DiskState, theirs: Result<Registry, Error>) -> Option<DiskNews> {
        if self.on_disk.as_ref().is_some_and(|d| !d.files.content_differs(&files)) {
            return None;
        }
        let theirs = match theirs {
            Ok(theirs) => theirs,
            Err(error) => return Some(DiskNews::Broken { message: error.to_string() }),
        };
        if &theirs == self.registry() {
            // The workspace already holds it (its own save, seen before the save recorded it).
            self.set_on_disk(theirs, files);
            return None;
        }
        if self.is_dirty() {
            return Some(DiskNews::Changed {
                message: format!("{} changed on disk, and this window has unsaved changes: review the changes to merge them", self.path.display()),
            });
        }
        let edit = merge_edit("Reload the changes made on disk".to_owned(), self.registry(), &theirs);
        if let Err(error) = self.history.apply(edit) {
            return Some(DiskNews::Broken { message: error.to_string() });
        }
        self.history.mark_saved();
        self.set_on_disk(theirs, files);
        self.recheck();
        Some(DiskNews::Reloaded { message: format!("Reloaded {}: it changed on disk (Undo takes the change back here)", self.path.display()) })
    }

    /// Merges what changed on disk (`theirs`, its files `files`, as [`read_disk`] gives them)
    /// into the unsaved content against what was loaded: without conflicts, as ONE undoable
    /// edit, after which the base is what is on disk (the workspace stays unsaved: its own
    /// edits are not on disk yet); with conflicts, nothing changes and the merge waits for
    /// choices ([`Self::resolve_disk_merge`]). Returns what was done and the conflicts.
    pub fn review_disk(&mut self, files: DiskState, theirs: Registry) -> Result<(Option<String>, Vec<MergeConflict>), Error> {
        let base = self.on_disk.as_ref().map_or_else(|| theirs.clone(), |d| d.registry.clone());
        let merge = three_way::merge(&base, self.registry(), &theirs, &[]);
        if !merge.conflicts.is_empty() {
            let conflicts = merge.conflicts.clone();
            self.disk_merge = Some(DiskMerge { base, ours: self.registry().clone(), theirs, files, conflicts: merge.conflicts });
            return Ok((None, conflicts));
        }
        let label = merged_label(&merge.taken);
        if &merge.registry != self.registry() {
            self.history.apply(merge_edit(label.clone(), self.registry(), &merge.registry))?;
        }
        self.set_on_disk(theirs, files);
        self.recheck();
        Ok((Some(label), Vec::new()))
    }

    /// The conflicts of the save waiting for choices, if any.
    pub fn disk_conflicts(&self) -> Option<&[MergeConflict]> {
        self.disk_merge.as_ref().map(|m| m.conflicts.as_slice())
    }

    /// Settles the waiting merge with `choices` (every conflict must have one): the content
    /// becomes the merge, as ONE undoable edit, and what is on disk becomes its base, so the
    /// next save writes it. Refused, changing nothing, while a conflict has no choice.
    pub fn resolve_disk_merge(&mut self, choices: &[Choice]) -> Result<String, Error> {
        let pending = self
            .disk_merge
            .as_ref()
            .ok_or_else(|| Error::new(ErrorKind::NoPendingMerge, "there is no merge with changes on disk to settle"))?;
        let merge = three_way::merge(&pending.base, &pending.ours, &pending.theirs, choices);
        let open = merge.unanswered(choices);
        if open > 0 {
            return Err(Error::new(ErrorKind::NoPendingMerge, format!("{open} conflicting field(s) still need a choice")));
        }
        // Edits made after the save that met the conflicts stay on top of the merge.
        let target = three_way::merge(&pending.ours, self.registry(), &merge.registry, &[]).registry;
        let label = format!("Merge the changes made on disk ({} conflict(s) settled)", pending.conflicts.len());
        if self.registry() != &target {
            self.history.apply(merge_edit(label.clone(), self.registry(), &target))?;
        }
        let pending = self.disk_merge.take().expect("checked above");
        self.on_disk = Some(OnDisk { registry: pending.theirs, files: pending.files });
        self.recheck();
        Ok(label)
    }
}

/// What a merge that took `taken` from disk is called in the menus.
fn merged_label(taken: &[String]) -> String {
    match taken.len() {
        1 => format!("Merge the change made on disk to {}", taken[0]),
        n => format!("Merge {n} changes made on disk"),
    }
}

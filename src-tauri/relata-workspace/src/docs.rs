//! Documentation of a workspace written to a folder (`relata docs`, the window's Export →
//! Documentation…): relata-docs makes the pages, this module checks the request and writes
//! the files, each atomically, reporting progress and stopping when cancelled.

use std::path::{Path, PathBuf};

use relata_docs::{DocFile, DocsOptions};
use relata_model::{Diagnostic, Registry};

use crate::{Error, ErrorKind, Job, Workspace};

/// The page formats (`relata_docs::Format`): Markdown or HTML.
pub use relata_docs::Format as DocsFormat;

/// What to document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocsRequest {
    /// Markdown or HTML.
    pub format: DocsFormat,
    /// Only these modules; empty for all.
    pub modules: Vec<String>,
    /// The index page's title; empty: the workspace's name.
    pub title: String,
}

/// Documentation to write, taken out of the workspace so the writing holds no lock on it.
#[derive(Debug, Clone)]
pub struct DocsJob {
    registry: Registry,
    findings: Vec<Diagnostic>,
    options: DocsOptions,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocsWritten {
    /// The index page.
    pub index: PathBuf,
    /// Files written.
    pub files: usize,
    /// Module pages among them.
    pub modules: usize,
}

impl Workspace {
    /// The documentation `request` asks for, ready to write; a module the workspace does not
    /// have is an [`ErrorKind::UnknownModule`] naming it and the modules there are.
    pub fn docs(&self, request: &DocsRequest) -> Result<DocsJob, Error> {
        let registry = self.registry();
        let known = registry.module_names();
        let unknown: Vec<&String> = request.modules.iter().filter(|m| !known.contains(&m.as_str())).collect();
        if let Some(first) = unknown.first() {
            let names: Vec<String> = unknown.iter().map(|m| format!("`{m}`")).collect();
            let message = format!("no module named {}; modules: {}", names.join(", "), known.join(", "));
            return Err(Error::about(ErrorKind::UnknownModule, message, first.as_str()));
        }
        let title = if request.title.is_empty() { self.title() } else { request.title.clone() };
        Ok(DocsJob {
            registry: registry.clone(),
            findings: self.findings().to_vec(),
            options: DocsOptions { format: request.format, modules: request.modules.clone(), title },
        })
    }

    /// The workspace's name: its folder's or file's, without extension.
    fn title(&self) -> String {
        self.path().file_stem().map_or_else(|| "Registry".to_owned(), |n| n.to_string_lossy().into_owned())
    }
}

impl DocsJob {
    /// The files, in memory.
    pub fn files(&self) -> Vec<DocFile> {
        relata_docs::generate(&self.registry, &self.findings, &self.options)
    }

    /// Writes the documentation into the folder `output` (made if missing), each file
    /// atomically; stops at the next file once `job` is cancelled (the files already written
    /// stay: each is whole).
    pub fn write(&self, output: &Path, job: &Job) -> Result<DocsWritten, Error> {
        job.check()?;
        job.report("Making the pages", 0, 0);
        let files = self.files();
        let total = files.len() as u32;
        for (i, file) in files.iter().enumerate() {
            job.check()?;
            job.report("Writing the files", i as u32, total);
            let path = output.join(&file.path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, &e))?;
            }
            relata_store::write_file(&path, &file.bytes)?;
        }
        job.report("Done", total, total);
        let modules = files.iter().filter(|f| f.path.starts_with("modules/") && !f.path.ends_with(".svg")).count();
        Ok(DocsWritten { index: output.join(self.options.format.index()), files: files.len(), modules })
    }
}

//! A long piece of work a front end runs in the background (a comparison, documentation): its
//! progress, which the front end reads while it runs, and a cancel switch, which the work
//! checks between its steps and which a front end can await to stop waiting at once.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

use crate::{Error, ErrorKind};

/// Where a job stands: its current step and how far through it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// The step, in a few words ("Reading the database").
    pub step: String,
    /// Units of the step done.
    pub done: u32,
    /// Units of the step in all; 0 when the step cannot say.
    pub total: u32,
}

/// A job's shared state: the work reports progress and checks for cancellation, a front end
/// reads the progress and cancels. Shared between threads (`Arc<Job>`).
#[derive(Debug, Default)]
pub struct Job {
    cancelled: AtomicBool,
    progress: Mutex<Progress>,
    /// Those waiting in [`Job::cancelled`], woken by [`Job::cancel`].
    wakers: Mutex<Vec<Waker>>,
}

impl Job {
    /// A job that has not started.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the work to stop: it stops at its next step, and [`Job::cancelled`] resolves now.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
        for waker in self.wakers.lock().unwrap_or_else(|e| e.into_inner()).drain(..) {
            waker.wake();
        }
    }

    /// Whether [`Job::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }

    /// The work is at `step`, `done` of `total` units through it.
    pub fn report(&self, step: &str, done: u32, total: u32) {
        let mut progress = self.progress.lock().unwrap_or_else(|e| e.into_inner());
        *progress = Progress { step: step.to_owned(), done, total };
    }

    /// Where the work stands now.
    pub fn progress(&self) -> Progress {
        self.progress.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// An [`ErrorKind::Cancelled`] error once the job was cancelled: the work calls it between
    /// its steps and stops there.
    pub fn check(&self) -> Result<(), Error> {
        if self.is_cancelled() {
            return Err(Error::new(ErrorKind::Cancelled, "cancelled: nothing was kept of the work"));
        }
        Ok(())
    }

    /// A future that resolves when the job is cancelled, for a front end to race against the
    /// work (a step that waits on a server does not check in between).
    pub fn cancelled(&self) -> Cancelled<'_> {
        Cancelled { job: self }
    }
}

/// [`Job::cancelled`]'s future.
#[derive(Debug)]
pub struct Cancelled<'a> {
    job: &'a Job,
}

impl Future for Cancelled<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.job.is_cancelled() {
            return Poll::Ready(());
        }
        self.job.wakers.lock().unwrap_or_else(|e| e.into_inner()).push(cx.waker().clone());
        // A cancel between the check and the push has drained the list already: look again.
        if self.job.is_cancelled() { Poll::Ready(()) } else { Poll::Pending }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_cancel_wakes_whoever_waits_and_stops_the_next_step() {
        let job = std::sync::Arc::new(Job::new());
        assert!(job.check().is_ok());
        job.report("Reading", 1, 3);
        assert_eq!(job.progress(), Progress { step: "Reading".into(), done: 1, total: 3 });
        let canceller = job.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            canceller.cancel();
        });
        job.cancelled().await;
        assert_eq!(job.check().map_err(|e| e.kind), Err(ErrorKind::Cancelled));
    }
}

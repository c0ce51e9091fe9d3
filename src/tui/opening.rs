//! What the workbench does once its project is open: at once, when the
//! background read of a project shown from its first document arrives (see
//! `loading`), or when the resolver has written the last conflict.

use super::app::{App, Tone};
use super::{layers, loading, reload, resume, screens, unplaced};
use crate::config;
use crate::merge::conflicts::ConflictedFile;
use crate::store::ProjectLock;
use std::path::PathBuf;

/// The analyst's options and the problems with their configuration, kept
/// for whichever way the project opens.
#[derive(Clone, Debug)]
pub struct Opening {
    pub dir: PathBuf,
    pub state_dir: Option<PathBuf>,
    pub blind: bool,
    /// Problems with the user's colour theme and keymap.
    pub warnings: Vec<String>,
}

impl Opening {
    /// Picks up where the analyst left off, re-anchors corrected transcripts
    /// and checks the project (`resolved` says what the resolver did).
    pub fn finish(self, app: &mut App, resolved: Option<String>) {
        let dir = self.dir.as_path();
        self.pick_up(app);
        if let Some(done) = resolved {
            app.say(done, Tone::Ok);
        }
        // A transcript corrected since its codings were made: re-anchor now,
        // then check what is left (the workbench is read-only while check fails).
        let effects = unplaced::on_open(app, dir);
        reload::run_effects(app, effects);
        reload::recheck(app);
        self.say_warnings(app);
    }

    /// The resolver on `files`, holding `lock` until the project opens;
    /// then `finish`. None when there are no conflicts after all.
    pub fn resolver(
        self,
        files: Vec<ConflictedFile>,
        lock: ProjectLock,
    ) -> Option<screens::resolver::ResolverScreen> {
        let dir = self.dir.clone();
        let then = Box::new(move |app: &mut App, done| self.finish(app, Some(done)));
        screens::resolver::ResolverScreen::new(&dir, files, lock, then)
    }

    /// The workbench on the first document while `read` reads the rest:
    /// the view as left off, then `loading` takes it from there.
    pub fn start_loading(self, app: &mut App, read: crate::session::Loading) {
        let resume = self.pick_up(app);
        self.say_warnings(app);
        loading::start(app, read, resume, self);
    }

    /// Where the analyst left off (document, places, folds, recent codes)
    /// and blind mode, as the project in `app` allows; the places read.
    fn pick_up(&self, app: &mut App) -> config::resume::Resume {
        let resume = config::resume::load(self.state_dir.as_deref(), &self.dir);
        resume::restore(app, &resume);
        if self.blind {
            layers::set_blind(app, true);
        }
        resume
    }

    fn say_warnings(&self, app: &mut App) {
        if !self.warnings.is_empty() {
            app.say(
                format!(
                    "config ignored (defaults used): {}",
                    self.warnings.join("; ")
                ),
                Tone::Warning,
            );
        }
    }
}

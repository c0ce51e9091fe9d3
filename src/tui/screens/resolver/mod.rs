//! The resolver screen, the first phase of the workbench when the only
//! thing that stops a project from opening is merge conflicts: one conflict
//! at a time, `o` keeps ours, `t` keeps theirs, `b` both, `e` edits in
//! $EDITOR, `j`/`k` (or `n`/`p`) move, `q` leaves without writing. Its keys
//! are the keymap's "resolver" context (motions from "global"), so they can
//! be rebound and help lists them. When every block is decided the files are
//! written atomically (only if they all parse), the project opens through
//! the session, and the panes take the resolver's place, in the same event
//! loop and terminal. `draw` draws it.

pub mod draw;

use super::{Screen, Step};
use crate::merge::conflicts::{self, Conflict, ConflictedFile, Decision, Keep};
use crate::session::{self, Session};
use crate::store::ProjectLock;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::keymap::{Context, Key, Keymap};
use crate::tui::terminal::Edited;
use ratatui::Frame;
use ratatui::layout::Rect;
use std::any::Any;
use std::path::{Path, PathBuf};

/// The conflicts of a project and the side chosen for each so far.
#[derive(Clone, Debug)]
pub struct Resolver {
    pub files: Vec<ConflictedFile>,
    /// (file, block) of every conflict, in file and line order.
    pub order: Vec<(usize, usize)>,
    /// The side kept for each conflict of `order`, once decided.
    pub choices: Vec<Option<Keep>>,
    /// The conflict shown (an index into `order`).
    pub selected: usize,
    /// A note for the analyst (a refused resolution, an unknown key).
    pub message: Option<String>,
    /// The branches behind "ours" and "theirs", when git knows them.
    pub sides: Option<(String, String)>,
}

/// What an action asks of the resolver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    /// Leave without writing anything.
    Leave,
    /// Every conflict has a side: write the files.
    Decided,
    /// Open the shown conflict in $EDITOR (see `Resolver::edit_text`).
    Edit,
}

/// One conflict as shown: its file, the block, and the side kept, if any.
pub struct Shown<'a> {
    pub file: &'a ConflictedFile,
    pub conflict: &'a Conflict,
    pub kept: Option<Keep>,
}

/// The first key bound to `action` in the resolver, as help writes it.
pub fn key_for(keymap: &Keymap<Action>, action: Action) -> String {
    keymap
        .keys_for(Context::Resolver, &action)
        .first()
        .map_or_else(|| ":".to_string(), ToString::to_string)
}

impl Resolver {
    /// None when there is nothing to resolve.
    pub fn new(files: Vec<ConflictedFile>) -> Option<Resolver> {
        let order: Vec<(usize, usize)> = files
            .iter()
            .enumerate()
            .flat_map(|(f, file)| (0..file.conflicts.len()).map(move |b| (f, b)))
            .collect();
        if order.is_empty() {
            return None;
        }
        Some(Resolver {
            files,
            choices: vec![None; order.len()],
            order,
            selected: 0,
            message: None,
            sides: None,
        })
    }

    /// What the keys do, for the foot of the screen and after a stray key:
    /// `verbs` are (keep ours, keep theirs, keep both, edit, move, leave).
    pub fn key_hint(keymap: &Keymap<Action>, verbs: [&str; 6]) -> String {
        let k = |a| key_for(keymap, a);
        format!(
            "{} {} · {} {} · {} {} · {} {} · {}/{} {} · {} {}",
            k(Action::KeepOurs),
            verbs[0],
            k(Action::KeepTheirs),
            verbs[1],
            k(Action::KeepBoth),
            verbs[2],
            k(Action::EditConflict),
            verbs[3],
            k(Action::MoveDown),
            k(Action::MoveUp),
            verbs[4],
            k(Action::Back),
            verbs[5],
        )
    }

    pub fn shown(&self) -> Option<Shown<'_>> {
        let &(f, b) = self.order.get(self.selected)?;
        let file = self.files.get(f)?;
        Some(Shown {
            file,
            conflict: file.conflicts.get(b)?,
            kept: self.choices.get(self.selected).cloned().flatten(),
        })
    }

    pub fn decided(&self) -> usize {
        self.choices.iter().filter(|c| c.is_some()).count()
    }

    /// Runs an action bound in the resolver's context; any other is
    /// answered with the keys (`stray`).
    pub fn act(&mut self, action: Action, keymap: &Keymap<Action>) -> Outcome {
        self.message = None;
        let last = self.order.len() - 1;
        match action {
            Action::Back | Action::Quit => return Outcome::Leave,
            Action::KeepOurs => return self.keep(Keep::Ours),
            Action::KeepTheirs => return self.keep(Keep::Theirs),
            Action::KeepBoth => return self.keep(Keep::Both),
            Action::EditConflict => return Outcome::Edit,
            Action::MoveDown => self.selected = (self.selected + 1).min(last),
            Action::MoveUp => self.selected = self.selected.saturating_sub(1),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            _ => self.stray(keymap),
        }
        Outcome::Stay
    }

    /// A key that does nothing here: say which do.
    pub fn stray(&mut self, keymap: &Keymap<Action>) {
        self.message = Some(Self::key_hint(
            keymap,
            [
                "keeps ours",
                "keeps theirs",
                "keeps both",
                "edits",
                "move",
                "leaves without writing",
            ],
        ));
    }

    /// The lines `e` opens in $EDITOR for the shown conflict: the analyst's
    /// earlier edit, or else both sides as `b` would keep them (two values
    /// of one field joined), the usual start for writing one from two.
    pub fn edit_text(&self) -> Option<String> {
        let shown = self.shown()?;
        Some(match shown.kept {
            Some(Keep::Edited(text)) => text,
            _ => conflicts::both(&shown.conflict.ours, &shown.conflict.theirs),
        })
    }

    /// Keeps what the analyst wrote for the shown conflict.
    pub fn keep_edited(&mut self, text: String) -> Outcome {
        self.keep(Keep::Edited(text))
    }

    /// Keeps `side` of the shown conflict and moves to the next undecided
    /// one (wrapping), or reports that all are decided.
    fn keep(&mut self, side: Keep) -> Outcome {
        if let Some(choice) = self.choices.get_mut(self.selected) {
            *choice = Some(side);
        }
        let n = self.order.len();
        match (1..=n)
            .map(|k| (self.selected + k) % n)
            .find(|&i| self.choices[i].is_none())
        {
            Some(next) => {
                self.selected = next;
                Outcome::Stay
            }
            None => Outcome::Decided,
        }
    }

    /// The side chosen for every block of every file (undecided blocks are
    /// left out, so their markers stay).
    pub fn decisions(&self) -> Vec<Decision<'_>> {
        let mut out: Vec<Decision<'_>> = self
            .files
            .iter()
            .map(|file| Decision {
                file,
                sides: Vec::new(),
            })
            .collect();
        for (&(f, _), choice) in self.order.iter().zip(&self.choices) {
            match choice {
                Some(side) => out[f].sides.push(side.clone()),
                None => break,
            }
        }
        out
    }

    /// "resolved 2 conflicts in 1 file; git add them and commit".
    pub fn summary(&self) -> String {
        let (n, f) = (self.order.len(), self.files.len());
        format!(
            "resolved {} in {}; git add them and commit",
            crate::text::count(n, "conflict", "conflicts"),
            crate::text::count(f, "file", "files")
        )
    }
}

/// What the workbench does once the project is open, given the resolver's
/// summary (the same steps as an open without conflicts: see `tui::run`).
pub type Then = Box<dyn FnOnce(&mut App, String)>;

/// The resolver as the bottom screen, before the project is open: it holds
/// the project lock from the first open until the project opens after it.
pub struct ResolverScreen {
    pub resolver: Resolver,
    dir: PathBuf,
    lock: Option<ProjectLock>,
    then: Option<Then>,
}

impl ResolverScreen {
    /// The resolver on the conflicts `Session::open_workbench` found in
    /// `dir`, with the branches behind each side when git knows them; None
    /// when there are none after all.
    pub fn new(
        dir: &Path,
        files: Vec<ConflictedFile>,
        lock: ProjectLock,
        then: Then,
    ) -> Option<Self> {
        let mut resolver = Resolver::new(files)?;
        resolver.sides = crate::store::git::merge_sides(dir);
        Some(ResolverScreen {
            resolver,
            dir: dir.to_path_buf(),
            lock: Some(lock),
            then: Some(then),
        })
    }

    fn outcome(&mut self, app: &mut App, outcome: Outcome) -> Step {
        match outcome {
            Outcome::Stay => Step::Stay(Vec::new()),
            Outcome::Leave => Step::Stay(vec![Effect::Quit]),
            Outcome::Edit => Step::Stay(vec![Effect::EditConflict]),
            Outcome::Decided => self.write(app),
        }
    }

    /// Writes every file, opens the project through the session and gives
    /// way to the panes; a refused write says why and lets the analyst
    /// choose again.
    fn write(&mut self, app: &mut App) -> Step {
        if let Err(err) = conflicts::write(&self.dir, &self.resolver.decisions()) {
            self.resolver.message = Some(format!("not written: {err}"));
            return Step::Stay(Vec::new());
        }
        let Some(lock) = self.lock.take() else {
            return Step::Stay(vec![Effect::Fail("the project lock was lost".into())]);
        };
        let dir = self.dir.display();
        match Session::open_locked(&self.dir, lock) {
            session::Opened::Ready(opened) => {
                let (project, session) = *opened;
                app.reopen(project, session);
                if let Some(then) = self.then.take() {
                    then(app, self.resolver.summary());
                }
                Step::Replace(Box::new(super::panes::Panes), Vec::new())
            }
            session::Opened::Refused(err) => {
                Step::Stay(vec![Effect::Fail(err.in_folder(&self.dir))])
            }
            session::Opened::OnlyConflicts { files, .. } => {
                Step::Stay(vec![Effect::Fail(format!(
                    "{} file(s) in {dir} still hold merge conflicts; `margin resolve {dir}` lists them",
                    files.len(),
                ))])
            }
        }
    }
}

impl Screen for ResolverScreen {
    fn context(&self, _app: &App) -> Context {
        Context::Resolver
    }

    fn title(&self, _app: &App) -> &'static str {
        "RESOLVE"
    }

    fn act(&mut self, app: &mut App, action: Action) -> Step {
        let outcome = self.resolver.act(action, &app.keymap);
        self.outcome(app, outcome)
    }

    fn unbound(&mut self, app: &mut App, _key: Key) {
        self.resolver.message = None;
        self.resolver.stray(&app.keymap);
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        draw::render(
            &self.resolver,
            &self.dir,
            (&app.palette, &app.keymap),
            frame,
            area,
        );
    }

    fn covers_status_line(&self) -> bool {
        true
    }
}

/// The text `e` opens in $EDITOR, while the resolver is on screen.
pub fn edit_text(app: &App) -> Option<String> {
    app.screens.top_as::<ResolverScreen>()?.resolver.edit_text()
}

/// What came back from $EDITOR: kept as the shown conflict's side (and the
/// files written if that was the last), or a note of why nothing was kept.
pub fn edited(app: &mut App, edited: Edited) -> Vec<Effect> {
    let effects = super::run_top(app, |screen, app| {
        let any: &mut dyn Any = screen;
        let Some(screen) = any.downcast_mut::<ResolverScreen>() else {
            return Step::Stay(Vec::new());
        };
        let outcome = match edited {
            Edited::Text(text) => screen.resolver.keep_edited(text),
            Edited::Failed => {
                screen.resolver.message = Some("the editor failed; nothing was kept".into());
                Outcome::Stay
            }
            Edited::NotUtf8 { kept } => {
                screen.resolver.message = Some(format!(
                    "the editor saved text that is not UTF-8 (kept in {}); nothing was kept",
                    kept.display()
                ));
                Outcome::Stay
            }
        };
        screen.outcome(app, outcome)
    });
    effects.unwrap_or_default()
}

/// The conflicts left undecided when the analyst leaves the resolver
/// before the project opened (None once it has).
pub fn left_unresolved(app: &App) -> Option<usize> {
    app.screens
        .base_as::<ResolverScreen>()
        .map(|screen| screen.resolver.order.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::conflicts::conflicts_in;
    use crate::merge::markers::with_markers;

    fn file(rel: &str, ours: &str, theirs: &str) -> ConflictedFile {
        let text = with_markers(ours, theirs);
        ConflictedFile {
            rel: rel.into(),
            conflicts: conflicts_in(&text),
            text,
        }
    }

    fn keymap() -> Keymap<Action> {
        crate::tui::load_keymap(None).0
    }

    /// Presses one-character keys through `keymap`, as the workbench does.
    fn press_with(r: &mut Resolver, keymap: &Keymap<Action>, keys: &str) -> Vec<Outcome> {
        keys.chars()
            .map(|c| {
                let key = Key::parse(&c.to_string()).expect("a key");
                match keymap.lookup(Context::Resolver, key) {
                    Some(action) => r.act(*action, keymap),
                    None => {
                        r.stray(keymap);
                        Outcome::Stay
                    }
                }
            })
            .collect()
    }

    fn press(r: &mut Resolver, keys: &str) -> Vec<Outcome> {
        press_with(r, &keymap(), keys)
    }

    fn resolver() -> Resolver {
        Resolver::new(vec![
            file("codebook.ron", "a\nb\nc\nd\n", "A\nb\nc\nD\n"),
            file("themes.ron", "x\n", "X\n"),
        ])
        .expect("conflicts")
    }

    #[test]
    fn deciding_moves_to_the_next_undecided_and_ends_when_all_are() {
        let mut r = resolver();
        assert_eq!(r.order, [(0, 0), (0, 1), (1, 0)]);
        assert_eq!(press(&mut r, "jj"), [Outcome::Stay, Outcome::Stay]);
        assert_eq!(r.shown().expect("shown").file.rel, "themes.ron");
        // Keeping theirs on the last one wraps to the first undecided.
        assert_eq!(press(&mut r, "t"), [Outcome::Stay]);
        assert_eq!(r.selected, 0);
        assert_eq!(press(&mut r, "o"), [Outcome::Stay]);
        assert_eq!((r.selected, r.decided()), (1, 2));
        assert_eq!(
            press(&mut r, "pnt"),
            [Outcome::Stay, Outcome::Stay, Outcome::Decided]
        );
        let decisions = r.decisions();
        assert_eq!(decisions[0].sides, [Keep::Ours, Keep::Theirs]);
        assert_eq!(decisions[1].sides, [Keep::Theirs]);
        assert_eq!(
            r.summary(),
            "resolved 3 conflicts in 2 files; git add them and commit"
        );
    }

    #[test]
    fn b_keeps_both_sides_of_a_conflict() {
        let mut r = resolver();
        assert_eq!(press(&mut r, "b"), [Outcome::Stay]);
        assert_eq!(r.choices[0], Some(Keep::Both));
        press(&mut r, "ob");
        let decisions = r.decisions();
        assert_eq!(decisions[0].sides, [Keep::Both, Keep::Ours]);
        assert_eq!(decisions[1].sides, [Keep::Both]);
        let text = conflicts::resolve_text(&decisions[0].file.text, &decisions[0].sides);
        assert_eq!(text, "a\nA\nb\nc\nd\n");
    }

    #[test]
    fn e_edits_starting_from_both_sides_and_keeps_the_edit() {
        let mut r = resolver();
        assert_eq!(press(&mut r, "e"), [Outcome::Edit]);
        assert_eq!(r.edit_text().as_deref(), Some("a\nA\n"));
        assert_eq!(r.keep_edited("a2\n".into()), Outcome::Stay);
        assert_eq!(r.selected, 1);
        press(&mut r, "k");
        assert_eq!(r.edit_text().as_deref(), Some("a2\n"), "the edit again");
        assert_eq!(press(&mut r, "jot").last(), Some(&Outcome::Decided));
        let decisions = r.decisions();
        let text = conflicts::resolve_text(&decisions[0].file.text, &decisions[0].sides);
        assert_eq!(text, "a2\nb\nc\nd\n");
    }

    #[test]
    fn q_leaves_and_other_keys_explain() {
        let mut r = resolver();
        assert_eq!(press(&mut r, "x"), [Outcome::Stay]);
        assert!(
            r.message
                .as_deref()
                .is_some_and(|m| m.contains("o keeps ours"))
        );
        assert_eq!(
            press(&mut r, "kkq"),
            [Outcome::Stay, Outcome::Stay, Outcome::Leave]
        );
        assert_eq!(r.selected, 0, "moving stops at the ends");
        assert_eq!(r.decided(), 0);
        assert!(Resolver::new(Vec::new()).is_none());
    }

    #[test]
    fn the_resolvers_keys_come_from_the_keymap_and_can_be_rebound() {
        let mut r = resolver();
        let mut keys = keymap();
        let user = Keymap::parse(
            r#"{"resolver": {"B": keep_both, "E": edit_conflict}}"#,
            Path::new("keymap.ron"),
        )
        .expect("parses");
        keys.merge(user);
        assert_eq!(press_with(&mut r, &keys, "B"), [Outcome::Stay]);
        assert_eq!(r.choices[0], Some(Keep::Both));
        assert_eq!(press_with(&mut r, &keys, "E"), [Outcome::Edit]);
        // A stray key is answered with the keys as bound now.
        press_with(&mut r, &keys, "x");
        let hint = r.message.clone().unwrap_or_default();
        assert!(
            hint.contains("B keeps both") && hint.contains("E edits"),
            "{hint}"
        );
        let (keymap, _) = crate::tui::load_keymap(None);
        assert_eq!(
            keymap.keys_for(Context::Resolver, &Action::EditConflict),
            [Key::parse("e").expect("key")]
        );
    }
}

//! The resolver screen, shown before the workbench when the only thing that
//! stops a project from opening is merge conflicts: one conflict at a time,
//! `o` keeps ours, `t` keeps theirs, `j`/`k` (or `n`/`p`) move, `q` leaves
//! without writing. Its keys are the keymap's "resolver" context (motions
//! from "global"), so they can be rebound and help lists them. When every block is decided the files are written
//! atomically (only if they all parse) and the workbench opens.

use super::action::Action;
use super::keymap::{Context, Key, Keymap};
use super::{render, terminal};
use crate::config;
use crate::merge::conflicts::{self, Conflict, ConflictedFile, Decision, Keep};
use crate::model::Project;
use crate::session::{self, Session};
use anyhow::{Context as _, Result, anyhow, bail};
use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind};
use std::path::Path;
use std::time::Duration;

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
    /// The key bindings (the built-in ones until `run` loads the user's).
    pub keymap: Keymap<Action>,
}

/// What a key asks of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
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
            keymap: super::load_keymap(None).0,
        })
    }

    /// The first key bound to `action` here, as help writes it.
    fn key_for(&self, action: Action) -> String {
        self.keymap
            .keys_for(Context::Resolver, &action)
            .first()
            .map_or_else(|| ":".to_string(), ToString::to_string)
    }

    /// What the keys do, for the foot of the screen and after a stray key:
    /// `verbs` are (keep ours, keep theirs, keep both, edit, move, leave).
    pub fn key_hint(&self, verbs: [&str; 6]) -> String {
        let k = |a| self.key_for(a);
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

    pub fn handle_key(&mut self, key: KeyEvent) -> Step {
        self.message = None;
        let last = self.order.len() - 1;
        let bound = self
            .keymap
            .lookup(Context::Resolver, Key::from_event(&key))
            .copied();
        match bound {
            Some(Action::Back | Action::Quit) => return Step::Leave,
            Some(Action::KeepOurs) => return self.keep(Keep::Ours),
            Some(Action::KeepTheirs) => return self.keep(Keep::Theirs),
            Some(Action::KeepBoth) => return self.keep(Keep::Both),
            Some(Action::EditConflict) => return Step::Edit,
            Some(Action::MoveDown) => self.selected = (self.selected + 1).min(last),
            Some(Action::MoveUp) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Top) => self.selected = 0,
            Some(Action::Bottom) => self.selected = last,
            _ => {
                self.message = Some(self.key_hint([
                    "keeps ours",
                    "keeps theirs",
                    "keeps both",
                    "edits",
                    "move",
                    "leaves without writing",
                ]));
            }
        }
        Step::Stay
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
    pub fn keep_edited(&mut self, text: String) -> Step {
        self.keep(Keep::Edited(text))
    }

    /// Keeps `side` of the shown conflict and moves to the next undecided
    /// one (wrapping), or reports that all are decided.
    fn keep(&mut self, side: Keep) -> Step {
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
                Step::Stay
            }
            None => Step::Decided,
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

/// A project, its session, and what the resolver did, if it ran.
pub type Opened = (Project, Session, Option<String>);

/// Takes what opening the project found. When the only problems are
/// unresolved merge conflicts, the resolver screen comes first; Ok(None)
/// means the analyst left it without writing anything. Any other problem is
/// the usual error, before the screen is taken over. The project lock is
/// held throughout.
pub fn open_resolving(
    dir: &Path,
    opened: session::Opened,
    theme: Option<&str>,
) -> Result<Option<Opened>> {
    let (files, lock) = match opened {
        session::Opened::Ready(opened) => {
            let (project, session) = *opened;
            return Ok(Some((project, session, None)));
        }
        session::Opened::Refused(err) => return Err(anyhow!(err.in_folder(dir))),
        session::Opened::OnlyConflicts { files, lock } => (files, lock),
    };
    let Some(mut resolver) = Resolver::new(files) else {
        bail!(
            "{}: merge conflicts were reported but none found",
            dir.display()
        );
    };
    resolver.sides = crate::store::git::merge_sides(dir);
    if !resolve_on_screen(dir, theme, &mut resolver)? {
        eprintln!(
            "margin: {} merge conflict(s) left as they were; nothing was written (`margin resolve {}` lists them)",
            resolver.order.len(),
            dir.display()
        );
        return Ok(None);
    }
    match Session::open_locked(dir, lock) {
        session::Opened::Ready(opened) => {
            let (project, session) = *opened;
            Ok(Some((project, session, Some(resolver.summary()))))
        }
        session::Opened::Refused(err) => Err(anyhow!(err.in_folder(dir))),
        session::Opened::OnlyConflicts { files, .. } => bail!(
            "{} file(s) in {} still hold merge conflicts; `margin resolve {}` lists them",
            files.len(),
            dir.display(),
            dir.display()
        ),
    }
}

/// Opens the shown conflict in $EDITOR and keeps what the analyst saved.
fn edit_on_screen(screen: &mut ratatui::DefaultTerminal, resolver: &mut Resolver) -> Result<Step> {
    let Some(text) = resolver.edit_text() else {
        return Ok(Step::Stay);
    };
    Ok(match terminal::edit_in_editor(screen, &text)? {
        terminal::Edited::Text(text) => resolver.keep_edited(text),
        terminal::Edited::Failed => {
            resolver.message = Some("the editor failed; nothing was kept".into());
            Step::Stay
        }
        terminal::Edited::NotUtf8 { kept } => {
            resolver.message = Some(format!(
                "the editor saved text that is not UTF-8 (kept in {}); nothing was kept",
                kept.display()
            ));
            Step::Stay
        }
    })
}

/// Runs the screen until every conflict is decided and written (true) or the
/// analyst leaves (false).
fn resolve_on_screen(dir: &Path, theme: Option<&str>, resolver: &mut Resolver) -> Result<bool> {
    let config_dir = config::config_dir();
    // The user's keys here too (their problems are told by the workbench).
    resolver.keymap = super::load_keymap(config_dir.as_deref()).0;
    let (palette, _) = super::palette::load(
        theme,
        config_dir.as_deref(),
        super::palette::no_color_requested(),
    )
    .map_err(|e| anyhow!(e))?;
    let stop = terminal::termination_flag().context("could not watch for signals")?;
    terminal::install_panic_hook();
    let mut screen = terminal::enter().context("could not set up the terminal")?;
    let result = (|| -> Result<bool> {
        loop {
            screen.draw(|frame| render::resolve::render(resolver, dir, &palette, frame))?;
            // Wake up now and then to notice a termination signal.
            while !event::poll(Duration::from_millis(100))? {
                if stop.stopped() {
                    return Ok(false);
                }
                if stop.take_suspend() {
                    terminal::suspend(&mut screen)?;
                    screen.draw(|frame| render::resolve::render(resolver, dir, &palette, frame))?;
                }
            }
            let Event::Key(key) = event::read()? else {
                continue;
            };
            if key.kind == KeyEventKind::Release {
                continue;
            }
            let mut step = resolver.handle_key(key);
            if step == Step::Edit {
                step = edit_on_screen(&mut screen, resolver)?;
            }
            match step {
                Step::Stay | Step::Edit => {}
                Step::Leave => return Ok(false),
                Step::Decided => match conflicts::write(dir, &resolver.decisions()) {
                    Ok(_) => return Ok(true),
                    // Say why and let the analyst choose again.
                    Err(err) => resolver.message = Some(format!("not written: {err}")),
                },
            }
        }
    })();
    terminal::leave();
    if let Some(code) = stop.exit_code() {
        // 128 + the signal, as a shell reports a process a signal ended.
        std::process::exit(code);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::conflicts::conflicts_in;
    use crate::merge::markers::with_markers;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn file(rel: &str, ours: &str, theirs: &str) -> ConflictedFile {
        let text = with_markers(ours, theirs);
        ConflictedFile {
            rel: rel.into(),
            conflicts: conflicts_in(&text),
            text,
        }
    }

    fn press(r: &mut Resolver, keys: &str) -> Vec<Step> {
        keys.chars()
            .map(|c| r.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
            .collect()
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
        assert_eq!(press(&mut r, "jj"), [Step::Stay, Step::Stay]);
        assert_eq!(r.shown().expect("shown").file.rel, "themes.ron");
        // Keeping theirs on the last one wraps to the first undecided.
        assert_eq!(press(&mut r, "t"), [Step::Stay]);
        assert_eq!(r.selected, 0);
        assert_eq!(press(&mut r, "o"), [Step::Stay]);
        assert_eq!((r.selected, r.decided()), (1, 2));
        assert_eq!(
            press(&mut r, "pnt"),
            [Step::Stay, Step::Stay, Step::Decided]
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
        assert_eq!(press(&mut r, "b"), [Step::Stay]);
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
        assert_eq!(press(&mut r, "e"), [Step::Edit]);
        assert_eq!(r.edit_text().as_deref(), Some("a\nA\n"));
        assert_eq!(r.keep_edited("a2\n".into()), Step::Stay);
        assert_eq!(r.selected, 1);
        press(&mut r, "k");
        assert_eq!(r.edit_text().as_deref(), Some("a2\n"), "the edit again");
        assert_eq!(press(&mut r, "jot").last(), Some(&Step::Decided));
        let decisions = r.decisions();
        let text = conflicts::resolve_text(&decisions[0].file.text, &decisions[0].sides);
        assert_eq!(text, "a2\nb\nc\nd\n");
    }

    #[test]
    fn q_leaves_and_other_keys_explain() {
        let mut r = resolver();
        assert_eq!(press(&mut r, "x"), [Step::Stay]);
        assert!(
            r.message
                .as_deref()
                .is_some_and(|m| m.contains("o keeps ours"))
        );
        assert_eq!(press(&mut r, "kkq"), [Step::Stay, Step::Stay, Step::Leave]);
        assert_eq!(r.selected, 0, "moving stops at the ends");
        assert_eq!(r.decided(), 0);
        assert!(Resolver::new(Vec::new()).is_none());
    }

    #[test]
    fn the_resolvers_keys_come_from_the_keymap_and_can_be_rebound() {
        let mut r = resolver();
        let user = Keymap::parse(
            r#"{"resolver": {"B": keep_both, "E": edit_conflict}}"#,
            Path::new("keymap.ron"),
        )
        .expect("parses");
        r.keymap.merge(user);
        assert_eq!(press(&mut r, "B"), [Step::Stay]);
        assert_eq!(r.choices[0], Some(Keep::Both));
        assert_eq!(press(&mut r, "E"), [Step::Edit]);
        // A stray key is answered with the keys as bound now.
        press(&mut r, "x");
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

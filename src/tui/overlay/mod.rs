//! Overlays on top of the panes and screens: pickers, prompts, confirmations,
//! extract lists, help, the message log and the text editors. Each kind is
//! one module here owning its state, its keys and its drawing behind the
//! `Overlay` trait; `App::overlay` holds at most one. Keys reach the open
//! overlay first (input.rs), and it is drawn last, over everything
//! (render/mod.rs), so a new kind is one new file: nothing central names it.

pub mod code_form;
pub mod confirm;
pub mod fuzzy;
pub mod help;
pub mod memo;
pub mod messages;
pub mod overview;
pub mod picker;
pub mod popup;
pub mod prompt;
pub mod results;
pub mod textarea;

pub use results::Extract;

use super::app::{App, Effect};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use ratatui::layout::Rect;
use std::any::Any;

/// What kind of overlay is open: a name for tests and the mode badge the
/// status line shows while it is open. Each kind declares its own constant
/// (`OverlayKind::PICKER` in picker.rs...), so the set stays open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OverlayKind {
    pub name: &'static str,
    pub badge: &'static str,
}

/// One interaction over the panes. The workbench holds it as
/// `Box<dyn Overlay>`; tests read it through the driver.
pub trait Overlay: Any {
    fn kind(&self) -> OverlayKind;

    /// Handles a key. The overlay is taken out of `app` meanwhile: it puts
    /// itself back (`app.overlay = Some(self)`) to stay open, and closes by
    /// not doing so; what it opens instead it puts there itself.
    fn keys(self: Box<Self>, app: &mut App, key: KeyEvent) -> Vec<Effect>;

    /// Handles the mouse while open (after keys, before anything under it,
    /// which the mouse does not reach while an overlay is open).
    fn mouse(&mut self, _app: &mut App, _mouse: MouseEvent) {}

    /// Draws it over `area` (the whole screen), after everything else.
    fn draw(&self, app: &App, frame: &mut Frame, area: Rect);

    /// A picker's or list's title, a prompt's question, a confirmation's
    /// message.
    fn title(&self) -> Option<&str> {
        None
    }

    /// The items as shown, for tests: a picker's matching labels.
    fn items(&self) -> Vec<String> {
        Vec::new()
    }

    /// The selected row of a list.
    fn selected(&self) -> Option<usize> {
        None
    }

    /// How far it is scrolled.
    fn scroll(&self) -> Option<usize> {
        None
    }

    /// What is typed into it (a prompt's text, a picker's filter).
    fn typed(&self) -> Option<&str> {
        None
    }
}

impl dyn Overlay {
    /// The overlay as its own type, if it is a `T`.
    pub fn get<T: Overlay>(&self) -> Option<&T> {
        (self as &dyn Any).downcast_ref()
    }

    /// The overlay as its own type, to change, if it is a `T`.
    pub fn get_mut<T: Overlay>(&mut self) -> Option<&mut T> {
        (self as &mut dyn Any).downcast_mut()
    }
}

/// Opens `overlay` over whatever is open.
pub fn open(app: &mut App, overlay: impl Overlay) {
    app.overlay = Some(Box::new(overlay));
}

/// The open overlay, if it is a `T`, to change.
pub fn open_mut<T: Overlay>(app: &mut App) -> Option<&mut T> {
    app.overlay.as_deref_mut()?.get_mut::<T>()
}

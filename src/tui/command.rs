//! Commands a feature declares in its own file, without touching the
//! `Action` enum: a name for keymap.ron, a one-line description for help and
//! the palette, and what it does. Each is an element of the `COMMANDS`
//! distributed slice (linkme: the linker gathers them), so keymap.ron, help,
//! the palette and rebinding find it as they find a built-in action, through
//! `Action::Command`. A feature file declares one with the `command!` macro:
//!
//! ```text
//! crate::command!(Command {
//!     name: "document_overview",
//!     description: "Show the open document's overview",
//!     run: open,
//! });
//! ```

use super::app::{App, Effect};
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

/// One command: its keymap.ron name (snake_case, unique among actions and
/// commands), its description, and what it does.
pub struct Command {
    pub name: &'static str,
    pub description: &'static str,
    pub run: fn(&mut App) -> Vec<Effect>,
}

pub use registry::COMMANDS;

// linkme gathers the commands in a link section of their own, which rustc's
// unsafe_code lint flags (the crate denies it): this module and the
// `command!` macro are the only places allowed, and they hold only typed
// statics of `Command`.
#[allow(unsafe_code)]
mod registry {
    /// Every command declared with `command!`.
    #[linkme::distributed_slice]
    pub static COMMANDS: [super::Command];
}

/// Declares a command in the file of the feature it belongs to (see the
/// module's documentation).
#[macro_export]
macro_rules! command {
    ($command:expr) => {
        #[allow(unsafe_code)]
        const _: () = {
            #[linkme::distributed_slice($crate::tui::command::COMMANDS)]
            static COMMAND: $crate::tui::command::Command = $command;
        };
    };
}

/// The declared commands, by name (the linker's order is not a stable one).
pub fn all() -> Vec<&'static Command> {
    let mut all: Vec<&'static Command> = COMMANDS.iter().collect();
    all.sort_by_key(|c| c.name);
    all
}

/// The command named `name`, if one is declared.
pub fn find(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name == name)
}

// A command is known by its name: two with one name cannot both be bound.
impl PartialEq for Command {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Command {}

impl Hash for Command {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl PartialOrd for Command {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Command {
    fn cmp(&self, other: &Self) -> Ordering {
        self.name.cmp(other.name)
    }
}

impl fmt::Debug for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Command({})", self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::keymap::{Context, Key, Keymap};
    use std::path::Path;

    fn say_hello(app: &mut App) -> Vec<Effect> {
        app.say("hello", crate::tui::app::Tone::Info);
        Vec::new()
    }

    crate::command!(Command {
        name: "say_hello_for_a_test",
        description: "Say hello (a command only the unit tests declare)",
        run: say_hello,
    });

    #[test]
    fn a_declared_command_is_an_action_keymap_ron_names() {
        let command = find("say_hello_for_a_test").expect("declared above");
        let action = Action::Command(command);
        assert!(Action::every().contains(&action));
        assert_eq!(Action::from_name("say_hello_for_a_test"), Some(action));
        assert_eq!(ron::to_string(&action).ok().as_deref(), Some(action.name()));
        let keymap: Keymap<Action> = Keymap::parse(
            r#"{"transcript": {"f5": say_hello_for_a_test, "j": move_down}}"#,
            Path::new("keymap.ron"),
        )
        .expect("parses");
        let f5 = Key::parse("f5").expect("key");
        assert_eq!(keymap.lookup(Context::Transcript, f5), Some(&action));
        assert_eq!(keymap.keys_for(Context::Transcript, &action), vec![f5]);
    }

    #[test]
    fn an_unknown_name_is_an_error_at_its_line_and_column() {
        let errors = Keymap::<Action>::parse(
            "{\n  \"transcript\": {\n    \"f5\": say_helo_for_a_test,\n  },\n}\n",
            Path::new("keymap.ron"),
        )
        .expect_err("a misspelt name");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("keymap.ron:3:"), "{errors:?}");
        assert!(errors[0].contains("say_helo_for_a_test"), "{errors:?}");
        assert!(errors[0].contains("`say_hello_for_a_test`"), "{errors:?}");
    }
}

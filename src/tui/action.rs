//! The one vocabulary of the workbench. Keys map to actions (keymap.ron), the
//! command palette lists them, the help screen describes them, and scripted
//! tests send them. Each variant's doc comment is its one-line description, so
//! an undocumented action cannot compile. A feature can also declare its own
//! command in its own file (`command::COMMANDS`): it is an action too,
//! `Action::Command`, named in keymap.ron, help and the palette alike.

use super::command::{self, Command};
use serde::de::{self, Deserializer, EnumAccess, VariantAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::sync::OnceLock;

macro_rules! actions {
    ($($(#[doc = $doc:literal])+ $variant:ident,)*) => {
        /// Everything a key, the palette or a test can ask the workbench to do.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $($(#[doc = $doc])+ $variant,)*
            /// A command declared by a feature in its own file.
            Command(&'static Command),
        }

        impl Action {
            /// Every built-in action, in the order of the palette.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The one-line description shown by help and the palette.
            pub fn description(self) -> &'static str {
                match self {
                    $(Action::$variant => concat!($($doc),+).trim(),)*
                    Action::Command(command) => command.description,
                }
            }

            /// The variant's name in Rust (`CodeSelection`).
            fn variant_name(self) -> &'static str {
                match self {
                    $(Action::$variant => stringify!($variant),)*
                    Action::Command(command) => command.name,
                }
            }
        }
    };
}

actions! {
    /// Quit margin (every edit is already saved)
    Quit,
    /// Show every key and what it does
    Help,
    /// Run any command by name
    Palette,
    /// Focus the next pane
    NextPane,
    /// Focus the previous pane
    PrevPane,
    /// Focus the transcript
    FocusTranscript,
    /// Focus the codebook
    FocusCodebook,
    /// Focus the theme tree
    FocusThemes,
    /// Undo the last edit
    Undo,
    /// Redo the last undone edit
    Redo,
    /// Open a document through a fuzzy picker
    OpenDocument,
    /// Search every document; the hits can be coded in one step
    SearchProject,
    /// Edit the memo on the whole project
    ProjectMemo,
    /// Try again to save edits that could not be saved
    SaveAgain,
    /// Reload the project from disk (asks first when edits are unsaved)
    ReloadProject,
    /// Settle codings that need you: removed codes after a merge, codings whose words a correction removed
    UnplacedCodings,
    /// Move left one character
    MoveLeft,
    /// Move right one character
    MoveRight,
    /// Move up one row or item
    MoveUp,
    /// Move down one row or item
    MoveDown,
    /// Move to the next word
    WordForward,
    /// Move to the previous word
    WordBackward,
    /// Move to the start of the line
    LineStart,
    /// Move to the end of the line
    LineEnd,
    /// Move to the previous speaker turn
    PrevTurn,
    /// Move to the next speaker turn
    NextTurn,
    /// Move up one page
    PageUp,
    /// Move down one page
    PageDown,
    /// Move to the top
    Top,
    /// Move to the bottom
    Bottom,
    /// Start selecting characters (motions extend it)
    Select,
    /// Start selecting whole lines
    SelectLines,
    /// Cancel the selection, search or filter
    Cancel,
    /// Code the selection through a fuzzy code picker (a new name creates the code)
    CodeSelection,
    /// Code the selection in vivo: a new code named after the selected words
    CodeInVivo,
    /// Code the selection with the last code used
    RepeatCoding,
    /// Remove a coding under the cursor (asks which when several)
    RemoveCoding,
    /// Widen the coding under the cursor by one word at its end
    WidenCoding,
    /// Narrow the coding under the cursor by one word at its end
    NarrowCoding,
    /// Search this document with a regular expression
    Search,
    /// Go to the next search hit
    SearchNext,
    /// Go to the previous search hit
    SearchPrev,
    /// Edit the memo here: on the coding, code or theme under the cursor
    EditMemo,
    /// Edit the memo here in $EDITOR
    EditMemoInEditor,
    /// Edit the memo on the open document
    DocumentMemo,
    /// List every extract of the code under the cursor
    Retrieve,
    /// Filter the codebook as you type
    FilterCodes,
    /// Add a code to the codebook
    AddCode,
    /// Rename the code or theme under the cursor
    Rename,
    /// Recolour the code under the cursor
    RecolourCode,
    /// Delete the code under the cursor and its codings (asks first)
    DeleteCode,
    /// Show and edit the code's description, inclusion, exclusion and example
    EditCode,
    /// Put the code under the cursor into a theme
    PutInTheme,
    /// Take the code under the cursor out of its theme
    MoveOutOfTheme,
    /// Add a top-level theme
    AddTheme,
    /// Add a subtheme under the theme under the cursor
    AddSubtheme,
    /// Fold or unfold the theme under the cursor
    ToggleFold,
    /// Step the theme's status: candidate, reviewed, final
    CycleThemeStatus,
    /// Mark or unmark the code under the cursor (marked codes merge together)
    ToggleMark,
    /// Merge the marked codes (or the code under the cursor) into a code you pick
    MergeCodes,
    /// Split a code: list its extracts, mark some with space, s moves them to another code
    SplitCode,
    /// Delete the code under the cursor, giving its codings to another code you pick
    DeleteCodeReassign,
    /// Promote the code under the cursor to a theme of the same name
    PromoteCode,
    /// Demote the theme under the cursor back to a code
    DemoteTheme,
    /// Move the theme under the cursor under another theme or to the top level
    MoveTheme,
    /// Merge the theme under the cursor into another theme
    MergeThemes,
    /// Delete the theme under the cursor (asks what happens to its codes)
    DeleteTheme,
    /// Move the theme or code under the cursor up among its siblings
    MoveItemUp,
    /// Move the theme or code under the cursor down among its siblings
    MoveItemDown,
    /// Review a theme: read every extract of its codes, set its status and definition
    ReviewTheme,
    /// Set the theme's status (candidate, reviewed, final), with an optional reason
    SetThemeStatus,
    /// Edit the theme's definition
    EditDefinition,
    /// Show the decision journal, newest first
    ShowJournal,
    /// Leave review mode or the journal, back to the panes
    Back,
    /// List codes by inter-coder agreement, worst first (two coders, switchable)
    AgreementView,
    /// Compare another pair of coders in the agreement view
    ChooseCoderPair,
    /// Choose whose codings are shown: mine, mine and another coder's, or all
    ChooseLayer,
    /// Blind mode: hide every other coder's codings while you code
    ToggleBlind,
    /// Go to the next place where the compared coders disagree
    NextDisagreement,
    /// Go to the previous place where the compared coders disagree
    PrevDisagreement,
    /// Show and edit the open document's attributes (role, age...), one undoable edit each
    EditAttributes,
    /// Star or unstar the extract as illustrative: reports quote starred extracts first
    ToggleStar,
    /// Charts: a bar chart of code (or theme) frequencies
    ShowFrequencies,
    /// Charts: the co-occurrence heat table and the strongest pairs
    ShowCooccurrence,
    /// Charts: codings per code and value of an attribute
    ShowCodeByAttribute,
    /// Charts: codings per code and document (the code x document matrix)
    ShowCodeByDocument,
    /// Query every extract of the code or theme (subthemes too), with document, speaker, lines and coder
    QueryExtracts,
    /// In the extracts query: filter by attribute values (role=nurse) and coder (coder:asha)
    FilterExtracts,
    /// Charts: the theme tree drawn as a thematic map
    ShowThematicMap,
    /// In the frequency chart: count per theme or per code
    ToggleThemeCounts,
    /// In the charts: split by the next attribute
    NextAttribute,
    /// In the co-occurrence table: count overlapping passages, turns or documents
    NextCoocUnit,
    /// Read the whole speaker turn around the selected extract (again: the extract alone)
    ReadTurn,
    /// Read the theme's definition in full in the reading pane (again: the extract)
    ReadDefinition,
    /// Scroll the reading pane down
    ReadingDown,
    /// Scroll the reading pane up
    ReadingUp,
    /// Go back to review mode where Enter left it
    ReturnToReview,
    /// Show every message of this session, newest last
    MessageLog,
    /// Move to the end of the word
    WordEnd,
    /// Move to the start of the next sentence
    NextSentence,
    /// Move to the start of the sentence (or the previous one)
    PrevSentence,
    /// Widen the coding under the cursor by one word at its start
    WidenCodingStart,
    /// Narrow the coding under the cursor by one word at its start
    NarrowCodingStart,
    /// Copy the selection (or the coding under the cursor, or the line) with its citation
    CopyPassage,
    /// In a code's extracts: mark or unmark one to split off
    MarkExtract,
    /// In a code's extracts: move the marked ones to another code
    SplitMarked,
    /// In project search hits: code them all (the matches, or their sentences, paragraphs or turns)
    CodeAllHits,
    /// Answer yes to the question asked
    Confirm,
    /// Answer no to the question asked: nothing changes
    Decline,
    /// In a picker or prompt: clear what is typed
    ClearText,
    /// In a picker or prompt: delete the word before the cursor
    EraseWord,
    /// In a picker or prompt: delete the character before the cursor
    EraseChar,
    /// Merge conflicts: keep our side of the conflict shown
    KeepOurs,
    /// Merge conflicts: keep their side of the conflict shown
    KeepTheirs,
    /// Merge conflicts: keep both sides (two values of one field joined, ours first)
    KeepBoth,
    /// Merge conflicts: write the block in $EDITOR, starting from both sides
    EditConflict,
    /// In a memo or a code's definition: save it
    Save,
    /// In a code's definition: go to the next field
    NextField,
    /// In a code's definition: go to the previous field
    PrevField,
}

/// `CodeSelection` as keymap.ron writes it: `code_selection`.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Every name keymap.ron accepts: the built-in actions' (in `ALL` order),
/// then the declared commands'. Made once; 'static for serde's errors.
fn names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let builtin = Action::ALL
            .iter()
            .map(|a| &*Box::leak(snake_case(a.variant_name()).into_boxed_str()));
        builtin
            .chain(command::all().into_iter().map(|c| c.name))
            .collect()
    })
}

impl Action {
    /// Every action: the built-in ones, then the declared commands by name.
    pub fn every() -> Vec<Action> {
        Action::ALL
            .iter()
            .copied()
            .chain(command::all().into_iter().map(Action::Command))
            .collect()
    }

    /// The name used in keymap.ron (`code_selection`).
    pub fn name(self) -> &'static str {
        match self {
            Action::Command(command) => command.name,
            builtin => Action::ALL
                .iter()
                .position(|a| *a == builtin)
                .map_or("", |i| names()[i]),
        }
    }

    /// The action keymap.ron calls `name`, built in or declared.
    pub fn from_name(name: &str) -> Option<Action> {
        match names().iter().position(|n| *n == name) {
            Some(i) if i < Action::ALL.len() => Some(Action::ALL[i]),
            _ => command::find(name).map(Action::Command),
        }
    }

    /// Actions that answer an open list or question only, so the palette
    /// (which opens over the panes) does not offer them.
    pub fn in_overlay_only(self) -> bool {
        matches!(
            self,
            Action::MarkExtract
                | Action::SplitMarked
                | Action::CodeAllHits
                | Action::Confirm
                | Action::Decline
                | Action::ClearText
                | Action::EraseWord
                | Action::EraseChar
                | Action::KeepOurs
                | Action::KeepTheirs
                | Action::KeepBoth
                | Action::EditConflict
                | Action::Save
                | Action::NextField
                | Action::PrevField
        )
    }

    /// Where a list cursor at `index` of `len` rows goes on this action, or
    /// None when the action is not a list motion (so callers match motions once,
    /// here, and handle everything else themselves).
    pub fn list_motion(self, index: usize, len: usize, page: usize) -> Option<usize> {
        let last = len.saturating_sub(1);
        Some(match self {
            Action::MoveUp => index.saturating_sub(1),
            Action::MoveDown => (index + 1).min(last),
            Action::PageUp => index.saturating_sub(page),
            Action::PageDown => (index + page).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return None,
        })
    }
}

// Written and read by name, as a unit variant (`move_down` in keymap.ron),
// so that declared commands read as the built-in actions do.
impl Serialize for Action {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit_variant("Action", 0, self.name())
    }
}

impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_enum("Action", names(), ActionVisitor)
    }
}

struct ActionVisitor;

impl ActionVisitor {
    fn named<E: de::Error>(name: &str) -> Result<Action, E> {
        Action::from_name(name).ok_or_else(|| E::unknown_variant(name, names()))
    }
}

impl<'de> Visitor<'de> for ActionVisitor {
    type Value = Action;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("the name of an action, such as move_down")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Action, E> {
        ActionVisitor::named(name)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Action, A::Error> {
        let (name, variant): (Identifier, _) = data.variant()?;
        variant.unit_variant()?;
        ActionVisitor::named(&name.0)
    }
}

/// A bare name (`move_down`), as RON writes an enum's unit variant.
struct Identifier(String);

impl<'de> Deserialize<'de> for Identifier {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdentifierVisitor;
        impl Visitor<'_> for IdentifierVisitor {
            type Value = Identifier;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a name")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<Identifier, E> {
                Ok(Identifier(name.to_string()))
            }
        }
        deserializer.deserialize_identifier(IdentifierVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_motions_stay_in_the_list_and_others_are_not_motions() {
        assert_eq!(Action::MoveDown.list_motion(4, 5, 10), Some(4));
        assert_eq!(Action::MoveUp.list_motion(0, 5, 10), Some(0));
        assert_eq!(Action::PageDown.list_motion(1, 5, 10), Some(4));
        assert_eq!(Action::PageUp.list_motion(3, 5, 2), Some(1));
        assert_eq!(Action::Bottom.list_motion(0, 0, 10), Some(0));
        assert_eq!(Action::Retrieve.list_motion(2, 5, 10), None);
    }

    #[test]
    fn every_action_has_a_description_and_a_keymap_name() {
        for action in Action::every() {
            assert!(!action.description().is_empty(), "{action:?}");
            let ron_name = ron::to_string(&action).expect("serialises");
            assert_eq!(ron_name, action.name());
            let parsed: Action = ron::from_str(&ron_name).expect("parses back");
            assert_eq!(parsed, action);
        }
        assert_eq!(Action::CodeSelection.name(), "code_selection");
        assert_eq!(Action::from_name("move_down"), Some(Action::MoveDown));
        assert_eq!(Action::from_name("fly"), None);
    }
}

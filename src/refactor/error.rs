//! Why a refactor is refused: one variant per way, each carrying the names
//! its sentence needs, so a face that must tell cases apart matches the
//! variant and every face shows the same words. Nothing has changed when one
//! is returned.

use super::{count, quoted_list};
use crate::edit::{EditError, names::NameError};
use std::fmt;

/// What a refusal is about, where a rule holds for codes and themes alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Code,
    Theme,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Code => "code",
            Kind::Theme => "theme",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefactorError {
    /// A code id the project does not hold.
    UnknownCode(String),
    /// A theme id the project does not hold.
    UnknownTheme(String),
    /// A document id the project does not hold.
    UnknownDocument(String),
    /// A new name that is empty once trimmed.
    EmptyName,
    /// A rename to the name the code or theme already has.
    SameName { kind: Kind, name: String },
    /// A rename to a name another code or theme has.
    NameTaken { kind: Kind, name: String },
    /// A merge of a code or theme into itself.
    MergeIntoItself(String),
    /// A merge whose source is empty.
    NothingToMerge,
    /// A theme merge into one of the source's own subthemes.
    MergeIntoDescendant { into: String, from: String },
    /// A split into the code being split.
    SplitIntoItself(String),
    /// A split into a new code whose name a code already has.
    SplitTargetExists(String),
    /// A split by documents in which the code has no codings.
    NoCodingsIn {
        code: String,
        documents: Vec<String>,
    },
    /// A split naming extracts the code does not have.
    NoSuchExtracts { code: String, missing: Vec<String> },
    /// A split naming no extract at all.
    NothingToSplit,
    /// Text that does not read as DOC/CODER/START-END.
    BadExtractId(String),
    /// A move next to the thing being moved.
    NextToItself(Kind),
    /// A code moved before or after a code that is in no theme.
    SiblingUnplaced(String),
    /// A code index past the end of the theme it goes into.
    CodeIndexPastEnd {
        index: usize,
        theme: String,
        room: usize,
    },
    /// A theme index past the end of the list it goes into.
    ThemeIndexPastEnd { index: usize, room: usize },
    /// A move to where the code or theme is already.
    AlreadyThere { kind: Kind, name: String },
    /// A theme moved under itself or under one of its subthemes: a cycle.
    WouldCycle { theme: String, under: String },
    /// A promotion to a theme whose name a theme already has.
    ThemeExists(String),
    /// A demotion of a theme that still has subthemes.
    HasSubthemes { theme: String, subthemes: usize },
    /// A demotion of a theme holding other codes, without saying what to do
    /// with them.
    DemoteNeedsChoice {
        theme: String,
        others: Vec<String>,
        codings: usize,
        /// Where kept codes would go: "'Parent'" or "the unsorted codes".
        keep_in: String,
    },
    /// A demotion to a code whose name a code outside the theme has.
    CodeExistsOutside(String),
    /// A code deletion, without saying what to do with its codings.
    CodeHasCodings {
        code: String,
        codings: usize,
        documents: usize,
    },
    /// A theme deletion, without saying what to do with what it holds.
    ThemeNotEmpty {
        theme: String,
        subthemes: usize,
        codes: usize,
        codings: usize,
        documents: usize,
        keep_in: String,
    },
    /// Codings reassigned to a code that is itself being deleted.
    ReassignToDeleted,
    /// Codings reassigned to a code inside the theme being deleted.
    ReassignInside { code: String, theme: String },
    /// A status change that changes nothing.
    StatusUnchanged { theme: String, status: String },
    /// A speaker name that would not read back as a speaker label.
    BadSpeakerName(String),
    /// A speaker no turn is labelled with.
    NoSpeaker { speaker: String, in_documents: bool },
    /// Keeping a split of a code none of whose codings were made beside it.
    NoSplitBeside(String),
    /// A new code's name broke the naming rule.
    Name(NameError),
    /// A planned step did not apply to the project as planned so far.
    Edit(EditError),
}

impl std::error::Error for RefactorError {}

impl From<NameError> for RefactorError {
    fn from(err: NameError) -> Self {
        RefactorError::Name(err)
    }
}

impl From<EditError> for RefactorError {
    fn from(err: EditError) -> Self {
        RefactorError::Edit(err)
    }
}

impl fmt::Display for RefactorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use RefactorError as E;
        match self {
            E::UnknownCode(id) => write!(f, "no code '{id}'"),
            E::UnknownTheme(id) => write!(f, "no theme '{id}'"),
            E::UnknownDocument(id) => write!(f, "no document '{id}'"),
            E::EmptyName => write!(f, "a name cannot be empty"),
            E::SameName { kind, name } => {
                write!(f, "{} '{name}' is already called that", kind.word())
            }
            E::NameTaken { kind, name } => write!(
                f,
                "another {0} is called '{name}'; to combine the two, merge them (margin {0} merge)",
                kind.word()
            ),
            E::MergeIntoItself(name) => write!(f, "cannot merge '{name}' into itself"),
            E::NothingToMerge => write!(f, "name at least one code to merge"),
            E::MergeIntoDescendant { into, from } => write!(
                f,
                "'{into}' is inside '{from}'; move it out first (margin theme move) or merge the other way round"
            ),
            E::SplitIntoItself(name) => write!(f, "cannot split '{name}' into itself"),
            E::SplitTargetExists(name) => write!(
                f,
                "a code '{name}' exists already; name it as the target to move extracts into it"
            ),
            E::NoCodingsIn { code, documents } => {
                write!(f, "'{code}' has no codings in {}", documents.join(", "))
            }
            E::NoSuchExtracts { code, missing } => write!(
                f,
                "'{code}' has no extract {}; see `margin code extracts`",
                missing.join(", ")
            ),
            E::NothingToSplit => write!(f, "name at least one extract to split off"),
            E::BadExtractId(text) => write!(
                f,
                "'{text}' is not an extract id: expected DOC/CODER/START-END, as `margin code extracts` lists them"
            ),
            E::NextToItself(kind) => write!(f, "a {} cannot move next to itself", kind.word()),
            E::SiblingUnplaced(name) => write!(
                f,
                "'{name}' is in no theme, so nothing can go before or after it"
            ),
            E::CodeIndexPastEnd { index, theme, room } => write!(
                f,
                "index {index} is past the end of '{theme}', which would hold {room} other codes"
            ),
            E::ThemeIndexPastEnd { index, room } => write!(
                f,
                "index {index} is past the end: there would be {room} other themes there"
            ),
            E::AlreadyThere { kind, name } => {
                write!(f, "{} '{name}' is there already", kind.word())
            }
            E::WouldCycle { theme, under } => write!(
                f,
                "cannot move '{theme}' under '{under}', which is inside it"
            ),
            E::ThemeExists(name) => write!(
                f,
                "a theme '{name}' exists already; move the code into it instead (margin code move --theme)"
            ),
            E::HasSubthemes { theme, subthemes } => write!(
                f,
                "theme '{theme}' has {}; move them out first (margin theme move) or merge the theme into another (margin theme merge)",
                count(*subthemes, "subtheme", "subthemes")
            ),
            E::DemoteNeedsChoice {
                theme,
                others,
                codings,
                keep_in,
            } => write!(
                f,
                "theme '{theme}' holds {} ({}) with {}; choose --merge-codes to merge them into code '{theme}', or --keep-codes to move them to {keep_in} beside it",
                count(others.len(), "other code", "other codes"),
                quoted_list(others),
                count(*codings, "coding", "codings"),
            ),
            E::CodeExistsOutside(name) => write!(
                f,
                "a code '{name}' exists outside the theme; rename one of them first"
            ),
            E::CodeHasCodings {
                code,
                codings,
                documents,
            } => write!(
                f,
                "code '{code}' has {} in {}; pass --delete-codings to delete them with it, or --reassign-to CODE to give them to another code",
                count(*codings, "coding", "codings"),
                count(*documents, "document", "documents")
            ),
            E::ThemeNotEmpty {
                theme,
                subthemes,
                codes,
                codings,
                documents,
                keep_in,
            } => write!(
                f,
                "theme '{theme}' holds {} and {} with {} in {}; choose --keep-codes to move them to {keep_in}, --delete-codings to delete the codes with their codings, or --reassign-to CODE to give the codings to another code first",
                count(*subthemes, "subtheme", "subthemes"),
                count(*codes, "code", "codes"),
                count(*codings, "coding", "codings"),
                count(*documents, "document", "documents"),
            ),
            E::ReassignToDeleted => {
                write!(f, "cannot reassign codings to the code being deleted")
            }
            E::ReassignInside { code, theme } => write!(
                f,
                "'{code}' is inside theme '{theme}', which is being deleted; reassign to a code outside it"
            ),
            E::StatusUnchanged { theme, status } => write!(
                f,
                "theme '{theme}' is {status} with that definition already"
            ),
            E::BadSpeakerName(name) => write!(
                f,
                "'{name}' cannot be a speaker's name: use letters, digits, spaces, dots, hyphens"
            ),
            E::NoSpeaker {
                speaker,
                in_documents,
            } => write!(
                f,
                "no speaker '{speaker}' in {}; `margin speakers list` shows who speaks",
                if *in_documents {
                    "those documents"
                } else {
                    "the project"
                }
            ),
            E::NoSplitBeside(code) => {
                write!(f, "no coding of '{code}' was made beside a split of it")
            }
            E::Name(err) => err.fmt(f),
            E::Edit(err) => err.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> String {
        text.to_string()
    }

    /// Each refusal reads exactly as the planners wrote it before it was a
    /// variant: the CLI's and the workbench's tests and users see these words.
    #[test]
    fn every_refusal_says_what_it_said_as_text() {
        use RefactorError as E;
        let cases: Vec<(RefactorError, &str)> = vec![
            (E::UnknownCode(s("nope")), "no code 'nope'"),
            (E::UnknownTheme(s("nope")), "no theme 'nope'"),
            (E::UnknownDocument(s("P9")), "no document 'P9'"),
            (E::EmptyName, "a name cannot be empty"),
            (
                E::SameName {
                    kind: Kind::Code,
                    name: s("Chaos"),
                },
                "code 'Chaos' is already called that",
            ),
            (
                E::SameName {
                    kind: Kind::Theme,
                    name: s("Routine"),
                },
                "theme 'Routine' is already called that",
            ),
            (
                E::NameTaken {
                    kind: Kind::Code,
                    name: s("Calm"),
                },
                "another code is called 'Calm'; to combine the two, merge them (margin code merge)",
            ),
            (
                E::NameTaken {
                    kind: Kind::Theme,
                    name: s("Routine"),
                },
                "another theme is called 'Routine'; to combine the two, merge them (margin theme merge)",
            ),
            (
                E::MergeIntoItself(s("Chaos")),
                "cannot merge 'Chaos' into itself",
            ),
            (E::NothingToMerge, "name at least one code to merge"),
            (
                E::MergeIntoDescendant {
                    into: s("Sub"),
                    from: s("Patterns"),
                },
                "'Sub' is inside 'Patterns'; move it out first (margin theme move) or merge the other way round",
            ),
            (
                E::SplitIntoItself(s("Chaos")),
                "cannot split 'Chaos' into itself",
            ),
            (
                E::SplitTargetExists(s("Calm")),
                "a code 'Calm' exists already; name it as the target to move extracts into it",
            ),
            (
                E::NoCodingsIn {
                    code: s("Chaos"),
                    documents: vec![s("P1"), s("P2")],
                },
                "'Chaos' has no codings in P1, P2",
            ),
            (
                E::NoSuchExtracts {
                    code: s("Chaos"),
                    missing: vec![s("P1/ana/0-10")],
                },
                "'Chaos' has no extract P1/ana/0-10; see `margin code extracts`",
            ),
            (E::NothingToSplit, "name at least one extract to split off"),
            (
                E::BadExtractId(s("P1-0")),
                "'P1-0' is not an extract id: expected DOC/CODER/START-END, as `margin code extracts` lists them",
            ),
            (
                E::NextToItself(Kind::Code),
                "a code cannot move next to itself",
            ),
            (
                E::NextToItself(Kind::Theme),
                "a theme cannot move next to itself",
            ),
            (
                E::SiblingUnplaced(s("Calm")),
                "'Calm' is in no theme, so nothing can go before or after it",
            ),
            (
                E::CodeIndexPastEnd {
                    index: 5,
                    theme: s("Patterns"),
                    room: 2,
                },
                "index 5 is past the end of 'Patterns', which would hold 2 other codes",
            ),
            (
                E::ThemeIndexPastEnd { index: 4, room: 1 },
                "index 4 is past the end: there would be 1 other themes there",
            ),
            (
                E::AlreadyThere {
                    kind: Kind::Code,
                    name: s("Calm"),
                },
                "code 'Calm' is there already",
            ),
            (
                E::AlreadyThere {
                    kind: Kind::Theme,
                    name: s("Sub"),
                },
                "theme 'Sub' is there already",
            ),
            (
                E::WouldCycle {
                    theme: s("Patterns"),
                    under: s("Sub"),
                },
                "cannot move 'Patterns' under 'Sub', which is inside it",
            ),
            (
                E::ThemeExists(s("Routine")),
                "a theme 'Routine' exists already; move the code into it instead (margin code move --theme)",
            ),
            (
                E::HasSubthemes {
                    theme: s("Patterns"),
                    subthemes: 1,
                },
                "theme 'Patterns' has 1 subtheme; move them out first (margin theme move) or merge the theme into another (margin theme merge)",
            ),
            (
                E::DemoteNeedsChoice {
                    theme: s("Feelings"),
                    others: vec![s("Fear"), s("Calm")],
                    codings: 3,
                    keep_in: s("the unsorted codes"),
                },
                "theme 'Feelings' holds 2 other codes ('Fear' and 'Calm') with 3 codings; choose --merge-codes to merge them into code 'Feelings', or --keep-codes to move them to the unsorted codes beside it",
            ),
            (
                E::CodeExistsOutside(s("Feelings")),
                "a code 'Feelings' exists outside the theme; rename one of them first",
            ),
            (
                E::CodeHasCodings {
                    code: s("Chaos"),
                    codings: 1,
                    documents: 1,
                },
                "code 'Chaos' has 1 coding in 1 document; pass --delete-codings to delete them with it, or --reassign-to CODE to give them to another code",
            ),
            (
                E::ThemeNotEmpty {
                    theme: s("Patterns"),
                    subthemes: 1,
                    codes: 3,
                    codings: 4,
                    documents: 2,
                    keep_in: s("the top level"),
                },
                "theme 'Patterns' holds 1 subtheme and 3 codes with 4 codings in 2 documents; choose --keep-codes to move them to the top level, --delete-codings to delete the codes with their codings, or --reassign-to CODE to give the codings to another code first",
            ),
            (
                E::ReassignToDeleted,
                "cannot reassign codings to the code being deleted",
            ),
            (
                E::ReassignInside {
                    code: s("Calm"),
                    theme: s("Patterns"),
                },
                "'Calm' is inside theme 'Patterns', which is being deleted; reassign to a code outside it",
            ),
            (
                E::StatusUnchanged {
                    theme: s("Routine"),
                    status: s("candidate"),
                },
                "theme 'Routine' is candidate with that definition already",
            ),
            (
                E::BadSpeakerName(s("A:B")),
                "'A:B' cannot be a speaker's name: use letters, digits, spaces, dots, hyphens",
            ),
            (
                E::NoSpeaker {
                    speaker: s("Int"),
                    in_documents: false,
                },
                "no speaker 'Int' in the project; `margin speakers list` shows who speaks",
            ),
            (
                E::NoSpeaker {
                    speaker: s("Int"),
                    in_documents: true,
                },
                "no speaker 'Int' in those documents; `margin speakers list` shows who speaks",
            ),
            (
                E::NoSplitBeside(s("chaos")),
                "no coding of 'chaos' was made beside a split of it",
            ),
            (E::Name(NameError::Empty("code")), "a code needs a name"),
            (
                E::Edit(EditError::missing("code", "chaos")),
                "no code 'chaos'",
            ),
        ];
        for (err, said) in cases {
            assert_eq!(err.to_string(), said, "{err:?}");
        }
    }
}

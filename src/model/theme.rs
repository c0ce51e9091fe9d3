//! The theme tree: themes hold subthemes and member codes. A code belongs to at
//! most one theme; codes in none are "unsorted".

use super::ids::{CodeId, ThemeId};
use serde::{Deserialize, Serialize};

/// Where a theme stands in Braun & Clarke's review (phases 4 and 5).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeStatus {
    #[default]
    Candidate,
    Reviewed,
    Final,
}

impl ThemeStatus {
    pub fn label(self) -> &'static str {
        match self {
            ThemeStatus::Candidate => "candidate",
            ThemeStatus::Reviewed => "reviewed",
            ThemeStatus::Final => "final",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "candidate" => Some(ThemeStatus::Candidate),
            "reviewed" => Some(ThemeStatus::Reviewed),
            "final" => Some(ThemeStatus::Final),
            _ => None,
        }
    }
}

/// A theme with its subthemes and member codes, in the analyst's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub id: ThemeId,
    pub name: String,
    #[serde(default)]
    pub status: ThemeStatus,
    #[serde(default)]
    pub definition: String,
    #[serde(default)]
    pub codes: Vec<CodeId>,
    #[serde(default)]
    pub subthemes: Vec<Theme>,
    /// The REFI-QDA GUID of the code this theme was imported from (see
    /// `Code::guid`). A member code with the same GUID is that code's
    /// codable side: REFI's codable parent codes become a theme plus a code.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guid: String,
}

/// The editable header of a theme: what `ChangeTheme` edits touch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeFields {
    pub name: String,
    pub status: ThemeStatus,
    pub definition: String,
}

impl Theme {
    pub fn new(id: ThemeId, name: impl Into<String>) -> Self {
        Theme {
            id,
            name: name.into(),
            status: ThemeStatus::Candidate,
            definition: String::new(),
            codes: Vec::new(),
            subthemes: Vec::new(),
            guid: String::new(),
        }
    }

    pub fn fields(&self) -> ThemeFields {
        ThemeFields {
            name: self.name.clone(),
            status: self.status,
            definition: self.definition.clone(),
        }
    }

    pub fn set_fields(&mut self, fields: ThemeFields) {
        self.name = fields.name;
        self.status = fields.status;
        self.definition = fields.definition;
    }

    /// Every code in this theme and its subthemes, depth first.
    pub fn all_codes(&self) -> Vec<CodeId> {
        let mut out = self.codes.clone();
        for sub in &self.subthemes {
            out.extend(sub.all_codes());
        }
        out
    }
}

/// A theme's place in the tree: its parent (None at the top) and index among
/// its siblings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeSlot {
    pub parent: Option<ThemeId>,
    pub index: usize,
}

/// A visit of the tree in display order, with depth.
pub fn walk(themes: &[Theme]) -> Vec<(usize, &Theme)> {
    fn go<'a>(themes: &'a [Theme], depth: usize, out: &mut Vec<(usize, &'a Theme)>) {
        for theme in themes {
            out.push((depth, theme));
            go(&theme.subthemes, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    go(themes, 0, &mut out);
    out
}

pub fn find<'a>(themes: &'a [Theme], id: &ThemeId) -> Option<&'a Theme> {
    for theme in themes {
        if &theme.id == id {
            return Some(theme);
        }
        if let Some(found) = find(&theme.subthemes, id) {
            return Some(found);
        }
    }
    None
}

pub fn find_mut<'a>(themes: &'a mut [Theme], id: &ThemeId) -> Option<&'a mut Theme> {
    for theme in themes {
        if &theme.id == id {
            return Some(theme);
        }
        if let Some(found) = find_mut(&mut theme.subthemes, id) {
            return Some(found);
        }
    }
    None
}

/// The slot of theme `id`, if it is in the tree.
pub fn slot_of(themes: &[Theme], id: &ThemeId) -> Option<ThemeSlot> {
    fn go(themes: &[Theme], parent: Option<&ThemeId>, id: &ThemeId) -> Option<ThemeSlot> {
        for (index, theme) in themes.iter().enumerate() {
            if &theme.id == id {
                return Some(ThemeSlot {
                    parent: parent.cloned(),
                    index,
                });
            }
            if let Some(found) = go(&theme.subthemes, Some(&theme.id), id) {
                return Some(found);
            }
        }
        None
    }
    go(themes, None, id)
}

/// The theme that holds `code` directly, with the code's index in it.
pub fn holder_of<'a>(themes: &'a [Theme], code: &CodeId) -> Option<(&'a Theme, usize)> {
    walk(themes).into_iter().find_map(|(_, theme)| {
        theme
            .codes
            .iter()
            .position(|c| c == code)
            .map(|index| (theme, index))
    })
}

/// Is `ancestor` the theme `id` itself or one of its ancestors?
pub fn is_within(themes: &[Theme], id: &ThemeId, ancestor: &ThemeId) -> bool {
    find(themes, ancestor).is_some_and(|a| find(std::slice::from_ref(a), id).is_some())
}

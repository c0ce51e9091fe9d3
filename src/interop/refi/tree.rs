//! margin's codes and themes as REFI's single tree of codes, and back (the
//! mapping is described in the module notes of `refi`).

use super::{
    code_description, derived_guid, normal_colour, split_code_description, split_theme_description,
    theme_description,
};
use crate::model::{Code, CodeId, MemoTarget, Project, Theme, ThemeId, unique_slug};
use std::collections::{BTreeMap, BTreeSet};

/// One REFI code with its children.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RefiCode {
    pub guid: String,
    pub name: String,
    pub codable: bool,
    pub color: Option<String>,
    pub description: String,
    /// Memos attached to this code (written as notes in a project).
    pub memos: Vec<MemoTarget>,
    /// GUIDs of notes this code refers to (read from a project).
    pub note_refs: Vec<String>,
    pub children: Vec<RefiCode>,
}

/// The GUID a code is exported with.
pub fn code_guid(code: &Code) -> String {
    if code.guid.is_empty() {
        derived_guid(&format!("code/{}", code.id))
    } else {
        code.guid.clone()
    }
}

/// The GUID a theme is exported with.
pub fn theme_guid(theme: &Theme) -> String {
    if theme.guid.is_empty() {
        derived_guid(&format!("theme/{}", theme.id))
    } else {
        theme.guid.clone()
    }
}

/// The project's codes and themes as one REFI tree: themes in their order,
/// then the codes in no theme, by name.
pub fn export_tree(project: &Project) -> Vec<RefiCode> {
    let mut out: Vec<RefiCode> = project
        .themes
        .iter()
        .map(|t| theme_node(project, t))
        .collect();
    out.extend(project.unsorted_codes().into_iter().map(code_node));
    out
}

fn code_node(code: &Code) -> RefiCode {
    RefiCode {
        guid: code_guid(code),
        name: code.name.clone(),
        codable: true,
        color: Some(code.color.clone()),
        description: code_description(code),
        memos: vec![MemoTarget::Code(code.id.clone())],
        note_refs: Vec::new(),
        children: Vec::new(),
    }
}

fn theme_node(project: &Project, theme: &Theme) -> RefiCode {
    // The theme's codable side: a member code imported with the theme's GUID.
    let codable = project
        .codes
        .values()
        .find(|c| !theme.guid.is_empty() && c.guid == theme.guid && theme.codes.contains(&c.id));
    let mut children: Vec<RefiCode> = theme
        .subthemes
        .iter()
        .map(|t| theme_node(project, t))
        .collect();
    children.extend(
        theme
            .codes
            .iter()
            .filter(|id| codable.is_none_or(|c| &c.id != *id))
            .filter_map(|id| project.codes.get(id))
            .map(code_node),
    );
    let mut memos = vec![MemoTarget::Theme(theme.id.clone())];
    match codable {
        Some(code) => {
            memos.push(MemoTarget::Code(code.id.clone()));
            RefiCode {
                guid: theme_guid(theme),
                name: theme.name.clone(),
                codable: true,
                color: Some(code.color.clone()),
                description: code_description(code),
                memos,
                note_refs: Vec::new(),
                children,
            }
        }
        None => RefiCode {
            guid: theme_guid(theme),
            name: theme.name.clone(),
            codable: false,
            color: None,
            description: theme_description(theme),
            memos,
            note_refs: Vec::new(),
            children,
        },
    }
}

/// What a REFI tree becomes in margin.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub codes: BTreeMap<CodeId, Code>,
    /// Top-level themes, in order.
    pub themes: Vec<Theme>,
    /// Codes that stay in no theme, in order.
    pub unsorted: Vec<CodeId>,
    /// Each REFI code's GUID: the code its codings go to, if codable.
    pub code_of: BTreeMap<String, CodeId>,
    /// Each REFI code's GUID: the theme it became, if any.
    pub theme_of: BTreeMap<String, ThemeId>,
    /// Note GUIDs each REFI code refers to, by code GUID.
    pub note_refs: BTreeMap<String, Vec<String>>,
}

/// Turns a REFI tree into codes and themes. Ids are slugs of the names,
/// made unique among `taken_codes`/`taken_themes` and each other.
pub fn import_tree(
    nodes: &[RefiCode],
    taken_codes: &BTreeSet<String>,
    taken_themes: &BTreeSet<String>,
) -> Imported {
    let mut state = State {
        out: Imported::default(),
        taken_codes: taken_codes.clone(),
        taken_themes: taken_themes.clone(),
        ordinal: taken_codes.len(),
    };
    for node in nodes {
        if node.children.is_empty() && node.codable {
            let id = state.code(node);
            state.out.unsorted.push(id);
        } else {
            let theme = state.theme(node);
            state.out.themes.push(theme);
        }
    }
    state.out
}

struct State {
    out: Imported,
    taken_codes: BTreeSet<String>,
    taken_themes: BTreeSet<String>,
    ordinal: usize,
}

fn display_name(name: &str, fallback: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        fallback.to_string()
    } else {
        name.to_string()
    }
}

impl State {
    fn code(&mut self, node: &RefiCode) -> CodeId {
        let name = display_name(&node.name, "unnamed code");
        let id = unique_slug(&name, |s| self.taken_codes.contains(s));
        self.taken_codes.insert(id.clone());
        let id = CodeId::new(id);
        let mut code = Code::new(id.clone(), name, self.ordinal);
        self.ordinal += 1;
        if let Some(colour) = node.color.as_deref().and_then(normal_colour) {
            code.color = colour;
        }
        let [description, inclusion, exclusion, example] =
            split_code_description(&node.description);
        code.description = description;
        code.inclusion = inclusion;
        code.exclusion = exclusion;
        code.example = example;
        code.guid = node.guid.clone();
        self.out.code_of.insert(node.guid.clone(), id.clone());
        self.out
            .note_refs
            .insert(node.guid.clone(), node.note_refs.clone());
        self.out.codes.insert(id.clone(), code);
        id
    }

    fn theme(&mut self, node: &RefiCode) -> Theme {
        let name = display_name(&node.name, "unnamed theme");
        let id = unique_slug(&name, |s| self.taken_themes.contains(s));
        self.taken_themes.insert(id.clone());
        let mut theme = Theme::new(ThemeId::new(id), name);
        theme.guid = node.guid.clone();
        if node.codable {
            // A codable parent: the theme, and a code of its own first in it.
            let code = self.code(node);
            theme.definition = self.out.codes[&code].description.clone();
            theme.codes.push(code);
        } else {
            let (definition, status) = split_theme_description(&node.description);
            theme.definition = definition;
            theme.status = status;
            self.out
                .note_refs
                .insert(node.guid.clone(), node.note_refs.clone());
        }
        self.out
            .theme_of
            .insert(node.guid.clone(), theme.id.clone());
        for child in &node.children {
            if child.children.is_empty() && child.codable {
                let code = self.code(child);
                theme.codes.push(code);
            } else {
                let sub = self.theme(child);
                theme.subthemes.push(sub);
            }
        }
        theme
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(name: &str, codable: bool, children: Vec<RefiCode>) -> RefiCode {
        RefiCode {
            guid: derived_guid(name),
            name: name.into(),
            codable,
            children,
            ..Default::default()
        }
    }

    #[test]
    fn codable_parents_become_a_theme_and_its_code() {
        let tree = vec![
            node(
                "Barriers",
                true,
                vec![
                    node("Waiting lists", true, vec![]),
                    node("Stigma", false, vec![]),
                ],
            ),
            node("Other", true, vec![]),
        ];
        let imported = import_tree(&tree, &BTreeSet::new(), &BTreeSet::new());
        assert_eq!(imported.themes.len(), 1);
        let barriers = &imported.themes[0];
        assert_eq!(
            barriers.codes,
            [CodeId::new("barriers"), CodeId::new("waiting-lists")]
        );
        assert_eq!(barriers.subthemes[0].name, "Stigma");
        assert_eq!(imported.unsorted, [CodeId::new("other")]);
        assert_eq!(
            imported.code_of[&derived_guid("Barriers")],
            CodeId::new("barriers")
        );

        // And back: one codable parent again.
        let mut project = Project::new(crate::model::Manifest::new("t"));
        project.codes = imported.codes.clone();
        project.themes = imported.themes.clone();
        let back = export_tree(&project);
        assert_eq!(back.len(), 2);
        assert!(back[0].codable);
        assert_eq!(back[0].guid, derived_guid("Barriers"));
        let names: Vec<&str> = back[0].children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Stigma", "Waiting lists"]);
    }
}

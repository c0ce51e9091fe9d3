//! Three-way merge of the theme tree (themes.ron).
//!
//! The tree is taken apart into what can change independently: each theme's
//! fields (name, status, definition), each theme's parent, each code's theme,
//! and the order of siblings and of codes within a theme. Each part merges on
//! its own, so one side moving a theme while the other renames it, or one
//! moving a code while the other reorders a theme, both stand.

use super::value::{Conflicts, Side, merge_opt};
use crate::model::{CodeId, Theme, ThemeId};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A theme tree taken apart.
#[derive(Default)]
struct Flat {
    fields: BTreeMap<ThemeId, Value>,
    parent: BTreeMap<ThemeId, Option<ThemeId>>,
    children: BTreeMap<Option<ThemeId>, Vec<ThemeId>>,
    codes: BTreeMap<ThemeId, Vec<CodeId>>,
    holder: BTreeMap<CodeId, ThemeId>,
}

fn flatten(themes: &[Theme]) -> Flat {
    fn go(themes: &[Theme], parent: Option<&ThemeId>, flat: &mut Flat) {
        for t in themes {
            flat.fields.insert(
                t.id.clone(),
                serde_json::to_value(t.fields()).unwrap_or_default(),
            );
            flat.parent.insert(t.id.clone(), parent.cloned());
            flat.children
                .entry(parent.cloned())
                .or_default()
                .push(t.id.clone());
            flat.codes.insert(t.id.clone(), t.codes.clone());
            for code in &t.codes {
                flat.holder.insert(code.clone(), t.id.clone());
            }
            go(&t.subthemes, Some(&t.id), flat);
        }
    }
    let mut flat = Flat::default();
    go(themes, None, &mut flat);
    flat
}

fn id_value(id: Option<&ThemeId>) -> Value {
    id.map_or(Value::Null, |t| Value::String(t.0.clone()))
}

/// One run of the merge, conflicts resolved to `side`.
pub fn merge(
    base: &[Theme],
    ours: &[Theme],
    theirs: &[Theme],
    side: Side,
    conflicts: &mut Conflicts,
) -> Vec<Theme> {
    let (b, o, t) = (flatten(base), flatten(ours), flatten(theirs));
    let name_of = |id: &ThemeId| {
        [&o, &t, &b]
            .iter()
            .find_map(|f| f.fields.get(id)?.get("name")?.as_str().map(str::to_string))
            .unwrap_or_else(|| id.0.clone())
    };

    // Which themes there are, and their fields.
    let ids: BTreeSet<&ThemeId> = b
        .fields
        .keys()
        .chain(o.fields.keys())
        .chain(t.fields.keys())
        .collect();
    let mut fields: BTreeMap<ThemeId, Value> = BTreeMap::new();
    for id in ids {
        let what = format!("theme '{}'", name_of(id));
        let merged = merge_opt(
            b.fields.get(id),
            o.fields.get(id),
            t.fields.get(id),
            &what,
            side,
            conflicts,
        );
        if let Some(value) = merged {
            fields.insert(id.clone(), value);
        }
    }

    // Where each theme hangs. A side without the theme has no say.
    let mut parent: BTreeMap<ThemeId, Option<ThemeId>> = BTreeMap::new();
    for id in fields.keys() {
        let base_p = b.parent.get(id).map(|p| id_value(p.as_ref()));
        let say = |f: &Flat| {
            f.parent
                .get(id)
                .map(|p| id_value(p.as_ref()))
                .or(base_p.clone())
        };
        let what = format!("theme '{}' parent", name_of(id));
        let merged = merge_opt(
            base_p.as_ref(),
            say(&o).as_ref(),
            say(&t).as_ref(),
            &what,
            side,
            conflicts,
        );
        let p = merged
            .and_then(|v| v.as_str().map(ThemeId::new))
            .filter(|p| fields.contains_key(p));
        parent.insert(id.clone(), p);
    }
    break_cycles(&mut parent, &side.pick(&o, &t).parent, conflicts);

    // Which theme holds each code (none: unsorted).
    let mut holder: BTreeMap<CodeId, ThemeId> = BTreeMap::new();
    let codes: BTreeSet<&CodeId> = b
        .holder
        .keys()
        .chain(o.holder.keys())
        .chain(t.holder.keys())
        .collect();
    for code in codes {
        let get = |f: &Flat| Some(id_value(f.holder.get(code)));
        let what = format!("code '{code}' theme");
        let merged = merge_opt(
            get(&b).as_ref(),
            get(&o).as_ref(),
            get(&t).as_ref(),
            &what,
            side,
            conflicts,
        );
        if let Some(theme) = merged.and_then(|v| v.as_str().map(ThemeId::new))
            && fields.contains_key(&theme)
        {
            holder.insert(code.clone(), theme);
        }
    }

    // Build the tree, ordering siblings and codes.
    let mut children: BTreeMap<Option<ThemeId>, Vec<ThemeId>> = BTreeMap::new();
    for (id, p) in &parent {
        children.entry(p.clone()).or_default().push(id.clone());
    }
    let mut members: BTreeMap<ThemeId, Vec<CodeId>> = BTreeMap::new();
    for (code, theme) in &holder {
        members.entry(theme.clone()).or_default().push(code.clone());
    }
    Builder {
        sides: [&b, &o, &t],
        children,
        fields,
        members,
    }
    .build(None)
}

/// Puts the merged parts back together into a tree.
struct Builder<'a> {
    /// Base, ours, theirs: where the orders come from.
    sides: [&'a Flat; 3],
    children: BTreeMap<Option<ThemeId>, Vec<ThemeId>>,
    fields: BTreeMap<ThemeId, Value>,
    members: BTreeMap<ThemeId, Vec<CodeId>>,
}

impl Builder<'_> {
    fn build(&self, key: Option<ThemeId>) -> Vec<Theme> {
        let items = self.children.get(&key).map_or(&[][..], Vec::as_slice);
        let [b, o, t] = self
            .sides
            .map(|f| f.children.get(&key).cloned().unwrap_or_default());
        merge_order(&b, &o, &t, items)
            .into_iter()
            .map(|id| {
                let mut node = Theme::new(id.clone(), "");
                if let Some(f) = self
                    .fields
                    .get(&id)
                    .and_then(|v| serde_json::from_value(v.clone()).ok())
                {
                    node.set_fields(f);
                }
                let codes = self.members.get(&id).map_or(&[][..], Vec::as_slice);
                let [b, o, t] = self
                    .sides
                    .map(|f| f.codes.get(&id).cloned().unwrap_or_default());
                node.codes = merge_order(&b, &o, &t, codes);
                node.subthemes = self.build(Some(id));
                node
            })
            .collect()
    }
}

/// If the merged parents form a cycle (ours put A under B, theirs B under
/// A), that is a conflict: the themes of the cycle take the parents `side`
/// gave them, or go to the top level if that still makes a cycle.
fn break_cycles(
    parent: &mut BTreeMap<ThemeId, Option<ThemeId>>,
    side_parent: &BTreeMap<ThemeId, Option<ThemeId>>,
    conflicts: &mut Conflicts,
) {
    let ids: Vec<ThemeId> = parent.keys().cloned().collect();
    for id in ids {
        let Some(cycle) = cycle_from(parent, &id) else {
            continue;
        };
        let names: Vec<&str> = cycle.iter().map(ThemeId::as_str).collect();
        conflicts.push(format!(
            "themes {} would be inside each other",
            names.join(", ")
        ));
        for member in &cycle {
            let p = side_parent
                .get(member)
                .cloned()
                .flatten()
                .filter(|p| parent.contains_key(p));
            parent.insert(member.clone(), p);
        }
        if cycle_from(parent, &id).is_some() {
            for member in cycle {
                parent.insert(member, None);
            }
        }
    }
}

/// The themes of the cycle reached by walking up from `id`, if there is one.
fn cycle_from(parent: &BTreeMap<ThemeId, Option<ThemeId>>, id: &ThemeId) -> Option<Vec<ThemeId>> {
    let mut path: Vec<ThemeId> = Vec::new();
    let mut at = Some(id.clone());
    while let Some(current) = at {
        if let Some(start) = path.iter().position(|p| p == &current) {
            return Some(path.split_off(start));
        }
        at = parent.get(&current).cloned().flatten();
        path.push(current);
    }
    None
}

/// The order of `items` (the merged members of one list): ours' order unless
/// ours kept the base's order and theirs changed it; items new to that order
/// go after the item they follow in the list they come from.
fn merge_order<K: Clone + Ord>(base: &[K], ours: &[K], theirs: &[K], items: &[K]) -> Vec<K> {
    let wanted: BTreeSet<&K> = items.iter().collect();
    let shared = |list: &[K]| -> Vec<K> {
        list.iter()
            .filter(|k| {
                wanted.contains(k) && base.contains(k) && ours.contains(k) && theirs.contains(k)
            })
            .cloned()
            .collect()
    };
    let (lead, other) = if shared(ours) == shared(base) {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    let mut out: Vec<K> = lead
        .iter()
        .filter(|k| wanted.contains(k))
        .cloned()
        .collect();
    for source in [other, base] {
        for (i, k) in source.iter().enumerate() {
            if !wanted.contains(k) || out.contains(k) {
                continue;
            }
            let after = source[..i]
                .iter()
                .rev()
                .find_map(|p| out.iter().position(|o| o == p));
            out.insert(after.map_or(0, |p| p + 1), k.clone());
        }
    }
    let mut rest: Vec<K> = items.iter().filter(|k| !out.contains(k)).cloned().collect();
    rest.sort();
    out.extend(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_follows_the_side_that_reordered_and_keeps_additions_in_place() {
        let base = ["a", "b", "c"];
        let ours = ["a", "b", "x", "c"];
        let theirs = ["c", "a", "b"];
        let items = ["a", "b", "c", "x"];
        assert_eq!(
            merge_order(&base, &ours, &theirs, &items),
            ["c", "a", "b", "x"]
        );
        let items = ["a", "c", "x"];
        assert_eq!(merge_order(&base, &ours, &base, &items), ["a", "x", "c"]);
    }
}

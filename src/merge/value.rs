//! Three-way merge of structured values, field by field.
//!
//! Records are compared as JSON values (serde gives every margin record that
//! shape): objects merge key by key, lists of records merge record by record
//! (matched by `id`, else `name`, else a coding's `code`/`start`/`end`), lists
//! of plain values merge as sets, and anything else changed differently on the
//! two sides is a conflict. A merge is run once per side: both runs agree
//! wherever the merge is clean, and where it is not, each takes its side's
//! value, so the two results differ exactly at the conflicts.

use serde_json::{Map, Value};

/// Which side a conflict is resolved to in one run of a merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

impl Side {
    pub fn pick<T>(self, ours: T, theirs: T) -> T {
        match self {
            Side::Ours => ours,
            Side::Theirs => theirs,
        }
    }
}

/// The conflicts met in a merge, described for a person.
pub type Conflicts = Vec<String>;

/// Merges a value that may be absent on any side (absent = not there, so
/// one side removing it and the other leaving it alone removes it).
pub fn merge_opt(
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    what: &str,
    side: Side,
    conflicts: &mut Conflicts,
) -> Option<Value> {
    if ours == theirs || base == theirs {
        return ours.cloned();
    }
    if base == ours {
        return theirs.cloned();
    }
    match (ours, theirs) {
        (Some(o), Some(t)) => Some(merge_both(base, o, t, what, side, conflicts)),
        _ => {
            let (changed, removed) = if ours.is_some() {
                ("ours", "theirs")
            } else {
                ("theirs", "ours")
            };
            conflicts.push(format!(
                "{what}: changed on {changed}, removed on {removed}"
            ));
            side.pick(ours, theirs).cloned()
        }
    }
}

/// Merges two present values that both differ from the base.
fn merge_both(
    base: Option<&Value>,
    ours: &Value,
    theirs: &Value,
    what: &str,
    side: Side,
    conflicts: &mut Conflicts,
) -> Value {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            let base = base.and_then(Value::as_object);
            Value::Object(merge_objects(base, a, b, what, side, conflicts))
        }
        (Value::Array(a), Value::Array(b)) => {
            let base = base.and_then(Value::as_array).map(Vec::as_slice);
            let all = || base.into_iter().flatten().chain(a).chain(b);
            if all().all(|v| record_key(v).is_some()) {
                Value::Array(merge_records(
                    base.unwrap_or(&[]),
                    a,
                    b,
                    what,
                    side,
                    conflicts,
                ))
            } else if all().all(|v| !v.is_object() && !v.is_array()) {
                Value::Array(merge_set(base.unwrap_or(&[]), a, b))
            } else {
                conflict(ours, theirs, what, side, conflicts)
            }
        }
        _ => conflict(ours, theirs, what, side, conflicts),
    }
}

fn conflict(
    ours: &Value,
    theirs: &Value,
    what: &str,
    side: Side,
    conflicts: &mut Conflicts,
) -> Value {
    conflicts.push(format!(
        "{what}: ours {}, theirs {}",
        short(ours),
        short(theirs)
    ));
    side.pick(ours, theirs).clone()
}

/// A value as a person reads it, cut to a line.
fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(59).collect::<String>())
    } else {
        text
    }
}

fn merge_objects(
    base: Option<&Map<String, Value>>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
    what: &str,
    side: Side,
    conflicts: &mut Conflicts,
) -> Map<String, Value> {
    let mut keys: Vec<&String> = ours.keys().collect();
    keys.extend(theirs.keys().filter(|k| !ours.contains_key(*k)));
    let mut out = Map::new();
    for key in keys {
        let merged = merge_opt(
            base.and_then(|b| b.get(key)),
            ours.get(key),
            theirs.get(key),
            &format!("{what} {key}"),
            side,
            conflicts,
        );
        if let Some(value) = merged {
            out.insert(key.clone(), value);
        }
    }
    out
}

/// What identifies a record in a list: its id, its name, or for a coding
/// its code and range.
pub fn record_key(value: &Value) -> Option<String> {
    let object = value.as_object()?;
    let text = |k: &str| {
        object
            .get(k)
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
    };
    if let Some(id) = text("id") {
        return Some(id);
    }
    if let Some(name) = text("name") {
        return Some(name);
    }
    Some(format!(
        "{} {}-{}",
        text("code")?,
        text("start")?,
        text("end")?
    ))
}

/// Lists of records, record by record: ours' order, then records only
/// theirs has, then records only the base had (kept by a conflict).
pub fn merge_records(
    base: &[Value],
    ours: &[Value],
    theirs: &[Value],
    what: &str,
    side: Side,
    conflicts: &mut Conflicts,
) -> Vec<Value> {
    let find = |list: &[Value], key: &str| {
        list.iter()
            .find(|v| record_key(v).as_deref() == Some(key))
            .cloned()
    };
    let mut keys: Vec<String> = Vec::new();
    for v in ours.iter().chain(theirs).chain(base) {
        if let Some(k) = record_key(v)
            && !keys.contains(&k)
        {
            keys.push(k);
        }
    }
    let mut out = Vec::new();
    for key in keys {
        let (b, o, t) = (find(base, &key), find(ours, &key), find(theirs, &key));
        let label = format!("{what} '{key}'");
        if let Some(v) = merge_opt(b.as_ref(), o.as_ref(), t.as_ref(), &label, side, conflicts) {
            out.push(v);
        }
    }
    out
}

/// Lists of plain values as sets: what either side added, less what either
/// removed. Sorted when both sides were sorted.
pub fn merge_set(base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let removed = |v: &Value| base.contains(v) && (!ours.contains(v) || !theirs.contains(v));
    let mut out: Vec<Value> = Vec::new();
    for v in ours.iter().chain(theirs) {
        if !removed(v) && !out.contains(v) {
            out.push(v.clone());
        }
    }
    let sorted = |list: &[Value]| list.windows(2).all(|w| sort_key(&w[0]) <= sort_key(&w[1]));
    if sorted(ours) && sorted(theirs) {
        out.sort_by_key(sort_key);
    }
    out
}

/// Plain values sort by their text (strings by their contents).
fn sort_key(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn both(base: Value, ours: Value, theirs: Value) -> (Value, Value, Conflicts) {
        let mut conflicts = Vec::new();
        let o = merge_opt(
            Some(&base),
            Some(&ours),
            Some(&theirs),
            "x",
            Side::Ours,
            &mut conflicts,
        );
        let mut ignored = Vec::new();
        let t = merge_opt(
            Some(&base),
            Some(&ours),
            Some(&theirs),
            "x",
            Side::Theirs,
            &mut ignored,
        );
        (o.unwrap_or_default(), t.unwrap_or_default(), conflicts)
    }

    #[test]
    fn different_fields_merge() {
        let (o, t, c) = both(
            json!({"name": "a", "color": "#111"}),
            json!({"name": "b", "color": "#111"}),
            json!({"name": "a", "color": "#222"}),
        );
        assert_eq!(o, json!({"name": "b", "color": "#222"}));
        assert_eq!(o, t);
        assert!(c.is_empty());
    }

    #[test]
    fn the_same_field_changed_twice_conflicts() {
        let (o, t, c) = both(json!({"n": "a"}), json!({"n": "b"}), json!({"n": "c"}));
        assert_eq!((o, t), (json!({"n": "b"}), json!({"n": "c"})));
        assert_eq!(c, vec![r#"x n: ours "b", theirs "c""#.to_string()]);
    }

    #[test]
    fn records_and_sets_merge_by_membership() {
        let (o, _, c) = both(
            json!([{"id": "a", "v": 1}, {"id": "b", "v": 1}]),
            json!([{"id": "a", "v": 2}, {"id": "b", "v": 1}, {"id": "c", "v": 1}]),
            json!([{"id": "a", "v": 1}, {"id": "d", "v": 1}]),
        );
        assert!(c.is_empty());
        assert_eq!(
            o,
            json!([{"id": "a", "v": 2}, {"id": "c", "v": 1}, {"id": "d", "v": 1}])
        );
        let (o, _, _) = both(json!(["a", "b"]), json!(["a", "b", "c"]), json!(["a", "d"]));
        assert_eq!(o, json!(["a", "c", "d"]));
    }

    #[test]
    fn removed_on_one_side_changed_on_the_other_conflicts() {
        let mut c = Vec::new();
        let base = json!({"v": 1});
        let ours = json!({"v": 2});
        let kept = merge_opt(Some(&base), Some(&ours), None, "r", Side::Ours, &mut c);
        assert_eq!(kept, Some(ours));
        assert_eq!(c.len(), 1);
    }
}

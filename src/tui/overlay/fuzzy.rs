//! The fuzzy list inside a picker: a list filtered as you type (skim scoring from
//! fuzzy-matcher), keeping the given order among equal scores so recently used
//! entries stay first. Optionally offers to create what was typed.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// One entry: what is shown, a dimmer hint, an optional `#rrggbb` swatch,
/// and a longer text shown under the list while the entry is highlighted (a
/// code's definition, inclusion and exclusion).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickItem {
    pub label: String,
    pub hint: String,
    pub colour: Option<String>,
    pub detail: String,
}

impl PickItem {
    pub fn new(label: impl Into<String>, hint: impl Into<String>) -> Self {
        PickItem {
            label: label.into(),
            hint: hint.into(),
            colour: None,
            detail: String::new(),
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }

    pub fn coloured(mut self, colour: &str) -> Self {
        self.colour = Some(colour.to_string());
        self
    }
}

/// What Enter chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// The index of an item in the list as given.
    Item(usize),
    /// "Create '...'": the query, trimmed.
    Create(String),
}

#[derive(Clone, Debug)]
pub struct Picker {
    pub title: String,
    pub items: Vec<PickItem>,
    pub query: String,
    /// Indices into `items` that match the query, best first.
    pub matches: Vec<usize>,
    pub selected: usize,
    /// What "create" means here ("create code"), or None if it is not offered.
    pub create_label: Option<String>,
    /// Does typing match the hints too (document titles), not only labels?
    pub match_hints: bool,
}

impl Picker {
    pub fn new(title: impl Into<String>, items: Vec<PickItem>) -> Self {
        let mut picker = Picker {
            title: title.into(),
            items,
            query: String::new(),
            matches: Vec::new(),
            selected: 0,
            create_label: None,
            match_hints: false,
        };
        picker.refilter();
        picker
    }

    /// Lets typing match the hints as well as the labels.
    pub fn matching_hints(mut self) -> Self {
        self.match_hints = true;
        self.refilter();
        self
    }

    pub fn with_create(mut self, label: impl Into<String>) -> Self {
        self.create_label = Some(label.into());
        self
    }

    /// Is the create row offered for the current query?
    pub fn offers_create(&self) -> bool {
        let query = self.query.trim();
        self.create_label.is_some()
            && !query.is_empty()
            && !self
                .items
                .iter()
                .any(|i| i.label.eq_ignore_ascii_case(query))
    }

    /// Rows shown: the matches, then the create row if offered.
    pub fn row_count(&self) -> usize {
        self.matches.len() + usize::from(self.offers_create())
    }

    pub fn refilter(&mut self) {
        let query = self.query.trim();
        if query.is_empty() {
            self.matches = (0..self.items.len()).collect();
        } else {
            let matcher = SkimMatcherV2::default().ignore_case();
            let mut scored: Vec<(i64, usize)> = self
                .items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    let score = if self.match_hints {
                        matcher.fuzzy_match(&format!("{} {}", item.label, item.hint), query)
                    } else {
                        matcher.fuzzy_match(&item.label, query)
                    };
                    score.map(|s| (s, i))
                })
                .collect();
            // Best score first; among equals, the order given (recent first).
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            self.matches = scored.into_iter().map(|(_, i)| i).collect();
        }
        self.selected = self.selected.min(self.row_count().saturating_sub(1));
    }

    pub fn type_char(&mut self, c: char) {
        self.query.push(c);
        self.refilter();
        self.selected = self.default_row();
    }

    pub fn backspace(&mut self) {
        self.query.pop();
        self.refilter();
        self.selected = self.default_row();
    }

    /// The row Enter should take after typing: the best match, unless what was
    /// typed is plainly a new name. Fuzzy matching finds "Sharing control" for
    /// "Intro" (the letters appear in order); taking it on Enter would code a
    /// passage with a code the analyst never meant, so when no label holds the
    /// typed words, the create row is chosen instead (arrows still reach the
    /// matches).
    fn default_row(&self) -> usize {
        if self.offers_create() && !self.matches.iter().any(|&i| self.plainly_matches(i)) {
            self.matches.len()
        } else {
            0
        }
    }

    /// Does item `i` hold the query as written: as a substring, or each typed
    /// word as the start of one of its words ("pow lang" for "Power of language")?
    fn plainly_matches(&self, i: usize) -> bool {
        let label = self.items[i].label.to_lowercase();
        let query = self.query.trim().to_lowercase();
        label.contains(&query)
            || query.split_whitespace().all(|typed| {
                label
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|word| word.starts_with(typed))
            })
    }

    /// ctrl-w and ctrl-u, as in a shell: drop the last word, or everything.
    pub fn erase(&mut self, whole: bool) {
        if whole {
            self.query.clear();
        } else {
            erase_word(&mut self.query);
        }
        self.refilter();
        self.selected = self.default_row();
    }

    pub fn move_by(&mut self, delta: isize) {
        let rows = self.row_count();
        if rows == 0 {
            return;
        }
        self.selected = (self.selected as isize + delta).rem_euclid(rows as isize) as usize;
    }

    /// What Enter would choose now.
    pub fn choice(&self) -> Option<Choice> {
        match self.matches.get(self.selected) {
            Some(&i) => Some(Choice::Item(i)),
            None if self.offers_create() => Some(Choice::Create(self.query.trim().to_string())),
            None => None,
        }
    }
}

/// Drops the last word of `text` and the spaces after it (ctrl-w in a shell).
pub fn erase_word(text: &mut String) {
    let kept = text.trim_end().len();
    text.truncate(kept);
    let start = text
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    text.truncate(start);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picker() -> Picker {
        let items = ["chaos", "calm", "choice of drugs"]
            .iter()
            .map(|n| PickItem::new(*n, ""))
            .collect();
        Picker::new("Code", items).with_create("create code")
    }

    #[test]
    fn a_plainly_new_name_is_created_on_enter_not_fuzzily_matched() {
        let items = vec![
            PickItem::new("Sharing control", ""),
            PickItem::new("Power of language", ""),
        ];
        let mut p = Picker::new("Code", items).with_create("create code");
        for c in "Intro".chars() {
            p.type_char(c);
        }
        assert_eq!(
            p.matches,
            vec![0],
            "the letters of 'Intro' appear in order in 'Sharing control'"
        );
        assert_eq!(p.choice(), Some(Choice::Create("Intro".into())));
        p.move_by(-1);
        assert_eq!(
            p.choice(),
            Some(Choice::Item(0)),
            "arrows still reach the match"
        );
        p.erase(true);
        for c in "pow lang".chars() {
            p.type_char(c);
        }
        assert_eq!(
            p.choice(),
            Some(Choice::Item(1)),
            "typed word starts pick the code"
        );
    }

    #[test]
    fn filters_fuzzily_and_offers_to_create() {
        let mut p = picker();
        assert_eq!(p.row_count(), 3);
        for c in "cho".chars() {
            p.type_char(c);
        }
        assert_eq!(p.choice(), Some(Choice::Item(2)));
        assert!(p.offers_create());
        p.query = "unpredictable".into();
        p.refilter();
        assert_eq!(p.matches.len(), 0);
        assert_eq!(p.choice(), Some(Choice::Create("unpredictable".into())));
        p.query = "Chaos".into();
        p.refilter();
        assert!(!p.offers_create(), "an exact name is picked, not created");
    }

    #[test]
    fn moving_wraps_around() {
        let mut p = picker();
        p.move_by(-1);
        assert_eq!(p.selected, 2);
        p.move_by(1);
        assert_eq!(p.selected, 0);
    }

    #[test]
    fn erase_word_drops_the_last_word_and_its_trailing_spaces() {
        let mut text = "café 日本語  ".to_string();
        erase_word(&mut text);
        assert_eq!(text, "café ");
        erase_word(&mut text);
        assert_eq!(text, "");
        erase_word(&mut text);
        assert_eq!(text, "");
    }
}

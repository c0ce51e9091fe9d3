//! A small multi-line text editor for memos and code definitions: insert,
//! delete, arrows, home/end, newline. Positions count characters.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextArea {
    pub lines: Vec<String>,
    pub row: usize,
    /// Cursor column in characters.
    pub col: usize,
}

impl TextArea {
    pub fn new(text: &str) -> Self {
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        if lines.is_empty() {
            lines.push(String::new());
        }
        TextArea {
            lines,
            row: 0,
            col: 0,
        }
    }

    /// A text area with the cursor after the last character.
    pub fn at_end(text: &str) -> Self {
        let mut area = TextArea::new(text);
        area.row = area.lines.len() - 1;
        area.end();
        area
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    fn line_len(&self, row: usize) -> usize {
        self.lines.get(row).map_or(0, |l| l.chars().count())
    }

    fn byte_at(line: &str, col: usize) -> usize {
        line.char_indices().nth(col).map_or(line.len(), |(b, _)| b)
    }

    pub fn insert_char(&mut self, c: char) {
        if c == '\n' {
            return self.newline();
        }
        let row = self.row;
        if let Some(line) = self.lines.get_mut(row) {
            let at = Self::byte_at(line, self.col);
            line.insert(at, c);
            self.col += 1;
        }
    }

    pub fn newline(&mut self) {
        let row = self.row;
        let Some(line) = self.lines.get_mut(row) else {
            return;
        };
        let at = Self::byte_at(line, self.col);
        let rest = line.split_off(at);
        self.lines.insert(row + 1, rest);
        self.row += 1;
        self.col = 0;
    }

    pub fn backspace(&mut self) {
        if self.col > 0 {
            let row = self.row;
            if let Some(line) = self.lines.get_mut(row) {
                let at = Self::byte_at(line, self.col - 1);
                line.remove(at);
                self.col -= 1;
            }
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.col = self.line_len(self.row);
            self.lines[self.row].push_str(&line);
        }
    }

    pub fn delete(&mut self) {
        if self.col < self.line_len(self.row) {
            let row = self.row;
            if let Some(line) = self.lines.get_mut(row) {
                let at = Self::byte_at(line, self.col);
                line.remove(at);
            }
        } else if self.row + 1 < self.lines.len() {
            let next = self.lines.remove(self.row + 1);
            self.lines[self.row].push_str(&next);
        }
    }

    pub fn left(&mut self) {
        if self.col > 0 {
            self.col -= 1;
        } else if self.row > 0 {
            self.row -= 1;
            self.col = self.line_len(self.row);
        }
    }

    pub fn right(&mut self) {
        if self.col < self.line_len(self.row) {
            self.col += 1;
        } else if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.col = 0;
        }
    }

    pub fn up(&mut self) {
        self.row = self.row.saturating_sub(1);
        self.col = self.col.min(self.line_len(self.row));
    }

    pub fn down(&mut self) {
        self.row = (self.row + 1).min(self.lines.len() - 1);
        self.col = self.col.min(self.line_len(self.row));
    }

    pub fn home(&mut self) {
        self.col = 0;
    }

    pub fn end(&mut self) {
        self.col = self.line_len(self.row);
    }

    /// Typing and moving: characters, arrows, Enter for a new line, Tab as
    /// four spaces. Keys with ctrl are the editor's commands, not text.
    pub fn edit(&mut self, key: KeyEvent) {
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return;
        }
        match key.code {
            KeyCode::Char(c) => self.insert_char(c),
            KeyCode::Enter => self.newline(),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left => self.left(),
            KeyCode::Right => self.right(),
            KeyCode::Up => self.up(),
            KeyCode::Down => self.down(),
            KeyCode::Home => self.home(),
            KeyCode::End => self.end(),
            KeyCode::Tab => {
                for _ in 0..4 {
                    self.insert_char(' ');
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_across_lines() {
        let mut t = TextArea::new("ab");
        t.end();
        t.newline();
        for c in "日本".chars() {
            t.insert_char(c);
        }
        assert_eq!(t.text(), "ab\n日本");
        t.home();
        t.backspace();
        assert_eq!(t.text(), "ab日本");
        assert_eq!((t.row, t.col), (0, 2));
        t.delete();
        assert_eq!(t.text(), "ab本");
        t.up();
        t.down();
        t.left();
        t.right();
        assert_eq!((t.row, t.col), (0, 2));
    }
}

//! A small project built in code, with the text that breaks naive terminal
//! code: CJK, emoji, combining marks, tabs; plus in-process driving of the
//! workbench by key strings.

use margin::model::{
    Code, CodeId, Coding, DocId, Document, DocumentRecord, Manifest, Project, Theme, ThemeId,
};
use margin::tui::app::{App, Effect};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

pub const P1: &str = "Interview P1, 3 March\n\nInterviewer: How long have you worked here?\nP1: About six years. You never know which one you'll get, honestly.\n\nInterviewer: And the clients?\nP1: Café culture, 日本語 words, a 👩‍🔬 emoji and\ta tab.\n";
pub const P2: &str =
    "Interviewer: Tell me about crack.\nP2: You never know with crack. It is chaos.\n";

fn document(id: &str, text: &str) -> Document {
    let record = DocumentRecord {
        title: format!("{id}: a worker"),
        source: format!("{id}.txt"),
        attributes: Default::default(),
        sha256: String::new(),
        guid: String::new(),
        times: Vec::new(),
    };
    Document::new(DocId::new(id), record, text.to_string())
}

pub fn project() -> Project {
    let mut p = Project::new(Manifest::new("Fixture study"));
    for (id, text) in [("P1", P1), ("P2", P2)] {
        p.documents.insert(DocId::new(id), document(id, text));
    }
    let mut chaos = Code::new(CodeId::new("chaos"), "chaos", 0);
    chaos.description = "Life felt out of control.".into();
    p.codes.insert(chaos.id.clone(), chaos);
    p.codes.insert(
        CodeId::new("calm"),
        Code::new(CodeId::new("calm"), "calm", 1),
    );
    let mut theme = Theme::new(ThemeId::new("unpredictability"), "Unpredictability");
    theme.codes.push(CodeId::new("chaos"));
    p.themes.push(theme);
    p.themes
        .push(Theme::new(ThemeId::new("services"), "Services"));
    p.manifest.coders.push("ana".into());
    // "You never know which one you'll get" in P1, coded chaos by ana.
    let start = P1.chars().count() - P1[P1.find("You never").unwrap_or(0)..].chars().count();
    let coding = Coding::new(CodeId::new("chaos"), start, start + 35);
    p.codings
        .entry(DocId::new("P1"))
        .or_default()
        .insert("ana".into(), vec![coding]);
    p
}

pub fn app(project: Project, size: (u16, u16)) -> App {
    let (keymap, errors) = margin::tui::load_keymap(None);
    assert!(errors.is_empty(), "{errors:?}");
    let (palette, _) = margin::tui::palette::load(Some("dark"), None, false).expect("dark theme");
    App::new(project, "ana".into(), keymap, palette, size)
}

/// Feeds keys written as text: plain characters, and `<esc>`, `<cr>`,
/// `<tab>`, `<bs>`, `<up>`, `<down>`, `<c-r>` (ctrl + letter).
pub fn keys(app: &mut App, script: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        let (code, modifiers, len) = if c == '<'
            && let Some(end) = rest.find('>')
        {
            let name = &rest[1..end];
            let (code, modifiers) = match name {
                "esc" => (KeyCode::Esc, KeyModifiers::NONE),
                "cr" => (KeyCode::Enter, KeyModifiers::NONE),
                "tab" => (KeyCode::Tab, KeyModifiers::NONE),
                "bs" => (KeyCode::Backspace, KeyModifiers::NONE),
                "up" => (KeyCode::Up, KeyModifiers::NONE),
                "down" => (KeyCode::Down, KeyModifiers::NONE),
                "lt" => (KeyCode::Char('<'), KeyModifiers::NONE),
                n if n.starts_with("c-") => (
                    KeyCode::Char(n.chars().nth(2).unwrap_or('x')),
                    KeyModifiers::CONTROL,
                ),
                other => panic!("unknown key <{other}>"),
            };
            (code, modifiers, end + 1)
        } else {
            (KeyCode::Char(c), KeyModifiers::NONE, c.len_utf8())
        };
        rest = &rest[len..];
        effects.extend(margin::tui::input::handle_event(
            app,
            Event::Key(KeyEvent::new(code, modifiers)),
        ));
    }
    effects
}

/// The screen as text, drawn into a TestBackend.
pub fn draw(app: &App) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let backend = ratatui::backend::TestBackend::new(app.size.0, app.size.1);
    let mut terminal = ratatui::Terminal::new(backend).expect("test terminal");
    terminal
        .draw(|frame| margin::tui::render::render(app, frame))
        .expect("draws");
    terminal
}

pub fn screen_text(app: &App) -> String {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

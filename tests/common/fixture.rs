//! A small project built in code, with the text that breaks naive terminal
//! code: CJK, emoji, combining marks, tabs; plus in-process driving of the
//! workbench by key strings (through `margin::tui::driver`).

use margin::model::{
    Code, CodeId, Coding, DocId, Document, DocumentRecord, Manifest, Project, Theme, ThemeId,
};
use margin::tui::app::Effect;
use margin::tui::driver::Driver;

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

/// A workbench on `project` (coding as "ana", dark colours), driven in memory.
pub fn app(project: Project, size: (u16, u16)) -> Driver {
    Driver::new(project, size)
}

/// The fixture study in a workbench whose user keymap.ron says `ron`.
pub fn with_user_keymap(ron: &str) -> Driver {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("keymap.ron"), ron).expect("write keymap");
    let (keymap, errors) = margin::tui::load_keymap(Some(dir.path()));
    assert!(errors.is_empty(), "{errors:?}");
    let mut driver = Driver::new(project(), (100, 30));
    driver.set_keymap(keymap);
    driver
}

/// Feeds keys written as text: plain characters, and `<esc>`, `<cr>`,
/// `<tab>`, `<bs>`, `<up>`, `<down>`, `<c-r>` (ctrl + letter); returns the
/// effects they asked for.
pub fn keys(driver: &mut Driver, script: &str) -> Vec<Effect> {
    driver.keys(script).take_effects()
}

/// The screen drawn into a TestBackend.
pub fn draw(driver: &Driver) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    driver.draw()
}

/// The screen as text.
pub fn screen_text(driver: &Driver) -> String {
    driver.screen()
}

//! Screen snapshots of the workbench (ratatui TestBackend + insta) at 80x24
//! and 160x48 on the sample study, and of wide characters, combining marks,
//! emoji and tabs in a narrow pane.

use crate::common;

use common::fixture::{app, draw, keys, project};
use margin::tui::driver::Driver;

fn sample(size: (u16, u16)) -> Driver {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    app(project, size)
}

#[test]
fn main_screen_80x24() {
    let app = sample((80, 24));
    insta::assert_snapshot!("main_80x24", draw(&app).backend());
}

#[test]
fn main_screen_160x48() {
    let mut app = sample((160, 48));
    // Down to a coded passage, with the first theme unfolded.
    keys(&mut app, "}}}}3 1");
    insta::assert_snapshot!("main_160x48", draw(&app).backend());
}

#[test]
fn code_picker_80x24() {
    let mut app = sample((80, 24));
    keys(&mut app, "}Vjcchao");
    insta::assert_snapshot!("code_picker_80x24", draw(&app).backend());
}

#[test]
fn help_160x48() {
    let mut app = sample((160, 48));
    keys(&mut app, "?");
    insta::assert_snapshot!("help_160x48", draw(&app).backend());
}

#[test]
fn retrieval_160x48() {
    let mut app = sample((160, 48));
    keys(&mut app, "2jj<cr>");
    insta::assert_snapshot!("retrieval_160x48", draw(&app).backend());
}

#[test]
fn wide_characters_in_a_narrow_pane() {
    let mut app = app(project(), (40, 16));
    keys(&mut app, "G");
    insta::assert_snapshot!("wide_characters_40x16", draw(&app).backend());
}

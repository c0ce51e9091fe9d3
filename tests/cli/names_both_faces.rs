//! One rule for a new code's or theme's name, from both faces: a name that
//! differs from an existing one only in case (beyond ASCII) or spacing is
//! refused with the same words by `margin code add` / `margin theme add` and
//! by the workbench's `a` in the codebook and theme panes. Before, the CLI
//! compared ASCII case only and let "ÉCOUTE" in beside "Écoute", while the
//! workbench refused it; the workbench also added a theme under any name.

use crate::common;

use common::cli::{fails, ok, snapshot};
use common::fixture::{app, keys};
use margin::store::Store;
use std::path::Path;

const TAKEN: &str = "the codebook already has a code 'Chaotic daily life' (id chaotic-daily-life)";
const THEME_TAKEN: &str =
    "the theme tree already has a theme 'Creative engagement' (id creative-engagement)";

fn study() -> (tempfile::TempDir, String) {
    let (tmp, dir) = common::sample_study();
    (tmp, dir.to_string_lossy().into_owned())
}

#[test]
fn the_cli_refuses_a_name_taken_but_for_case_or_spacing() {
    let (_tmp, d) = study();
    let before = snapshot(Path::new(&d));
    assert!(fails(&["code", "add", &d, "  chaotic   DAILY life "]).contains(TAKEN));
    assert!(fails(&["theme", "add", &d, "creative ENGAGEMENT"]).contains(THEME_TAKEN));
    assert_eq!(snapshot(Path::new(&d)), before, "nothing written");
    ok(&["code", "add", &d, "Écoute"]);
    let refused = fails(&["code", "add", &d, "ÉCOUTE"]);
    assert!(
        refused.contains("the codebook already has a code 'Écoute' (id"),
        "{refused}"
    );
}

#[test]
fn the_workbench_refuses_the_same_names_with_the_same_words() {
    let (_tmp, d) = study();
    let (project, _) = Store::open(&d).expect("opens");
    let mut app = app(project, (120, 40));
    let codes = app.project().codes.len();
    let effects = keys(&mut app, "2a  chaotic   DAILY life <cr>");
    assert!(effects.is_empty());
    assert!(app.status().contains(TAKEN), "{}", app.status());
    let effects = keys(&mut app, "2aÉcoute<cr>");
    assert_eq!(effects.len(), 1, "{}", app.status());
    let effects = keys(&mut app, "2aÉCOUTE<cr>");
    assert!(effects.is_empty());
    assert!(
        app.status()
            .contains("the codebook already has a code 'Écoute' (id"),
        "{}",
        app.status()
    );
    assert_eq!(app.project().codes.len(), codes + 1);
    let effects = keys(&mut app, "3acreative ENGAGEMENT<cr>");
    assert!(effects.is_empty());
    assert!(app.status().contains(THEME_TAKEN), "{}", app.status());
}

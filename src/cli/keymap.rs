//! `margin keymap`: the workbench's effective key table, in the format of
//! keymap.ron, so that a user can copy any part of it into their own file.

use super::common::Context;
use anyhow::Result;
use clap::Args;
use std::fmt::Write as _;

#[derive(Debug, Args)]
pub struct KeymapArgs {}

pub fn run(_ctx: &Context, _args: KeymapArgs) -> Result<()> {
    let config_dir = crate::config::config_dir();
    let (keymap, problems) = crate::tui::load_keymap(config_dir.as_deref());
    for problem in &problems {
        eprintln!("margin: {problem}");
    }
    let user_file = config_dir.map(|d| d.join("keymap.ron"));
    crate::outln!("{}", render(&keymap, user_file.as_deref()));
    Ok(())
}

/// The keymap as RON with each action's description beside it.
pub fn render(
    keymap: &crate::tui::keymap::Keymap<crate::tui::action::Action>,
    user_file: Option<&std::path::Path>,
) -> String {
    let mut out = String::new();
    let origin = match user_file {
        Some(path) if path.is_file() => format!(
            "the built-in keys with {} patched over them",
            path.display()
        ),
        Some(path) => format!("the built-in keys ({} does not exist)", path.display()),
        None => "the built-in keys (no config folder)".to_string(),
    };
    let _ = writeln!(out, "// margin's effective keymap: {origin}.");
    let _ = writeln!(
        out,
        "// To change a key, put its context and entry in keymap.ron in margin's config folder\n\
         // ($MARGIN_CONFIG_DIR, or e.g. ~/.config/margin); entries there are patched over these.\n\
         // Keys: a character (\"j\", \"G\"), \"ctrl-r\", \"alt-x\", \"enter\", \"esc\", \"tab\", \"shift-tab\",\n\
         // \"space\", \"backspace\", \"delete\", \"up\", \"down\", \"left\", \"right\", \"home\", \"end\",\n\
         // \"pageup\", \"pagedown\", \"f1\"...\"f12\". Actions: the names below (`margin keymap` lists them all)."
    );
    out.push_str("{\n");
    for (context, bindings) in &keymap.contexts {
        let _ = writeln!(out, "    \"{context}\": {{");
        let mut entries: Vec<(String, _)> = bindings
            .iter()
            .map(|(k, a)| (k.config_name(), *a))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (key, action) in entries {
            // Serde's name is what keymap.ron reads (`move_down`).
            let name = ron::to_string(&action).unwrap_or_else(|_| action.name().to_string());
            let entry = format!("{key:?}: {name},");
            let _ = writeln!(out, "        {entry:<34} // {}", action.description());
        }
        out.push_str("    },\n");
    }
    out.push('}');
    out
}

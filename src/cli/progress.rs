//! Progress on stderr for commands that work through many documents: a bar
//! when stderr is a terminal, nothing at all otherwise, so scripts, pipes and
//! CI logs stay clean. The core never sees this: it reports each step through
//! a plain callback (`&mut dyn FnMut(...)`) and the CLI advances the bar.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal as _;

/// A bar of `len` steps labelled `what` ("importing", "report"), hidden when
/// stderr is not a terminal; `set_message` names the item at hand (a file). Finish it with `finish_and_clear` so the
/// command's own output starts on a clean line.
pub fn bar(len: u64, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{prefix:>12} [{bar:30}] {pos}/{len} {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_prefix(what.to_string());
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_is_hidden_when_stderr_is_not_a_terminal() {
        // Test runners capture stderr, so it is never a terminal here.
        if !std::io::stderr().is_terminal() {
            assert!(bar(10, "testing").is_hidden());
        }
    }
}

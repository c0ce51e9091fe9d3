//! The gauge of long work (see `jobs`): one line above the status line
//! saying what is being done, how far it is, and that esc cancels.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::jobs::Job;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Clear, LineGauge};

pub fn render(app: &App, job: &Job, frame: &mut Frame, area: Rect) {
    if area.height < 2 {
        return;
    }
    let (done, total) = job.progress();
    let label = if job.waiting() {
        format!(" {}: done, shown when this window closes ", job.what)
    } else {
        let cancel = app.keys_label(Action::Cancel);
        format!(
            " {}: {done} of {total} documents · {cancel} cancels ",
            job.what
        )
    };
    let p = &app.palette;
    let (filled, unfilled) = if p.monochrome {
        (
            Style::new().add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::DIM),
        )
    } else {
        (Style::new().fg(p.accent), Style::new().fg(p.dim))
    };
    let ratio = if total == 0 {
        1.0
    } else {
        done as f64 / total as f64
    };
    let rect = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        LineGauge::default()
            .ratio(ratio.clamp(0.0, 1.0))
            .label(label)
            .style(Style::new().fg(p.text).bg(p.background))
            .filled_style(filled)
            .unfilled_style(unfilled),
        rect,
    );
}

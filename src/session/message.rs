//! A sentence said to the analyst, with its tone: what the workbench puts
//! on its status line and in its message log. Terminal-free, so the session
//! and the core can say things too; each face decides how a tone looks.

/// How a message should look: plain, done, take care, failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Ok,
    Warning,
    Error,
}

/// One message: its words and its tone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub tone: Tone,
}

impl Message {
    pub fn new(text: impl Into<String>, tone: Tone) -> Message {
        Message {
            text: text.into(),
            tone,
        }
    }

    /// No words: a status line cleared.
    pub fn empty() -> Message {
        Message::new(String::new(), Tone::Info)
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_reads_as_its_words() {
        let said = Message::new("coded 'calm'", Tone::Ok);
        assert_eq!(said.to_string(), "coded 'calm'");
        assert_eq!(said.tone, Tone::Ok);
        assert!(!said.is_empty());
        assert!(Message::empty().is_empty());
    }
}

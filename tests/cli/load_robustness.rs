//! No input may make margin panic: damaged project files and arbitrary bytes
//! as transcripts give errors (or load), never a crash.

use crate::common;

use common::{copy_dir, sample_project as sample};

use margin::store::Store;
use proptest::prelude::*;

/// The files a damage can land in.
const TARGETS: [&str; 6] = [
    "margin.ron",
    "codebook.ron",
    "themes.ron",
    "journal.ron",
    "documents/P1.ron",
    "codings/P1/asha.ron",
];

#[derive(Debug, Clone)]
enum Damage {
    Truncate(usize),
    Insert(usize, String),
    Replace(usize, u8),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<usize>().prop_map(Damage::Truncate),
        (
            any::<usize>(),
            "[\\[\\](){}:,\"'#\\\\a-z0-9 \n\u{0}-\u{7f}é😀]{1,6}"
        )
            .prop_map(|(at, s)| Damage::Insert(at, s)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Damage::Replace(at, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, damage: &Damage) {
    let len = bytes.len().max(1);
    match damage {
        Damage::Truncate(at) => bytes.truncate(at % len),
        Damage::Insert(at, s) => {
            let at = at % len;
            bytes.splice(at..at, s.bytes());
        }
        Damage::Replace(at, b) => {
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = *b;
            }
        }
    }
}

/// 96 cases in the test suite; scripts/soak.sh runs many more.
fn cases() -> u32 {
    std::env::var("MARGIN_SOAK_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(96)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn damaged_project_files_never_panic_the_loader(
        target in 0usize..TARGETS.len(),
        damages in prop::collection::vec(damage(), 1..4),
    ) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("p");
        copy_dir(&sample(), &dir);
        let file = dir.join(TARGETS[target]);
        let mut bytes = std::fs::read(&file).expect("read");
        for d in &damages {
            apply(&mut bytes, d);
        }
        std::fs::write(&file, &bytes).expect("write");
        match Store::open(&dir) {
            Ok((project, _)) => {
                // Whatever loads can be validated without a panic too.
                let _ = margin::check::validate(&dir, &project);
            }
            Err(err) => {
                let message = err.in_folder(&dir);
                prop_assert!(!message.is_empty());
            }
        }
    }

    #[test]
    fn any_bytes_as_a_transcript_decode_or_are_refused(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(decoded) = margin::import::decode_transcript(&bytes, "t.txt") {
            prop_assert!(!decoded.text.contains('\r'));
        }
    }
}

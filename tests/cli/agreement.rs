//! `margin agree` on the sample study: kappa and alpha per code for the two
//! coders of P1 and P2, checked against an independent per-character count.

use margin::model::{DocId, Project};
use margin::store::Store;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn sample() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-project"))
}

fn margin(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_margin"))
        .args(args)
        .output()
        .expect("run margin")
}

/// Per-character labels of one coder for one code, over the given documents
/// one after another.
fn labels(p: &Project, docs: &[&str], coder: &str, code: &str) -> Vec<bool> {
    let mut out = Vec::new();
    for doc in docs {
        let id = DocId::new(*doc);
        let mut own = vec![false; p.documents[&id].char_len()];
        let list = p.codings.get(&id).and_then(|m| m.get(coder));
        for c in list
            .into_iter()
            .flatten()
            .filter(|c| c.code.as_str() == code)
        {
            for slot in &mut own[c.start..c.end] {
                *slot = true;
            }
        }
        out.extend(own);
    }
    out
}

/// Cohen's kappa and Krippendorff's alpha (two raters, binary, no missing
/// values) from the textbook definitions.
fn naive(a: &[bool], b: &[bool]) -> (f64, f64) {
    let n = a.len() as f64;
    let count = |v: &[bool]| v.iter().filter(|x| **x).count() as f64;
    let agree = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64;
    let (pa, pb) = (count(a) / n, count(b) / n);
    let po = agree / n;
    let pe = pa * pb + (1.0 - pa) * (1.0 - pb);
    let kappa = if pe == 1.0 {
        1.0
    } else {
        (po - pe) / (1.0 - pe)
    };
    // Coincidences: each unit gives the ordered pairs (a,b) and (b,a).
    let n_values = 2.0 * n;
    let ones = count(a) + count(b);
    let zeros = n_values - ones;
    let disagreements = 2.0 * (n - agree);
    let alpha = if ones == 0.0 || zeros == 0.0 {
        1.0
    } else {
        1.0 - (n_values - 1.0) * disagreements / (2.0 * zeros * ones)
    };
    (kappa, alpha)
}

#[test]
fn sample_agreement_matches_an_independent_count() {
    let out = margin(&["agree", sample().to_str().expect("utf-8 path"), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let docs: Vec<&str> = json["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(docs, ["P1", "P2"], "ben coded P1 and P2 only");
    let (project, _) = Store::open(sample()).expect("sample project");
    let codes = json["codes"].as_array().expect("codes");
    assert_eq!(codes.len(), project.codes.len());
    let mut checked = 0;
    for row in codes {
        let code = row["code"].as_str().expect("code");
        let a = labels(&project, &docs, "asha", code);
        let b = labels(&project, &docs, "ben", code);
        let (kappa, alpha) = naive(&a, &b);
        let got_kappa = row["kappa"].as_f64().expect("kappa");
        let got_alpha = row["alpha"].as_f64().expect("alpha");
        assert!(
            (got_kappa - kappa).abs() < 1e-9,
            "{code}: kappa {got_kappa} vs {kappa}"
        );
        assert!(
            (got_alpha - alpha).abs() < 1e-9,
            "{code}: alpha {got_alpha} vs {alpha}"
        );
        assert!(row["agreement"].as_f64().is_some() && row["documents"].is_array());
        checked += usize::from(a.iter().any(|x| *x) || b.iter().any(|x| *x));
    }
    assert!(
        checked >= 20,
        "most codes are used in P1 and P2 ({checked})"
    );
    let overall = json["overall"]["kappa"].as_f64().expect("overall kappa");
    assert!(
        (0.5..1.0).contains(&overall),
        "good but not perfect: {overall}"
    );
}

#[test]
fn unknown_names_fail_with_a_message() {
    let dir = sample().to_str().expect("utf-8 path");
    let out = margin(&["agree", dir, "--coders", "asha,nobody"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no coder 'nobody'"));
    let out = margin(&["agree", dir, "--codes", "no-such-code"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no code 'no-such-code'"));
}

//! Agreement on hand-made cases whose figures are worked out by hand below,
//! and a cross-check against a naive per-character computation.

use margin::analysis::agreement::{Comparison, Group, Report, compare, disagreements};
use margin::model::{CodeId, Coding, DocId, Document, DocumentRecord, Manifest, Project};

const EPS: f64 = 1e-9;

fn project(docs: &[(&str, usize)]) -> Project {
    let mut p = Project::new(Manifest::new("agreement"));
    for (id, len) in docs {
        let record = DocumentRecord {
            title: id.to_string(),
            source: String::new(),
            attributes: Default::default(),
            sha256: String::new(),
            guid: String::new(),
            times: Vec::new(),
        };
        // Multi-byte characters, so that a byte-counting slip would show.
        let text: String = "é".repeat(*len);
        p.documents.insert(
            DocId::new(*id),
            Document::new(DocId::new(*id), record, text),
        );
    }
    for code in ["x", "y"] {
        p.codes.insert(
            CodeId::new(code),
            margin::model::Code::new(CodeId::new(code), code, 0),
        );
    }
    p
}

fn code(p: &mut Project, doc: &str, coder: &str, code: &str, start: usize, end: usize) {
    let list = p
        .codings
        .entry(DocId::new(doc))
        .or_default()
        .entry(coder.into())
        .or_default();
    list.push(Coding::new(CodeId::new(code), start, end));
    list.sort();
}

fn row<'a>(report: &'a Report, code: &str) -> &'a margin::analysis::agreement::CodeRow {
    report
        .codes
        .iter()
        .find(|r| r.code.as_str() == code)
        .expect("code row")
}

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < EPS,
        "expected {expected}, got {actual}"
    );
}

fn two_coders(p: &Project) -> Report {
    compare(p, &Comparison::coders(["ana", "ben"])).expect("comparison")
}

#[test]
fn perfect_agreement_scores_one() {
    let mut p = project(&[("D", 100)]);
    code(&mut p, "D", "ana", "x", 10, 30);
    code(&mut p, "D", "ben", "x", 10, 20);
    code(&mut p, "D", "ben", "x", 20, 30); // same characters, in two codings
    let r = two_coders(&p);
    let x = row(&r, "x");
    close(x.scores.agreement, 100.0);
    close(x.scores.kappa.unwrap_or(f64::NAN), 1.0);
    close(x.scores.alpha, 1.0);
}

#[test]
fn no_overlap() {
    // a = 20, b = 20, both 0, neither 60 of 100.
    // po = 0.6; pe = 0.2*0.2 + 0.8*0.8 = 0.68; kappa = -0.08 / 0.32 = -0.25.
    // alpha: n = 200 values, n1 = 40, n0 = 160, 40 characters with one
    // disagreeing pair each: 1 - 199 * 40 / (160 * 40) = -0.24375.
    let mut p = project(&[("D", 100)]);
    code(&mut p, "D", "ana", "x", 0, 20);
    code(&mut p, "D", "ben", "x", 50, 70);
    let x = row(&two_coders(&p), "x").clone();
    close(x.scores.agreement, 60.0);
    close(x.scores.kappa.unwrap_or(f64::NAN), -0.25);
    close(x.scores.alpha, -0.24375);
}

#[test]
fn partial_overlap() {
    // ana 10..50, ben 30..70: both 20, one coder 40, neither 40 of 100.
    // po = 0.6; pe = 0.4*0.4 + 0.6*0.6 = 0.52; kappa = 0.08 / 0.48 = 1/6.
    // alpha = 1 - 199 * 40 / (120 * 80) = 1 - 7960/9600 = 41/240.
    let mut p = project(&[("D", 100)]);
    code(&mut p, "D", "ana", "x", 10, 50);
    code(&mut p, "D", "ben", "x", 30, 70);
    let r = two_coders(&p);
    let x = row(&r, "x");
    close(x.scores.agreement, 60.0);
    close(x.scores.kappa.unwrap_or(f64::NAN), 1.0 / 6.0);
    close(x.scores.alpha, 41.0 / 240.0);
    // The disagreements are 10..30 (ana only) and 50..70 (ben only).
    let groups = [Group::coder("ana"), Group::coder("ben")];
    let d = disagreements(&p, &DocId::new("D"), &CodeId::new("x"), &groups);
    let spans: Vec<_> = d
        .iter()
        .map(|d| (d.start, d.end, d.coded_by.clone()))
        .collect();
    assert_eq!(
        spans,
        vec![(10, 30, vec![true, false]), (50, 70, vec![false, true])]
    );
}

#[test]
fn one_coder_silent_on_a_code() {
    // ana codes x on 0..25; ben codes only y in this document, so it is
    // compared. For x: po = 0.75, pe = 0.25*0 + 0.75*1 = 0.75, kappa = 0.
    // alpha = 1 - 199 * 25 / (175 * 25) = -24/175.
    let mut p = project(&[("D", 100)]);
    code(&mut p, "D", "ana", "x", 0, 25);
    code(&mut p, "D", "ben", "y", 90, 100);
    code(&mut p, "D", "ana", "y", 90, 100);
    let r = two_coders(&p);
    let x = row(&r, "x");
    close(x.scores.agreement, 75.0);
    close(x.scores.kappa.unwrap_or(f64::NAN), 0.0);
    close(x.scores.alpha, -24.0 / 175.0);
    close(row(&r, "y").scores.kappa.unwrap_or(f64::NAN), 1.0);
}

#[test]
fn three_coders() {
    // ana 0..40, ben 20..60, cy 20..40 of 100: by count of coders,
    // 0: 40 (60..100), 1: 40 (0..20, 40..60), 3: 20 (20..40).
    // agreement = (40 + 20) / 100 = 60%. alpha: n = 300, n1 = 40 + 60 = 100,
    // n0 = 200, disagreeing pairs = 40 * (1*2) = 80:
    // 1 - 299 * 80 / (2 * 200 * 100) = 0.402. No Cohen's kappa for three.
    let mut p = project(&[("D", 100)]);
    code(&mut p, "D", "ana", "x", 0, 40);
    code(&mut p, "D", "ben", "x", 20, 60);
    code(&mut p, "D", "cy", "x", 20, 40);
    let r = compare(&p, &Comparison::coders(["ana", "ben", "cy"])).expect("comparison");
    let x = row(&r, "x");
    close(x.scores.agreement, 60.0);
    assert_eq!(x.scores.kappa, None);
    close(x.scores.alpha, 0.402);
}

#[test]
fn group_against_coder() {
    // {ana, ben} code 0..60 together, cy 20..40: both 20, group only 40.
    // po = 0.6; pe = 0.6*0.2 + 0.4*0.8 = 0.44; kappa = 0.16 / 0.56 = 2/7.
    let mut p = project(&[("D", 100)]);
    code(&mut p, "D", "ana", "x", 0, 40);
    code(&mut p, "D", "ben", "x", 20, 60);
    code(&mut p, "D", "cy", "x", 20, 40);
    let comparison = Comparison {
        groups: vec![
            Group {
                name: "ana+ben".into(),
                coders: vec!["ana".into(), "ben".into()],
            },
            Group::coder("cy"),
        ],
        ..Comparison::default()
    };
    let r = compare(&p, &comparison).expect("comparison");
    close(row(&r, "x").scores.kappa.unwrap_or(f64::NAN), 2.0 / 7.0);
}

#[test]
fn pooling_over_documents_and_overall() {
    // D1 as in partial_overlap; in D2 nobody used x (both coded y 0..50).
    // x pooled over 200 characters: both 20, one 40, neither 140:
    // po = 0.8, pe = 0.2*0.2 + 0.8*0.8 = 0.68, kappa = 0.12 / 0.32 = 0.375.
    // y: perfect on D2 (0..50), nobody on D1: 200 characters, all agreeing.
    // Overall pools both codes: 400 characters, ana 40+50, ben 40+50,
    // both 20+50, neither 140+150: po = 360/400 = 0.9,
    // pe = 0.225^2 + 0.775^2 = 0.65125, kappa = 0.24875 / 0.34875.
    let mut p = project(&[("D1", 100), ("D2", 100)]);
    code(&mut p, "D1", "ana", "x", 10, 50);
    code(&mut p, "D1", "ben", "x", 30, 70);
    code(&mut p, "D2", "ana", "y", 0, 50);
    code(&mut p, "D2", "ben", "y", 0, 50);
    let r = two_coders(&p);
    let x = row(&r, "x");
    assert_eq!(
        x.documents.len(),
        1,
        "only documents where x was used are listed"
    );
    close(x.scores.agreement, 80.0);
    close(x.scores.kappa.unwrap_or(f64::NAN), 0.375);
    close(r.overall.scores.agreement, 90.0);
    close(
        r.overall.scores.kappa.unwrap_or(f64::NAN),
        0.24875 / 0.34875,
    );
}

#[test]
fn default_documents_are_those_every_coder_coded() {
    let mut p = project(&[("D1", 100), ("D2", 100)]);
    code(&mut p, "D1", "ana", "x", 0, 10);
    code(&mut p, "D1", "ben", "x", 0, 10);
    code(&mut p, "D2", "ana", "x", 0, 50); // ben has not coded D2 yet
    let r = two_coders(&p);
    assert_eq!(r.documents, vec![DocId::new("D1")]);
    close(row(&r, "x").scores.kappa.unwrap_or(f64::NAN), 1.0);
    let named = compare(
        &p,
        &Comparison {
            docs: Some(vec![DocId::new("D1"), DocId::new("D2")]),
            ..Comparison::coders(["ana", "ben"])
        },
    )
    .expect("comparison");
    assert!(row(&named, "x").scores.kappa.unwrap_or(f64::NAN) < 1.0);
}

#[test]
fn refuses_fewer_than_two_coders_and_unknown_names() {
    let p = project(&[("D", 10)]);
    assert!(compare(&p, &Comparison::coders(["ana"])).is_err());
    let bad_doc = Comparison {
        docs: Some(vec![DocId::new("nope")]),
        ..Comparison::coders(["ana", "ben"])
    };
    assert!(compare(&p, &bad_doc).is_err());
    let bad_code = Comparison {
        codes: Some(vec![CodeId::new("nope")]),
        ..Comparison::coders(["ana", "ben"])
    };
    assert!(compare(&p, &bad_code).is_err());
}

/// Per-character labels of one coder for one code in one document.
fn labels(p: &Project, doc: &str, coder: &str, code: &str) -> Vec<bool> {
    let len = p.documents[&DocId::new(doc)].char_len();
    let mut out = vec![false; len];
    let list = p
        .codings
        .get(&DocId::new(doc))
        .and_then(|m| m.get(coder))
        .cloned()
        .unwrap_or_default();
    for c in list.iter().filter(|c| c.code.as_str() == code) {
        for slot in out.iter_mut().take(c.end.min(len)).skip(c.start) {
            *slot = true;
        }
    }
    out
}

/// Textbook Cohen's kappa from two label vectors.
fn naive_kappa(a: &[bool], b: &[bool]) -> f64 {
    let n = a.len() as f64;
    let po = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / n;
    let pa = a.iter().filter(|x| **x).count() as f64 / n;
    let pb = b.iter().filter(|x| **x).count() as f64 / n;
    let pe = pa * pb + (1.0 - pa) * (1.0 - pb);
    (po - pe) / (1.0 - pe)
}

/// Krippendorff's alpha from a coincidence matrix built unit by unit.
fn naive_alpha(raters: &[Vec<bool>]) -> f64 {
    let m = raters.len() as f64;
    let mut o = [[0f64; 2]; 2];
    for u in 0..raters[0].len() {
        for i in 0..raters.len() {
            for j in 0..raters.len() {
                if i != j {
                    o[usize::from(raters[i][u])][usize::from(raters[j][u])] += 1.0 / (m - 1.0);
                }
            }
        }
    }
    let n0 = o[0][0] + o[0][1];
    let n1 = o[1][0] + o[1][1];
    let n = n0 + n1;
    1.0 - (n - 1.0) * (o[0][1] + o[1][0]) / (2.0 * n0 * n1)
}

#[test]
fn matches_a_naive_per_character_computation() {
    let mut p = project(&[("D1", 300), ("D2", 257), ("D3", 411)]);
    let coders = ["ana", "ben", "cy"];
    let mut seed: u64 = 42;
    let mut next = |bound: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        ((seed >> 33) as usize) % bound
    };
    for (doc, len) in [("D1", 300), ("D2", 257), ("D3", 411)] {
        for coder in coders {
            for _ in 0..12 {
                let start = next(len);
                let end = (start + 1 + next(80)).min(len);
                let code_name = if next(2) == 0 { "x" } else { "y" };
                code(&mut p, doc, coder, code_name, start, end);
            }
        }
    }
    let pair = two_coders(&p);
    let trio = compare(&p, &Comparison::coders(coders)).expect("comparison");
    for code_name in ["x", "y"] {
        let mut pooled: Vec<Vec<bool>> = vec![Vec::new(); 3];
        for doc in ["D1", "D2", "D3"] {
            let per: Vec<Vec<bool>> = coders
                .iter()
                .map(|c| labels(&p, doc, c, code_name))
                .collect();
            let pair_row = row(&pair, code_name)
                .documents
                .iter()
                .find(|r| r.doc.as_str() == doc)
                .expect("document row");
            close(
                pair_row.scores.kappa.unwrap_or(f64::NAN),
                naive_kappa(&per[0], &per[1]),
            );
            close(pair_row.scores.alpha, naive_alpha(&per[..2]));
            for (all, one) in pooled.iter_mut().zip(per) {
                all.extend(one);
            }
        }
        let pair_code = row(&pair, code_name);
        close(
            pair_code.scores.kappa.unwrap_or(f64::NAN),
            naive_kappa(&pooled[0], &pooled[1]),
        );
        close(pair_code.scores.alpha, naive_alpha(&pooled[..2]));
        close(row(&trio, code_name).scores.alpha, naive_alpha(&pooled));
        let agree = (0..pooled[0].len())
            .filter(|&u| pooled[0][u] == pooled[1][u] && pooled[1][u] == pooled[2][u])
            .count() as f64;
        close(
            row(&trio, code_name).scores.agreement,
            100.0 * agree / pooled[0].len() as f64,
        );
    }
}

//! The README's reasons × languages table is the knowledge's, not a copy
//! that can drift: this test rebuilds it from the data.

use decline_doctor::knowledge::{Lang, Reason, MESSAGES};

fn expected_table() -> String {
    let mut out = String::from("| reason |");
    for l in Lang::ALL {
        out.push_str(&format!(" {} |", l.id()));
    }
    out.push_str("\n|---|");
    for _ in Lang::ALL {
        out.push_str("---|");
    }
    for r in Reason::ALL {
        out.push_str(&format!("\n| `{}` |", r.id()));
        for l in Lang::ALL {
            let ours = || MESSAGES.iter().filter(|m| m.reason == *r && m.lang == *l);
            let web = ours().any(|m| m.surface != "sdk" && matches!(m.evidence, "official" | "observed"));
            let claimed = ours().any(|m| m.surface != "sdk");
            let cell = if web {
                " web |"
            } else if claimed {
                " web? |"
            } else if ours().next().is_some() {
                " sdk |"
            } else {
                " · |"
            };
            out.push_str(cell);
        }
    }
    out
}

#[test]
fn readme_table_matches_the_messages_we_detect() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("<!-- reasons-languages -->").expect("README marker") + "<!-- reasons-languages -->".len();
    let end = readme.find("<!-- /reasons-languages -->").expect("README end marker");
    let actual = readme[start..end].trim();
    let expected = expected_table();
    assert_eq!(actual, expected, "update the README table to:\n{expected}");
}

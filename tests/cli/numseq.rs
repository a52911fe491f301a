//! Number sequences and their references (DOMAIN.md 4).

use std::collections::HashSet;
use std::process::Stdio;

use insta::assert_snapshot;

use crate::common::{TestEnv, on_both_engines};

fn with_sequences() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&[
        "legal-entity",
        "add",
        "USRT",
        "--name",
        "Contoso Retail USA",
        "--country",
        "US",
        "--language",
        "en-US",
    ]);
    env.ok(&[
        "numseq",
        "add",
        "CLIENTBOOK",
        "--format",
        "CB-#####",
        "--scope",
        "legal-entity",
        "--legal-entity",
        "USRT",
    ]);
    env.ok(&[
        "numseq",
        "assign",
        "client_book_id",
        "CLIENTBOOK",
        "--legal-entity",
        "USRT",
    ]);
    env.ok(&[
        "numseq",
        "add",
        "CUSTACCT",
        "--format",
        "######",
        "--next",
        "100001",
        "--scope",
        "legal-entity",
        "--legal-entity",
        "USRT",
    ]);
    env.ok(&[
        "numseq",
        "assign",
        "customer_account",
        "CUSTACCT",
        "--legal-entity",
        "USRT",
    ]);
    env
}

#[test]
fn the_issue_example() {
    on_both_engines(|| {
        let env = with_sequences();
        assert_snapshot!(env.run(&["numseq", "next", "CLIENTBOOK"]), @"
        $ hq numseq next CLIENTBOOK
        [exit 0]
        --- stdout
        CB-00001
        --- stderr
        ");
        // `next` does not consume.
        assert_eq!(env.ok(&["numseq", "next", "CLIENTBOOK"]), "CB-00001\n");
        assert_eq!(env.ok(&["numseq", "next", "CUSTACCT"]), "100001\n");
        assert_snapshot!(env.run(&["numseq", "show", "CLIENTBOOK", "--json"]), @r#"
        $ hq numseq show CLIENTBOOK --json
        [exit 0]
        --- stdout
        {
          "code": "CLIENTBOOK",
          "name": "CLIENTBOOK",
          "scope": "legal-entity",
          "legal_entity": "USRT",
          "format": "CB-#####",
          "smallest": 1,
          "largest": 99999,
          "next": 1,
          "manual": false,
          "continuous": false,
          "stopped": false,
          "next_value": "CB-00001",
          "references": [
            {
              "reference": "client_book_id",
              "legal_entity": "USRT",
              "number_sequence": "CLIENTBOOK"
            }
          ]
        }
        --- stderr
        "#);
        let s = env.json(&["numseq", "show", "CUSTACCT"]);
        for key in [
            "code",
            "format",
            "scope",
            "legal_entity",
            "smallest",
            "largest",
            "next",
            "manual",
            "continuous",
            "stopped",
            "references",
        ] {
            assert!(s.get(key).is_some(), "missing {key}");
        }
        assert_eq!(s["largest"], 999999);
        assert_snapshot!(env.run(&["numseq", "list"]), @"
        $ hq numseq list
        [exit 0]
        --- stdout
        CODE        FORMAT    SCOPE         LEGAL ENTITY  NEXT      STATUS  REFERENCES
        CLIENTBOOK  CB-#####  legal-entity  USRT          CB-00001  active  client_book_id (USRT)
        CUSTACCT    ######    legal-entity  USRT          100001    active  customer_account (USRT)
        --- stderr
        ");
    });
}

#[test]
fn bad_formats_and_limits_are_refused() {
    on_both_engines(|| {
        let env = with_sequences();
        assert_snapshot!(env.refused(&["numseq", "add", "X", "--format", "CB-"], 3), @r#"
        $ hq numseq add X --format CB-
        [exit 3]
        --- stdout
        --- stderr
        error: invalid value "CB-" for --format: a format needs at least one # digit placeholder
        hint: for example CB-##### gives CB-00001
        "#);
        assert_snapshot!(env.refused(&["numseq", "add", "X", "--format", "#####", "--largest", "1000000"], 3), @r#"
        $ hq numseq add X --format ##### --largest 1000000
        [exit 3]
        --- stdout
        --- stderr
        error: invalid value "1000000" for --largest: it does not fit the 5 digits of format ##### (at most 99999)
        hint: lower --largest, or add # placeholders to --format
        "#);
        env.refused(
            &["numseq", "add", "X", "--format", "#####", "--next", "0"],
            3,
        )
        .says(&[
            "invalid value \"0\" for --next: it must be within 1..=99999 (smallest to largest)",
        ]);
        env.refused(
            &[
                "numseq",
                "add",
                "X",
                "--format",
                "#####",
                "--scope",
                "legal-entity",
            ],
            3,
        )
        .says(&["--legal-entity: a sequence with scope legal-entity needs its legal entity"]);
        env.refused(
            &[
                "numseq",
                "add",
                "X",
                "--format",
                "#####",
                "--legal-entity",
                "NOPE",
            ],
            4,
        )
        .says(&["legal entity \"NOPE\" does not exist (given by --legal-entity)"]);
        env.refused(&["numseq", "add", "CLIENTBOOK", "--format", "#####"], 5)
            .says(&["number sequence CLIENTBOOK already exists"]);
        env.refused(&["numseq", "set", "CUSTACCT", "--largest", "10"], 3)
            .says(&[
                "invalid value \"10\" for --largest: numbers up to 100000 have been handed out already",
            ]);
    });
}

#[test]
fn allocation_hands_out_each_number_once_and_advances() {
    on_both_engines(|| {
        let env = with_sequences();
        assert_snapshot!(env.run(&["numseq", "allocate", "CLIENTBOOK", "--count", "3"]), @"
        $ hq numseq allocate CLIENTBOOK --count 3
        [exit 0]
        --- stdout
        CB-00001
        CB-00002
        CB-00003
        --- stderr
        Updated number sequence CLIENTBOOK: next 1 -> 4
        ");
        assert_eq!(env.ok(&["numseq", "next", "CLIENTBOOK"]), "CB-00004\n");
        assert_eq!(
            env.json(&["numseq", "allocate", "CUSTACCT"]),
            serde_json::json!(["100001"])
        );
    });
}

#[test]
fn allocation_past_largest_or_from_a_stopped_or_manual_sequence_is_refused() {
    on_both_engines(|| {
        let env = with_sequences();
        env.ok(&["numseq", "add", "TINY", "--format", "T#", "--smallest", "8"]);
        env.ok(&["numseq", "allocate", "TINY", "--count", "2"]);
        assert_snapshot!(env.refused(&["numseq", "allocate", "TINY"], 3), @"
        $ hq numseq allocate TINY
        [exit 3]
        --- stdout
        --- stderr
        error: number sequence TINY is used up: its largest number 9 has been handed out
        hint: raise it with `hq numseq set TINY --largest N`
        ");
        env.refused(&["numseq", "next", "TINY"], 3)
            .says(&["number sequence TINY is used up: its largest number 9 has been handed out"]);
        // A failed multi-allocation consumes nothing.
        env.ok(&["numseq", "set", "TINY", "--largest", "9", "--next", "9"]);
        env.refused(&["numseq", "allocate", "TINY", "--count", "2"], 3)
            .says(&["number sequence TINY is used up: its largest number 9 has been handed out"]);
        assert_eq!(env.ok(&["numseq", "next", "TINY"]), "T9\n");

        env.ok(&["numseq", "set", "CLIENTBOOK", "--stopped"]);
        let t = env.refused(&["numseq", "allocate", "CLIENTBOOK"], 3);
        assert!(t.contains("number sequence CLIENTBOOK is stopped"), "{t}");
        env.ok(&["numseq", "set", "CLIENTBOOK", "--stopped=false"]);
        env.ok(&["numseq", "allocate", "CLIENTBOOK"]);

        env.ok(&["numseq", "add", "HAND", "--format", "H###", "--manual"]);
        let t = env.refused(&["numseq", "allocate", "HAND"], 3);
        assert!(t.contains("number sequence HAND is manual"), "{t}");
    });
}

#[test]
fn concurrent_processes_never_hand_out_the_same_number() {
    on_both_engines(|| {
        let env = with_sequences();
        let children: Vec<_> = (0..6)
            .map(|_| {
                env.command(&[
                    "--wait", "30", "numseq", "allocate", "CUSTACCT", "--count", "25", "--json",
                ])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
            })
            .collect();
        let mut all = Vec::new();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let values: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(values.len(), 25);
            all.extend(values);
        }
        let unique: HashSet<&String> = all.iter().collect();
        assert_eq!(unique.len(), 150, "a number was handed out twice");
        let mut nums: Vec<u64> = all.iter().map(|v| v.parse().unwrap()).collect();
        nums.sort();
        assert_eq!(nums.first(), Some(&100001));
        assert_eq!(nums.last(), Some(&100150));
        assert_eq!(env.ok(&["numseq", "next", "CUSTACCT"]), "100151\n");
    });
}

#[test]
fn references_are_per_legal_entity_and_guard_removal() {
    on_both_engines(|| {
        let env = with_sequences();
        let t = env.refused(&["numseq", "remove", "CLIENTBOOK"], 5);
        assert!(
            t.contains("still used by references client_book_id (USRT)"),
            "{t}"
        );
        let t = env.refused(&["legal-entity", "remove", "USRT"], 5);
        assert!(t.contains("number sequences CLIENTBOOK, CUSTACCT"), "{t}");
        env.ok(&[
            "legal-entity",
            "add",
            "USMF",
            "--name",
            "Contoso Manufacturing",
            "--country",
            "US",
            "--language",
            "en-US",
        ]);
        // A legal entity's own sequence cannot serve another.
        let t = env.refused(
            &[
                "numseq",
                "assign",
                "client_book_id",
                "CLIENTBOOK",
                "--legal-entity",
                "USMF",
            ],
            3,
        );
        assert!(t.contains("belongs to legal entity USRT"), "{t}");
        // With two legal entities, which one must be said.
        let t = env.refused(&["numseq", "assign", "client_book_id", "CLIENTBOOK"], 2);
        assert!(t.contains("--legal-entity"), "{t}");
        env.ok(&["numseq", "add", "SHARED", "--format", "S####"]);
        env.ok(&[
            "numseq",
            "assign",
            "client_book_id",
            "SHARED",
            "--legal-entity",
            "USMF",
        ]);
        env.refused(
            &[
                "numseq",
                "assign",
                "gift_card",
                "SHARED",
                "--legal-entity",
                "USMF",
            ],
            2,
        )
        .says(&["invalid value 'gift_card' for '<REFERENCE>'"]);
        env.ok(&[
            "numseq",
            "unassign",
            "client_book_id",
            "--legal-entity",
            "USRT",
        ]);
        env.ok(&["numseq", "remove", "CLIENTBOOK"]);
        let p = env.json(&["param", "show"]);
        assert_eq!(
            p["number_sequences"],
            serde_json::json!([
                {"reference": "client_book_id", "legal_entity": "USMF", "number_sequence": "SHARED"},
                {"reference": "customer_account", "legal_entity": "USRT", "number_sequence": "CUSTACCT"}
            ])
        );
    });
}

#[test]
fn next_never_moves_back_over_numbers_in_use_without_force() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&[
            "pos",
            "--store",
            "HOUSTON",
            "--worker",
            "000160",
            "clientbook",
            "add",
            "100002",
        ]);
        // 100001..=100005 are accounts; CB-00002 is a client book.
        let t = env.refused(&["numseq", "set", "CUSTACCT", "--next", "100003"], 5);
        assert!(
            t.contains("error: next 100003 would hand out again numbers of sequence CUSTACCT that are in use, up to 100005 (customer 100005)"),
            "{t}"
        );
        assert!(
            t.contains("hint: give --next 100006 or more, or --force"),
            "{t}"
        );
        let t = env.refused(&["numseq", "set", "CLIENTBOOK", "--next", "1"], 5);
        assert!(t.contains("in use, up to 2 (client book CB-00002)"), "{t}");
        // Forward is fine, and so is back while still past every number in use.
        env.ok(&["numseq", "set", "CUSTACCT", "--next", "100010"]);
        env.ok(&["numseq", "set", "CUSTACCT", "--next", "100006"]);
        // --force does it, with a warning.
        let t = env.run(&["numseq", "set", "CUSTACCT", "--next", "100004", "--force"]);
        assert!(t.contains("[exit 0]"), "{t}");
        assert!(
            t.contains("warning: next 100004 would hand out again"),
            "{t}"
        );
        assert_eq!(env.json(&["numseq", "show", "CUSTACCT"])["next"], 100004);
    });
}

#[test]
fn an_allocation_that_meets_a_number_in_use_is_a_conflict_with_the_fix() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&[
            "pos",
            "--store",
            "HOUSTON",
            "--worker",
            "000160",
            "clientbook",
            "add",
            "100002",
        ]);
        env.ok(&["numseq", "set", "CUSTACCT", "--next", "100004", "--force"]);
        env.ok(&["numseq", "set", "CLIENTBOOK", "--next", "2", "--force"]);
        let add = [
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--first-name",
            "Grace",
            "--last-name",
            "Hopper",
        ];
        let t = env.refused(&add, 5);
        assert!(
            t.contains("error: number sequence CUSTACCT would hand out 100004 for customer_account, but a customer has that account already"),
            "{t}"
        );
        assert!(
            t.contains("hint: move it past them: `hq numseq set CUSTACCT --next 100006`"),
            "{t}"
        );
        let book = [
            "pos",
            "--store",
            "HOUSTON",
            "--worker",
            "000161",
            "clientbook",
            "add",
            "100003",
        ];
        let t = env.refused(&book, 5);
        assert!(
            t.contains("number sequence CLIENTBOOK would hand out CB-00002 for client_book_id, but a client book has that id already"),
            "{t}"
        );
        assert!(!t.contains("constraint"), "{t}");
        // The same through import and seed: a conflict, never a constraint error.
        let csv = env.dir().join("people.csv");
        std::fs::write(&csv, "first_name,last_name\nAda,King\n").unwrap();
        let t = env.refused(
            &[
                "customer",
                "import",
                csv.to_str().unwrap(),
                "--store",
                "HOUSTON",
            ],
            5,
        );
        assert!(
            t.contains("number sequence CUSTACCT would hand out 100004"),
            "{t}"
        );
        let t = env.refused(&["seed", "--customers", "3", "--store", "HOUSTON"], 5);
        assert!(
            t.contains("number sequence CUSTACCT would hand out 100004"),
            "{t}"
        );
        // The fix the hint names works.
        env.ok(&["numseq", "set", "CUSTACCT", "--next", "100006"]);
        env.ok(&["numseq", "set", "CLIENTBOOK", "--next", "3"]);
        env.ok(&add);
        env.ok(&book);
    });
}

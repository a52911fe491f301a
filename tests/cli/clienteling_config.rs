//! Clienteling configuration (DOMAIN.md 6, 7, 8): attributes and groups, the attribute-group
//! parameters, activity types, operations, staff, layouts and registers.

use insta::assert_snapshot;

use crate::common::{TestEnv, on_both_engines};

/// The organisation plus the issue's clienteling setup, up to (not including) layouts.
fn with_attributes() -> TestEnv {
    attributes_in(TestEnv::with_houston())
}

/// Clienteling enabled, two attribute types, two attributes and the group Clienteling.
fn attributes_in(env: TestEnv) -> TestEnv {
    env.ok(&["feature", "enable", "clienteling"]);
    env.ok(&[
        "attribute-type",
        "add",
        "Interests",
        "--kind",
        "text",
        "--value",
        "Handbags",
        "--value",
        "Shoes",
        "--value",
        "Jewelry",
    ]);
    env.ok(&["attribute-type", "add", "Date", "--kind", "datetime"]);
    env.ok(&[
        "attribute",
        "add",
        "PreferredCategory",
        "--type",
        "Interests",
    ]);
    env.ok(&["attribute", "add", "Birthday", "--type", "Date"]);
    env.ok(&[
        "attribute-group",
        "add",
        "Clienteling",
        "--description",
        "Client book attributes",
    ]);
    env.ok(&[
        "attribute-group",
        "attribute",
        "add",
        "Clienteling",
        "PreferredCategory",
        "--order",
        "1",
        "--refinable",
    ]);
    env.ok(&[
        "attribute-group",
        "attribute",
        "add",
        "Clienteling",
        "Birthday",
        "--order",
        "2",
    ]);
    env
}

fn with_staff() -> TestEnv {
    let env = with_attributes();
    env.ok(&[
        "param",
        "set",
        "--client-book-attribute-group",
        "Clienteling",
    ]);
    env.ok(&[
        "activity-type",
        "add",
        "VISIT",
        "--description",
        "Store visit",
    ]);
    env.ok(&[
        "permission-group",
        "add",
        "MANAGER",
        "--description",
        "Store manager",
    ]);
    env.ok(&[
        "permission-group",
        "allow",
        "MANAGER",
        "712",
        "713",
        "714",
        "715",
        "716",
    ]);
    env.ok(&[
        "worker",
        "add",
        "000160",
        "--name",
        "Ann Beebe",
        "--employee-address-book",
        "HOUSTON-EMP",
        "--permission-group",
        "MANAGER",
    ]);
    env.ok(&[
        "layout",
        "add",
        "HOUSTON-LAYOUT",
        "--name",
        "Houston layout",
    ]);
    env.ok(&[
        "layout",
        "button",
        "add",
        "HOUSTON-LAYOUT",
        "--operation",
        "712",
    ]);
    env.ok(&[
        "layout",
        "button",
        "add",
        "HOUSTON-LAYOUT",
        "--operation",
        "713",
    ]);
    env.ok(&["layout", "assign", "HOUSTON-LAYOUT", "--store", "HOUSTON"]);
    env.ok(&["register", "add", "HOUSTON-1", "--store", "HOUSTON"]);
    env
}

#[test]
fn the_issue_example() {
    on_both_engines(|| {
        let env = with_staff();
        assert_snapshot!(env.run(&["attribute-group", "show", "Clienteling", "--json"]), @r#"
        $ hq attribute-group show Clienteling --json
        [exit 0]
        --- stdout
        {
          "name": "Clienteling",
          "description": "Client book attributes",
          "attributes": [
            {
              "attribute": "PreferredCategory",
              "order": 1,
              "refinable": true
            },
            {
              "attribute": "Birthday",
              "order": 2,
              "refinable": false
            }
          ]
        }
        --- stderr
        "#);
        let ops = env.json(&["operation", "list"]);
        let ids: Vec<u64> = ops
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_u64().unwrap())
            .collect();
        for id in [600, 602, 603, 612, 623, 712, 713, 714, 715, 716] {
            assert!(ids.contains(&id), "operation {id} missing");
        }
        let op712 = ops
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["id"] == 712)
            .unwrap();
        assert_eq!(
            *op712,
            serde_json::json!({"id": 712, "name": "View customers in client book", "user_operation": true,
            "transaction_screen": false, "welcome_screen": true, "offline": false, "feature": "clienteling"})
        );
        assert_eq!(
            env.json(&["param", "show"])["clienteling"]["client_book_attribute_group"],
            "Clienteling"
        );
        assert_snapshot!(env.run(&["layout", "show", "HOUSTON-LAYOUT"]), @"
        $ hq layout show HOUSTON-LAYOUT
        [exit 0]
        --- stdout
        ID    HOUSTON-LAYOUT
        Name  Houston layout

        GRID  ROW  COLUMN  OPERATION  TEXT
        MAIN  1    1       712        View customers in client book
        MAIN  1    2       713        View customers from store client books
        --- stderr
        ");
    });
}

#[test]
fn attribute_types_refuse_options_of_the_wrong_kind() {
    crate::common::on_both_engines(|| {
        let env = attributes_in(TestEnv::new());
        assert_snapshot!(env.refused(&["attribute-type", "add", "Count", "--kind", "integer", "--value", "1"], 3), @r#"
        $ hq attribute-type add Count --kind integer --value 1
        [exit 3]
        --- stdout
        --- stderr
        error: invalid value "1" for --value: a fixed list of values is only for text types, and this type is integer
        "#);
        env.refused(
            &[
                "attribute-type",
                "add",
                "Name",
                "--kind",
                "text",
                "--min",
                "1",
            ],
            3,
        ).says(&["invalid value \"1\" for --min: a range is only for integer, decimal and currency types, and this type is text"]);
        env.refused(
            &[
                "attribute-type",
                "add",
                "Money",
                "--kind",
                "currency",
                "--unit",
                "USD",
            ],
            3,
        ).says(&["invalid value \"USD\" for --unit: a unit of measure is only for integer and decimal types, and this type is currency"]);
        env.refused(
            &[
                "attribute-type",
                "add",
                "Size",
                "--kind",
                "integer",
                "--min",
                "10",
                "--max",
                "1",
            ],
            3,
        )
        .says(&["invalid value \"10\" for --min: it is larger than --max (1)"]);
        env.ok(&[
            "attribute-type",
            "add",
            "Weight",
            "--kind",
            "decimal",
            "--min",
            "0",
            "--max",
            "500",
            "--unit",
            "kg",
        ]);
        env.refused(&["attribute-type", "add", "Interests", "--kind", "text"], 5)
            .says(&["attribute type Interests already exists"]);
    });
}

#[test]
fn defaults_are_checked_against_the_type() {
    crate::common::on_both_engines(|| {
        let env = attributes_in(TestEnv::new());
        assert_snapshot!(env.refused(&["attribute", "set", "PreferredCategory", "--default", "Boats"], 3), @r#"
        $ hq attribute set PreferredCategory --default Boats
        [exit 3]
        --- stdout
        --- stderr
        error: invalid value "Boats" for --default: type Interests allows only: Handbags, Shoes, Jewelry
        "#);
        env.refused(
            &[
                "attribute",
                "add",
                "Other",
                "--type",
                "Interests",
                "--default",
                "Boats",
            ],
            3,
        ).says(&["invalid value \"Boats\" for --default: type Interests allows only: Handbags, Shoes, Jewelry"]);
        env.ok(&[
            "attribute",
            "add",
            "Other",
            "--type",
            "Interests",
            "--default",
            "shoes",
        ]);
        assert_eq!(
            env.json(&["attribute", "show", "Other"])["default"],
            "Shoes"
        );
        env.ok(&[
            "attribute-type",
            "add",
            "Visits",
            "--kind",
            "integer",
            "--min",
            "0",
            "--max",
            "100",
        ]);
        env.refused(
            &[
                "attribute",
                "add",
                "VisitCount",
                "--type",
                "Visits",
                "--default",
                "101",
            ],
            3,
        )
        .says(&["invalid value \"101\" for --default: type Visits takes numbers from 0 to 100"]);
        env.refused(
            &[
                "attribute",
                "add",
                "VisitCount",
                "--type",
                "Visits",
                "--default",
                "1.5",
            ],
            3,
        )
        .says(&["invalid value \"1.5\" for --default: type Visits takes a whole number"]);
        env.ok(&[
            "attribute",
            "add",
            "VisitCount",
            "--type",
            "Visits",
            "--default",
            "3",
        ]);
        // A type change that would invalidate a default is refused.
        let t = env.refused(
            &[
                "attribute-type",
                "set",
                "Interests",
                "--value",
                "Handbags",
                "--value",
                "Jewelry",
            ],
            3,
        );
        assert!(
            t.contains("attribute Other has the default \"Shoes\""),
            "{t}"
        );
        env.refused(&["attribute", "add", "X", "--type", "Nope"], 4)
            .says(&["attribute type \"Nope\" does not exist (given by --type)"]);
    });
}

#[test]
fn groups_show_attributes_by_display_order() {
    crate::common::on_both_engines(|| {
        let env = attributes_in(TestEnv::new());
        env.ok(&["attribute", "add", "Anniversary", "--type", "Date"]);
        env.ok(&[
            "attribute-group",
            "attribute",
            "add",
            "Clienteling",
            "Anniversary",
            "--order",
            "0",
        ]);
        let g = env.json(&["attribute-group", "show", "Clienteling"]);
        let names: Vec<&str> = g["attributes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["attribute"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Anniversary", "PreferredCategory", "Birthday"]);
        env.ok(&[
            "attribute-group",
            "attribute",
            "set",
            "Clienteling",
            "Anniversary",
            "--order",
            "9",
            "--refinable",
        ]);
        let g = env.json(&["attribute-group", "show", "Clienteling"]);
        assert_eq!(
            g["attributes"][2],
            serde_json::json!({"attribute": "Anniversary", "order": 9, "refinable": true})
        );
        env.refused(
            &[
                "attribute-group",
                "attribute",
                "add",
                "Clienteling",
                "Birthday",
                "--order",
                "5",
            ],
            5,
        )
        .says(&["attribute Birthday is already in group Clienteling"]);
        env.ok(&[
            "attribute-group",
            "attribute",
            "remove",
            "Clienteling",
            "Anniversary",
        ]);
        env.refused(
            &[
                "attribute-group",
                "attribute",
                "remove",
                "Clienteling",
                "Anniversary",
            ],
            4,
        )
        .says(&["attribute \"Anniversary\" is not in group Clienteling"]);
    });
}

#[test]
fn the_customer_attribute_group_takes_no_datetime_or_reference_attributes() {
    crate::common::on_both_engines(|| {
        let env = attributes_in(TestEnv::new());
        assert_snapshot!(env.refused(&["param", "set", "--customer-attribute-group", "Clienteling"], 3), @r#"
        $ hq param set --customer-attribute-group Clienteling
        [exit 3]
        --- stdout
        --- stderr
        error: invalid value "Clienteling" for --customer-attribute-group: attribute Birthday is datetime, and customers cannot carry datetime or reference attributes
        hint: take it out of the group (`hq attribute-group attribute remove Clienteling Birthday`) or pick another group
        "#);
        env.ok(&["attribute-group", "add", "Customer"]);
        env.ok(&[
            "attribute-group",
            "attribute",
            "add",
            "Customer",
            "PreferredCategory",
            "--order",
            "1",
        ]);
        env.ok(&["param", "set", "--customer-attribute-group", "Customer"]);
        // Once it is the customer attribute group, a datetime attribute cannot join it.
        let t = env.refused(
            &[
                "attribute-group",
                "attribute",
                "add",
                "Customer",
                "Birthday",
                "--order",
                "2",
            ],
            3,
        );
        assert!(
            t.contains("customers cannot carry datetime attributes such as Birthday"),
            "{t}"
        );
        // A group a parameter names cannot be removed.
        let t = env.refused(&["attribute-group", "remove", "Customer"], 5);
        assert!(
            t.contains("still used by the Commerce parameters customer attribute group"),
            "{t}"
        );
        env.ok(&["param", "set", "--customer-attribute-group", ""]);
        env.ok(&["attribute-group", "remove", "Customer"]);
    });
}

#[test]
fn the_client_book_attribute_group_needs_clienteling() {
    crate::common::on_both_engines(|| {
        let env = attributes_in(TestEnv::new());
        env.ok(&["feature", "disable", "clienteling", "--yes"]);
        assert_snapshot!(env.refused(&["param", "set", "--client-book-attribute-group", "Clienteling"], 3), @"
        $ hq param set --client-book-attribute-group Clienteling
        [exit 3]
        --- stdout
        --- stderr
        error: the client book attribute group is a Clienteling parameter, and the Clienteling feature is not enabled
        hint: enable it first: `hq feature enable clienteling`
        ");
        env.refused(
            &["param", "set", "--client-book-attribute-group", "Nope"],
            4,
        )
        .says(&[
            "attribute group \"Nope\" does not exist (given by --client-book-attribute-group)",
        ]);
    });
}

#[test]
fn removing_what_is_used_is_refused() {
    on_both_engines(|| {
        let env = with_staff();
        let t = env.refused(&["attribute", "remove", "Birthday"], 5);
        assert!(
            t.contains("attribute Birthday is still used by attribute groups Clienteling"),
            "{t}"
        );
        env.refused(&["attribute-type", "remove", "Date"], 5)
            .says(&["attribute type Date is still used by attributes Birthday"]);
        assert_snapshot!(env.refused(&["layout", "remove", "HOUSTON-LAYOUT"], 5), @"
        $ hq layout remove HOUSTON-LAYOUT
        [exit 5]
        --- stdout
        --- stderr
        error: layout HOUSTON-LAYOUT is still used by stores HOUSTON
        hint: change or remove those first; nothing was removed
        hint: unassign it with `hq layout unassign --store S | --register R | --worker W`
        ");
        env.refused(&["permission-group", "remove", "MANAGER"], 5)
            .says(&["permission group MANAGER is still used by workers 000160"]);
        let t = env.refused(&["address-book", "remove", "HOUSTON-EMP"], 5);
        assert!(t.contains("stores HOUSTON; workers 000160"), "{t}");
        let t = env.refused(&["store", "remove", "HOUSTON"], 5);
        assert!(t.contains("still used by registers HOUSTON-1"), "{t}");
    });
}

#[test]
fn buttons_take_only_known_user_operations_on_free_places() {
    on_both_engines(|| {
        let env = with_staff();
        assert_snapshot!(env.refused(&["layout", "button", "add", "HOUSTON-LAYOUT", "--operation", "600"], 3), @r#"
        $ hq layout button add HOUSTON-LAYOUT --operation 600
        [exit 3]
        --- stdout
        --- stderr
        error: invalid value "600" for --operation: operation 600 (Customer) is not a user operation, so it cannot be put on a button
        hint: see which operations can with `hq operation list --user`
        "#);
        env.refused(
            &[
                "layout",
                "button",
                "add",
                "HOUSTON-LAYOUT",
                "--operation",
                "9999",
            ],
            4,
        )
        .says(&["operation 9999 does not exist"]);
        let t = env.refused(
            &[
                "layout",
                "button",
                "add",
                "HOUSTON-LAYOUT",
                "--operation",
                "714",
                "--row",
                "1",
                "--column",
                "2",
            ],
            5,
        );
        assert!(
            t.contains("already has a button at grid MAIN, row 1, column 2 (operation 713)"),
            "{t}"
        );
        env.refused(
            &[
                "layout",
                "button",
                "add",
                "HOUSTON-LAYOUT",
                "--operation",
                "714",
                "--row",
                "1",
            ],
            2,
        )
        .says(&["give both --row and --column, or neither (hq then takes the first free place)"]);
        env.ok(&[
            "layout",
            "button",
            "add",
            "HOUSTON-LAYOUT",
            "--operation",
            "714",
            "--text",
            "Add to my book",
        ]);
        let l = env.json(&["layout", "show", "HOUSTON-LAYOUT"]);
        assert_eq!(
            l["buttons"][2],
            serde_json::json!({"grid": "MAIN", "row": 1, "column": 3, "operation": 714, "text": "Add to my book"})
        );
        env.ok(&[
            "layout",
            "button",
            "remove",
            "HOUSTON-LAYOUT",
            "--operation",
            "713",
        ]);
        env.ok(&[
            "layout",
            "button",
            "add",
            "HOUSTON-LAYOUT",
            "--operation",
            "715",
        ]);
        let l = env.json(&["layout", "show", "HOUSTON-LAYOUT"]);
        assert_eq!(
            l["buttons"][1]["operation"], 715,
            "the freed place is taken first"
        );
        env.refused(
            &[
                "layout",
                "button",
                "remove",
                "HOUSTON-LAYOUT",
                "--operation",
                "101",
            ],
            4,
        )
        .says(&["layout HOUSTON-LAYOUT has no such button"]);
    });
}

#[test]
fn the_effective_layout_is_the_workers_then_the_registers_then_the_stores() {
    on_both_engines(|| {
        let env = with_staff();
        env.ok(&["layout", "add", "REGISTER-LAYOUT", "--name", "Register"]);
        env.ok(&["layout", "add", "ANN-LAYOUT", "--name", "Ann's"]);
        let args = [
            "layout",
            "effective",
            "--store",
            "HOUSTON",
            "--register",
            "HOUSTON-1",
            "--worker",
            "000160",
        ];
        assert_eq!(env.json(&args)["source"], "store");
        env.ok(&[
            "layout",
            "assign",
            "REGISTER-LAYOUT",
            "--register",
            "HOUSTON-1",
        ]);
        assert_eq!(env.json(&args)["layout"], "REGISTER-LAYOUT");
        env.ok(&["layout", "assign", "ANN-LAYOUT", "--worker", "000160"]);
        assert_snapshot!(env.run(&args), @"
        $ hq layout effective --store HOUSTON --register HOUSTON-1 --worker 000160
        [exit 0]
        --- stdout
        Layout             ANN-LAYOUT
        From               worker
        Worker's layout    ANN-LAYOUT
        Register's layout  REGISTER-LAYOUT
        Store's layout     HOUSTON-LAYOUT
        --- stderr
        ");
        env.ok(&["layout", "unassign", "--worker", "000160"]);
        assert_eq!(env.json(&args)["source"], "register");
        // A register or worker of another store is refused.
        env.ok(&[
            "address-book",
            "add",
            "DALLAS-EMP",
            "--name",
            "Dallas staff",
            "--kind",
            "employee",
        ]);
        env.ok(&[
            "worker",
            "add",
            "000200",
            "--name",
            "Bo Li",
            "--employee-address-book",
            "DALLAS-EMP",
            "--permission-group",
            "MANAGER",
        ]);
        let t = env.refused(
            &[
                "layout",
                "effective",
                "--store",
                "HOUSTON",
                "--worker",
                "000200",
            ],
            3,
        );
        assert!(
            t.contains("worker 000200 does not belong to store HOUSTON"),
            "{t}"
        );
    });
}

#[test]
fn activity_type_changes_warn_about_store_caches() {
    on_both_engines(|| {
        let env = with_staff();
        assert_snapshot!(env.run(&["activity-type", "set", "VISIT", "--description", "Visit to the store"]), @r#"
        $ hq activity-type set VISIT --description 'Visit to the store'
        [exit 0]
        --- stdout
        --- stderr
        Updated activity type VISIT: description "Store visit" -> "Visit to the store"
        warning: stores read activity types live from HQ and cache them for a few hours: registers may show the old list until their cache expires (outside production, restarting the scale unit shows the new list at once)
        "#);
        env.refused(
            &["activity-type", "add", "VISIT", "--description", "Again"],
            5,
        )
        .says(&["activity type VISIT already exists"]);
        assert_eq!(
            env.json(&["activity-type", "list"]),
            serde_json::json!([{"id": "VISIT", "description": "Visit to the store"}])
        );
    });
}

#[test]
fn workers_need_employee_address_books_and_an_existing_group() {
    on_both_engines(|| {
        let env = with_staff();
        let t = env.refused(
            &[
                "worker",
                "add",
                "000300",
                "--name",
                "Cy",
                "--employee-address-book",
                "HOUSTON-CUST",
                "--permission-group",
                "MANAGER",
            ],
            3,
        );
        assert!(
            t.contains("--employee-address-book takes employee address books"),
            "{t}"
        );
        env.refused(
            &[
                "worker",
                "add",
                "000300",
                "--name",
                "Cy",
                "--employee-address-book",
                "HOUSTON-EMP",
                "--permission-group",
                "NOPE",
            ],
            4,
        )
        .says(&["permission group \"NOPE\" does not exist (given by --permission-group)"]);
        env.refused(
            &[
                "worker",
                "add",
                "000160",
                "--name",
                "Cy",
                "--employee-address-book",
                "HOUSTON-EMP",
                "--permission-group",
                "MANAGER",
            ],
            5,
        )
        .says(&["worker 000160 already exists"]);
        env.refused(
            &[
                "worker",
                "set",
                "000160",
                "--remove-employee-address-book",
                "HOUSTON-EMP",
            ],
            3,
        )
        .says(&["--employee-address-book: a worker needs at least one employee address book"]);
        let w = env.json(&["worker", "show", "000160"]);
        assert_eq!(w["stores"], serde_json::json!(["HOUSTON"]));
        env.refused(&["permission-group", "allow", "MANAGER", "4242"], 4)
            .says(&["operation 4242 does not exist"]);
        env.ok(&["permission-group", "deny", "MANAGER", "716"]);
        assert_eq!(
            env.json(&["permission-group", "show", "MANAGER"])["operations"],
            serde_json::json!([712, 713, 714, 715])
        );
    });
}

#[test]
fn attribute_type_numbers_and_lists_are_cleared_with_empty_values() {
    crate::common::on_both_engines(|| {
        let env = attributes_in(TestEnv::new());
        env.refused(&["attribute-type", "set", "Interests", "--min", "abc"], 3)
            .says(&["--min", "\"abc\"", "it is not a number"]);
        env.ok(&["attribute-type", "set", "Interests", "--value", ""]);
        let t = env.json(&["attribute-type", "show", "Interests"]);
        assert_eq!(t["values"], serde_json::json!([]), "{t}");
        env.ok(&[
            "attribute-type",
            "add",
            "Spend",
            "--kind",
            "currency",
            "--min",
            "-5",
        ]);
        assert_eq!(env.json(&["attribute-type", "show", "Spend"])["min"], -5);
        env.ok(&["attribute-type", "set", "Spend", "--min", ""]);
        assert!(env.json(&["attribute-type", "show", "Spend"])["min"].is_null());
    });
}

/// Activity types, permission groups and screen layouts without stores or workers: the same on
/// both engines.
#[test]
fn activity_types_permission_groups_and_layouts_on_both_engines() {
    crate::common::on_both_engines(|| {
        let env = TestEnv::new();
        env.ok(&[
            "activity-type",
            "add",
            "VISIT",
            "--description",
            "Store visit",
        ]);
        env.ok(&[
            "activity-type",
            "add",
            "call",
            "--description",
            "Phone call",
        ]);
        env.refused(
            &["activity-type", "add", "Visit", "--description", "Again"],
            5,
        )
        .says(&["activity type VISIT already exists"]);
        env.ok(&[
            "activity-type",
            "set",
            "VISIT",
            "--description",
            "Visit to the store",
        ]);
        assert_eq!(
            env.json(&["activity-type", "list"]),
            serde_json::json!([
                {"id": "call", "description": "Phone call"},
                {"id": "VISIT", "description": "Visit to the store"}
            ])
        );
        env.ok(&["activity-type", "remove", "CALL", "--yes"]);
        env.ok(&[
            "permission-group",
            "add",
            "MANAGER",
            "--description",
            "Store manager",
        ]);
        env.ok(&["permission-group", "allow", "MANAGER", "712", "713", "714"]);
        env.ok(&["permission-group", "deny", "MANAGER", "713"]);
        assert_eq!(
            env.json(&["permission-group", "show", "manager"])["operations"],
            serde_json::json!([712, 714])
        );
        env.ok(&["layout", "add", "HOU", "--name", "Houston layout"]);
        env.ok(&["layout", "button", "add", "HOU", "--operation", "712"]);
        env.ok(&["layout", "button", "add", "HOU", "--operation", "714"]);
        env.refused(&["layout", "button", "add", "HOU", "--operation", "600"], 3)
            .says(&["operation 600 (Customer) is not a user operation"]);
        assert_snapshot!(env.run(&["layout", "list"]), @"
        $ hq layout list
        [exit 0]
        --- stdout
        ID   NAME            BUTTONS
        HOU  Houston layout  2
        --- stderr
        ");
        env.ok(&["layout", "remove", "HOU", "--yes"]);
        env.ok(&["permission-group", "remove", "MANAGER", "--yes"]);
        let status = env.json(&["status"]);
        assert_eq!(status["counts"]["activity_types"], 1);
        assert_eq!(status["counts"]["permission_groups"], 0);
        assert_eq!(status["counts"]["screen_layouts"], 0);
    });
}

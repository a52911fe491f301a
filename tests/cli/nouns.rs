//! The list, show and set commands of the configuration nouns, on the example environment:
//! what each prints, and what each change does to what depends on it.

use insta::assert_snapshot;

use crate::common::{TestEnv, on_both_engines};

#[test]
fn the_lists_show_what_the_example_declares() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        assert_snapshot!(env.ok(&["address-book", "list"]), @"
        ID            NAME                   KIND
        CONTOSO-CUST  All Contoso customers  customer
        HOUSTON-CUST  HOUSTON customers      customer
        HOUSTON-EMP   HOUSTON staff          employee
        SANFRAN-CUST  SANFRAN customers      customer
        SANFRAN-EMP   SANFRAN staff          employee
        SEATTLE-CUST  SEATTLE customers      customer
        SEATTLE-EMP   SEATTLE staff          employee
        ");
        assert_snapshot!(env.ok(&["channel-db-group", "list"]), @"
        ID       DESCRIPTION
        Default  Default channel database group
        WEST     West coast stores
        ");
        assert_snapshot!(env.ok(&["attribute-type", "list"]), @"
        NAME       KIND      VALUES                             RANGE  UNIT
        Date       datetime                                     -      -
        Interests  text      Handbags, Shoes, Jewelry, Watches  -      -
        Spend      currency                                     0..    -
        ");
        assert_snapshot!(env.ok(&["attribute-type", "show", "Interests"]), @"
        Name    Interests
        Kind    text
        Values  Handbags, Shoes, Jewelry, Watches
        Range   -
        Unit    -
        ");
        assert_snapshot!(env.ok(&["attribute", "list"]), @"
        NAME               TYPE       FRIENDLY NAME       DEFAULT
        AnnualSpend        Spend      Annual spend        -
        Birthday           Date       -                   -
        PreferredCategory  Interests  Preferred category  -
        ");
        assert_snapshot!(env.ok(&["attribute-group", "list"]), @"
        NAME         DESCRIPTION             ATTRIBUTES
        Clienteling  Client book attributes  PreferredCategory, AnnualSpend, Birthday
        ");
        assert_snapshot!(env.ok(&["permission-group", "list"]), @"
        ID       DESCRIPTION      OPERATIONS
        MANAGER  Store manager    602, 603, 612, 623, 712, 713, 714, 715, 716
        SALES    Sales associate  602, 603, 612, 623, 712, 713, 714, 715
        ");
        assert_snapshot!(env.ok(&["worker", "list"]), @"
        PERSONNEL NUMBER  NAME         PERMISSION GROUP  ADDRESS BOOKS             LAYOUT
        000160            Ann Beebe    MANAGER           HOUSTON-EMP               -
        000161            Omar Haddad  SALES             HOUSTON-EMP               -
        000170            Mei Tanaka   MANAGER           SEATTLE-EMP, SANFRAN-EMP  -
        000171            Luis Ortega  SALES             SANFRAN-EMP               -
        ");
        assert_snapshot!(env.ok(&["layout", "list"]), @"
        ID            NAME                            BUTTONS
        STORE-LAYOUT  Store layout with client books  8
        ");
        assert_snapshot!(env.ok(&["register", "list"]), @"
        ID         STORE    LAYOUT
        HOUSTON-1  HOUSTON  -
        SANFRAN-1  SANFRAN  -
        SEATTLE-1  SEATTLE  -
        ");
        assert_snapshot!(env.ok(&["register", "show", "HOUSTON-1"]), @"
        ID      HOUSTON-1
        Store   HOUSTON
        Layout  -
        ");
        assert_snapshot!(env.ok(&["customer-group", "list"]), @"
        ID  LEGAL ENTITY  DESCRIPTION       PAYMENT TERMS  FINANCIAL DIMENSIONS
        30  USRT          Retail customers  Net30          BusinessUnit=002, Department=022
        40  USRT          Employees         -              BusinessUnit=009
        ");
        assert_snapshot!(env.ok(&["customer-group", "show", "30"]), @"
        ID                    30
        Legal entity          USRT
        Description           Retail customers
        Payment terms         Net30
        Financial dimensions  BusinessUnit=002, Department=022
        ");
        assert_snapshot!(env.ok(&["customer", "address", "list", "100003"]), @"
        #  PURPOSE  PRIMARY  STREET     CITY     STATE  POSTAL CODE  COUNTRY  NAME          PHONE
        1  home     yes      12 Elm St  Houston  TX     77003        US       Ada Lovelace  +17135550100
        ");
        // And as JSON, one document each.
        for args in [
            &["address-book", "list"][..],
            &["channel-db-group", "list"],
            &["attribute-type", "list"],
            &["attribute", "list"],
            &["attribute-group", "list"],
            &["permission-group", "list"],
            &["worker", "list"],
            &["layout", "list"],
            &["register", "list"],
            &["customer-group", "list"],
            &["customer", "address", "list", "100003"],
        ] {
            assert!(env.json(args).is_array(), "{args:?}");
        }
    });
}

#[test]
fn a_customer_groups_new_dimensions_go_to_customers_made_after_and_not_to_those_before() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        let t = env.run(&[
            "customer-group",
            "set",
            "30",
            "--dimension",
            "BusinessUnit=005",
            "--payment-terms",
            "Net45",
        ]);
        assert!(t.contains("Updated customer group 30/USRT:"), "{t}");
        let g = env.json(&["customer-group", "show", "30"]);
        assert_eq!(g["payment_terms"], "Net45");
        assert_eq!(
            g["dimensions"],
            serde_json::json!([{"name": "BusinessUnit", "value": "005"}, {"name": "Department", "value": "022"}])
        );
        // A customer made before keeps its dimensions.
        let before = env.json(&["customer", "show", "100003"]);
        assert_eq!(before["financial_dimensions"][0]["value"], "002");
        // One made at the store now takes them from its default customer's group (DOMAIN.md 2).
        let new = env.json(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--last-name",
            "After",
        ]);
        assert_eq!(new["group"], "30");
        assert_eq!(
            new["financial_dimensions"],
            serde_json::json!([{"name": "BusinessUnit", "value": "005"}, {"name": "Department", "value": "022"}])
        );
        env.refused(&["customer-group", "set", "99", "--description", "x"], 4)
            .says(&["customer group \"99\" does not exist (given by ID)"]);
    });
}

#[test]
fn descriptions_and_names_change_and_the_change_is_distributed() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        for (args, show, field, value) in [
            (
                &[
                    "channel-db-group",
                    "set",
                    "WEST",
                    "--description",
                    "Pacific stores",
                ][..],
                &["channel-db-group", "list"][..],
                "description",
                "Pacific stores",
            ),
            (
                &[
                    "attribute-group",
                    "set",
                    "Clienteling",
                    "--description",
                    "Book attributes",
                ],
                &["attribute-group", "list"],
                "description",
                "Book attributes",
            ),
            (
                &[
                    "permission-group",
                    "set",
                    "SALES",
                    "--description",
                    "Associates",
                ],
                &["permission-group", "list"],
                "description",
                "Associates",
            ),
            (
                &["layout", "set", "STORE-LAYOUT", "--name", "Client books"],
                &["layout", "list"],
                "name",
                "Client books",
            ),
        ] {
            env.ok(args);
            let all = env.json(show);
            assert!(
                all.as_array().unwrap().iter().any(|x| x[field] == value),
                "{args:?}: {all}"
            );
        }
        // Changes that stores see wait for their jobs: 1060 for permission groups, 1090 for
        // layouts, 1150 for attribute groups.
        let pending = env.json(&[
            "job",
            "pending",
            "1060",
            "1090",
            "1150",
            "--channel-db",
            "Default",
        ]);
        for p in pending.as_array().unwrap() {
            assert!(p["upserts"].as_u64().unwrap() > 0, "{p}");
        }
        env.refused(&["layout", "set", "NOPE", "--name", "x"], 4)
            .says(&["layout \"NOPE\" does not exist"]);
    });
}

#[test]
fn a_register_moves_gets_its_own_layout_and_goes() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&["register", "set", "HOUSTON-1", "--layout", "STORE-LAYOUT"]);
        env.ok(&["register", "set", "HOUSTON-1", "--store", "SEATTLE"]);
        let r = env.json(&["register", "show", "HOUSTON-1"]);
        assert_eq!(
            (&r["store"], &r["layout"]),
            (
                &serde_json::json!("SEATTLE"),
                &serde_json::json!("STORE-LAYOUT")
            )
        );
        env.refused(&["register", "set", "HOUSTON-1", "--store", "NOPE"], 4)
            .says(&["store \"NOPE\" does not exist (given by --store)"]);
        env.ok(&["register", "remove", "SEATTLE-1"]);
        let ids: Vec<String> = env
            .json(&["register", "list"])
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids, ["HOUSTON-1", "SANFRAN-1"]);
        env.refused(&["register", "remove", "SEATTLE-1"], 4)
            .says(&["register \"SEATTLE-1\" does not exist (given by ID)"]);
    });
}

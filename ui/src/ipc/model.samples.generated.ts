// Generated from the Rust model by serde_json in the test
// `typescript::model_generated_samples_are_up_to_date_and_cover_every_op`
// (src-tauri/relata-model/src/typescript.rs): do not edit. Real JSON of every edit a form
// sends and of diagnostics; svelte-check holds it to the generated declarations.

import type { Diagnostic, Edit } from "./model.generated";

export const edits = [
  {
    "op": "put_table",
    "table": {
      "id": "63cbe1e4-5932-4dd7-844c-3cd7f43c661c",
      "name": "order",
      "prefix": null,
      "schema": "Sales Dept",
      "module": "Sales & \"Ops\"",
      "status": "stable",
      "purpose": "The customer's \"order\" header.\nSecond line with a backslash \\.",
      "primary_key": [
        "Order ID"
      ],
      "db_engine": "postgres",
      "db_name": "generated",
      "owner_team": null,
      "notes": null,
      "created_at": "2026-11-22 00:00:00+00",
      "updated_at": "2026-11-22 00:00:00+00",
      "unique_constraints": [
        {
          "columns": [
            "a"
          ]
        },
        {
          "name": "uq_b",
          "columns": [
            "b",
            "c"
          ]
        },
        {
          "columns": [
            "c"
          ],
          "nulls_not_distinct": true,
          "include": [
            "d"
          ],
          "deferral": "deferred"
        }
      ],
      "indexes": [
        {
          "name": "ix_lower",
          "parts": [
            {
              "column": "a"
            },
            {
              "expression": "lower(b)"
            }
          ],
          "method": "gin",
          "unique": true,
          "where": "b IS NOT NULL",
          "note": "partial"
        },
        {
          "parts": [
            {
              "column": "a"
            }
          ],
          "method": "btree",
          "unique": false
        },
        {
          "parts": [
            {
              "column": "b",
              "collation": "\"C\"",
              "opclass": "text_pattern_ops",
              "descending": true,
              "nulls_first": false
            }
          ],
          "method": "btree",
          "unique": false,
          "other_method": "spgist",
          "include": [
            "c"
          ],
          "nulls_not_distinct": true,
          "with": "fillfactor = 70"
        }
      ],
      "color": null,
      "primary_key_name": "orders_pk",
      "checks": [
        {
          "name": "positive",
          "expression": "a > 0",
          "column": "a",
          "not_valid": true
        },
        {
          "expression": "a < b"
        }
      ],
      "exclusions": [
        {
          "definition": "USING gist (a WITH =)"
        }
      ],
      "partition_by": {
        "strategy": "range",
        "key": "a"
      },
      "partition_of": {
        "parent": {
          "schema": "s",
          "table": "p"
        },
        "bound": "DEFAULT"
      }
    }
  },
  {
    "op": "delete_table",
    "table": "63cbe1e4-5932-4dd7-844c-3cd7f43c661c"
  },
  {
    "op": "rename_table",
    "table": "63cbe1e4-5932-4dd7-844c-3cd7f43c661c",
    "schema": "sales",
    "name": "orders"
  },
  {
    "op": "put_signal",
    "signal": {
      "id": "e6984080-bab1-4a02-953a-eb70673e29cb",
      "table": {
        "schema": "Sales Dept",
        "table": "order"
      },
      "column": "Order ID",
      "ordinal": 1,
      "data_type": "integer",
      "nullable": false,
      "default": null,
      "role": "key",
      "row_type": "binding",
      "concept": null,
      "connection": "rw",
      "description": "Primary key part.",
      "created_at": "2026-11-22 00:00:00+00",
      "updated_at": "2026-11-22 00:00:00+00",
      "spec": {
        "identity": {
          "always": false,
          "options": "START WITH 10"
        },
        "collation": "\"C\"",
        "storage": "EXTERNAL",
        "statistics": 500
      }
    }
  },
  {
    "op": "delete_signal",
    "signal": "e6984080-bab1-4a02-953a-eb70673e29cb"
  },
  {
    "op": "move_signal",
    "signal": "e6984080-bab1-4a02-953a-eb70673e29cb",
    "to_ordinal": 2
  },
  {
    "op": "rename_column",
    "table": {
      "schema": "Sales Dept",
      "table": "order"
    },
    "from": "a",
    "to": "b"
  },
  {
    "op": "put_index",
    "table": "63cbe1e4-5932-4dd7-844c-3cd7f43c661c",
    "position": 0,
    "index": {
      "name": "ix_lower",
      "parts": [
        {
          "column": "a"
        },
        {
          "expression": "lower(b)"
        }
      ],
      "method": "gin",
      "unique": true,
      "where": "b IS NOT NULL",
      "note": "partial"
    }
  },
  {
    "op": "delete_index",
    "table": "63cbe1e4-5932-4dd7-844c-3cd7f43c661c",
    "position": 1
  },
  {
    "op": "put_unique_constraint",
    "table": "63cbe1e4-5932-4dd7-844c-3cd7f43c661c",
    "position": 2,
    "constraint": {
      "columns": [
        "c"
      ]
    }
  },
  {
    "op": "delete_unique_constraint",
    "table": "63cbe1e4-5932-4dd7-844c-3cd7f43c661c",
    "position": 0
  },
  {
    "op": "put_relationship",
    "relationship": {
      "id": "0a45f286-b9e7-4382-91ce-3318362240f6",
      "key": "order__user select__user",
      "constraint_name": null,
      "availability": "active",
      "version": 1,
      "change_reason": null,
      "module": "Sales & \"Ops\"",
      "owner_team": null,
      "created_by": null,
      "approved_by": null,
      "approved_at": "2026-11-22 09:30:00+00",
      "child": {
        "db_engine": "postgres",
        "db_name": "generated",
        "schema": "Sales Dept",
        "table": "order",
        "columns": [
          "user select"
        ]
      },
      "parent": {
        "db_engine": "postgres",
        "db_name": "generated",
        "schema": "order",
        "table": "user",
        "columns": [
          "select"
        ]
      },
      "relationship_type": "foreign_key",
      "enforcement": "auto",
      "cardinality": "1:many",
      "is_required": true,
      "enforce_child_unique": false,
      "match_type": "simple",
      "deferrable": false,
      "initially_deferred": false,
      "on_delete": "cascade",
      "on_update": "restrict",
      "create_child_index": true,
      "child_index_name": null,
      "child_index_method": "btree",
      "create_parent_index": false,
      "tenant_scope_column": null,
      "require_tenant_match": false,
      "lineage": "feeds",
      "generator_flags": {
        "skip_ddl": true
      },
      "notes": "Order → \"user\"; it's the main FK.",
      "created_at": "2026-11-22 00:00:00+00",
      "updated_at": "2026-11-22 00:00:00+00"
    }
  },
  {
    "op": "delete_relationship",
    "relationship": "0a45f286-b9e7-4382-91ce-3318362240f6"
  },
  {
    "op": "put_module",
    "module": {
      "name": "Sales & \"Ops\"",
      "color": "#B03A48",
      "note": "Quotes \"double\" and 'single', a backslash \\ and\na second line."
    }
  },
  {
    "op": "rename_module",
    "from": "order",
    "to": "orders"
  },
  {
    "op": "delete_module",
    "name": "orders"
  },
  {
    "op": "put_enum",
    "enum_type": {
      "schema": "Sales Dept",
      "name": "order state",
      "values": [
        {
          "name": "new"
        },
        {
          "name": "it's shipped",
          "note": "A quote in a value."
        },
        {
          "name": "Ünpaid"
        }
      ]
    }
  },
  {
    "op": "delete_enum",
    "schema": "Sales Dept",
    "name": "order state"
  },
  {
    "op": "set_pin",
    "table": {
      "schema": "Sales Dept",
      "table": "order"
    },
    "position": [
      120.0,
      -40.5
    ]
  },
  {
    "op": "delete_diagram_line",
    "position": 1
  },
  {
    "op": "link_diagram_line",
    "position": 0,
    "relationship": "0a45f286-b9e7-4382-91ce-3318362240f6"
  },
  {
    "op": "put_partial",
    "name": "audited",
    "text": "TablePartial audited {\n  created_at timestamptz [not null]\n}",
    "signals": [
      {
        "id": "e6984080-bab1-4a02-953a-eb70673e29cb",
        "table": {
          "schema": "Sales Dept",
          "table": "order"
        },
        "column": "Order ID",
        "ordinal": 1,
        "data_type": "integer",
        "nullable": false,
        "default": null,
        "role": "key",
        "row_type": "binding",
        "concept": null,
        "connection": "rw",
        "description": "Primary key part.",
        "created_at": "2026-11-22 00:00:00+00",
        "updated_at": "2026-11-22 00:00:00+00"
      }
    ]
  },
  {
    "op": "override_partial_column",
    "table": {
      "schema": "Sales Dept",
      "table": "order"
    },
    "column": "created_at"
  },
  {
    "op": "batch",
    "label": "Add a concept and unpin",
    "edits": [
      {
        "op": "put_signal",
        "signal": {
          "id": "e6984080-bab1-4a02-953a-eb70673e29cb",
          "table": null,
          "column": "Order ID",
          "ordinal": null,
          "data_type": "integer",
          "nullable": false,
          "default": null,
          "role": "key",
          "row_type": "concept",
          "concept": "customer",
          "connection": "rw",
          "description": "Primary key part.",
          "created_at": "2026-11-22 00:00:00+00",
          "updated_at": "2026-11-22 00:00:00+00",
          "spec": {
            "identity": {
              "always": false,
              "options": "START WITH 10"
            },
            "collation": "\"C\"",
            "storage": "EXTERNAL",
            "statistics": 500
          }
        }
      },
      {
        "op": "rename_column",
        "table": null,
        "from": "customer",
        "to": "client"
      },
      {
        "op": "set_pin",
        "table": {
          "schema": "Sales Dept",
          "table": "order"
        },
        "position": null
      },
      {
        "op": "put_module",
        "module": {
          "name": "bare"
        }
      },
      {
        "op": "put_relationship",
        "relationship": {
          "id": "0a45f286-b9e7-4382-91ce-3318362240f6",
          "key": "order__user select__user",
          "constraint_name": null,
          "availability": "active",
          "version": 1,
          "change_reason": null,
          "module": "Sales & \"Ops\"",
          "owner_team": null,
          "created_by": null,
          "approved_by": null,
          "approved_at": null,
          "child": {
            "db_engine": "postgres",
            "db_name": "generated",
            "schema": "Sales Dept",
            "table": "order",
            "columns": [
              "user select"
            ]
          },
          "parent": {
            "db_engine": "postgres",
            "db_name": "generated",
            "schema": "order",
            "table": "user",
            "columns": [
              "select"
            ]
          },
          "relationship_type": "foreign_key",
          "enforcement": "auto",
          "cardinality": "1:many",
          "is_required": true,
          "enforce_child_unique": false,
          "match_type": "simple",
          "deferrable": false,
          "initially_deferred": false,
          "on_delete": "cascade",
          "on_update": "restrict",
          "create_child_index": true,
          "child_index_name": null,
          "child_index_method": "btree",
          "create_parent_index": false,
          "tenant_scope_column": null,
          "require_tenant_match": false,
          "lineage": null,
          "generator_flags": {},
          "notes": "Order → \"user\"; it's the main FK.",
          "created_at": "2026-11-22 00:00:00+00",
          "updated_at": "2026-11-22 00:00:00+00"
        }
      }
    ]
  }
] satisfies Edit[];

export const diagnostics = [
  {
    "code": "L104",
    "severity": "error",
    "location": {
      "kind": "file",
      "path": "adversarial/table_overview.csv",
      "line": 3,
      "column": 14
    },
    "message": "a broken row"
  },
  {
    "code": "R101",
    "severity": "warning",
    "location": {
      "kind": "entry",
      "registry": "table_overview",
      "label": "sales.order",
      "field": "table_name",
      "entry": {
        "kind": "table",
        "id": "0b5c3f1e-8d2a-4c6b-9e7f-1a2b3c4d5e6f"
      }
    },
    "message": "a field"
  },
  {
    "code": "R301",
    "severity": "warning",
    "location": {
      "kind": "entry",
      "registry": "relationship_registry",
      "label": "order_user",
      "entry": {
        "kind": "relationship",
        "id": "7d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a"
      }
    },
    "message": "no field"
  },
  {
    "code": "R108",
    "severity": "warning",
    "location": {
      "kind": "entry",
      "registry": "relata",
      "label": "module:sales",
      "field": "color",
      "entry": {
        "kind": "module",
        "name": "sales"
      }
    },
    "message": "a module"
  },
  {
    "code": "R401",
    "severity": "info",
    "location": {
      "kind": "workspace"
    },
    "message": "the workspace"
  }
] satisfies Diagnostic[];

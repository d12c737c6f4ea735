// Generated from the shell's views by serde_json in the test `ui_ipc_samples_are_up_to_date`
// (src-tauri/src/tests/generated.rs): do not edit. Real JSON of a small workspace; svelte-check holds
// each sample to its generated declaration.

import type { ChangesView, Diagram, Finding, SearchIndex, TableDetail, WorkspaceOverview } from "./generated";

export const overview = {
  "path": "workspaces/two-modules",
  "groups": [
    {
      "module": "Methods",
      "color": "#011B4E",
      "tables": [
        {
          "schema": "core_metadata",
          "name": "ref_method",
          "status": "stable",
          "prefix": "ref_",
          "column_count": 2
        },
        {
          "schema": "core_metadata",
          "name": "ref_unit",
          "status": "draft",
          "prefix": "ref_",
          "column_count": 0
        }
      ]
    },
    {
      "module": "Engine",
      "color": null,
      "tables": [
        {
          "schema": "core_data",
          "name": "fact_run",
          "status": "experimental",
          "prefix": "fact_",
          "column_count": 2
        }
      ]
    },
    {
      "module": "Reporting",
      "color": "#336699",
      "tables": []
    }
  ],
  "table_count": 3,
  "relationship_count": 1,
  "error_count": 1,
  "warning_count": 4
} satisfies WorkspaceOverview;

export const changes = {
  "old": "the last save",
  "new": "the workspace",
  "drift": false,
  "same": false,
  "groups": [
    {
      "title": "core_data.fact_run",
      "table": true,
      "changes": [
        {
          "entry": "table",
          "name": "core_data.fact_run",
          "kind": "changed",
          "fields": [
            {
              "field": "purpose",
              "from": "Method runs",
              "to": "Every run of a method"
            }
          ]
        },
        {
          "entry": "relationship",
          "name": "fact_run__ref_method",
          "kind": "removed",
          "fields": []
        }
      ]
    }
  ],
  "count": 2,
  "sql": "BEGIN;\nALTER TABLE core_data.fact_run DROP CONSTRAINT fk_fact_run__ref_method__method_id;\nCOMMIT;\n",
  "destructive": [],
  "manual": [
    "an example of a manual step"
  ],
  "warnings": [
    "an example of a warning"
  ]
} satisfies ChangesView;

export const tableDetail = {
  "entry": {
    "id": "11111111-1111-4111-8111-111111111112",
    "name": "fact_run",
    "prefix": "fact_",
    "schema": "core_data",
    "module": "Engine",
    "status": "experimental",
    "purpose": "Method runs",
    "primary_key": [
      "run_id"
    ],
    "db_engine": "aurora_postgres",
    "db_name": null,
    "owner_team": null,
    "notes": null,
    "created_at": "2026-01-01 00:00:00+00",
    "updated_at": "2026-01-01 00:00:00+00",
    "unique_constraints": [],
    "indexes": [],
    "color": null
  },
  "schema": "core_data",
  "name": "fact_run",
  "prefix": "fact_",
  "module": "Engine",
  "status": "experimental",
  "purpose": "Method runs",
  "notes": null,
  "primary_key": [
    "run_id"
  ],
  "columns": [
    {
      "entry": {
        "id": "22222222-2222-4222-8222-222222222223",
        "table": {
          "schema": "core_data",
          "table": "fact_run"
        },
        "column": "run_id",
        "ordinal": 1,
        "data_type": "uuid",
        "nullable": false,
        "default": null,
        "role": "key",
        "row_type": "binding",
        "concept": null,
        "connection": "rw",
        "description": null,
        "created_at": "2026-01-01 00:00:00+00",
        "updated_at": "2026-01-01 00:00:00+00"
      },
      "name": "run_id",
      "data_type": "uuid",
      "nullable": false,
      "default": null,
      "role": "key",
      "primary_key": true,
      "foreign_key": false,
      "description": null,
      "partial": null
    },
    {
      "entry": {
        "id": "22222222-2222-4222-8222-222222222224",
        "table": {
          "schema": "core_data",
          "table": "fact_run"
        },
        "column": "method_id",
        "ordinal": 2,
        "data_type": "uuid",
        "nullable": false,
        "default": null,
        "role": "key",
        "row_type": "binding",
        "concept": null,
        "connection": "rw",
        "description": null,
        "created_at": "2026-01-01 00:00:00+00",
        "updated_at": "2026-01-01 00:00:00+00"
      },
      "name": "method_id",
      "data_type": "uuid",
      "nullable": false,
      "default": null,
      "role": "key",
      "primary_key": false,
      "foreign_key": true,
      "description": null,
      "partial": null
    }
  ],
  "relationships": [
    {
      "entry": {
        "id": "33333333-3333-4333-8333-333333333331",
        "key": "fact_run__ref_method",
        "constraint_name": null,
        "availability": "active",
        "version": 1,
        "change_reason": null,
        "module": "Engine",
        "owner_team": null,
        "created_by": null,
        "approved_by": null,
        "approved_at": null,
        "child": {
          "db_engine": "aurora_postgres",
          "db_name": null,
          "schema": "core_data",
          "table": "fact_run",
          "columns": [
            "method_id"
          ]
        },
        "parent": {
          "db_engine": "aurora_postgres",
          "db_name": null,
          "schema": "core_metadata",
          "table": "ref_method",
          "columns": [
            "method_id"
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
        "on_delete": "restrict",
        "on_update": "restrict",
        "create_child_index": true,
        "child_index_name": null,
        "child_index_method": "btree",
        "create_parent_index": false,
        "tenant_scope_column": null,
        "require_tenant_match": false,
        "lineage": null,
        "generator_flags": {},
        "notes": null,
        "created_at": "2026-01-01 00:00:00+00",
        "updated_at": "2026-01-01 00:00:00+00"
      },
      "key": "fact_run__ref_method",
      "side": "child",
      "other": "core_metadata.ref_method",
      "columns": [
        "method_id"
      ],
      "other_columns": [
        "method_id"
      ],
      "relationship_type": "foreign_key",
      "cardinality": "1:many",
      "availability": "active"
    }
  ],
  "diagram_lines": [],
  "diagnostics": [
    {
      "code": "R301",
      "severity": "error",
      "location": {
        "kind": "entry",
        "registry": "relationship_registry",
        "label": "fact_run__ref_method",
        "entry": {
          "kind": "relationship",
          "id": "33333333-3333-4333-8333-333333333331"
        }
      },
      "message": "about its FK",
      "table": {
        "schema": "core_data",
        "table": "fact_run"
      },
      "relationship": "33333333-3333-4333-8333-333333333331"
    },
    {
      "code": "R101",
      "severity": "warning",
      "location": {
        "kind": "entry",
        "registry": "table_overview",
        "label": "core_data.fact_run",
        "field": "table_prefix",
        "entry": {
          "kind": "table",
          "id": "11111111-1111-4111-8111-111111111112"
        }
      },
      "message": "about fact_run",
      "table": {
        "schema": "core_data",
        "table": "fact_run"
      },
      "relationship": null
    },
    {
      "code": "R201",
      "severity": "warning",
      "location": {
        "kind": "entry",
        "registry": "signal_registry",
        "label": "core_data.fact_run.method_id",
        "entry": {
          "kind": "signal",
          "id": "22222222-2222-4222-8222-222222222224"
        }
      },
      "message": "about a column",
      "table": {
        "schema": "core_data",
        "table": "fact_run"
      },
      "relationship": null
    }
  ],
  "partitions": []
} satisfies TableDetail;

export const findings = [
  {
    "code": "R301",
    "severity": "error",
    "location": {
      "kind": "entry",
      "registry": "relationship_registry",
      "label": "fact_run__ref_method",
      "entry": {
        "kind": "relationship",
        "id": "33333333-3333-4333-8333-333333333331"
      }
    },
    "message": "about its FK",
    "table": {
      "schema": "core_data",
      "table": "fact_run"
    },
    "relationship": "33333333-3333-4333-8333-333333333331"
  },
  {
    "code": "R101",
    "severity": "warning",
    "location": {
      "kind": "entry",
      "registry": "table_overview",
      "label": "core_data.fact_run",
      "field": "table_prefix",
      "entry": {
        "kind": "table",
        "id": "11111111-1111-4111-8111-111111111112"
      }
    },
    "message": "about fact_run",
    "table": {
      "schema": "core_data",
      "table": "fact_run"
    },
    "relationship": null
  },
  {
    "code": "R201",
    "severity": "warning",
    "location": {
      "kind": "entry",
      "registry": "signal_registry",
      "label": "core_data.fact_run.method_id",
      "entry": {
        "kind": "signal",
        "id": "22222222-2222-4222-8222-222222222224"
      }
    },
    "message": "about a column",
    "table": {
      "schema": "core_data",
      "table": "fact_run"
    },
    "relationship": null
  },
  {
    "code": "L104",
    "severity": "warning",
    "location": {
      "kind": "file",
      "path": "two-modules/table_overview.csv",
      "line": 3,
      "column": 14
    },
    "message": "about the file",
    "table": null,
    "relationship": null
  },
  {
    "code": "R102",
    "severity": "warning",
    "location": {
      "kind": "workspace"
    },
    "message": "not about a table",
    "table": null,
    "relationship": null
  }
] satisfies Finding[];

export const searchIndex = {
  "tables": [
    {
      "id": "11111111-1111-4111-8111-111111111111",
      "schema": "core_metadata",
      "name": "ref_method",
      "module": "Methods"
    },
    {
      "id": "11111111-1111-4111-8111-111111111112",
      "schema": "core_data",
      "name": "fact_run",
      "module": "Engine"
    },
    {
      "id": "11111111-1111-4111-8111-111111111113",
      "schema": "core_metadata",
      "name": "ref_unit",
      "module": "Methods"
    }
  ],
  "columns": [
    {
      "table": {
        "schema": "core_metadata",
        "table": "ref_method"
      },
      "column": "method_id",
      "data_type": "uuid"
    },
    {
      "table": {
        "schema": "core_metadata",
        "table": "ref_method"
      },
      "column": "name",
      "data_type": "text"
    },
    {
      "table": {
        "schema": "core_data",
        "table": "fact_run"
      },
      "column": "run_id",
      "data_type": "uuid"
    },
    {
      "table": {
        "schema": "core_data",
        "table": "fact_run"
      },
      "column": "method_id",
      "data_type": "uuid"
    }
  ],
  "relationships": [
    {
      "id": "33333333-3333-4333-8333-333333333331",
      "key": "fact_run__ref_method",
      "child": {
        "schema": "core_data",
        "table": "fact_run"
      },
      "parent": {
        "schema": "core_metadata",
        "table": "ref_method"
      }
    }
  ]
} satisfies SearchIndex;

export const diagram = {
  "tables": [
    {
      "schema": "core_metadata",
      "table": "ref_method",
      "group": 0,
      "color": "#011B4E",
      "rect": {
        "x": 26.0,
        "y": 52.0,
        "width": 156.0,
        "height": 66.0
      },
      "pinned": false,
      "columns": [
        {
          "name": "method_id",
          "data_type": "uuid",
          "pk": true,
          "fk": false,
          "nullable": false
        },
        {
          "name": "name",
          "data_type": "text",
          "pk": false,
          "fk": false,
          "nullable": false
        }
      ],
      "kind": "table",
      "partitions": [],
      "more_partitions": 0
    },
    {
      "schema": "core_data",
      "table": "fact_run",
      "group": 1,
      "color": "#7A4FB5",
      "rect": {
        "x": 298.0,
        "y": 52.0,
        "width": 156.0,
        "height": 66.0
      },
      "pinned": false,
      "columns": [
        {
          "name": "run_id",
          "data_type": "uuid",
          "pk": true,
          "fk": false,
          "nullable": false
        },
        {
          "name": "method_id",
          "data_type": "uuid",
          "pk": false,
          "fk": true,
          "nullable": false
        }
      ],
      "kind": "table",
      "partitions": [],
      "more_partitions": 0
    },
    {
      "schema": "core_metadata",
      "table": "ref_unit",
      "group": 0,
      "color": "#011B4E",
      "rect": {
        "x": 26.0,
        "y": 174.0,
        "width": 120.0,
        "height": 46.0
      },
      "pinned": false,
      "columns": [],
      "kind": "table",
      "partitions": [],
      "more_partitions": 0
    }
  ],
  "groups": [
    {
      "name": "Methods",
      "color": "#011B4E",
      "frame": {
        "x": 0.0,
        "y": 0.0,
        "width": 208.0,
        "height": 246.0
      }
    },
    {
      "name": "Engine",
      "color": "#7A4FB5",
      "frame": {
        "x": 272.0,
        "y": 0.0,
        "width": 208.0,
        "height": 144.0
      }
    }
  ],
  "edges": [
    {
      "child": 1,
      "parent": 0,
      "child_rows": [
        1
      ],
      "parent_rows": [
        0
      ],
      "points": [
        [
          298.0,
          108.0
        ],
        [
          240.0,
          108.0
        ],
        [
          240.0,
          88.0
        ],
        [
          182.0,
          88.0
        ]
      ],
      "child_side": "left",
      "parent_side": "right",
      "child_end": "zero_or_many",
      "parent_end": "one",
      "dashed": false,
      "relationship": "33333333-3333-4333-8333-333333333331",
      "diagram_line": null,
      "label": null
    }
  ],
  "bounds": {
    "x": 0.0,
    "y": 0.0,
    "width": 480.0,
    "height": 246.0
  },
  "metrics": {
    "header_height": 26.0,
    "row_height": 20.0,
    "text_padding": 22.0,
    "frame_padding": 26.0,
    "frame_title_height": 26.0
  }
} satisfies Diagram;

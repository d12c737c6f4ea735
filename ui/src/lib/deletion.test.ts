import { describe, expect, it } from "vitest";
import type { ColumnDetail, Relationship, RelationshipSummary, Signal, Table, TableDetail } from "../ipc";
import { deleteKeyTarget, describeRelationship, groupDeletion, moveAllToGroup, moveToGroup, relationshipDeletion, tableDeletion, tablesDeletion } from "./deletion";

const AT = "2026-11-22 10:00:00+00";
const table = (schema: string, name: string): Table => ({
  id: `id-${name}`, name, prefix: null, schema, module: "Sales", status: "stable", purpose: null,
  primary_key: ["id"], db_engine: "postgres", db_name: null, owner_team: null, notes: null,
  created_at: AT, updated_at: AT, unique_constraints: [], indexes: [], color: null,
});
const column = (name: string): ColumnDetail => ({
  entry: { id: name, column: name } as Signal, name, data_type: "bigint", nullable: false, default: null, role: "key",
  primary_key: name === "id", foreign_key: false, description: null, partial: null,
});
const relationship = (key: string, child: string, parent: string, columns: string[]): Relationship => ({
  id: `rel-${key}`, key,
  child: { db_engine: "postgres", db_name: null, schema: "sales", table: child, columns },
  parent: { db_engine: "postgres", db_name: null, schema: "sales", table: parent, columns: ["id"] },
} as Relationship);
const summary = (r: Relationship): RelationshipSummary => ({
  entry: r, key: r.key, side: "child", other: "", columns: [], other_columns: [], relationship_type: "foreign_key", cardinality: null,
  availability: "active",
});
const detail = (t: Table, columns: string[], relationships: Relationship[]): TableDetail => ({
  entry: t, schema: t.schema, name: t.name, prefix: null, module: t.module, status: t.status, purpose: null, notes: null,
  primary_key: t.primary_key, columns: columns.map(column), relationships: relationships.map(summary), diagram_lines: [], diagnostics: [], partitions: [],
});

describe("deleting a table", () => {
  it("lists every relationship that goes with it and deletes by id in one edit", () => {
    const lines = relationship("order_lines__order_id__orders", "order_lines", "orders", ["order_id"]);
    const payments = relationship("payments__order_id__orders", "payments", "orders", ["order_id"]);
    const d = tableDeletion(detail(table("sales", "orders"), ["id", "placed_at"], [lines, payments]));
    expect(d.title).toBe("Delete table sales.orders?");
    expect(d.summary).toBe("This deletes the table sales.orders with its 2 columns and its 2 relationships:");
    expect(d.items).toEqual([
      "order_lines__order_id__orders (sales.order_lines.order_id → sales.orders)",
      "payments__order_id__orders (sales.payments.order_id → sales.orders)",
    ]);
    expect(d.edit).toEqual({ op: "delete_table", table: "id-orders" });
  });

  it("says so when nothing else goes, in the singular", () => {
    const d = tableDeletion(detail(table("sales", "notes"), ["id"], []));
    expect(d.summary).toBe("This deletes the table sales.notes with its 1 column and its 0 relationships.");
    expect(d.items).toEqual([]);
  });
});

describe("deleting a relationship", () => {
  it("names it, keeps the tables, and deletes by id (its key may be empty)", () => {
    const r = relationship("", "payments", "orders", []);
    const d = relationshipDeletion(r);
    expect(d.title).toBe("Delete relationship (no key)?");
    expect(d.items).toEqual(["(no key) (sales.payments → sales.orders)"]);
    expect(d.edit).toEqual({ op: "delete_relationship", relationship: "rel-" });
    expect(describeRelationship(relationship("a", "b", "c", ["x", "y"]))).toBe("a (sales.b.x, y → sales.c)");
  });
});

/** A stand-in for a DOM element: its tag, attributes and parent, with `closest` matching the
 *  simple selectors (`tag`, `[attr='value']`) that `deleteKeyTarget` asks for. */
interface Fake { tag: string; attrs?: Record<string, string>; parent?: Fake }
const element = (fake: Fake) => ({
  closest(selectors: string) {
    const matches = (e: Fake, selector: string) => {
      const attr = /^\[([a-z-]+)(?:='([^']*)')?\]$/.exec(selector.trim());
      return attr ? e.attrs?.[attr[1]!] !== undefined && (attr[2] === undefined || e.attrs?.[attr[1]!] === attr[2]) : e.tag === selector.trim();
    };
    for (let e: Fake | undefined = fake; e; e = e.parent) if (selectors.split(",").some((s) => matches(e!, s))) return e;
    return null;
  },
});

describe("the Delete key", () => {
  it("deletes the selection except while typing in a field or inside a dialog", () => {
    const body: Fake = { tag: "body" };
    expect(deleteKeyTarget(element({ tag: "input", parent: body }))).toBe(false);
    expect(deleteKeyTarget(element({ tag: "textarea", parent: body }))).toBe(false);
    expect(deleteKeyTarget(element({ tag: "select", parent: body }))).toBe(false);
    expect(deleteKeyTarget(element({ tag: "div", attrs: { contenteditable: "true" }, parent: body }))).toBe(false);
    expect(deleteKeyTarget(element({ tag: "button", parent: { tag: "div", attrs: { role: "dialog" }, parent: body } }))).toBe(false);
    expect(deleteKeyTarget(element({ tag: "button", parent: body }))).toBe(true);
    expect(deleteKeyTarget(element({ tag: "div", attrs: { role: "application" }, parent: body }))).toBe(true);
    expect(deleteKeyTarget(element(body))).toBe(true);
    expect(deleteKeyTarget(null)).toBe(true);
  });
});

describe("deleting several tables or a group", () => {
  const lines = relationship("order_lines__order_id__orders", "order_lines", "orders", ["order_id"]);
  const orders = detail(table("sales", "orders"), ["id"], [lines]);
  const orderLines = detail(table("sales", "order_lines"), ["id", "order_id"], [lines]);

  it("deletes a Shift-click selection as one batch, each relationship listed once", () => {
    const d = tablesDeletion([orders, orderLines]);
    expect(d.title).toBe("Delete 2 tables?");
    expect(d.items).toEqual(["sales.orders", "sales.order_lines", "order_lines__order_id__orders (sales.order_lines.order_id → sales.orders)"]);
    expect(d.edit).toEqual({ op: "batch", label: "Delete 2 tables", edits: [
      { op: "delete_table", table: "id-orders" }, { op: "delete_table", table: "id-order_lines" }] });
    expect(tablesDeletion([orders])).toEqual(tableDeletion(orders));
  });

  it("offers the group with its tables, listed, or moving the tables to another group", () => {
    const d = groupDeletion("Sales", [orders, orderLines], ["Billing", "Ledger"]);
    expect(d.action).toBe("Delete the group with its 2 tables");
    expect(d.items).toEqual(["sales.orders", "sales.order_lines"]);
    expect(d.edit.op).toBe("batch");
    expect(d.regroup?.modules).toEqual(["Billing", "Ledger"]);
    const moved = d.regroup!.edit("Ledger");
    expect(moved).toMatchObject({ op: "batch", label: "Ungroup Sales: move 2 tables to Ledger" });
    expect(moved.op === "batch" && moved.edits.map((e) => e.op === "put_table" && e.table.module)).toEqual(["Ledger", "Ledger"]);
    expect(groupDeletion("Sales", [orders], []).regroup).toBeNull();
  });

  it("moves one table to another group with one edit of the whole entry", () => {
    expect(moveToGroup(orders, "Billing")).toEqual({ op: "put_table", table: { ...orders.entry, module: "Billing" } });
  });

  it("moves a dragged selection to another group as one batch, leaving out tables already there", () => {
    const billing = { ...orders, entry: { ...orders.entry, module: "Billing" } };
    expect(moveAllToGroup([orders, billing], "Billing")).toEqual({
      op: "batch", label: "Move 1 table to Billing", edits: [{ op: "put_table", table: { ...orders.entry, module: "Billing" } }],
    });
  });
});

// Parses DBML texts with @dbml/core's dbmlv2 parser (the one dbdiagram.io uses) and prints,
// as JSON, what the parser understood: tables, columns, indexes, refs, groups, enums, notes.
// Input on stdin: [{ "name": "...", "text": "...", "files"?: { "path": "text" } }, ...] (with
// `files`, the input is the entry point of a project of several files); output on stdout: one result each,
// { name, ok: true, model } or { name, ok: false, errors: [{ message, line, column }] }.
// One node process checks many texts, so the Rust tests stay fast.
import { Parser } from '@dbml/core';
import { readFileSync } from 'node:fs';

const inputs = JSON.parse(readFileSync(0, 'utf8'));
const results = inputs.map(({ name, text, files }) => {
  let database;
  try {
    if (files) {
      // A project of several files (DBML's `use`): every file by its path, the input first.
      const parser = new Parser();
      parser.setDbmlSource(`/${name}`, text);
      for (const [path, source] of Object.entries(files)) parser.setDbmlSource(`/${path}`, source);
      database = parser.parseDbmlProject(`/${name}`);
    } else {
      database = new Parser().parse(text, 'dbmlv2');
    }
  } catch (error) {
    const diags = Array.isArray(error?.diags) ? error.diags : [{ message: String(error?.message ?? error) }];
    return {
      name,
      ok: false,
      errors: diags.map((d) => ({ message: d.message, line: d.location?.start?.line ?? null, column: d.location?.start?.column ?? null })),
    };
  }
  return { name, ok: true, model: model(database) };
});
process.stdout.write(JSON.stringify(results));

// The parsed table (or field) itself: the exported model leaves CHECK constraints out.
function live(database, schemaName, tableName) {
  return database.schemas.find((s) => s.name === schemaName)?.tables.find((t) => t.name === tableName);
}

function checksOf(owner) {
  return (owner?.checks ?? []).map((c) => ({ name: c.name ?? null, expression: c.expression }));
}

function model(database) {
  const exported = database.export();
  const out = {
    project: { name: database.name ?? null, database_type: database.databaseType ?? null, note: database.note ?? null },
    tables: [],
    refs: [],
    groups: [],
    enums: [],
    // Whole-diagram items: sticky notes, records (each value with its type), saved views, partials.
    notes: (exported.notes ?? []).map((n) => ({ name: n.name ?? null, content: n.content ?? null, color: n.color ?? null })),
    records: (exported.records ?? []).map((r) => ({
      schema: r.schemaName ?? 'public',
      table: r.tableName,
      columns: r.columns,
      values: r.values.map((row) => row.map((v) => ({ type: v.type, value: v.value === null ? null : String(v.value) }))),
    })),
    views: (database.diagramViews ?? []).map((v) => ({ name: v.name, visible: v.visibleEntities ?? null })),
    partials: (database.tablePartials ?? []).map((p) => ({
      name: p.name,
      columns: (p.fields ?? []).map((f) => f.name),
      header_color: p.headerColor ?? null,
      note: p.note ?? null,
    })),
  };
  const partialNames = new Map((database.tablePartials ?? []).map((p) => [p.id, p.name]));
  for (const schema of exported.schemas) {
    for (const table of schema.tables) {
      out.tables.push({
        schema: schema.name,
        name: table.name,
        note: table.note ?? null,
        header_color: table.headerColor ?? null,
        alias: table.alias ?? null,
        partials: (table.partials ?? []).map((p) => p.name),
        columns: table.fields.map((field) => ({
          name: field.name,
          type: { schema: field.type.schemaName ?? null, name: field.type.type_name },
          pk: Boolean(field.pk),
          not_null: Boolean(field.not_null),
          unique: Boolean(field.unique),
          note: field.note ?? null,
          increment: Boolean(field.increment),
          from_partial: field.injectedPartialId == null ? null : partialNames.get(field.injectedPartialId) ?? null,
          default: field.dbdefault ? { type: field.dbdefault.type, value: String(field.dbdefault.value) } : null,
          checks: checksOf(live(database, schema.name, table.name)?.fields.find((f) => f.name === field.name)),
        })),
        checks: checksOf(live(database, schema.name, table.name)),
        indexes: table.indexes.map((index) => ({
          columns: index.columns.map((c) => ({ type: c.type, value: c.value })),
          pk: Boolean(index.pk),
          unique: Boolean(index.unique),
          name: index.name ?? null,
          type: index.type ?? null,
          note: index.note ?? null,
        })),
      });
    }
    for (const ref of schema.refs) {
      out.refs.push({
        name: ref.name ?? null,
        on_delete: ref.onDelete ?? null,
        on_update: ref.onUpdate ?? null,
        color: ref.color ?? null,
        inactive: Boolean(ref.inactive),
        endpoints: ref.endpoints.map((e) => ({ schema: e.schemaName || 'public', table: e.tableName, fields: e.fieldNames, relation: e.relation })),
      });
    }
    for (const group of schema.tableGroups) {
      out.groups.push({
        name: group.name,
        color: group.color ?? null,
        note: group.note ?? null,
        tables: group.tables.map((t) => ({ schema: t.schemaName ?? 'public', name: t.tableName })),
      });
    }
    for (const e of schema.enums) {
      out.enums.push({ schema: schema.name, name: e.name, values: e.values.map((v) => ({ name: v.name, note: v.note ?? null })) });
    }
  }
  return out;
}

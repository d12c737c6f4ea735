// Reads Mermaid erDiagram texts with Mermaid's own parser and database under plain node and
// prints the whole model Mermaid builds: entities (name, alias, attributes with keys and
// comments, classes, styles), relationships (ends, label, both cardinalities, identification),
// class definitions, direction, accessibility texts and subgraphs.
// Mermaid's database passes accessibility texts and subgraph titles through DOMPurify, which
// needs a browser window; under node it has no `sanitize`, so it is given one that returns the
// text unchanged. Sanitising is for drawing; the parse and the model are Mermaid's own.
// Input on stdin: [{ "name": "...", "text": "..." }, ...]; output on stdout: one result each,
// { name, ok: true, model } or { name, ok: false, error }.
import DOMPurify from 'dompurify';
import { readFileSync } from 'node:fs';

if (typeof DOMPurify.sanitize !== 'function') {
  DOMPurify.sanitize = (text) => text;
  DOMPurify.addHook = () => {};
  DOMPurify.removeHook = () => {};
  DOMPurify.removeHooks = () => {};
}
const { default: mermaid } = await import('mermaid');

const inputs = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const { name, text } of inputs) {
  try {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    if (diagram.type !== 'er') throw new Error(`detected diagram type ${diagram.type}, not er`);
    const db = diagram.db;
    const byId = new Map();
    const entities = [];
    for (const [entityName, entity] of db.getEntities()) {
      byId.set(entity.id, entityName);
      entities.push({
        name: entityName,
        alias: entity.alias ?? '',
        attributes: entity.attributes.map((a) => ({ type: a.type, name: a.name, keys: a.keys ?? [], comment: a.comment ?? '' })),
        classes: entity.cssClasses ?? '',
        styles: entity.cssStyles ?? [],
      });
    }
    const relationships = db.getRelationships().map((r) => ({
      left: byId.get(r.entityA) ?? r.entityA,
      right: byId.get(r.entityB) ?? r.entityB,
      label: r.roleA,
      left_end: r.relSpec.cardB,
      right_end: r.relSpec.cardA,
      identification: r.relSpec.relType,
    }));
    const classes = [...db.getClasses().values()].map((c) => ({ id: c.id, styles: c.styles }));
    const subgraphs = (db.getSubGraphs?.() ?? []).map((s) => ({ id: s.id, title: s.title, nodes: [...s.nodes].sort() }));
    const model = {
      entities,
      relationships,
      classes,
      direction: db.getDirection(),
      acc_title: db.getAccTitle?.() ?? '',
      acc_descr: db.getAccDescription?.() ?? '',
      subgraphs,
    };
    results.push({ name, ok: true, model });
  } catch (error) {
    results.push({ name, ok: false, error: String(error?.message ?? error) });
  }
}
process.stdout.write(JSON.stringify(results));

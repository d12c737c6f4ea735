// Parses Mermaid erDiagram texts with Mermaid's own grammar under plain node (no browser, no
// DOM shim): mermaid.parse() validates, mermaidAPI.getDiagramFromText() gives the diagram's
// database, whose entities and relationships are printed as JSON.
// Input on stdin: [{ "name": "...", "text": "..." }, ...]; output on stdout: one result each,
// { name, ok: true, entities, relationships } or { name, ok: false, error }.
import mermaid from 'mermaid';
import { readFileSync } from 'node:fs';

const inputs = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const { name, text } of inputs) {
  try {
    // parse() registers the diagram types and throws on a syntax error.
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
        label: entity.alias ?? '',
        attributes: entity.attributes.map((a) => ({ type: a.type, name: a.name, keys: a.keys ?? [], comment: a.comment ?? '' })),
      });
    }
    const relationships = db.getRelationships().map((r) => ({
      from: byId.get(r.entityA) ?? r.entityA,
      to: byId.get(r.entityB) ?? r.entityB,
      label: r.roleA,
      card_from: r.relSpec.cardB,
      card_to: r.relSpec.cardA,
      line: r.relSpec.relType,
    }));
    results.push({ name, ok: true, entities, relationships });
  } catch (error) {
    results.push({ name, ok: false, error: String(error?.message ?? error) });
  }
}
process.stdout.write(JSON.stringify(results));

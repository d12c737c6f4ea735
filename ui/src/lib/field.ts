// A Svelte action that shows a value in an input without fighting the user: the value is
// written only when the input is not being typed in, or when `force` changes (after undo and
// redo, which must show the restored text even in the focused field).

/** What the action takes: the value to show and a counter that forces the write. */
export interface FieldValue {
  value: string;
  force: number;
}

/** `use:field={{ value, force }}` on an input, textarea or select. */
export function field(node: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, params: FieldValue) {
  let force = params.force;
  const write = (next: FieldValue) => {
    const forced = next.force !== force;
    force = next.force;
    if ((forced || document.activeElement !== node) && node.value !== next.value) node.value = next.value;
  };
  node.value = params.value;
  return { update: write };
}

// The controlled vocabularies in the forms' selects: a select's value is a string, the model's
// fields are unions of words (generated from the Rust vocabularies), and `word` turns the one
// into the other by finding it among the offered words, so no form needs a cast. Pure, tested.

import type { Vocabularies } from "../ipc";

/** The word of `words` that `text` spells, or `undefined` when it is none of them. */
export function word<W extends string>(words: readonly W[], text: string): W | undefined {
  return words.find((w) => w === text);
}

/** For a select whose empty option means "not set": `null` for `""`, else as {@link word}. */
export function optionalWord<W extends string>(words: readonly W[], text: string): W | null | undefined {
  return text === "" ? null : word(words, text);
}

/** The vocabularies before the shell has sent them: every select empty. */
export const noVocabularies: Vocabularies = {
  status: [], role: [], row_type: [], connection: [], availability: [], relationship_type: [], enforcement: [],
  cardinality: [], match_type: [], action: [], index_method: [], lineage: [],
};

//! Random edits of a valid text, for the importers' never-panic property tests: delete a
//! run, insert characters that mean something in the format, duplicate a run.

use proptest::prelude::*;

/// One edit of a text, at a character position taken modulo its length.
#[derive(Debug, Clone)]
pub enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, text: String },
    Duplicate { at: usize, len: usize },
}

/// A random edit; inserted characters come from `significant`.
pub fn mutation(significant: &'static [char]) -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..12).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), proptest::collection::vec(proptest::sample::select(significant), 1..4))
            .prop_map(|(at, chars)| Mutation::Insert { at, text: chars.into_iter().collect() }),
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
    ]
}

/// `text` with `mutation` applied.
pub fn apply(text: &str, mutation: &Mutation) -> String {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut out = chars.clone();
    match mutation {
        Mutation::Delete { at, len } => {
            let at = at % n;
            out.drain(at..(at + len).min(n));
        }
        Mutation::Insert { at, text } => {
            let at = at % (n + 1);
            out.splice(at..at, text.chars());
        }
        Mutation::Duplicate { at, len } => {
            let at = at % n;
            let piece: Vec<char> = chars[at..(at + len).min(n)].to_vec();
            out.splice(at..at, piece);
        }
    }
    out.into_iter().collect()
}

//! English plural and singular forms for the conventional naming rules. Heuristics plus the
//! rule set's irregular and uncountable words; good enough to name tables, not a grammar.

use crate::ruleset::NamingRules;

/// Whether `name` is snake_case: lower-case ASCII words of letters and digits joined by `_`.
pub(crate) fn is_snake_case(name: &str) -> bool {
    name.split('_').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
        && name.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
}

/// `OrderItem` or `order-item` → `order_item`.
pub(crate) fn to_snake_case(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    out.trim_end_matches('_').to_owned()
}

/// Whether the last word of a snake_case `name` is plural.
pub(crate) fn is_plural(name: &str, naming: &NamingRules) -> bool {
    let word = last_word(name);
    if naming.uncountable.iter().any(|u| u == word) || naming.irregular_plurals.values().any(|p| p == word) {
        return true;
    }
    if naming.irregular_plurals.contains_key(word) {
        return false;
    }
    // `status`, `address`, `analysis` end in `s` but are singular.
    word.len() > 1 && word.ends_with('s') && !["ss", "us", "is"].iter().any(|e| word.ends_with(e))
}

/// `name` with its last word made plural: `order_item` → `order_items`, `category` →
/// `categories`, `status` → `statuses`.
pub(crate) fn pluralize(name: &str, naming: &NamingRules) -> String {
    let word = last_word(name);
    let head = &name[..name.len() - word.len()];
    if is_plural(name, naming) {
        return name.to_owned();
    }
    if let Some(plural) = naming.irregular_plurals.get(word) {
        return format!("{head}{plural}");
    }
    let consonant_y =
        word.len() > 1 && word.ends_with('y') && !word[..word.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if consonant_y {
        format!("{head}{}ies", &word[..word.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"].iter().any(|e| word.ends_with(e)) {
        format!("{name}es")
    } else {
        format!("{name}s")
    }
}

/// The possible singulars of a table name, most likely first: `categories` → `category`;
/// `statuses` → `status` or `statuse`; `people` → `person`.
pub(crate) fn singulars(name: &str, naming: &NamingRules) -> Vec<String> {
    let word = last_word(name);
    let head = &name[..name.len() - word.len()];
    if naming.uncountable.iter().any(|u| u == word) {
        return vec![name.to_owned()];
    }
    if let Some((singular, _)) = naming.irregular_plurals.iter().find(|(_, p)| *p == word) {
        return vec![format!("{head}{singular}")];
    }
    let mut stems = Vec::new();
    if let Some(stem) = word.strip_suffix("ies") {
        stems.push(format!("{stem}y"));
    }
    if let Some(stem) = word.strip_suffix("es") {
        if ["s", "x", "z", "ch", "sh"].iter().any(|e| stem.ends_with(e)) {
            stems.push(stem.to_owned());
        }
    }
    stems.extend(word.strip_suffix('s').map(str::to_owned));
    stems.extend(word.strip_suffix("es").map(str::to_owned));
    if stems.is_empty() {
        stems.push(word.to_owned());
    }
    let mut out: Vec<String> = Vec::new();
    for stem in stems {
        let candidate = format!("{head}{stem}");
        if !out.contains(&candidate) {
            out.push(candidate);
        }
    }
    out
}

fn last_word(name: &str) -> &str {
    name.rsplit('_').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RuleSet;

    fn naming() -> NamingRules {
        RuleSet::preset("conventional").unwrap().data.naming.unwrap()
    }

    #[test]
    fn plural_and_singular() {
        let n = naming();
        for plural in ["users", "order_items", "categories", "statuses", "people", "metadata", "role_permissions"] {
            assert!(is_plural(plural, &n), "{plural}");
        }
        for singular in ["user", "order_item", "status", "address", "person", "analysis"] {
            assert!(!is_plural(singular, &n), "{singular}");
        }
        assert_eq!(pluralize("category", &n), "categories");
        assert_eq!(pluralize("status", &n), "statuses");
        assert_eq!(pluralize("order_item", &n), "order_items");
        assert_eq!(pluralize("person", &n), "people");
        assert_eq!(pluralize("day", &n), "days");
        assert_eq!(singulars("categories", &n)[0], "category");
        assert_eq!(singulars("addresses", &n)[0], "address");
        assert!(singulars("statuses", &n).contains(&"status".to_owned()));
        assert!(singulars("cases", &n).contains(&"case".to_owned()));
        assert_eq!(singulars("tenants", &n), ["tenant"]);
        assert_eq!(singulars("people", &n), ["person"]);
        assert_eq!(to_snake_case("OrderItem"), "order_item");
        assert!(is_snake_case("order_items2"));
        assert!(!is_snake_case("OrderItems") && !is_snake_case("order__items") && !is_snake_case("_x"));
    }
}

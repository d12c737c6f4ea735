//! Build script of the Relata app: resolves the Tauri config, capabilities and command
//! permissions, all from the one list of commands in `src-tauri/commands.txt`. From it this
//! writes the capability that grants exactly those commands (`src-tauri/capabilities/main.json`),
//! the window's list of names (`ui/src/ipc/commands.generated.ts`, which types every `invoke`)
//! and the invoke handler `lib.rs` includes (`commands.rs` in `OUT_DIR`). The files in the source
//! tree are written only when their content changes, so a build never triggers another.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What the main window may do besides Relata's own commands.
const OTHER_PERMISSIONS: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten", "dialog:allow-open", "dialog:allow-save", "dialog:allow-ask"];

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let list = root.join("src-tauri/commands.txt");
    println!("cargo:rerun-if-changed={}", list.display());
    let text = std::fs::read_to_string(&list).unwrap_or_else(|e| panic!("cannot read {}: {e}", list.display()));
    let commands = commands(&text, &list);

    write_if_changed(&root.join("src-tauri/capabilities/main.json"), &capability(&commands));
    write_if_changed(&root.join("ui/src/ipc/commands.generated.ts"), &typescript(&commands));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    write_if_changed(&out.join("commands.rs"), &handler_macro(&commands));

    let names: &'static [&'static str] = Vec::leak(commands.iter().map(|c| &*String::leak(c.clone())).collect());
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(names));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}

/// The command names of `text`: one per line, `#` comments and blank lines aside. A name that is
/// not a Rust identifier in snake case, or one listed twice, stops the build, naming the line.
fn commands(text: &str, file: &Path) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let name = line.trim();
        if name.is_empty() || name.starts_with('#') {
            continue;
        }
        let valid = name.starts_with(|c: char| c.is_ascii_lowercase()) && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        assert!(valid, "{}:{}: `{name}` is not a command name (snake case, as its function in commands.rs)", file.display(), n + 1);
        assert!(!names.iter().any(|c| c == name), "{}:{}: `{name}` is listed twice", file.display(), n + 1);
        names.push(name.to_owned());
    }
    names
}

/// The main window's capability: `allow-<command>` for each command, then the others.
fn capability(commands: &[String]) -> String {
    let mut out = String::from(concat!(
        "{\n",
        "  \"$schema\": \"../../gen/schemas/desktop-schema.json\",\n",
        "  \"identifier\": \"main\",\n",
        "  \"description\": \"The main Relata window: Relata's own commands (written by src-tauri/build.rs from src-tauri/commands.txt), the native open/save/ask dialogs, and listening to the shell's events (a change on disk).\",\n",
        "  \"windows\": [\"main\"],\n",
        "  \"permissions\": [\n",
    ));
    let permissions: Vec<String> = commands.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).chain(OTHER_PERMISSIONS.iter().map(|p| (*p).to_owned())).collect();
    for (i, p) in permissions.iter().enumerate() {
        let comma = if i + 1 < permissions.len() { "," } else { "" };
        let _ = writeln!(out, "    \"{p}\"{comma}");
    }
    out.push_str("  ]\n}\n");
    out
}

/// The window's list of command names, so `invoke` takes only those.
fn typescript(commands: &[String]) -> String {
    let mut out = String::from(concat!(
        "// Written by src-tauri/build.rs from src-tauri/commands.txt: edit that list, not this file.\n",
        "\n",
        "/** Every IPC command the shell answers. */\n",
        "export const COMMANDS = [\n",
    ));
    for c in commands {
        let _ = writeln!(out, "  \"{c}\",");
    }
    out.push_str("] as const;\n\n/** The name of one IPC command. */\nexport type CommandName = (typeof COMMANDS)[number];\n");
    out
}

/// `with_commands!(m)` expands to `m!(first, second, …)`: how `lib.rs` hands the list to
/// `tauri::generate_handler!`, which wants paths written out.
fn handler_macro(commands: &[String]) -> String {
    format!(
        "// Written by src-tauri/build.rs from src-tauri/commands.txt.\nmacro_rules! with_commands {{\n    ($then:ident) => {{\n        $then!({})\n    }};\n}}\n",
        commands.join(", ")
    )
}

/// Writes `content` to `path` unless it already holds exactly that.
fn write_if_changed(path: &Path, content: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == content) {
        return;
    }
    std::fs::write(path, content).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

//! How the window paints on a machine without a GPU: WebKitGTK's compositing is switched off
//! there, because through a software OpenGL it costs far more than it saves.

use std::path::Path;

/// The variable WebKitGTK reads to paint without accelerated compositing.
pub const COMPOSITING_VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Switches WebKitGTK's accelerated compositing off when this machine has no GPU render node
/// and the user has not chosen either way (`WEBKIT_DISABLE_COMPOSITING_MODE` set to anything,
/// `0` included, is left alone). Call it first thing in `main`, before any thread starts.
///
/// Why: without a GPU (a VM, a remote desktop, Xvfb) WebKit composites through Mesa's software
/// rasteriser, and every change of the layer tree (the diagram switching from its canvas to its
/// SVG, say) cost 0.5–1 s per frame on the 1,000-table workspace, against 0.3 s with compositing
/// off and steady frames about twice as fast (docs/benchmarks.md, "App"). With a GPU,
/// compositing is kept: that is what it is for.
pub fn prefer_software_painting() {
    #[cfg(target_os = "linux")]
    {
        let chosen = std::env::var_os(COMPOSITING_VARIABLE).is_some();
        if compositing_off(chosen, has_render_node(Path::new("/dev/dri"))) {
            // Safe here: `main` calls this before any other thread exists to read the
            // environment concurrently.
            std::env::set_var(COMPOSITING_VARIABLE, "1");
        }
    }
}

/// Whether to switch compositing off: only when the user has not chosen and there is no GPU.
pub fn compositing_off(user_chose: bool, gpu: bool) -> bool {
    !user_chose && !gpu
}

/// Whether `dri` (normally `/dev/dri`) holds a render node (`renderD128`, …): the device
/// through which Mesa reaches a GPU. A machine without one renders OpenGL in software.
pub fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compositing_is_switched_off_only_without_a_gpu_and_without_a_choice() {
        assert!(compositing_off(false, false));
        assert!(!compositing_off(false, true));
        assert!(!compositing_off(true, false), "the user's WEBKIT_DISABLE_COMPOSITING_MODE wins, even 0");
        assert!(!compositing_off(true, true));
    }

    #[test]
    fn a_render_node_is_found_by_its_name() {
        let dir = std::env::temp_dir().join(format!("relata-dri-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("card0"), b"").unwrap();
        assert!(!has_render_node(&dir), "a card without a render node is not a GPU Mesa can render on");
        std::fs::write(dir.join("renderD128"), b"").unwrap();
        assert!(has_render_node(&dir));
        assert!(!has_render_node(&dir.join("missing")));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

"""Rule family module (being written): registers its rules with `fa_tui.rules.registry.rule`."""

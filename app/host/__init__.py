"""The host workspace: a host's villages, editing them, their products and photos."""

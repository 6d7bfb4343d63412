"""Reading the repository from disk: discovery, safe YAML with positions, limits."""

"""The `briefings` MkDocs plugin."""

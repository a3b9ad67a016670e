"""The raw-article parser, in passes; `build_tools.seeds` is its entry point."""

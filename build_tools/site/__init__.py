"""The site's pages as HTML and files: briefing and corpus pages, glossary marks, feed, search index, CSP, sanitising.

Pure functions of the corpus; the MkDocs plugin calls them from its event handlers.
"""

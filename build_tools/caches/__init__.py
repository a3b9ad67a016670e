"""On-disk caches of the build, by content key: analysis, front matter, finished pages."""

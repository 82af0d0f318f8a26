"""The import wizard: the file, its columns, the preview, then the import."""

"""Imports: the member import wizard (the file, its columns, the preview, then the import)
and the payment import dialog (a file, each of its lines, then one import)."""

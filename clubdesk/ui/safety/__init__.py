"""The file's safety in the window: the lock, automatic backups, the backups dialog, damage."""

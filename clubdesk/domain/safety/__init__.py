"""Keeping the association's file safe: backups, rotation, restore, checks, the lock."""

"""Folders where SQLite is not safe: synchronised by a cloud service, or on a network.

Sync tools upload a database file while it is being written and may put back an older copy;
network file systems break SQLite's locking. Both corrupt open databases. The advice: keep the
database on the laptop and put the *backups* folder in the synchronised folder instead.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

# Folder names the sync clients create (compared without case, spaces or dashes).
_SYNC_FOLDERS = {
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "googledrive": "Google Drive",
    "mydrive": "Google Drive",
    "icloud": "iCloud",
    "iclouddrive": "iCloud",
    "mobiledocuments": "iCloud",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "pcloud": "pCloud",
    "pclouddrive": "pCloud",
    "boxsync": "Box",
    "mega": "MEGA",
    "seafile": "Seafile",
    "syncthing": "Syncthing",
}
# File systems of network shares (Linux /proc/mounts names).
_NETWORK_FILE_SYSTEMS = {
    "nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "afs", "9p", "ncpfs", "davfs",
    "fuse.sshfs", "fuse.rclone", "fuse.davfs2", "fuse.gvfsd-fuse", "fuse.s3fs",
}


def _key(name: str) -> str:
    return "".join(char for char in name.casefold() if char.isalnum())


def _sync_service(path: Path) -> str | None:
    for part in path.parts:
        key = _key(part)
        service = _SYNC_FOLDERS.get(key)
        # "OneDrive - Mairie de Lyon", "Dropbox (Personal)": business and team folders.
        if service is None:
            service = next((name for prefix, name in _SYNC_FOLDERS.items()
                            if len(prefix) > 5 and key.startswith(prefix)), None)
        if service is not None:
            return service
    return None


def _linux_mount_type(path: Path, mounts: str | None = None) -> str | None:
    """The file system type of the mount holding ``path``, from /proc/mounts."""
    if mounts is None:
        try:
            with open("/proc/mounts", encoding="utf-8") as handle:
                mounts = handle.read()
        except OSError:
            return None
    best, kind = "", None
    target = str(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


def _on_network_drive(path: Path) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        text = str(path)
        if text.startswith("\\\\"):
            return True  # \\server\share
        drive = os.path.splitdrive(text)[0] + "\\"
        return ctypes.windll.kernel32.GetDriveTypeW(drive) == 4  # DRIVE_REMOTE
    kind = _linux_mount_type(path) if sys.platform.startswith("linux") else None
    return kind is not None and (kind in _NETWORK_FILE_SYSTEMS or kind.startswith("nfs"))


def unsafe_location(path: Path) -> str | None:
    """The service or kind of drive that makes ``path`` unsafe for a database, or None.

    ``"Dropbox"``, ``"OneDrive"``… for a synchronised folder, ``"network"`` for a share.
    """
    try:
        resolved = path.expanduser().resolve()
    except OSError:
        resolved = path
    service = _sync_service(resolved)
    if service is not None:
        return service
    return "network" if _on_network_drive(resolved.parent) else None

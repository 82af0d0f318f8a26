"""The GDPR duties toward members: access and portability, erasure, retention.

The work is in :mod:`clubdesk.domain.gdpr.gdpr_access` and :mod:`clubdesk.domain.gdpr.gdpr_erasure`;
this module gathers their public names and the command-line entry for erasure (the export
command lives in :mod:`clubdesk.reports.personal_data`, which can also write the PDF).
"""

from __future__ import annotations

from clubdesk.db import Member
from clubdesk.db.backup_files import BackupError
from clubdesk.domain.activity.activity_sheet import UnknownMemberError
from clubdesk.domain.gdpr.gdpr_access import (
    SECTIONS,
    PersonalData,
    export_personal_data_json,
    personal_data,
    record_access,
    to_json,
)
from clubdesk.domain.gdpr.gdpr_erasure import (
    ANONYMOUS_NAME,
    ErasureResult,
    RetentionCandidate,
    anonymize_member,
    anonymize_members,
    anonymous_name,
    erasure_message,
    purge_database,
    retention_candidates,
)
from clubdesk.domain.safety.held_backups import backups_holding, purge_backups
from clubdesk.i18n import _, ngettext

__all__ = [
    "ANONYMOUS_NAME", "SECTIONS", "ErasureResult", "PersonalData", "RetentionCandidate",
    "UnknownMemberError", "anonymize_member", "anonymize_members", "anonymous_name",
    "erasure_message", "export_personal_data_json", "gdpr_anonymize_command",
    "gdpr_purge_backups_command",
    "personal_data", "purge_database", "record_access", "retention_candidates", "to_json",
]


def gdpr_anonymize_command(member_id: int) -> tuple[int, str]:
    """``clubdesk gdpr anonymize ID``: (exit status, message). 2 for an unknown member."""
    try:
        result = anonymize_member(member_id)
    except UnknownMemberError as error:
        return 2, str(error)
    message = erasure_message(member_id, result)
    if result.backups:
        message += "\n" + _("To remove them now: clubdesk gdpr purge-backups --member "
                            "{number}").format(number=member_id)
    return 0, message


def gdpr_purge_backups_command(member_id: int) -> tuple[int, str]:
    """``clubdesk gdpr purge-backups --member ID``: remove the backups that still hold an
    anonymised member, after a fresh backup."""
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        return 2, str(UnknownMemberError(member_id))
    if member.anonymized_on is None:
        return 2, _("Member no. {number} is not anonymised: every backup holds them. "
                    "Anonymise them first.").format(number=member_id)
    held = backups_holding([member_id])
    if not held:
        return 0, _("No backup holds member no. {number} any more.").format(number=member_id)
    try:
        fresh = purge_backups(held)
    except BackupError as error:
        return 2, str(error)
    return 0, ngettext("{n} backup holding member no. {number} removed; a fresh backup was made "
                       "first: {path}",
                       "{n} backups holding member no. {number} removed; a fresh backup was made "
                       "first: {path}", len(held)).format(number=member_id,
                                                               path=fresh.path)

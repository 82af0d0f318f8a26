"""The GDPR duties toward members: access and portability, erasure, retention.

The work is in :mod:`clubdesk.domain.gdpr_access` and :mod:`clubdesk.domain.gdpr_erasure`;
this module gathers their public names and the command-line entry for erasure (the export
command lives in :mod:`clubdesk.reports.personal_data`, which can also write the PDF).
"""

from __future__ import annotations

from clubdesk.domain.activity_sheet import UnknownMemberError
from clubdesk.domain.gdpr_access import (
    SECTIONS,
    PersonalData,
    export_personal_data_json,
    personal_data,
    record_access,
    to_json,
)
from clubdesk.domain.gdpr_erasure import (
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

__all__ = [
    "ANONYMOUS_NAME", "SECTIONS", "ErasureResult", "PersonalData", "RetentionCandidate",
    "UnknownMemberError", "anonymize_member", "anonymize_members", "anonymous_name",
    "erasure_message", "export_personal_data_json", "gdpr_anonymize_command",
    "personal_data", "purge_database", "record_access", "retention_candidates", "to_json",
]


def gdpr_anonymize_command(member_id: int) -> tuple[int, str]:
    """``clubdesk gdpr anonymize ID``: (exit status, message). 2 for an unknown member."""
    try:
        result = anonymize_member(member_id)
    except UnknownMemberError as error:
        return 2, str(error)
    return 0, erasure_message(member_id, result)

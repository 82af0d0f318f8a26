"""The member's fields and their values as the member form names and shows them, for the
messages that list fields (why Save is refused, what changed elsewhere meanwhile)."""

from __future__ import annotations

from clubdesk.domain.common.labels import bureau_role_label, member_status_label
from clubdesk.domain.members.phones import format_phone
from clubdesk.i18n import _
from clubdesk.ui.common.conflict_dialog import value_text


def field_labels() -> dict[str, str]:
    """Field name of :class:`~clubdesk.domain.members.member_form.MemberInput` -> its name in
    the form, in the user's language."""
    return {
        "first_name": _("First name"), "last_name": _("Last name"),
        "company": _("Company"), "profession": _("Profession"),
        "sector": _("Sector"), "email": _("Email"), "phone": _("Phone"),
        "address": _("Address"), "city": _("City"),
        "postcode": _("Postcode"), "status": _("Status"),
        "role": _("Bureau role"), "sponsor_id": _("Sponsor"),
        "joined_on": _("Joined on"), "left_on": _("Left on"),
        "consent_directory_on": _("Directory consent"),
        "consent_photos_on": _("Photo consent"),
        "consent_newsletter_on": _("Newsletter consent"),
        "consent_directory_withdrawn_on": _("Directory consent withdrawn on"),
        "consent_photos_withdrawn_on": _("Photo consent withdrawn on"),
        "consent_newsletter_withdrawn_on": _("Newsletter consent withdrawn on"),
        "consent_directory": _("Listed in the members' directory"),
        "consent_photos": _("Photos may be published"),
        "consent_newsletter": _("Receives the newsletter"),
        "notes": _("Notes"),
    }


def field_text(name: str, value: object) -> str:
    """``value`` of field ``name`` as the form shows it (a sponsor is the form's to name)."""
    if name == "phone" and isinstance(value, str):
        return format_phone(value)
    if name == "status" and isinstance(value, str):
        return member_status_label(value)
    if name == "role" and isinstance(value, str):
        return bureau_role_label(value)
    return value_text(value)

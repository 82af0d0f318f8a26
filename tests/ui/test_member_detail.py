"""The member detail panel: the card a secretary reads before calling someone."""

from __future__ import annotations

import datetime as dt

from clubdesk.ui.members.member_detail import MemberDetail


def test_detail_shows_given_and_withdrawn_consents(qtbot, make_member) -> None:
    member = make_member(first_name="Inès", last_name="Lefèvre", consent_directory=True,
                         consent_directory_on=dt.date(2020, 1, 2),
                         consent_newsletter_on=dt.date(2020, 1, 2),
                         consent_newsletter_withdrawn_on=dt.date(2025, 6, 30))
    detail = MemberDetail()
    qtbot.addWidget(detail)
    detail.show_member(member.id)
    assert detail.member_id() == member.id
    text = detail.membership.text()
    assert "Consents: directory" in text
    assert "withdrawn: newsletter on 30/06/2025" in text


def test_detail_without_consents_says_none(qtbot, make_member) -> None:
    member = make_member(first_name="Paul", last_name="Durand")
    detail = MemberDetail()
    qtbot.addWidget(detail)
    detail.show_member(member.id)
    assert "Consents: none" in detail.membership.text()
    assert "withdrawn" not in detail.membership.text()

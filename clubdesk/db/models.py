"""The peewee models: one table per class, all bound to :data:`database`.

Field names are a public vocabulary (scripts and the project's checks read them): add fields,
do not rename them. Choices are stored as short English codes; the UI translates them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from peewee import (
    SQL,
    BlobField,
    BooleanField,
    CharField,
    Check,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from clubdesk.db.codes import (
    AttendanceStatus,
    BureauRole,
    EventKind,
    MemberStatus,
    PaymentMethod,
    ReferralStatus,
    SeriesFrequency,
    values,
)
from clubdesk.db.sqlite_database import ClubdeskDatabase

# Initialised by clubdesk.db.connection.open_database(); nothing touches it before.
database = ClubdeskDatabase(None)

MEMBER_STATUSES = values(MemberStatus)
BUREAU_ROLES = values(BureauRole)
EVENT_KINDS = values(EventKind)
ATTENDANCE_STATUSES = values(AttendanceStatus)
REFERRAL_STATUSES = values(ReferralStatus)
SERIES_FREQUENCIES = values(SeriesFrequency)
PAYMENT_METHODS = values(PaymentMethod)
MANDATE_ROLES = tuple(role for role in BUREAU_ROLES if role != BureauRole.NONE)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _one_of(column: str, values: tuple[str, ...]) -> Check:
    quoted = ", ".join(f"'{value}'" for value in values)
    return Check(f"{column} IN ({quoted})")


def _money(**kwargs: object) -> DecimalField:
    return DecimalField(max_digits=12, decimal_places=2, auto_round=True, **kwargs)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Member(BaseModel):
    first_name = CharField()
    last_name = CharField()
    email = CharField(default="")
    phone = CharField(default="")
    company = CharField(default="")
    profession = CharField(default="")
    sector = CharField(default="")
    address = CharField(default="")
    city = CharField(default="")
    postcode = CharField(default="")
    status = CharField(default=MemberStatus.ACTIVE.value,
                      constraints=[_one_of("status", MEMBER_STATUSES)])
    role = CharField(default=BureauRole.NONE.value, constraints=[_one_of("role", BUREAU_ROLES)])
    sponsor = ForeignKeyField("self", null=True, backref="sponsored", on_delete="SET NULL")
    joined_on = DateField(null=True)
    left_on = DateField(null=True)
    consent_directory = BooleanField(default=False)
    consent_directory_on = DateField(null=True)
    consent_photos = BooleanField(default=False)
    consent_photos_on = DateField(null=True)
    consent_newsletter = BooleanField(default=False)
    consent_newsletter_on = DateField(null=True)
    # When a consent was withdrawn (the consent itself is then False).
    consent_directory_withdrawn_on = DateField(null=True)
    consent_photos_withdrawn_on = DateField(null=True)
    consent_newsletter_withdrawn_on = DateField(null=True)
    anonymized_on = DateField(null=True)
    notes = TextField(default="")
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)

    class Meta:
        indexes = ((("last_name", "first_name"), False),)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class FeeRate(BaseModel):
    """One rate of a fiscal year's fee schedule; ``year`` is the year the fiscal year starts
    in. The first rate (by ``position``) is the one a member owes unless they pay another."""

    year = IntegerField()
    name = CharField()
    amount = _money(constraints=[Check("amount >= 0")])
    # A member who joins during the fiscal year owes only the months left.
    pro_rata = BooleanField(default=False)
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("year", "name"), True),)


class MembershipFee(BaseModel):
    """One payment of a member's dues for a fiscal year (or their exemption for it)."""

    member = ForeignKeyField(Member, backref="fees", on_delete="RESTRICT")
    fiscal_year = IntegerField(index=True)
    period_start = DateField()
    period_end = DateField()
    rate = ForeignKeyField(FeeRate, null=True, backref="fees", on_delete="SET NULL")
    amount = _money(constraints=[Check("amount >= 0")])
    paid_on = DateField(null=True)
    method = CharField(default=PaymentMethod.TRANSFER.value,
                       constraints=[_one_of("method", PAYMENT_METHODS)])
    cheque_number = CharField(default="")
    # Who paid, when not the member: a parent, an employer paying for several members.
    payer = CharField(default="")
    # The online platform's order number, so that a second import does not count it twice.
    reference = CharField(default="", index=True)
    # Numbers of the receipts, never given twice (see AssociationSettings.next_receipt).
    receipt_number = IntegerField(null=True, unique=True)
    # The member owes nothing this year (honorary member, the bureau's decision).
    exempt = BooleanField(default=False)
    note = CharField(default="")

    def save(self, *args: object, **kwargs: object) -> int:
        # A fiscal year is named by the year it starts in: the year of the period's start.
        if self.fiscal_year is None and self.period_start is not None:
            start = self.period_start
            self.fiscal_year = (start if isinstance(start, dt.date)
                                else dt.date.fromisoformat(str(start)[:10])).year
        return super().save(*args, **kwargs)


class Mandate(BaseModel):
    """A role a member held in the bureau or a committee, from a day to a day (``ends_on``
    None: still held)."""

    member = ForeignKeyField(Member, backref="mandates", on_delete="RESTRICT")
    role = CharField(constraints=[_one_of("role", MANDATE_ROLES)])
    # The association's own name for a role of kind "other" ("Responsable communication").
    title = CharField(default="")
    starts_on = DateField()
    ends_on = DateField(null=True)

    class Meta:
        indexes = ((("member", "starts_on"), False),)
        constraints = [SQL("CHECK (ends_on IS NULL OR ends_on >= starts_on)")]


class EventSeries(BaseModel):
    """A recurring meeting; its occurrences are ordinary events pointing here."""

    title = CharField()
    kind = CharField(default=EventKind.MEETING.value, constraints=[_one_of("kind", EVENT_KINDS)])
    frequency = CharField(constraints=[_one_of("frequency", SERIES_FREQUENCIES)])
    first_on = DateField()
    until = DateField()
    location = CharField(default="")


class Event(BaseModel):
    title = CharField()
    kind = CharField(default=EventKind.MEETING.value,
                         constraints=[_one_of("kind", EVENT_KINDS)])
    starts_at = DateTimeField(index=True)
    ends_at = DateTimeField(null=True)
    location = CharField(default="")
    description = TextField(default="")
    series = ForeignKeyField(EventSeries, null=True, backref="events", on_delete="SET NULL")


class Attendance(BaseModel):
    event = ForeignKeyField(Event, backref="attendances", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="attendances", on_delete="RESTRICT")
    status = CharField(constraints=[_one_of("status", ATTENDANCE_STATUSES)])
    substitute_name = CharField(default="")
    proxy_to = ForeignKeyField(Member, null=True, backref="proxies_held", on_delete="SET NULL")
    note = CharField(default="")

    class Meta:
        indexes = ((("event", "member"), True),)


class Guest(BaseModel):
    event = ForeignKeyField(Event, backref="guests", on_delete="CASCADE")
    name = CharField()
    company = CharField(default="")
    email = CharField(default="")
    invited_by = ForeignKeyField(Member, null=True, backref="guests_invited", on_delete="SET NULL")
    converted_member = ForeignKeyField(
        Member, null=True, backref="converted_from", on_delete="SET NULL"
    )


class VolunteerEntry(BaseModel):
    member = ForeignKeyField(Member, backref="volunteer_entries", on_delete="RESTRICT")
    date = DateField()
    hours = DecimalField(
        max_digits=5, decimal_places=2, auto_round=True, constraints=[Check("hours > 0")]
    )
    category = CharField(default="")
    event = ForeignKeyField(Event, null=True, backref="volunteer_entries", on_delete="SET NULL")
    description = TextField(default="")

    class Meta:
        indexes = ((("member", "date"), False),)


class VolunteerCategory(BaseModel):
    """The categories of volunteer work the association keeps; entries store the name."""

    name = CharField(unique=True)
    position = IntegerField(default=0)
    archived = BooleanField(default=False)


class Referral(BaseModel):
    giver = ForeignKeyField(Member, backref="referrals_given", on_delete="RESTRICT")
    receiver = ForeignKeyField(
        Member, null=True, backref="referrals_received", on_delete="RESTRICT"
    )
    external_recipient = CharField(default="")
    date = DateField(index=True)
    contact = CharField(default="")
    description = TextField(default="")
    status = CharField(default=ReferralStatus.NEW.value,
                                   constraints=[_one_of("status", REFERRAL_STATUSES)])
    amount = _money(null=True, constraints=[Check("amount IS NULL OR amount >= 0")])
    closed_on = DateField(null=True)

    class Meta:
        constraints = [
            SQL("CHECK (receiver_id IS NOT NULL OR external_recipient <> '')"),
            SQL("CHECK (receiver_id IS NULL OR receiver_id <> giver_id)"),
        ]


class ReferralStatusChange(BaseModel):
    """Each step of a referral's life: when it was contacted, in progress, won or lost."""

    referral = ForeignKeyField(Referral, backref="status_changes", on_delete="CASCADE")
    status = CharField(constraints=[_one_of("status", REFERRAL_STATUSES)])
    changed_on = DateField()
    created_at = DateTimeField(default=_now)


class AuditEntry(BaseModel):
    """What was done to the data in bulk or to personal data: imports, exports, merges,
    erasures (GDPR accountability). ``details`` is plain text for the user."""

    at = DateTimeField(default=_now, index=True)
    action = CharField()
    details = TextField(default="")
    rows = IntegerField(default=0)


class ImportMapping(BaseModel):
    """How the columns of a file were matched to member fields, remembered for next time;
    ``headers`` is the file's header row, folded and joined, ``mapping`` JSON."""

    headers = TextField(unique=True)
    mapping = TextField()
    used_at = DateTimeField(default=_now)


class AssociationSettings(BaseModel):
    """A single row (id 1) holding the association's own details."""

    name = CharField(default="")
    address = TextField(default="")
    logo = BlobField(null=True)
    volunteer_hourly_rate = _money(default=Decimal("0"))
    fiscal_year_start_month = IntegerField(
        default=1,
                     constraints=[Check("fiscal_year_start_month BETWEEN 1 AND 12")]
    )
    # General assemblies: proxies one present member may hold, share needed for quorum.
    max_proxies_per_holder = IntegerField(default=2)
    quorum_share = DecimalField(max_digits=3, decimal_places=2, auto_round=True,
                                default=Decimal("0.50"))
    # Attendance alert: more than this many absences within this many months.
    absence_alert_count = IntegerField(default=3)
    absence_alert_months = IntegerField(default=6)
    # GDPR retention: former members are listed for anonymisation after this many months.
    retention_months = IntegerField(default=36)
    # Where backups go; empty for NAME-backups/ beside the database.
    backup_folder = CharField(default="")
    # The statutes count only members up to date with their dues for a quorum.
    quorum_dues_only = BooleanField(default=False)
    # The number the next receipt takes: receipt numbers never repeat.
    next_receipt = IntegerField(default=1)


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Member,
    FeeRate,
    MembershipFee,
    Mandate,
    EventSeries,
    Event,
    Attendance,
    Guest,
    VolunteerEntry,
    VolunteerCategory,
    Referral,
    ReferralStatusChange,
    AuditEntry,
    ImportMapping,
    AssociationSettings,
)

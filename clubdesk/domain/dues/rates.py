"""The fee schedule: each fiscal year's rates (full, reduced, first year, couple…)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from clubdesk.db import FeeRate, MembershipFee, database
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.common.text_limits import check_texts, clean_line
from clubdesk.i18n import _

MAX_AMOUNT = Decimal("100000")


@dataclass(frozen=True)
class Rate:
    """One rate of a fiscal year; ``id`` None for a rate not stored yet."""

    id: int | None
    year: int
    name: str
    amount: Decimal
    pro_rata: bool = False


class RateNotFoundError(NotFoundError):
    def __init__(self, rate_id: int) -> None:
        super().__init__(_("Rate {id} does not exist.").format(id=rate_id))
        self.rate_id = rate_id


class ScheduleValidationError(ValueError):
    """The schedule was refused: ``errors`` maps a rate's position to its message."""

    def __init__(self, errors: dict[int, str]) -> None:
        super().__init__("\n".join(errors.values()))
        self.errors = errors


def _rate(row: FeeRate) -> Rate:
    return Rate(row.id, row.year, row.name, Decimal(row.amount), bool(row.pro_rata))


def fee_schedule(year: int) -> list[Rate]:
    """The rates of fiscal year ``year``, the default one (the one owed unless another is
    paid) first."""
    query = FeeRate.select().where(FeeRate.year == year).order_by(FeeRate.position, FeeRate.id)
    return [_rate(row) for row in query]


def scheduled_years() -> list[int]:
    """The fiscal years that have a fee schedule, latest first."""
    return [row[0] for row in FeeRate.select(FeeRate.year).distinct()
            .order_by(FeeRate.year.desc()).tuples()]


def rate(rate_id: int) -> Rate:
    row = FeeRate.get_or_none(FeeRate.id == rate_id)
    if row is None:
        raise RateNotFoundError(rate_id)
    return _rate(row)


def parse_amount(text: str | Decimal | int | float) -> Decimal | None:
    """An amount as the user writes it ("120", "120,50", "1 200,00 €"), or None."""
    if isinstance(text, Decimal | int | float):
        value = Decimal(str(text))
    else:
        cleaned = (str(text).replace("€", "").replace("\u202f", "").replace("\u00a0", "")
                   .replace(" ", "").replace(",", "."))
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            return None
    if not value.is_finite():
        return None
    return value.quantize(Decimal("0.01"))


def validate_schedule(rates: Sequence[Rate]) -> dict[int, str]:
    """Position -> what is wrong with that rate; empty when the schedule can be stored."""
    errors: dict[int, str] = {}
    seen: set[str] = set()
    for position, item in enumerate(rates):
        name = clean_line(item.name)
        texts: dict[str, str] = {}
        check_texts("fee_rate", replace(item, name=name), texts)
        if not name:
            errors[position] = _("Give the rate a name (full, reduced, first year…).")
        elif texts:
            errors[position] = next(iter(texts.values()))
        elif name.casefold() in seen:
            errors[position] = _("Two rates are named “{name}”.").format(name=name)
        elif item.amount < 0 or item.amount > MAX_AMOUNT:
            errors[position] = _("The amount of “{name}” must be between 0 and {most} €.").format(
                name=name, most=MAX_AMOUNT)
        seen.add(name.casefold())
    return errors


def save_fee_schedule(year: int, rates: Sequence[Rate]) -> list[Rate]:
    """Store ``rates`` as fiscal year ``year``'s schedule, in this order, in one transaction.

    Rates with an id are updated (payments keep pointing at them), new ones added, and the
    year's rates left out deleted (their payments keep their amount, without a rate).
    Raises :class:`ScheduleValidationError` when a rate is refused.
    """
    errors = validate_schedule(rates)
    if errors:
        raise ScheduleValidationError(errors)
    with database.atomic():
        kept = [item.id for item in rates if item.id is not None]
        (FeeRate.delete()
         .where((FeeRate.year == year) & FeeRate.id.not_in(kept or [0]))
         .execute())
        # Names are unique within a year: move the kept ones out of the way first.
        for item in rates:
            if item.id is not None:
                FeeRate.update(name=f"\x00{item.id}").where(FeeRate.id == item.id).execute()
        for position, item in enumerate(rates):
            values = {"year": year, "name": clean_line(item.name), "amount": item.amount,
                      "pro_rata": item.pro_rata, "position": position}
            if item.id is None:
                FeeRate.create(**values)
            elif FeeRate.update(**values).where(FeeRate.id == item.id).execute() != 1:
                raise RateNotFoundError(item.id)
    return fee_schedule(year)


def copy_schedule(from_year: int, to_year: int) -> list[Rate]:
    """Start ``to_year``'s schedule from ``from_year``'s rates (when it has none yet)."""
    if fee_schedule(to_year):
        return fee_schedule(to_year)
    return save_fee_schedule(to_year, [replace(item, id=None, year=to_year)
                                       for item in fee_schedule(from_year)])


def rate_in_use(rate_id: int) -> int:
    """How many payments name this rate."""
    return MembershipFee.select().where(MembershipFee.rate == rate_id).count()

"""Which column of a payment file holds what, and how its cells read.

Two kinds of files arrive. A list the treasurer keeps (or a bank's): a member — number,
email or name —, an amount, a date, sometimes a method, a rate, a fiscal year. And
HelloAsso's export of a membership campaign ("adhésions"), in French, one line per
membership bought::

    Référence commande;Date de la commande;Statut de la commande;Nom adhérent;
    Prénom adhérent;Nom payeur;Prénom payeur;Email payeur;Raison sociale;
    Moyen de paiement;Tarif;Montant tarif;Code Promo;Montant code promo;…

then the campaign's own questions (often "Email", "Téléphone"…). The member (adhérent) is
not always the payer: a parent or a company pays for several people in one order, whose
lines share its number. Headers are compared as :func:`header_key` folds them, so "E-mail",
"Email :" and "EMAIL" are one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum

from clubdesk.domain.common.amounts import check_amount
from clubdesk.domain.common.amounts import parse_amount as parse_typed_amount
from clubdesk.domain.common.codes import PaymentMethod
from clubdesk.domain.common.text import fold
from clubdesk.domain.exchange.import_reading import Cell, cell_text, parse_date
from clubdesk.i18n import _

_PUNCTUATION = re.compile(r"[\W_]+")
# "04/03/2026 14:25", "2026-03-04 14:25:10": the day is what counts.
_TIME_SUFFIX = re.compile(r"^(\S+)[ T]+\d{1,2}[:h]\d{2}(?::\d{2})?$")
_YEAR = re.compile(r"(\d{4})(?:\s*[-/–]\s*(?:\d{4}|\d{2}))?")
CENT = Decimal("0.01")


class FileKind(StrEnum):
    LIST = "list"  # a list of payments, French or English headers
    HELLOASSO = "helloasso"  # HelloAsso's export of a membership campaign


def header_key(header: str) -> str:
    """``"E-mail :"`` and ``"N° d’adhérent"`` as ``"e mail"`` and ``"n d adherent"``."""
    return " ".join(_PUNCTUATION.sub(" ", fold(header)).split())


# Folded headers per field; the first field listing a header wins, the leftmost column too.
_EMAIL = ("email", "e mail", "courriel", "mail", "adresse email", "adresse e mail",
          "adresse mail", "email address", "e mail address")
LIST_ALIASES: dict[str, tuple[str, ...]] = {
    # Only headers naming a member's number: a bank's "N°" or another tool's "ID" is not.
    "member_number": ("numero adherent", "numero d adherent", "n adherent", "n d adherent",
                      "no adherent", "numero de membre", "numero membre", "n membre",
                      "n de membre", "matricule", "member number", "member no", "member id"),
    "full_name": ("membre", "adherent", "nom complet", "nom et prenom", "prenom et nom",
                  "nom prenom", "prenom nom", "member", "full name", "member name"),
    "last_name": ("nom", "nom de famille", "last name", "lastname", "surname",
                  "family name", "name"),
    "first_name": ("prenom", "first name", "firstname", "given name", "forename"),
    "email": _EMAIL,
    "amount": ("montant", "somme", "montant paye", "montant regle", "montant verse",
               "montant de la cotisation", "montant cotisation", "cotisation", "amount",
               "amount paid", "sum"),
    "paid_on": ("date", "date de paiement", "date du paiement", "date de reglement",
                "date du reglement", "paye le", "payee le", "regle le", "date d encaissement",
                "date paid", "paid on", "payment date", "date of payment"),
    "method": ("mode de paiement", "moyen de paiement", "mode de reglement",
               "moyen de reglement", "reglement", "payment method", "method"),
    "rate": ("tarif", "formule", "bareme", "type de cotisation", "rate", "fee rate",
             "membership type"),
    "fiscal_year": ("exercice", "annee", "annee de cotisation", "saison", "fiscal year",
                    "year", "season"),
    "cheque_number": ("numero de cheque", "n cheque", "no cheque", "n de cheque",
                      "cheque", "cheque number", "cheque no"),
    "payer": ("payeur", "paye par", "regle par", "tireur", "payer", "paid by"),
    "reference": ("reference", "ref", "numero de commande", "reference commande",
                  "numero de transaction", "transaction", "order", "order number"),
    "note": ("note", "notes", "commentaire", "commentaires", "remarque", "remarques",
             "observations", "comment", "comments"),
}
HELLOASSO_ALIASES: dict[str, tuple[str, ...]] = {
    "reference": ("reference commande", "reference de la commande", "numero de commande"),
    "paid_on": ("date de la commande", "date du paiement", "date de paiement"),
    "status": ("statut de la commande", "statut", "statut du paiement"),
    "last_name": ("nom adherent", "nom de l adherent", "nom participant", "nom"),
    "first_name": ("prenom adherent", "prenom de l adherent", "prenom participant", "prenom"),
    "email": ("email adherent", "email de l adherent", "adresse email de l adherent",
              *_EMAIL),
    "payer_last_name": ("nom payeur", "nom du payeur"),
    "payer_first_name": ("prenom payeur", "prenom du payeur"),
    "payer_email": ("email payeur", "email du payeur"),
    "company": ("raison sociale",),
    "rate": ("tarif", "formule"),
    "amount": ("montant tarif", "montant du tarif", "montant"),
    "discount": ("montant code promo", "montant du code promo"),
}
# Headers only HelloAsso's export has together.
_HELLOASSO_SIGNS = ("reference commande", "date de la commande", "montant tarif",
                    "email payeur", "nom payeur")

# Methods as a French or English treasurer writes them (folded).
_METHODS: dict[str, PaymentMethod] = {
    **dict.fromkeys(("especes", "espece", "liquide", "numeraire", "cash"), PaymentMethod.CASH),
    **dict.fromkeys(("cheque", "cheques", "chq", "cheque bancaire", "check"),
                    PaymentMethod.CHEQUE),
    **dict.fromkeys(("virement", "virement bancaire", "vir", "prelevement", "transfer",
                     "bank transfer", "wire", "direct debit"), PaymentMethod.TRANSFER),
    **dict.fromkeys(("carte", "carte bancaire", "cb", "tpe", "card", "credit card",
                     "debit card"), PaymentMethod.CARD),
    **dict.fromkeys(("en ligne", "paiement en ligne", "helloasso", "hello asso", "paypal",
                     "online", "online platform"), PaymentMethod.ONLINE),
    **dict.fromkeys(("autre", "other"), PaymentMethod.OTHER),
}
for _code in PaymentMethod:  # the stored codes read back too ("cheque", "online"…)
    _METHODS.setdefault(_code.value, _code)


class OrderStatus(StrEnum):
    PAID = "paid"
    REFUNDED = "refunded"
    CANCELLED = "cancelled"
    PENDING = "pending"


# HelloAsso's order statuses, as its French export and its API write them (folded).
_STATUSES: dict[str, OrderStatus] = {
    **dict.fromkeys(("", "valide", "validee", "paye", "payee", "processed", "registered",
                     "authorized", "autorise", "autorisee", "hors ligne"), OrderStatus.PAID),
    **dict.fromkeys(("rembourse", "remboursee", "remboursement", "en cours de remboursement",
                     "remboursement en cours", "partiellement rembourse", "refunded",
                     "refunding"), OrderStatus.REFUNDED),
    **dict.fromkeys(("annule", "annulee", "canceled", "cancelled", "refuse", "refusee",
                     "refused", "abandonne", "abandonnee", "echoue", "echec", "failed",
                     "conteste", "contested", "impaye"), OrderStatus.CANCELLED),
    **dict.fromkeys(("en attente", "en cours", "pending", "waiting", "unknown"),
                    OrderStatus.PENDING),
}


def file_kind(headers: Sequence[str]) -> FileKind:
    """HelloAsso's export when three of its own headers are there, else a list."""
    keys = {header_key(header) for header in headers}
    return FileKind.HELLOASSO if sum(sign in keys for sign in _HELLOASSO_SIGNS) >= 3 \
        else FileKind.LIST


def guess_columns(headers: Sequence[str], kind: FileKind) -> dict[str, int]:
    """Field -> column index for the headers recognised; each field once, leftmost first."""
    aliases = HELLOASSO_ALIASES if kind == FileKind.HELLOASSO else LIST_ALIASES
    by_alias: dict[str, str] = {}
    for field, names in aliases.items():
        for name in names:
            by_alias.setdefault(name, field)
    columns: dict[str, int] = {}
    for index, header in enumerate(headers):
        field = by_alias.get(header_key(header))
        if field and field not in columns:
            columns[field] = index
    if (kind == FileKind.LIST and "last_name" in columns and "first_name" not in columns
            and "full_name" not in columns):
        columns["full_name"] = columns.pop("last_name")  # "Nom" alone: the whole name
    return columns


def order_status(text: str) -> OrderStatus | None:
    """A HelloAsso order status, or None when it is none of those known."""
    return _STATUSES.get(header_key(text))


def payment_method(text: str) -> PaymentMethod | None:
    """A method as written ("Chèque", "CB", "virement"), or None when unknown."""
    return _METHODS.get(header_key(text))


def read_amount(value: Cell) -> Decimal:
    """An amount cell ("120,00", "1 200 €", a number of a workbook); ValueError with a
    message for the user when it is not one."""
    if isinstance(value, bool):
        raise ValueError(_("“{text}” is not an amount: write it like 120,00.").format(
            text=value))
    if isinstance(value, int | float):
        amount = Decimal(str(value)).quantize(CENT)  # a workbook's 120.00000001
    else:
        text = cell_text(value)
        try:
            typed = parse_typed_amount(text)
        except ValueError:
            typed = None
        if typed is None:
            raise ValueError(_("“{text}” is not an amount: write it like 120,00.").format(
                text=text.strip()) if text.strip() else _("The amount is missing."))
        amount = typed
    if amount < 0:
        raise ValueError(_("The amount {amount} is negative: a refund is not a payment.")
                         .format(amount=cell_text(value).strip()))
    problem = check_amount(amount)
    if problem:
        raise ValueError(problem)
    return amount


def read_day(value: Cell) -> dt.date:
    """A payment's date (a time after it set aside); ValueError with a message for the user
    when it is missing, unreadable or impossible (31/02)."""
    text = cell_text(value).strip() if isinstance(value, str) else value
    if isinstance(text, str) and (match := _TIME_SUFFIX.match(text)):
        text = match.group(1)
    try:
        day = parse_date(text)
    except ValueError:
        raise ValueError(_("“{text}” is not a date: write it dd/mm/yyyy.").format(
            text=cell_text(value).strip())) from None
    if day is None:
        raise ValueError(_("The date of the payment is missing."))
    return day


def read_year(value: Cell) -> int | None:
    """A fiscal year cell: "2025", "2025-2026" or "2025/26" (the year it starts in), or
    None when empty; ValueError with a message for the user otherwise."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer():
            return int(value)
    text = cell_text(value).strip()
    if not text:
        return None
    match = _YEAR.fullmatch(text)
    if match is None:
        raise ValueError(_("“{text}” is not a fiscal year: write it like 2025 or "
                           "2025-2026.").format(text=text))
    return int(match.group(1))


def read_number(value: Cell) -> int | None:
    """A member number (clubdesk's own), or None when empty; ValueError otherwise."""
    text = cell_text(value).strip().lstrip("#")
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(_("“{text}” is not a member number.").format(text=text))
    return int(text)

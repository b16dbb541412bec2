"""What the next Odoo (19.0) names or does otherwise, in one place.

The addon's Python reads these instead of the 18.0 names, so that a port
changes this module (and the XML data the README lists), not every caller.
"""

import functools

from odoo import release
from odoo.exceptions import UserError

ODOO_19 = release.version_info[0] >= 19

# The groups of a user: ``res.users.groups_id`` in 18.0, ``group_ids`` in 19.0.
USER_GROUPS = "group_ids" if ODOO_19 else "groups_id"


def contact_phone(partner):
    """The number to call ``partner`` on: his mobile first where the
    partner still has one (19.0 keeps a single phone number)."""
    mobile = partner.mobile if "mobile" in partner._fields else False
    return mobile or partner.phone or ""


def boolean_search(operator, value, holds, fails):
    """The domain of a search on a boolean field: ``holds()`` where it asks
    for the records where the field is true, ``fails()`` where false, and
    ``NotImplemented`` for any other search. 18.0 asks with ``=``/``!=`` and
    a boolean, 19.0 with ``in``/``not in`` and a list of them."""
    if operator in ("=", "!=") and isinstance(value, bool):
        wanted = {(operator == "=") == value}
    elif (
        operator in ("in", "not in")
        and isinstance(value, (list, tuple, set))
        and all(isinstance(item, bool) for item in value)
    ):
        wanted = set(value) if operator == "in" else {True, False} - set(value)
    else:
        return NotImplemented
    if wanted == {True}:
        return holds()
    if wanted == {False}:
        return fails()
    # Both values (every record) or neither (none).
    return [] if wanted else [("id", "=", False)]


def search_method(method):
    """Decorate a search method (``search=`` of a field) that returns
    ``NotImplemented`` for what it does not answer. 19.0 then tries the
    equivalent forms of the condition, and refuses it clearly if none is
    answered; 18.0 would fail with a server error, so here the refusal is
    raised (a boolean field: every search method of the addon is one)."""

    @functools.wraps(method)
    def search(self, operator, value):
        domain = method(self, operator, value)
        if domain is NotImplemented and not ODOO_19:
            fields = [
                field
                for field in self._fields.values()
                if field.search == method.__name__
            ]
            raise UserError(
                self.env._(
                    "“%(rule)s” is searched as true or false.",
                    rule=fields[0]._description_string(self.env)
                    if fields
                    else method.__name__,
                )
            )
        return domain

    return search

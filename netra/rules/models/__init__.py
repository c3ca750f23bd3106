"""The law as data (see catalogue.py): the violation catalogue, sanctions, oversight bodies and routing;
crimes and positions (related.py); the acts an ASN may do (permitted.py)."""

from netra.core.models import Verification
from netra.elections.models import ElectionScope
from netra.rules.models.catalogue import *  # noqa: F403
from netra.rules.models.catalogue import __all__ as _catalogue_all
from netra.rules.models.permitted import PermittedAct
from netra.rules.models.related import AsnPosition, CrimeProvision

__all__ = [*_catalogue_all, "AsnPosition", "CrimeProvision", "ElectionScope", "PermittedAct", "Verification"]  # noqa: PLE0604

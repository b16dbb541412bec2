from . import solis_offer_reject
from . import solis_offer_postpone

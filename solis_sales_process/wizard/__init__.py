from . import solis_offer_reject
from . import solis_offer_postpone
from . import solis_sales_digest_preview
from . import solis_visit_reassign

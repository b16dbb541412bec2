from . import solis_report_mixin
from . import solis_visit_report
from . import solis_offer_report
from . import solis_client_coverage_report

from . import test_access
from . import test_answers
from . import test_constants
from . import test_followup
from . import test_offer
from . import test_rpc
from . import test_visit

from . import hr_pop_sign_wizard
from . import hr_pop_reason_wizard
from . import hr_pop_round_wizard
from . import hr_pop_round_wizard_line
from . import hr_pop_close_wizard
from . import hr_pop_close_wizard_line
from . import hr_pop_feedback_wizard
from . import hr_pop_dashboard

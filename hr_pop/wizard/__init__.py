from . import hr_pop_sign_wizard
from . import hr_pop_reason_wizard

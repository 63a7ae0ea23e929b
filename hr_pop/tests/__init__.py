# Imported for Odoo's own runner (odoo-bin --test-enable); pytest-odoo finds them too.
from . import test_hr_pop_access
from . import test_hr_pop_compute
from . import test_hr_pop_concurrency
from . import test_hr_pop_constraints
from . import test_hr_pop_cron
from . import test_hr_pop_demo
from . import test_hr_pop_i18n
from . import test_hr_pop_inputs
from . import test_hr_pop_portal
from . import test_hr_pop_reminders
from . import test_hr_pop_report
from . import test_hr_pop_round
from . import test_hr_pop_token
from . import test_hr_pop_trust
from . import test_hr_pop_workflow
from . import test_hr_pop_write_table

from . import hr_pop_report

from . import controllers
from . import models
from . import report
from . import wizard

# After the models: its SQL view reads their tables (the models import the report
# package early, for its timezone helpers).
from .report import hr_pop_competence_report

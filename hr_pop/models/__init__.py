from . import hr_pop_course
from . import hr_pop
from . import hr_pop_goal
from . import hr_pop_line
from . import hr_employee

# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Count the queries of a piece of work by who asked for them."""

import json
import os
import re
import sys
from collections import Counter


class QueryBreakdown:
    """Counts each query by who asked (see ``caller``) and by statement and
    table, while ``active``."""

    FROM = re.compile(r'\bFROM\s+"?(\w+)', re.IGNORECASE)
    TARGET = re.compile(
        r'^(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE
    )

    # Frames that name no operation: the outermost other one names the call.
    WRAPPERS = {
        "_model_create_multi",
        "<lambda>",
        "<genexpr>",
        "<listcomp>",
        "wrapper",
        "_tracked_method_render",
        "_tracked_compile",
        "__enter__",
        "__exit__",
        "__call__",
        "decorate",
        "inner",
        "execute",
        "_execute",
    }

    def __init__(self):
        self.active = True
        self.by_path = Counter()
        self.by_table = Counter()
        self.by_path_table = Counter()
        self.addon = os.sep + "hr_pop" + os.sep

    def start(self):
        import odoo.sql_db

        self.cursor_class = odoo.sql_db.Cursor
        self.original = self.cursor_class.execute
        breakdown = self

        def execute(cursor, query, params=None, log_exceptions=True):
            if breakdown.active:
                breakdown.count(query)
            return breakdown.original(cursor, query, params, log_exceptions)

        self.cursor_class.execute = execute

    def stop(self):
        self.cursor_class.execute = self.original

    def count(self, query):
        path = self.caller(sys._getframe(2))
        self.by_path[path] += 1
        self.by_path_table[(path, self.count_table(query))] += 1

    def caller(self, frame):
        """``hr_pop chain [template] : Odoo call`` of the query asked in ``frame``.

        The chain: hr_pop's functions on the stack, outermost first (below a cron
        method); without any, the innermost controller method. The template: the
        innermost QWeb template being rendered. The Odoo call: the outermost Odoo
        function below the innermost hr_pop function or template.
        """
        chain, template, controller, callee, last = [], None, None, None, None
        anchored = False
        while frame is not None:
            code = frame.f_code
            filename, name = code.co_filename, code.co_name
            if self.addon in filename:
                if name.startswith("_cron_"):
                    break
                if name not in self.WRAPPERS:
                    chain.append(name)
                if not anchored:
                    anchored, callee = True, last
            elif filename.startswith("<") and name.startswith("template_"):
                if template is None:
                    template = filename.strip("<>")
                if not anchored:
                    anchored, callee = True, last
            elif "/odoo/" in filename and name not in self.WRAPPERS:
                if "/controllers/" in filename and controller is None:
                    controller = name
                if not anchored:
                    last = name
            frame = frame.f_back
        chain.reverse()
        if len(chain) > 5:
            chain = [*chain[:2], "...", *chain[-2:]]
        path = " > ".join(chain) or (
            f"{controller}()" if controller else "(outside hr_pop)"
        )
        if template:
            path += f" [template {template}]"
        if callee or not anchored:
            path += f" : {callee or last}"
        return path

    def count_table(self, query):
        sql = str(getattr(query, "code", query)).lstrip()
        verb = sql.split(None, 1)[0].upper() if sql else "?"
        table = ""
        if verb in ("SELECT", "WITH"):
            match = self.FROM.search(sql)
            table = match.group(1) if match else ""
        elif verb in ("INSERT", "UPDATE", "DELETE"):
            match = self.TARGET.match(sql)
            table = match.group(2) if match else ""
        statement = f"{verb} {table}".strip()
        self.by_table[statement] += 1
        return statement

    def dump(self, path, result):
        with open(path, "w") as out:
            json.dump(
                {
                    "result": result,
                    "by_path": self.by_path.most_common(),
                    "by_table": self.by_table.most_common(),
                    "by_path_table": [
                        [path, table, count]
                        for (path, table), count in self.by_path_table.most_common()
                    ],
                },
                out,
                indent=1,
            )

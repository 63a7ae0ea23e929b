# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark data: N employees due for their invitation, and everything around them.

    python benchmarks/generate.py DB N        (DB: hr_pop and mass_mailing installed)

Creates, with batched ``create()`` calls (tracking and chatter logs off), in one
transaction:

- the company's POP settings (invitation lead time 14 days, HR responsible, sender);
- ``ceil(N / 25)`` departments, each with a manager employee who has an internal
  user (*Development Plans: Manager*); an HR officer (``bench_hr``, POP
  administrator); who logs in has the password ``bench``;
- **the round**: N employees (work and private e-mail, manager, department), each
  with a draft plan for the coming period whose conversation is 10 days ahead, so
  its invitation date (14 days before) has come: the invitation cron invites all N;
  30 % of them also have last period's plan, done, with goals and activities;
- plans in every other state for ``max(2, N // 100)`` employees per state (draft
  without a date, draft not yet due, invited, conversation, to sign, to approve,
  running, done, cancelled), with goals and activities;
- portal employees (portal users ``bench_portal_<i>``) with a
  signed running plan (3 goals, 5 activities) and last period's done plan; and for the
  query-count comparison ``bench_portal_one`` (1 plan, 1 goal, 1 activity) and
  ``bench_portal_many`` (20 plans; the current one with 12 goals and 36 activities);
- a course catalog (40 courses, 8 institutes);
- no generated avatars (Odoo draws one per employee, ten attachments each);
- a partner tag on the N employees' work contacts: the recipients of the baseline
  mass mailing (Odoo's own ``mailing.mailing`` on ``res.partner``).

Prints one JSON line (logins, plan ids, counts) last.
"""

import base64
import io
import json
import math
import random
import sys
import time
from datetime import date, datetime, timedelta

from odoo_boot import boot

ROUND_TAG = "POP benchmark round"
PASSWORD = "bench"
TEAM_SIZE = 25
PORTAL_CLIENTS = 10
BATCH = 500
OTHER_STATES = [
    "draft_undated",
    "draft_later",
    "invited",
    "meeting",
    "to_sign",
    "to_approve",
    "running",
    "done",
    "cancelled",
]
CTX = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
    "mail_auto_subscribe_no_notify": True,
}
LOREM = (
    "Wants to grow into a coordinating role within the team and to deepen the "
    "knowledge of the new planning software; needs time for a course and coaching."
)


def signature_png():
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 60), "white")
    ImageDraw.Draw(image).line(
        [(10, 45), (60, 15), (110, 45), (160, 15), (230, 40)], fill="navy", width=3
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue())


def batched(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def create(model, vals_list):
    records = model.browse()
    for chunk in batched(vals_list):
        records |= model.create(chunk)
    return records


class Generator:
    def __init__(self, env, n):
        self.env = env
        self.n = n
        self.rng = random.Random(42)
        self.today = date.today()
        # The coming period (the round) and the one before it.
        self.period = (self.today + timedelta(days=30), None)
        self.period = (self.period[0], self.period[0] + timedelta(days=364))
        self.previous = (
            self.period[0] - timedelta(days=365),
            self.period[0] - timedelta(days=1),
        )
        self.signature = signature_png()
        # hr.employee.create draws an SVG avatar for each employee and copies it
        # to the work contact: ten attachments per employee, most of the time of
        # generating the data. The benchmarks never show an avatar: none here.
        type(env["hr.employee"])._avatar_generate_svg = lambda employee: False
        self.Pop = env["hr.pop"].with_context(**CTX)._pop_workflow()

    # --- people -------------------------------------------------------------------
    def users(self, prefix, count, groups):
        vals_list = [
            {
                "name": f"{prefix.replace('_', ' ').title()} {index}",
                "login": f"{prefix}_{index}",
                "email": f"{prefix}_{index}@bench.example.com",
                "groups_id": [(6, 0, groups.ids)],
                "tz": "Europe/Amsterdam",
            }
            for index in range(count)
        ]
        return create(self.env["res.users"].with_context(**CTX), vals_list)

    def setup_people(self):
        env = self.env
        company = env.company
        group_user = env.ref("base.group_user")
        group_portal = env.ref("base.group_portal")
        hr = create(
            env["res.users"].with_context(**CTX),
            [
                {
                    "name": "Bench HR",
                    "login": "bench_hr",
                    "email": "bench_hr@bench.example.com",
                    "groups_id": [
                        (
                            6,
                            0,
                            (
                                group_user
                                | env.ref("hr.group_hr_user")
                                | env.ref("hr_pop.group_pop_admin")
                            ).ids,
                        )
                    ],
                    "tz": "Europe/Amsterdam",
                }
            ],
        )
        company.write(
            {
                "email": "hr@bench.example.com",
                "pop_hr_responsible_id": hr.id,
                "pop_invitation_days": 14,
                "pop_auto_create": False,
                "pop_approval_threshold": 1000.0,
            }
        )
        n_departments = math.ceil(self.n / TEAM_SIZE)
        departments = create(
            env["hr.department"].with_context(**CTX),
            [{"name": f"Department {index:04d}"} for index in range(n_departments)],
        )
        manager_users = self.users(
            "bench_mgr",
            n_departments,
            group_user | env.ref("hr_pop.group_pop_manager"),
        )
        Employee = env["hr.employee"].with_context(**CTX)
        managers = create(
            Employee,
            [
                {
                    "name": user.name,
                    "user_id": user.id,
                    "department_id": department.id,
                    "work_email": user.email,
                    "private_email": f"{user.login}@private.example.org",
                    "tz": "Europe/Amsterdam",
                }
                for user, department in zip(manager_users, departments, strict=True)
            ],
        )
        for department, manager in zip(departments, managers, strict=True):
            department.manager_id = manager
        self.departments = departments
        self.managers = dict(zip(departments.ids, managers, strict=True))

        def employee_vals(name, key, index, user=None):
            department = departments[index % n_departments]
            vals = {
                "name": name,
                "department_id": department.id,
                "parent_id": self.managers[department.id].id,
                "work_email": f"{key}@bench.example.com",
                "private_email": f"{key}@private.example.org",
                "tz": "Europe/Amsterdam",
            }
            if user:
                vals["user_id"] = user.id
            return vals

        self.round_employees = create(
            Employee,
            [
                employee_vals(f"Round Employee {index:05d}", f"emp{index}", index)
                for index in range(self.n)
            ],
        )
        n_other = max(2, self.n // 100)
        self.other_employees = {}
        offset = self.n
        for state in OTHER_STATES:
            self.other_employees[state] = create(
                Employee,
                [
                    employee_vals(
                        f"Other {state} {index}", f"{state}{index}", offset + index
                    )
                    for index in range(n_other)
                ],
            )
            offset += n_other
        portal_users = self.users("bench_portal", PORTAL_CLIENTS, group_portal)
        extra_users = create(
            env["res.users"].with_context(**CTX),
            [
                {
                    "name": f"Bench Portal {key.title()}",
                    "login": f"bench_portal_{key}",
                    "email": f"bench_portal_{key}@bench.example.com",
                    "groups_id": [(6, 0, group_portal.ids)],
                }
                for key in ("one", "many")
            ],
        )
        self.portal_employees = create(
            Employee,
            [
                employee_vals(user.name, user.login, index, user)
                for index, user in enumerate(portal_users | extra_users)
            ],
        )
        self.hr = hr
        # Who logs in has the password PASSWORD, hashed once (a key derivation
        # costs 0.7 s) and stored as res.users stores it.
        env.cr.execute(
            "UPDATE res_users SET password = %s WHERE id IN %s",
            [
                env["res.users"]._crypt_context().hash(PASSWORD),
                tuple((hr | portal_users | extra_users).ids),
            ],
        )
        # The baseline mass mailing goes to the round employees' work contacts.
        tag = env["res.partner.category"].create({"name": ROUND_TAG})
        self.round_employees.work_contact_id.write({"category_id": [(4, tag.id)]})
        self.tag = tag

    def setup_catalog(self):
        env = self.env
        institutes = env["res.partner"].create(
            [
                {"name": f"Bench Institute {index}", "is_company": True}
                for index in range(8)
            ]
        )
        types = ["course", "internal", "coaching", "self_study", "shadowing"]
        self.courses = env["hr.pop.course"].create(
            [
                {
                    "name": f"Course {index:02d}: planning and coordination",
                    "code": f"BC-{index:03d}",
                    "institute_id": institutes[index % 8].id,
                    "activity_type": types[index % len(types)],
                    "cost": 150.0 + 25 * (index % 12),
                    "duration_hours": 8 + index % 24,
                }
                for index in range(40)
            ]
        )

    # --- plans --------------------------------------------------------------------
    def meeting(self, index, days=10):
        day = self.today + timedelta(days=days)
        return datetime(day.year, day.month, day.day, 7 + index % 9, 0)

    def plans(self, employees, period, state, meeting=None):
        vals_list = [
            {
                "employee_id": employee.id,
                "date_start": period[0],
                "date_end": period[1],
                "meeting_date": meeting(index) if meeting else False,
                "state": state,
            }
            for index, employee in enumerate(employees)
        ]
        return create(self.Pop, vals_list)

    def content(self, pops, goals=2, lines_per_goal=1):
        """Goals and activities, as agreed in the conversation (plans in draft,
        invited or meeting: still editable)."""
        goal_vals = []
        for pop in pops:
            for index in range(goals):
                goal_vals.append(
                    {
                        "pop_id": pop.id,
                        "category": ["job", "personal", "career", "ongoing"][index % 4],
                        "name": f"Goal {index + 1}: coordinate the weekly planning",
                        "success_measure": "Plans the team's week without help.",
                        "deadline": min(
                            pop.date_start + timedelta(days=90 + 20 * index),
                            pop.date_end,
                        ),
                    }
                )
        goals_created = create(self.env["hr.pop.goal"].with_context(**CTX), goal_vals)
        line_vals = []
        for goal in goals_created:
            for index in range(lines_per_goal):
                course = self.courses[self.rng.randrange(len(self.courses))]
                start = goal.pop_id.date_start + timedelta(days=14 + 7 * index)
                line_vals.append(
                    {
                        "pop_id": goal.pop_id.id,
                        "goal_id": goal.id,
                        "course_id": course.id,
                        "date_start": start,
                        "date_end": start + timedelta(days=30),
                        "remarks": LOREM,
                    }
                )
        create(self.env["hr.pop.line"].with_context(**CTX), line_vals)

    def conversation(self, pops):
        pops.write(
            {
                "current_position": f"<p>{LOREM}</p>",
                "desired_development": f"<p>{LOREM}</p>",
                "focus_areas": "<p>Planning, coordination, coaching.</p>",
                "support_needed": "<p>A course, time for self-study, a coach.</p>",
                "progress_follow_up": "<p>A progress review every quarter.</p>",
            }
        )

    def sign(self, pops, state):
        """Both signatures (as the workflow stores them), then ``state``; a done
        plan has its goals evaluated while it ran."""
        now = datetime.now().replace(microsecond=0)
        for pop in pops:
            content_hash = pop._get_content_hash()
            vals = {
                "has_been_signed": True,
                "state": "running" if state == "done" else state,
            }
            for role, signer in (
                ("employee", pop.employee_id),
                ("manager", pop.manager_id),
            ):
                vals.update(
                    {
                        f"{role}_signature": self.signature,
                        f"{role}_signed_by": signer.name,
                        f"{role}_signed_on": now,
                        f"{role}_signed_user_id": signer.user_id.id or False,
                        f"{role}_signature_hash": content_hash,
                    }
                )
            vals["employee_decision"] = "agree"
            pop.write(vals)
        if state == "done":
            pops.goal_ids.write(
                {"state": "reached", "lessons_learned": "Plans the week alone now."}
            )
            pops.write({"state": "done"})

    def signed_plans(self, employees, period, state, goals=2, lines_per_goal=1):
        pops = self.plans(employees, period, "meeting", self.meeting_past)
        self.conversation(pops)
        self.content(pops, goals, lines_per_goal)
        if state in ("to_approve", "running", "done"):
            self.sign(pops, state)
        elif state != "meeting":
            pops.write({"state": state})
        return pops

    def meeting_past(self, index):
        return self.meeting(index, days=-20)

    def setup_plans(self):
        # The round: every round employee's plan for the coming period is due.
        self.round_pops = self.plans(
            self.round_employees, self.period, "draft", self.meeting
        )
        # Last period's plan, done, for 30 % of them (reviewed in the new one).
        previous = self.round_employees.filtered(lambda e: e.id % 10 < 3)
        self.signed_plans(previous, self.previous, "done")
        # Every other state.
        others = self.other_employees
        self.plans(others["draft_undated"], self.period, "draft")
        self.plans(
            others["draft_later"],
            self.period,
            "draft",
            lambda index: self.meeting(index, days=60),
        )
        invited = self.plans(others["invited"], self.period, "invited", self.meeting)
        for pop in invited:
            pop._create_preparation_answers()
        meeting = self.signed_plans(others["meeting"], self.period, "meeting")
        for pop in meeting:
            pop._create_preparation_answers()
        for state in ("to_sign", "to_approve", "running", "done"):
            self.signed_plans(others[state], self.period, state)
        self.plans(others["cancelled"], self.period, "cancelled", self.meeting).write(
            {"cancel_reason": "Left the team before the conversation."}
        )
        # Portal employees: a running signed plan and last period's done plan.
        portal = self.portal_employees
        clients, one, many = (
            portal[:PORTAL_CLIENTS],
            portal[PORTAL_CLIENTS],
            portal[PORTAL_CLIENTS + 1],
        )
        self.signed_plans(clients, self.previous, "done")
        self.portal_running = self.signed_plans(clients, self.period, "running", 3, 2)
        self.portal_one = self.signed_plans(one, self.period, "running", 1, 1)
        past = []
        for years in range(1, 20):
            start = self.period[0] - timedelta(days=365 * years)
            past.append(
                self.signed_plans(
                    many,
                    (start, start + timedelta(days=364)),
                    "done" if years % 4 else "cancelled",
                    goals=2,
                    lines_per_goal=1,
                )
            )
        self.portal_many = self.signed_plans(many, self.period, "running", 12, 3)

    def run(self):
        started = time.time()
        self.setup_people()
        self.setup_catalog()
        self.setup_plans()
        self.env.flush_all()
        Pop = self.env["hr.pop"]
        counts = dict(
            Pop._read_group([], ["state"], ["__count"]),
        )
        return {
            "n": self.n,
            "employees": self.env["hr.employee"].search_count([]),
            "departments": len(self.departments),
            "plans": sum(counts.values()),
            "plans_by_state": counts,
            "goals": self.env["hr.pop.goal"].search_count([]),
            "lines": self.env["hr.pop.line"].search_count([]),
            "due_plans": Pop.search_count(
                self.env["hr.pop.notification"]._get_invitation_domain()
            ),
            "round_tag_id": self.tag.id,
            "round_employee_ids": self.round_employees.ids,
            "hr_login": "bench_hr",
            "password": PASSWORD,
            "portal_clients": [
                {"login": pop.employee_id.user_id.login, "pop_id": pop.id}
                for pop in self.portal_running
            ],
            "portal_one": {
                "login": "bench_portal_one",
                "pop_id": self.portal_one.id,
                "plans": 1,
                "goals": len(self.portal_one.goal_ids),
                "lines": len(self.portal_one.line_ids),
            },
            "portal_many": {
                "login": "bench_portal_many",
                "pop_id": self.portal_many.id,
                "plans": Pop.search_count(
                    [("employee_id", "=", self.portal_many.employee_id.id)]
                ),
                "goals": len(self.portal_many.goal_ids),
                "lines": len(self.portal_many.line_ids),
            },
            "seconds": round(time.time() - started, 1),
        }


def main():
    db, n = sys.argv[1], int(sys.argv[2])
    registry = boot(db)
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        result = Generator(env, n).run()
        cr.commit()
    result["plans_by_state"] = {
        str(state): count for state, count in result["plans_by_state"].items()
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()

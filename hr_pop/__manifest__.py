# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Personal Development Plans (POP)",
    "summary": "The Dutch POP-gesprek: prepare, agree, sign and follow up personal "
    "development plans",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Employees",
    "website": "https://github.com/hr-pop/hr_pop",
    "author": "hr_pop authors",
    "maintainers": ["hr-pop"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": False,
    "depends": ["calendar", "hr", "hr_skills", "mail", "portal"],
    "data": [
        "security/hr_pop_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/hr_pop_question_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "wizard/hr_pop_round_wizard_views.xml",
        "wizard/hr_pop_close_wizard_views.xml",
        "views/hr_pop_views.xml",
        "views/hr_pop_goal_views.xml",
        "views/hr_pop_line_views.xml",
        "views/hr_pop_course_views.xml",
        "views/hr_pop_question_views.xml",
        "views/hr_employee_views.xml",
        "views/res_config_settings_views.xml",
        "views/hr_pop_notification_views.xml",
        "wizard/hr_pop_sign_wizard_views.xml",
        "wizard/hr_pop_reason_wizard_views.xml",
        "report/hr_pop_reports.xml",
        "report/hr_pop_templates.xml",
        "views/hr_pop_portal_templates.xml",
        "views/hr_pop_menus.xml",
    ],
    "demo": [
        "demo/hr_pop_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "hr_pop/static/src/js/hr_pop_signature_form.js",
        ],
        "web.assets_tests": [
            "hr_pop/static/tests/tours/**/*",
        ],
    },
}

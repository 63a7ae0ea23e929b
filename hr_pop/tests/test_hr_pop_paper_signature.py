# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Signing on paper: the manager prints the plan, both sign it by hand, and the
manager or HR records each signature with the scan.

Every call goes through the door the browser uses (``/web/dataset/call_kw`` with
the session of the user), the employee reads his plan through the portal.
"""

import base64
import io
import json
from unittest.mock import patch

from pypdf import PdfReader

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import html2plaintext

from .common import JsonRpcMixin, TestHrPopCommon

LOGIN_EMPLOYEE = "pop_emp"
LOGIN_MANAGER = "pop_mgr"
LOGIN_HR = "pop_officer"
LOGIN_OTHER_MANAGER = "pop_mgr_other"

# A small but real PDF header: what a scanner produces starts like this.
PDF_SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REPORT = "hr_pop.action_report_hr_pop"
PAPER_FIELDS = (
    "signed_on_paper",
    "signature_attachment_id",
    "signature_recorded_by_id",
)


def normalize(text):
    return " ".join(text.replace("\N{NO-BREAK SPACE}", " ").split())


@tagged("post_install", "-at_install")
class TestHrPopPaperSignature(JsonRpcMixin, TestHrPopCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Plans up to 1,000 run without HR approval.
        cls.company_a.pop_approval_threshold = 1000.0
        # The PDF engine without the web fonts keeps its text (test_hr_pop_report).
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        # The manager of the other team, with a login.
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.user_other_manager = cls._new_user(
            env,
            LOGIN_OTHER_MANAGER,
            "base.group_user,hr_pop.group_pop_manager",
            "Otto Other Manager",
        ).with_env(cls.env)
        cls.employee_other_manager.user_id = cls.user_other_manager

    # --- helpers -----------------------------------------------------------------
    def _upload(self, login, raw=PDF_SCAN, name="signed plan.pdf", **vals):
        """The id of a file ``login`` uploads, as the browser does (not attached)."""
        return self.call_kw(
            login,
            "ir.attachment",
            "create",
            [{"name": name, "datas": base64.b64encode(raw).decode(), **vals}],
        )

    def _record(self, login, pop, role, attachment_id, signer_name, **kwargs):
        return self.call_kw(
            login,
            "hr.pop",
            "action_record_paper_signature",
            [pop.ids, role, attachment_id, signer_name],
            kwargs,
        )

    def _refuse_record(self, login, pop, role, attachment_id, signer_name, **kwargs):
        error = self.assertRpcRefused(
            login,
            "hr.pop",
            "action_record_paper_signature",
            [pop.ids, role, attachment_id, signer_name],
            kwargs,
        )
        pop.invalidate_recordset()
        self.assertFalse(pop[f"{role}_signed_on"], "a refused signature stores nothing")
        self.assertFalse(pop[f"{role}_signed_on_paper"])
        self.assertEqual(pop.state, "to_sign")
        return error

    def _pop_to_sign(self, employee=None, cost=100.0, **line_vals):
        return self._to_sign(
            self._create_pop(
                employee or self.employee_emp, line_vals={"cost": cost, **line_vals}
            )
        )

    def _notes(self, pop):
        return [html2plaintext(body) for body in pop.message_ids.mapped("body")]

    def _paper_signed_by_employee(self, pop=None, login=LOGIN_MANAGER, **kwargs):
        pop = pop or self._pop_to_sign()
        scan_id = self._upload(login)
        self._record(login, pop, "employee", scan_id, "Emma Employee", **kwargs)
        pop.invalidate_recordset()
        return pop, self.env["ir.attachment"].browse(scan_id)

    def _signed_outcome(self, pop):
        """What a fully signed plan looks like, whatever the way it was signed."""
        pop.invalidate_recordset()
        return {
            "state": pop.state,
            "is_fully_signed": pop.is_fully_signed,
            "signature_valid": pop.signature_valid,
            "has_signed_pdf": bool(pop.signed_attachment_id),
            "has_been_signed": pop.has_been_signed,
            "sign_todos": len(
                pop.activity_ids.filtered(
                    lambda a: a.activity_type_id
                    == self.env.ref("hr_pop.mail_activity_pop_sign")
                )
            ),
            "approve_todos": len(
                pop.activity_ids.filtered(
                    lambda a: a.activity_type_id
                    == self.env.ref("hr_pop.mail_activity_pop_approve")
                )
            ),
        }

    # --- the full cycle ----------------------------------------------------------
    def test_paper_and_digital_signature_run_the_plan_as_two_digital_ones(self):
        digital = self._pop_to_sign(self.employee_emp2)
        digital.with_user(self.user_employee2).sign("employee", self.png, "Erik")
        digital.with_user(self.user_manager).sign("manager", self.png, "Mark")

        pop = self._pop_to_sign()
        content_hash = pop._get_content_hash()
        scan_id = self._upload(LOGIN_MANAGER)
        self.assertTrue(
            self._record(
                LOGIN_MANAGER,
                pop,
                "employee",
                scan_id,
                "Emma Employee",
                decision="agree",
                content_hash=content_hash,
            )
        )
        pop.invalidate_recordset()
        scan = self.env["ir.attachment"].browse(scan_id)
        self.assertRecordValues(
            pop,
            [
                {
                    "state": "to_sign",
                    "employee_signed_by": "Emma Employee",
                    "employee_signed_on_paper": True,
                    "employee_signature_attachment_id": scan_id,
                    "employee_signature_recorded_by_id": self.user_manager.id,
                    "employee_signature_hash": content_hash,
                    "employee_decision": "agree",
                    "employee_signed_user_id": False,
                    "employee_signature": False,
                    "is_signed": True,
                    "manager_signed_on": False,
                }
            ],
        )
        self.assertTrue(pop.employee_signed_on)
        # The scan is kept with the plan.
        self.assertEqual((scan.res_model, scan.res_id), ("hr.pop", pop.id))
        self.assertEqual(scan.raw, PDF_SCAN)
        self.assertIn(
            "Signed on paper by Emma Employee (recorded by Mark Manager), as "
            "employee. Now waiting for the manager's signature.",
            self._notes(pop),
        )
        # The manager signs himself, digitally, in his own session.
        self.call_kw(
            LOGIN_MANAGER,
            "hr.pop",
            "sign",
            [pop.ids, "manager", self.png.decode(), "Mark Manager"],
        )
        pop.invalidate_recordset()
        self.assertFalse(pop.manager_signed_on_paper)
        self.assertEqual(pop.manager_signed_user_id, self.user_manager)
        self.assertEqual(pop.state, "running")
        self.assertEqual(self._signed_outcome(pop), self._signed_outcome(digital))

    def test_above_the_threshold_it_waits_for_approval_as_after_digital_signing(self):
        digital = self._pop_to_sign(self.employee_emp2, cost=5000.0)
        digital.with_user(self.user_employee2).sign("employee", self.png, "Erik")
        digital.with_user(self.user_manager).sign("manager", self.png, "Mark")
        self.assertEqual(digital.state, "to_approve")

        pop = self._pop_to_sign(cost=5000.0)
        # This time the employee signs digitally and the manager on paper,
        # recorded by HR.
        pop.with_user(self.user_employee).sign("employee", self.png, "Emma")
        scan_id = self._upload(LOGIN_HR, raw=base64.b64decode(self.png), name="p.png")
        self._record(LOGIN_HR, pop, "manager", scan_id, "Mark Manager")
        pop.invalidate_recordset()
        self.assertRecordValues(
            pop,
            [
                {
                    "state": "to_approve",
                    "manager_signed_on_paper": True,
                    "manager_signature_recorded_by_id": self.user_officer.id,
                    "manager_signature_attachment_id": scan_id,
                    "employee_signed_on_paper": False,
                }
            ],
        )
        self.assertEqual(self._signed_outcome(pop), self._signed_outcome(digital))
        self.assertIn(
            "Signed on paper by Mark Manager (recorded by Olga Officer), as "
            "manager. Both have signed: the plan now waits for approval.",
            self._notes(pop),
        )
        pop.with_user(self.user_officer).action_approve()
        self.assertEqual(pop.state, "running")

    def test_the_employee_signs_seen_not_agreed_on_paper_with_his_comment(self):
        pop, _scan = self._paper_signed_by_employee(
            decision="seen", comment="Too little time for the course"
        )
        self.assertRecordValues(
            pop,
            [
                {
                    "employee_decision": "seen",
                    "employee_comment": "Too little time for the course",
                }
            ],
        )
        self.assertTrue(
            any(
                "Seen, not agreed. Comment: Too little time for the course" in note
                for note in self._notes(pop)
            )
        )

    # --- the scan ------------------------------------------------------------------
    def test_without_a_scan_a_manager_cannot_sign_for_the_employee(self):
        pop = self._pop_to_sign()
        for missing in (False, 0, None, "1", 2**40):
            self._refuse_record(LOGIN_MANAGER, pop, "employee", missing, "Emma")
        # An id that is no attachment.
        last = self.env["ir.attachment"].search([], order="id desc", limit=1)
        self._refuse_record(LOGIN_MANAGER, pop, "employee", last.id + 1000, "Emma")
        # An empty file is no scan.
        empty = (
            self.env["ir.attachment"]
            .with_user(self.user_manager)
            .create({"name": "empty.pdf", "raw": b""})
        )
        self._refuse_record(LOGIN_MANAGER, pop, "employee", empty.id, "Emma")

    def test_the_scan_is_a_file_the_recorder_uploaded_himself(self):
        pop = self._pop_to_sign()
        # Uploaded by somebody else (he cannot even read it).
        foreign = self._upload(LOGIN_HR)
        error = self._refuse_record(LOGIN_MANAGER, pop, "employee", foreign, "Emma")
        self.assertEqual(error.name, "odoo.exceptions.AccessError")
        # Already attached elsewhere: never taken away from its record.
        elsewhere = (
            self.env["ir.attachment"]
            .with_user(self.user_manager)
            .sudo()
            .create(
                {
                    "name": "cv.pdf",
                    "raw": PDF_SCAN,
                    "res_model": "res.partner",
                    "res_id": self.user_manager.partner_id.id,
                }
            )
        )
        self._refuse_record(LOGIN_MANAGER, pop, "employee", elsewhere.id, "Emma")
        self.assertEqual(elsewhere.res_model, "res.partner")
        # The plan's own printed PDF is not a signed scan.
        own = (
            self.env["ir.attachment"]
            .with_user(self.user_manager)
            .create(
                {
                    "name": "plan.pdf",
                    "raw": PDF_SCAN,
                    "res_model": "hr.pop",
                    "res_id": pop.id,
                }
            )
        )
        self._refuse_record(LOGIN_MANAGER, pop, "employee", own.id, "Emma")

    def test_a_scan_that_is_no_pdf_nor_image_is_refused(self):
        pop = self._pop_to_sign()
        for raw, name, vals in (
            (b"signed by Emma", "scan.txt", {}),
            # Named and typed as a PDF, but it is not one.
            (b"signed by Emma", "scan.pdf", {"mimetype": "application/pdf"}),
            (b"<html><body>signed</body></html>", "scan.html", {}),
            # A real PDF declared as something else is served as that: refused.
            (PDF_SCAN, "scan.zip", {"mimetype": "application/zip"}),
        ):
            with self.subTest(name=name):
                scan_id = self._upload(LOGIN_MANAGER, raw=raw, name=name, **vals)
                error = self._refuse_record(
                    LOGIN_MANAGER, pop, "employee", scan_id, "Emma"
                )
                self.assertIn("PDF or an image", error.message)

    def test_a_scan_that_is_too_large_is_refused(self):
        pop = self._pop_to_sign()
        scan_id = self._upload(LOGIN_MANAGER)
        with patch(
            "odoo.addons.hr_pop.models.hr_pop.PAPER_SCAN_MAX_BYTES", len(PDF_SCAN) - 1
        ):
            error = self._refuse_record(LOGIN_MANAGER, pop, "employee", scan_id, "E")
        self.assertIn("too large", error.message)
        self._record(LOGIN_MANAGER, pop, "employee", scan_id, "Emma Employee")

    # --- who records ---------------------------------------------------------------
    def test_the_employee_cannot_record_a_paper_signature(self):
        pop = self._pop_to_sign()
        scan_id = self._upload(LOGIN_EMPLOYEE)
        for role in ("employee", "manager"):
            error = self._refuse_record(LOGIN_EMPLOYEE, pop, role, scan_id, "Emma")
            self.assertEqual(error.name, "odoo.exceptions.AccessError")

    def test_a_manager_of_another_team_cannot_record(self):
        pop = self._pop_to_sign()
        scan_id = self._upload(LOGIN_OTHER_MANAGER)
        for role in ("employee", "manager"):
            error = self._refuse_record(LOGIN_OTHER_MANAGER, pop, role, scan_id, "Emma")
            self.assertEqual(error.name, "odoo.exceptions.AccessError")

    def test_hr_records_the_employees_paper_signature(self):
        pop, scan = self._paper_signed_by_employee(login=LOGIN_HR)
        self.assertEqual(pop.employee_signature_recorded_by_id, self.user_officer)
        self.assertEqual(scan.res_id, pop.id)

    def test_a_paper_signature_is_recorded_once_and_on_the_plan_as_read(self):
        pop = self._pop_to_sign()
        stale = pop._get_content_hash()
        pop.with_user(self.user_manager).current_position = "<p>Changed</p>"
        self._refuse_record(
            LOGIN_MANAGER,
            pop,
            "employee",
            self._upload(LOGIN_MANAGER),
            "Emma",
            content_hash=stale,
        )
        pop.with_user(self.user_employee).sign("employee", self.png, "Emma")
        error = self.assertRpcRefused(
            LOGIN_MANAGER,
            "hr.pop",
            "action_record_paper_signature",
            [pop.ids, "employee", self._upload(LOGIN_MANAGER), "Emma"],
        )
        self.assertIn("already signed", error.message)
        self.assertFalse(pop.employee_signed_on_paper)

    def test_the_paper_fields_cannot_be_written_directly(self):
        pop = self._pop_to_sign()
        scan_id = self._upload(LOGIN_MANAGER)
        for vals in (
            {"employee_signed_on_paper": True},
            {"employee_signature_attachment_id": scan_id},
            {"employee_signature_recorded_by_id": self.user_manager.id},
        ):
            self.assertRpcRefused(LOGIN_MANAGER, "hr.pop", "write", [pop.ids, vals])
        pop.invalidate_recordset()
        self.assertFalse(pop.employee_signed_on_paper)

    def test_the_scan_and_the_signed_pdf_cannot_be_replaced_or_deleted(self):
        pop, scan = self._paper_signed_by_employee()
        self.call_kw(
            LOGIN_MANAGER,
            "hr.pop",
            "sign",
            [pop.ids, "manager", self.png.decode(), "Mark Manager"],
        )
        pop.invalidate_recordset()
        signed_pdf = pop.signed_attachment_id
        self.assertTrue(signed_pdf)
        other = self._create_pop(self.employee_emp2)
        forged = base64.b64encode(b"%PDF-1.4 another plan").decode()
        for attachment in scan | signed_pdf:
            raw = attachment.raw
            for login in (LOGIN_MANAGER, LOGIN_HR):
                for method, args in (
                    ("write", [attachment.ids, {"datas": forged}]),
                    ("write", [attachment.ids, {"res_id": other.id}]),
                    ("unlink", [attachment.ids]),
                ):
                    self.assertRpcRefused(login, "ir.attachment", method, args)
            attachment.invalidate_recordset()
            self.assertEqual(
                (attachment.raw, attachment.res_id), (raw, pop.id), attachment.name
            )
        # Retention removes them with the rest of the plan.
        pop._anonymise()
        self.assertFalse((scan | signed_pdf).exists())

    # --- repayment agreement -----------------------------------------------------
    def test_a_repayment_agreement_needs_agreed_on_paper_too(self):
        pop = self._pop_to_sign(repayment_agreement=True, repayment_months=24)
        error = self._refuse_record(
            LOGIN_MANAGER,
            pop,
            "employee",
            self._upload(LOGIN_MANAGER),
            "Emma Employee",
            decision="seen",
        )
        self.assertIn("repayment agreement", error.message)
        self._record(
            LOGIN_MANAGER,
            pop,
            "employee",
            self._upload(LOGIN_MANAGER),
            "Emma Employee",
            decision="agree",
        )
        pop.invalidate_recordset()
        self.assertEqual(pop.employee_decision, "agree")

    # --- where it shows ----------------------------------------------------------
    def test_the_portal_shows_signed_on_paper_and_offers_the_scan(self):
        pop, scan = self._paper_signed_by_employee()
        self.authenticate(LOGIN_EMPLOYEE, LOGIN_EMPLOYEE)
        self._rpc_login = LOGIN_EMPLOYEE
        page = self.url_open(f"/my/pops/{pop.id}")
        self.assertEqual(page.status_code, 200)
        text = normalize(html2plaintext(page.text))
        self.assertIn("Signed on paper", text)
        self.assertIn("Recorded by Mark Manager", text)
        self.assertIn(f"/my/pops/{pop.id}/paper_scan/employee", page.text)
        download = self.url_open(f"/my/pops/{pop.id}/paper_scan/employee")
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, PDF_SCAN)
        self.assertIn("attachment", download.headers["Content-Disposition"])
        # The manager signed digitally: no scan to offer.
        self.assertEqual(
            self.url_open(f"/my/pops/{pop.id}/paper_scan/manager").status_code, 404
        )
        # The export names the scan and who recorded it.
        export = json.loads(self.url_open(f"/my/pops/{pop.id}/export").content)
        signature = export["development_plans"][0]["signatures"]["employee"]
        self.assertEqual(signature["signed_on_paper"], True)
        self.assertEqual(signature["paper_scan"], scan.name)
        self.assertEqual(signature["recorded_by"], "Mark Manager")
        # Another employee never gets the scan.
        self.authenticate("pop_emp2", "pop_emp2")
        self._rpc_login = "pop_emp2"
        other = self.url_open(f"/my/pops/{pop.id}/paper_scan/employee")
        self.assertNotEqual(other.content, PDF_SCAN)
        self.assertEqual(other.status_code, 403)

    def test_the_pdf_says_signed_on_paper_and_who_recorded_it(self):
        pop, _scan = self._paper_signed_by_employee()
        pdf, _report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, pop.ids)
        )
        reader = PdfReader(io.BytesIO(pdf))
        text = normalize("\n".join(page.extract_text() for page in reader.pages))
        # The PDF's text extraction may put a space before the bracket.
        self.assertRegex(text, r"Signed on paper \(recorded by Mark Manager ?\)")

    def test_the_back_office_form_shows_the_scan_and_the_recorder(self):
        pop, scan = self._paper_signed_by_employee()
        values = self.call_kw(
            LOGIN_MANAGER,
            "hr.pop",
            "read",
            [pop.ids, ["employee_signed_on_paper", "employee_signature_attachment_id"]],
        )[0]
        self.assertTrue(values["employee_signed_on_paper"])
        self.assertEqual(values["employee_signature_attachment_id"][0], scan.id)
        # Its Download button gives the scan itself, to the manager and to HR.
        for login in (LOGIN_MANAGER, LOGIN_HR):
            action = self.call_kw(
                login,
                "hr.pop",
                "action_download_signature_scan",
                [pop.ids],
                {"context": {"pop_scan_role": "employee"}},
            )
            response = self.url_open(action["url"])
            self.assertEqual(response.status_code, 200, login)
            self.assertEqual(response.content, PDF_SCAN)
        self.assertRpcRefused(
            LOGIN_MANAGER,
            "hr.pop",
            "action_download_signature_scan",
            [pop.ids],
            {"context": {"pop_scan_role": "manager"}},
        )

    # --- reopening ---------------------------------------------------------------
    def test_reopening_clears_the_paper_signature_and_keeps_the_scan(self):
        pop, scan = self._paper_signed_by_employee()
        self.call_kw(LOGIN_MANAGER, "hr.pop", "action_reopen", [pop.ids])
        pop.invalidate_recordset()
        for role in ("employee", "manager"):
            for name in PAPER_FIELDS:
                self.assertFalse(pop[f"{role}_{name}"], f"{role}_{name}")
        self.assertFalse(pop.employee_signed_on)
        self.assertEqual(pop.state, "meeting")
        self.assertTrue(scan.exists())
        self.assertEqual((scan.res_model, scan.res_id), ("hr.pop", pop.id))
        # Signed again: the old scan was for the old content, a new one is needed.
        pop.with_user(self.user_manager).action_submit()
        self._refuse_record(LOGIN_MANAGER, pop, "employee", scan.id, "Emma")
        self._record(
            LOGIN_MANAGER, pop, "employee", self._upload(LOGIN_MANAGER), "Emma"
        )

    # --- the dialog --------------------------------------------------------------
    def test_the_dialog_records_the_paper_signature(self):
        pop = self._pop_to_sign()
        action = pop.with_user(self.user_manager).action_open_paper_signature_wizard()
        self.assertEqual(action["res_model"], "hr.pop.paper.signature.wizard")
        self.assertEqual(action["context"]["default_role"], "employee")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_manager)
            .with_context(**action["context"])
            .create(
                {
                    "scan": base64.b64encode(PDF_SCAN),
                    "scan_filename": "emma-signed.pdf",
                }
            )
        )
        self.assertEqual(wizard.signer_name, "Emma Employee")
        wizard.action_record()
        self.assertTrue(pop.employee_signed_on_paper)
        self.assertEqual(pop.employee_signature_attachment_id.name, "emma-signed.pdf")
        self.assertFalse(pop.with_user(self.user_manager).can_sign_employee)
        self.assertTrue(pop.with_user(self.user_manager).can_record_paper_signature)
        self.assertFalse(pop.with_user(self.user_employee).can_record_paper_signature)

    def test_the_manager_records_the_paper_signature_in_the_dialog(self):
        pop = self._pop_to_sign()
        self.start_tour(
            f"/odoo/action-hr_pop.hr_pop_action/{pop.id}",
            "hr_pop_paper_signature_tour",
            login=LOGIN_MANAGER,
        )
        self.assertRecordValues(
            pop,
            [
                {
                    "employee_signed_on_paper": True,
                    "employee_signed_by": "Emma Employee",
                    "employee_signature_recorded_by_id": self.user_manager.id,
                    "state": "to_sign",
                }
            ],
        )
        self.assertEqual(pop.employee_signature_attachment_id.raw, PDF_SCAN)
        self.assertTrue(pop.employee_signed_on <= fields.Datetime.now())

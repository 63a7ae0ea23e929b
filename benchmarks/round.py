# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One side of the invitation-round comparison, in its own process.

    python benchmarks/round.py DB SIDE [--batch-size B] [--profile FILE]
        [--max-seconds S] [--smtp-port P] [--logfile F]

SIDE ``hr_pop``: hr_pop's invitation cron,
``hr.pop.notification._cron_send_invitations(batch_size=B)`` (B: the module's own
default when not given), run as ``ir.cron`` runs it: as its user (the superuser),
with a progress record per batch, each batch committed, again as long as the
cron reports work remaining.

SIDE ``odoo``: Odoo's own mass mailing of one mail of the same size to the same
employees: a ``mailing.mailing`` on ``res.partner`` (the round employees' work
contacts), put in the queue, then Odoo's mass mailing cron
(``mailing.mailing._process_mass_mailing_queue``) run the same way.

Both sides stop at the same point: the mails are queued in ``mail.mail`` (Odoo's
mass mailing queues them, it sends more than 100 recipients later); this process
points SMTP at a local port where nothing listens, so that a mail sent at once
cannot leave the machine, and counts every SMTP connection attempt.

Measured: wall time of the cron loop, queries (``odoo.sql_db.sql_counter``: every
cursor of the process), peak RSS of the process, the mails queued and their mean
body size. Prints one JSON line.
"""

import argparse
import json
import time

import odoo_boot
from querycount import QueryBreakdown

MAILING_BODY = """
<div>
    <p>Dear <t t-out="object.name or ''">Sanne Jansen</t>,</p>
    <p>
        Your manager invites you to your development conversation on
        <strong>1 June 2026 10:00</strong>.
        Together you agree on your personal development plan (POP) for the period
        from 01/06/2026 to 31/05/2027.
        A development conversation is not an appraisal: it is about your ambitions,
        interests and possibilities, and about the future of the company.
    </p>
    <p>A good preparation is half the work. Please think about these questions
    beforehand:</p>
    <ul>%(questions)s</ul>
    <p>
        Write down your answers on your personal page. You can share them with your
        manager as agenda points: 7 days before the conversation you exchange your
        points, so that there are no surprises.
    </p>
    <p style="margin: 16px 0px 16px 0px;">
        <a href="/my"
           style="background-color: #875A7B; padding: 8px 16px; color: #fff;
           border-radius: 5px; text-decoration: none;">
            Prepare my conversation
        </a>
    </p>
    <p>Kind regards,<br/><t t-out="object.company_id.name or user.company_id.name"/></p>
</div>
"""


def cron_loop(env, cron_xmlid, call, max_batches, max_seconds):
    """Run ``call(env)`` as ir.cron does: a progress record per batch, each batch
    committed, again while the call reports work remaining. Returns the batches."""
    cr = env.cr
    cron = env.ref(cron_xmlid)
    started = time.time()
    batches = 0
    while batches < max_batches and time.time() - started < max_seconds:
        cron_with_progress, progress = cron._add_progress()
        cr.commit()
        job_env = env(
            user=cron.user_id.id, context=dict(cron_with_progress.env.context)
        )
        call(job_env)
        job_env.flush_all()
        cr.commit()
        batches += 1
        progress.invalidate_recordset()
        if not progress.remaining:
            break
    return batches


def mail_stats(env, first_mail_id, invitation_mail_ids):
    """The mails this run queued (all of them, by state), and the mean size of the
    invitations (the body as queued, layout included)."""
    env.cr.execute(
        "SELECT state, count(*) FROM mail_mail WHERE id > %s GROUP BY state",
        [first_mail_id],
    )
    by_state = dict(env.cr.fetchall())
    env.cr.execute(
        "SELECT avg(length(body_html)) FROM mail_mail WHERE id IN %s",
        [tuple(invitation_mail_ids) or (0,)],
    )
    size = env.cr.fetchone()[0]
    return {
        "mails_by_state": by_state,
        "mails": sum(by_state.values()),
        "invitation_mail_bytes": round(size or 0),
    }


def setup_odoo_side(env, tag_id):
    """The mailing, as a user prepares it, put in the queue (not measured).

    Its body is the invitation's text with the same preparation questions (those
    of hr_pop's default question set, as static text), so that both sides render
    and store mails of about the same size.
    """
    company = env.company
    question_set = env.ref("hr_pop.question_set_default", raise_if_not_found=False)
    questions = [
        question.name
        for question in (question_set.question_ids if question_set else [])
        if question.audience == "employee"
    ] or [
        "What went well in your work in the past year, and what did not?",
        "What would you like to learn or develop in the coming period?",
    ]
    from markupsafe import escape

    body = MAILING_BODY % {
        "questions": "".join(f"<li>{escape(question)}</li>" for question in questions)
    }
    mailing = env["mailing.mailing"].create(
        {
            "subject": "Invitation: your development conversation",
            "body_arch": body,
            "body_html": body,
            "mailing_type": "mail",
            "mailing_model_id": env["ir.model"]._get_id("res.partner"),
            "mailing_domain": repr([("category_id", "in", [tag_id])]),
            "email_from": company.email_formatted,
            "user_id": env.ref("base.user_admin").id,
            "keep_archives": True,
        }
    )
    mailing.action_put_in_queue()
    return mailing


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("side", choices=["hr_pop", "odoo"])
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--tag-id", type=int)
    parser.add_argument("--batch-size", type=int)
    parser.add_argument("--smtp-port", type=int, required=True)
    parser.add_argument("--max-seconds", type=float, default=1800)
    parser.add_argument("--profile")
    parser.add_argument("--profile-batches", type=int, default=1)
    parser.add_argument("--breakdown", help="write the queries by caller here")
    parser.add_argument("--logfile")
    args = parser.parse_args()

    registry = odoo_boot.boot(args.db, smtp_port=args.smtp_port, logfile=args.logfile)
    odoo_boot.count_smtp()
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if args.side == "hr_pop":
            cron_xmlid = "hr_pop.hr_pop_cron_send_invitations"
            kwargs = {"batch_size": args.batch_size} if args.batch_size else {}

            def call(job_env):
                job_env["hr.pop.notification"]._cron_send_invitations(**kwargs)

            todo = env["hr.pop"].search_count(
                env["hr.pop.notification"]._get_invitation_domain()
            )
        else:
            cron_xmlid = "mass_mailing.ir_cron_mass_mailing_queue"
            mailing = setup_odoo_side(env, args.tag_id)

            def call(job_env):
                job_env["mailing.mailing"]._process_mass_mailing_queue()

            todo = len(mailing._get_remaining_recipients())
        cr.commit()
        first_mail_id = (
            env["mail.mail"].sudo().search([], order="id desc", limit=1).id or 0
        )
        smtp_before = odoo_boot.SMTP_CONNECTS[0]
        max_batches = todo + 10  # bounded: at least one item per batch
        if args.profile:
            max_batches = args.profile_batches
        rss_before = odoo_boot.rss_mb()
        queries_before = odoo_boot.sql_count()
        profiler = None
        breakdown = QueryBreakdown() if args.breakdown else None
        if breakdown:
            breakdown.start()
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        started = time.perf_counter()
        batches = cron_loop(env, cron_xmlid, call, max_batches, args.max_seconds)
        seconds = time.perf_counter() - started
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
        if breakdown:
            breakdown.stop()
        queries = odoo_boot.sql_count() - queries_before
        result = {
            "side": args.side,
            "n": args.n,
            "todo": todo,
            "seconds": round(seconds, 3),
            "queries": queries,
            "batches": batches,
            "smtp_attempts": odoo_boot.SMTP_CONNECTS[0] - smtp_before,
            "rss_before_mb": round(rss_before),
            "peak_rss_mb": round(odoo_boot.peak_rss_mb()),
        }
        env.invalidate_all()
        if args.side == "hr_pop":
            result["left"] = env["hr.pop"].search_count(
                env["hr.pop.notification"]._get_invitation_domain()
            )
            invitation_mails = (
                env["hr.pop.notification"]
                .search([("kind", "=", "invitation"), ("mail_id", "!=", False)])
                .mail_id
            )
        else:
            mailing.invalidate_recordset()
            result["left"] = len(mailing._get_remaining_recipients())
            invitation_mails = env["mail.mail"].search(
                [("mailing_id", "=", mailing.id)]
            )
        result["invitations"] = len(invitation_mails)
        result.update(mail_stats(env, first_mail_id, invitation_mails.ids))
        if breakdown:
            breakdown.dump(args.breakdown, result)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

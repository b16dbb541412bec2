from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        followup_type = self.env.ref(
            "solis_sales_process.mail_activity_type_followup", raise_if_not_found=False
        )
        visit_ids = [
            activity.res_id
            for activity in self
            if activity.res_model == "solis.visit"
            and activity.activity_type_id == followup_type
        ]
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if visit_ids:
            # sudo: Odoo lets the assignee mark his activity done even where he may not
            # write the record itself; closing the follow-up must follow suit.
            visits = self.env["solis.visit"].sudo().browse(visit_ids).exists()
            visits.filtered(lambda visit: not visit.is_followup_done).write(
                {"is_followup_done": True}
            )
        return result

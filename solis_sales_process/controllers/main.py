from werkzeug.exceptions import BadRequest, Forbidden

from odoo import http
from odoo.exceptions import UserError
from odoo.http import content_disposition, request

from ..report.sales_review_workbook import build_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SolisSalesWorkbook(http.Controller):
    @http.route(
        "/solis_sales_process/workbook",
        type="http",
        auth="user",
        # GET: a link to a workbook; POST: the dashboard's download button,
        # through the web client's download helper (with its CSRF token).
        methods=["GET", "POST"],
        readonly=True,
    )
    def download_workbook(self, period="month", **filters):
        """The dashboard's figures as an Excel workbook, built on the fly
        (no attachment is kept), with the reader's rights."""
        if not request.env.user.has_group("sales_team.group_sale_salesman"):
            raise Forbidden()
        try:
            values = {
                key: int(filters[key]) if filters.get(key) else None
                for key in ("user_id", "team_id", "months")
            }
        except ValueError as error:
            raise BadRequest() from error
        dashboard = request.env["solis.sales.dashboard"]
        try:
            review = dashboard.get_workbook_review(
                period=period, date=filters.get("date") or None, **values
            )
        except UserError as error:
            raise BadRequest(str(error)) from error
        content = build_workbook(request.env, review)
        name = dashboard._workbook_file_name(review)
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX),
                ("Content-Disposition", content_disposition(name)),
            ],
        )

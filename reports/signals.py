"""What the workflow announces after a change, for apps that react without being imported
here (notifications: DESIGN.md, nothing imports it). Each is sent inside the change's
transaction with the object as it now stands and the user who made the change; a
receiver that does outside work (mail) defers it to ``transaction.on_commit``."""

from django.dispatch import Signal

# period=ReportingPeriod, by=User: a period is open and its reports are created.
period_opened = Signal()
# report=ProgressReport, by=User: sent back to the unit (report.return_reason says why).
report_returned = Signal()
# report=ProgressReport, by=User: accepted and locked.
report_approved = Signal()
# report=ProgressReport, by=User: open for editing again (report.reopen_reason says why).
report_reopened = Signal()

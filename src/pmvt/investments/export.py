"""The CSV of a call's pledges, for its holder to contact the pledgers.

UTF-8 with BOM and ";" as separator (what a French spreadsheet opens directly), as the other
exports. Cells that a spreadsheet would run as a formula (= + - @, tab, carriage return) are
prefixed with a quote (core.spreadsheet.safe_cell).
"""

import csv
import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pmvt.core.spreadsheet import safe_cell
from pmvt.investments.models import Instrument, InvestmentCall
from pmvt.investments.selectors import call_pledges

BOM = "\ufeff"
DELIMITER = ";"


def export_pledges_csv(*, call: InvestmentCall) -> bytes:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    with translation.override("fr"):
        header = [
            _("Nom"),
            _("Courriel"),
            _("Montant (€)"),
            _("Forme"),
            _("Message"),
            _("Promise le"),
            _("Modifiée le"),
        ]
        writer.writerow([safe_cell(cell) for cell in header])
        for pledge in call_pledges(call=call):
            row = [
                pledge.user.display_name,
                pledge.user.email,
                f"{pledge.amount:.2f}".replace(".", ","),
                str(Instrument(pledge.instrument).label),
                pledge.message,
                timezone.localtime(pledge.created_at).strftime("%d/%m/%Y %H:%M"),
                timezone.localtime(pledge.updated_at).strftime("%d/%m/%Y %H:%M"),
            ]
            writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")

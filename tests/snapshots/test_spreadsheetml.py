"""The XLSX writer, read back by openpyxl: every kind of value, and text XML cannot hold."""

import io
from datetime import date

from openpyxl import load_workbook

from projects.exports.spreadsheetml import Workbook, column_letter


def test_columns_are_lettered_like_a_spreadsheet():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_values_come_back_as_written():
    workbook = Workbook()
    rows = [
        ["<b>Tchap</b> & « co »", 75, 0.5, date(2021, 9, 14), None, True, "  espaces  "],
        ["contrôle\x00\x1finterdit", -3, 1e-3, date(1999, 12, 31), "", False, "fin"],
    ]
    workbook.add_sheet("Feuille « 1 »", list("ABCDEFG"), rows, [10] * 7, percent_columns={2})
    workbook.add_sheet("Vide", ["Seul en-tête"], [], [12])

    book = load_workbook(io.BytesIO(workbook.to_bytes()))

    assert book.sheetnames == ["Feuille « 1 »", "Vide"]
    values = [[cell.value for cell in row] for row in book["Feuille « 1 »"].iter_rows(min_row=2)]
    assert values[0][:4] == ["<b>Tchap</b> & « co »", 75, 0.5, values[0][3]]
    assert values[0][3].date() == date(2021, 9, 14)
    assert values[0][4:] == [None, True, "  espaces  "]
    assert values[1][0] == "contrôleinterdit"
    assert values[1][3].date() == date(1999, 12, 31)
    assert values[1][4:] == [None, False, "fin"]
    assert book["Feuille « 1 »"]["C2"].number_format == "0.0%"
    assert book["Vide"].max_row == 1

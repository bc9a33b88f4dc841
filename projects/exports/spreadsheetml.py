"""A small, fast XLSX writer: the SpreadsheetML parts (ECMA-376) written as text, then zipped.

What the snapshot workbook needs and nothing more: several sheets, a bold frozen header row
with an autofilter, column widths, text (inline strings, wrapped in chosen columns), numbers,
dates and percentages. A cell is typed by its Python value: `str` is text (a date written as
text, « 05/2021 », stays text), `int`/`float` a number, `datetime.date` a real Excel date.

openpyxl, even in write-only mode, takes about ten seconds for the 55,000 rows of a
5,000-project snapshot on a small machine; writing the XML directly takes about one. The tests
read the result back with openpyxl (bench/press_kit.py measures it).
"""

import io
import re
import zipfile
from datetime import date, datetime
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
EXCEL_EPOCH = date(1899, 12, 30)
# Characters XML 1.0 does not allow, even escaped.
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Cell styles (indexes into cellXfs below).
PLAIN, BOLD, DATE, PERCENT, WRAP = 0, 1, 2, 3, 4
STYLES = f"""{HEADER}<styleSheet xmlns="{MAIN}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""  # noqa: E501


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _cell(reference: str, value, style: int) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f'<c r="{reference}" s="{DATE}"><v>{(value - EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, int | float):
        styled = f' s="{style}"' if style else ""
        return f'<c r="{reference}"{styled}><v>{value!r}</v></c>'
    text = escape(ILLEGAL.sub("", str(value)))
    styled = f' s="{style}"' if style else ""
    return (
        f'<c r="{reference}" t="inlineStr"{styled}><is><t xml:space="preserve">{text}</t></is></c>'
    )


def _quoted(title: str) -> str:
    """A sheet name as a formula reference writes it: « 'Points d''avancement' »."""
    return "'" + title.replace("'", "''") + "'"


class Workbook:
    def __init__(self):
        self.sheets: list[tuple[str, str]] = []
        self.filters: list[str] = []  # each sheet's autofilter range (« $A$1:$M$25 »)

    def add_sheet(self, title, header, rows, widths, percent_columns=(), wrap_columns=()) -> None:
        """A sheet named `title` (31 characters at most): a bold header row, frozen, with an
        autofilter over the table, then `rows`; a number in one of `percent_columns` (indexes)
        is shown as « 33,3 % », text in `wrap_columns` wraps."""
        letters = [column_letter(i) for i in range(max(len(header), len(widths)))]
        styles = [
            PERCENT if i in percent_columns else WRAP if i in wrap_columns else PLAIN
            for i in range(len(letters))
        ]
        parts = [
            f'{HEADER}<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">',
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
            'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>',
            *(
                f'<col min="{i}" max="{i}" width="{width}" customWidth="1"/>'
                for i, width in enumerate(widths, 1)
            ),
            '</cols><sheetData><row r="1">',
            *(_cell(f"{letters[i]}1", name, BOLD) for i, name in enumerate(header)),
            "</row>",
        ]
        last = 1
        for last, row in enumerate(rows, 2):
            parts.append(f'<row r="{last}">')
            parts.extend(
                _cell(f"{letters[i]}{last}", value, styles[i]) for i, value in enumerate(row)
            )
            parts.append("</row>")
        end = letters[len(header) - 1] if header else "A"
        parts.append(f'</sheetData><autoFilter ref="A1:{end}{last}"/></worksheet>')
        self.sheets.append((title[:31], "".join(parts)))
        self.filters.append(f"$A$1:${end}${last}")

    def to_bytes(self) -> bytes:
        count = len(self.sheets)
        sheets = "".join(
            f'<sheet name="{escape(title, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
            for i, (title, _xml) in enumerate(self.sheets, 1)
        )
        # Excel keeps each autofilter's range in a hidden defined name.
        names = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
            f"{escape(_quoted(title))}!{ref}</definedName>"
            for i, ((title, _xml), ref) in enumerate(zip(self.sheets, self.filters, strict=True))
        )
        parts = {
            "[Content_Types].xml": (
                f'{HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                'content-types"><Default Extension="rels" ContentType="application/'
                'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                f'ContentType="{CONTENT}.sheet.main+xml"/><Override PartName="/xl/styles.xml" '
                f'ContentType="{CONTENT}.styles+xml"/>'
                + "".join(
                    f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                    f'ContentType="{CONTENT}.worksheet+xml"/>'
                    for i in range(1, count + 1)
                )
                + "</Types>"
            ),
            "_rels/.rels": (
                f'{HEADER}<Relationships xmlns="{PACKAGE_RELATIONSHIPS}"><Relationship '
                f'Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
                "</Relationships>"
            ),
            "xl/workbook.xml": (
                f'{HEADER}<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
                f"<sheets>{sheets}</sheets><definedNames>{names}</definedNames></workbook>"
            ),
            "xl/_rels/workbook.xml.rels": (
                f'{HEADER}<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
                + "".join(
                    f'<Relationship Id="rId{i}" Type="{RELATIONSHIPS}/worksheet" '
                    f'Target="worksheets/sheet{i}.xml"/>'
                    for i in range(1, count + 1)
                )
                + f'<Relationship Id="rId{count + 1}" Type="{RELATIONSHIPS}/styles" '
                'Target="styles.xml"/></Relationships>'
            ),
            "xl/styles.xml": STYLES,
        }
        for i, (_title, xml) in enumerate(self.sheets, 1):
            parts[f"xl/worksheets/sheet{i}.xml"] = xml
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as package:
            for name, text in parts.items():
                package.writestr(name, text.encode("utf-8"))
        return buffer.getvalue()

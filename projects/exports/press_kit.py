"""The press kit: every export of a snapshot in one ZIP, with a README.txt and SHA256SUMS.

The chart images (kaleido, in Chromium: another process) are drawn while the CSV, JSON and
XLSX files are written; the PDF, which embeds the images, comes last.
"""

import hashlib
import io
import json
import zipfile
from concurrent.futures import ThreadPoolExecutor

from django.template.loader import render_to_string

from projects.exports import excel_csv, json_export, opendata, pdf, png, xlsx
from projects.exports.data import ExportData
from projects.exports.meta import dated_name


def files(data: ExportData) -> dict[str, bytes]:
    """Name -> content of every file of the kit but README.txt and SHA256SUMS."""
    slug = dated_name(data.snapshot)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kaleido") as pool:
        images_job = pool.submit(_images, data)
        content = {
            f"{slug}.csv": opendata.to_csv(data),
            f"{slug}-excel-fr.csv": excel_csv.to_csv(data),
            f"{slug}.json": json_export.to_json(data),
            f"{slug}.xlsx": xlsx.to_xlsx(data),
            "schema.json": json.dumps(opendata.schema(), ensure_ascii=False, indent=1).encode(),
            "datapackage.json": json.dumps(
                opendata.datapackage(data.meta, f"{slug}.csv", f"techgouv-{slug}"),
                ensure_ascii=False,
                indent=1,
            ).encode(),
        }
        figures, images = images_job.result()
    content[f"{slug}.pdf"] = pdf.to_pdf(data, figures)
    content.update(images)
    return content


def _images(data: ExportData) -> tuple[dict[str, str], dict[str, bytes]]:
    """Each drawn chart's figure (for the PDF) and its stamped PNG and SVG files."""
    figures = png.figures_all(data.charts)
    images = {}
    for chart in png.drawn(data.charts):
        figure = figures[chart.slug]
        images[f"graphiques/{chart.slug}.png"] = png.render(chart, data.meta, figure)
        images[f"graphiques/{chart.slug}.svg"] = png.render_svg(chart, data.meta, figure)
    return figures, images


def readme(data: ExportData, names: list[str]) -> bytes:
    text = render_to_string(
        "snapshots/press_kit_readme.txt",
        {
            "data": data,
            "snapshot": data.snapshot,
            "base": dated_name(data.snapshot),
            "names": names,
            "headline": data.headline,
        },
    )
    return text.replace("\n", "\r\n").encode("utf-8")


def sha256sums(content: dict[str, bytes]) -> bytes:
    """The `sha256sum -c SHA256SUMS` format: « <hex>  <name> », one line per file."""
    lines = [f"{hashlib.sha256(body).hexdigest()}  {name}" for name, body in content.items()]
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_zip(data: ExportData) -> bytes:
    content = files(data)
    content = {"README.txt": readme(data, sorted(content)), **content}
    content["SHA256SUMS"] = sha256sums(content)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as kit:
        for name, body in content.items():
            stored = name.endswith((".png", ".xlsx", ".pdf"))  # already compressed formats
            kit.writestr(
                zipfile.ZipInfo(f"{dated_name(data.snapshot)}/{name}", date_time=_zip_time(data)),
                body,
                compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
            )
    return buffer.getvalue()


def _zip_time(data: ExportData) -> tuple:
    moment = data.generated_at
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)

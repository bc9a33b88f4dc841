#!/usr/bin/env python3
"""Write plotly.js's own CSS rules to static/techgouv/plotly.css (run after a plotly.js upgrade).

plotly.js injects these rules in a <style> element, which a Content-Security-Policy without
'unsafe-inline' blocks. We serve them as a static file instead; this script draws one chart in
Debian's headless Chromium with the bundle of node_modules and reads back the injected rules.
Usage: .venv/bin/python scripts/plotly_css.py
"""

import functools
import http.server
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
TARGET = ROOT / "static" / "techgouv" / "plotly.css"
HEADER = TARGET.read_text(encoding="utf-8").split("*/", 1)[0] + "*/\n" if TARGET.exists() else ""
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div id="g"></div>
<script src="/plotly.js"></script>
<script>Plotly.newPlot("g", [{type: "bar", x: ["a"], y: [1]}]).then(() => { window.done = true; });
</script></body></html>"""
DUMP = """Array.from(document.getElementById("plotly.js-style-global").sheet.cssRules)
  .map((rule) => rule.cssText).reverse().join("\\n")"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "index.html").write_text(PAGE, encoding="utf-8")
        (Path(folder) / "plotly.js").write_bytes(BUNDLE.read_bytes())
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=folder)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
                )
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{server.server_port}/index.html")
                page.wait_for_function("window.done === true")
                css = page.evaluate(DUMP)
                browser.close()
        finally:
            server.shutdown()
    TARGET.write_text(HEADER + css + "\n", encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)} : {css.count(chr(10)) + 1} règles.")


if __name__ == "__main__":
    main()

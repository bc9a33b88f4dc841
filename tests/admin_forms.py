"""What a browser would post back from an admin form: every field as the page shows it."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    """The values of the form whose id is `form_id`, as a browser submits them: disabled fields
    left out, unchecked boxes left out, every selected option of a multiple select."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self.select: str | None = None
        self.textarea: str | None = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self._add(self.select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self._add(name, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][-1] += data.removeprefix("\n")


def admin_form_data(response, form_id: str) -> dict[str, list[str] | str]:
    """The admin page's form `form_id` (« project_form », « milestone_form ») as posted back
    unchanged; a test changes the values it is about."""
    assert response.status_code == 200, response.status_code
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    return {name: values if len(values) > 1 else values[0] for name, values in reader.data.items()}

"""Every id on a page is unique and every visible input has a label pointing at it (pages with
several forms used to repeat `capacity`, `name` and `csrf_token`). HTML parsed as served, with
CSRF tokens on as in production."""

import collections
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from app.experiences.models import Experience
from app.operators.models import Tour

PASSWORD = "langnghe-demo-2026"


class Page(HTMLParser):
    """Collects ids, label targets and inputs that no label names."""

    def __init__(self, html: str):
        super().__init__()
        self.ids, self.targets, self.inputs, self.in_label = collections.Counter(), set(), [], 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if "id" in found:
            self.ids[found["id"]] += 1
        if tag == "label":
            self.in_label += 1
            self.targets.add(found.get("for"))
        elif tag in ("input", "select", "textarea") and not self._labelled_inline(found):
            self.inputs.append(found.get("id") or found.get("name"))

    def handle_endtag(self, tag):
        if tag == "label":
            self.in_label -= 1

    def _labelled_inline(self, found: dict) -> bool:
        hidden = found.get("type") in ("hidden", "submit", "button")
        return hidden or self.in_label or "aria-label" in found or "aria-labelledby" in found

    @property
    def repeated(self) -> list[str]:
        return [name for name, seen in self.ids.items() if seen > 1]

    @property
    def unlabelled(self) -> list[str]:
        return [name for name in self.inputs if name not in self.targets]


@pytest.fixture()
def pages(app, client, demo, monkeypatch):
    """The pages with several forms, each fetched by the demo account that may open it, with
    CSRF tokens rendered."""
    from app.extensions import db

    experience = db.session.scalar(select(Experience).order_by(Experience.id))
    tour = db.session.scalar(select(Tour))
    paths = {
        "host.battrang@example.com": [
            f"/host/experiences/{experience.id}/slots", f"/host/experiences/{experience.id}/edit",
            "/host/villages/bat-trang/edit", "/host/bookings/", "/auth/profile",
        ],
        "operator@example.com": [
            "/operator/", f"/operator/tours/{tour.id}/departures",
            f"/operator/tours/{tour.id}/stops",
        ],
        "admin@example.com": ["/admin/", "/admin/villages", "/admin/users"],
    }  # fmt: skip
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    fetched = {}
    for email, wanted in paths.items():
        visitor = app.test_client()
        app.config["WTF_CSRF_ENABLED"] = False
        assert visitor.post("/auth/login", data={"email": email, "password": PASSWORD}).location
        app.config["WTF_CSRF_ENABLED"] = True
        fetched.update({path: visitor.get(path) for path in wanted})
    return fetched


def test_pages_with_several_forms_repeat_no_id(pages):
    for path, response in pages.items():
        assert response.status_code == 200, path
        assert Page(response.get_data(as_text=True)).repeated == [], path


def test_every_visible_input_has_its_label(pages):
    for path, response in pages.items():
        assert Page(response.get_data(as_text=True)).unlabelled == [], path

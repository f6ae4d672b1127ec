"""The admin area: who may enter, request decisions, publishing, CSV in the browser, roles."""

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.accounts.models import RoleRequest, User
from app.villages.models import Village
from tests.factories import make_user, make_village

DATA = Path(__file__).resolve().parents[2] / "data" / "hanoi_craft_villages.csv"


@pytest.fixture()
def admin(db, login_as):
    user = make_user(role="admin", email="admin@example.com")
    db.session.commit()
    return login_as(user)


@pytest.mark.parametrize("path", ["/admin/", "/admin/villages", "/admin/users"])
def test_visitors_and_hosts_are_refused(client, db, login_as, path):
    assert client.get(path).status_code == 302  # anonymous: to the login page
    login_as(make_user(villages=[make_village()]))
    db.session.commit()
    assert client.get(path).status_code == 403


def test_reject_a_request_keeps_the_role_and_tells_the_person(client, db, admin, outbox):
    person = make_user(email="hopeful@example.com")
    request = RoleRequest(user=person, kind="operator", operator_name="Tours Ltd")
    db.session.add(request)
    db.session.commit()
    page = client.get("/admin/").get_data(as_text=True)
    assert "hopeful@example.com" in page and "Tours Ltd" in page
    client.post(f"/admin/requests/{request.id}/reject", data={"note": "Unknown company"})
    db.session.expire_all()
    assert db.session.get(RoleRequest, request.id).status == "rejected"
    assert db.session.get(User, person.id).role == "visitor"
    assert "Unknown company" in outbox()[-1].body
    again = client.post(f"/admin/requests/{request.id}/approve", follow_redirects=True)
    assert "already been decided" in again.get_data(as_text=True)
    assert db.session.get(User, person.id).role == "visitor"


def test_hide_and_publish_a_village(client, db, admin):
    village = make_village(slug="kim-lan")
    db.session.commit()
    client.post("/admin/villages/kim-lan/hide")
    assert client.get("/villages/kim-lan").status_code == 404
    assert "kim-lan" in client.get("/admin/villages").get_data(as_text=True)
    client.post("/admin/villages/kim-lan/publish")
    assert client.get("/villages/kim-lan").status_code == 200
    db.session.expire_all()
    assert db.session.get(Village, village.id).is_published is True


def upload(client, content: bytes, name: str = "villages.csv"):
    return client.post(
        "/admin/villages/import",
        data={"file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def test_import_from_the_browser_then_export(client, db, admin):
    response = upload(client, DATA.read_bytes())
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(Village.id))) == 139
    exported = client.get("/admin/villages/export.csv")
    assert exported.headers["Content-Disposition"] == "attachment; filename=villages.csv"
    assert exported.get_data(as_text=True).count("\n") == 140


def test_a_bad_file_imports_nothing_and_names_the_lines(client, db, admin):
    lines = DATA.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(",20.", ",99.", 1) if ",20." in lines[5] else lines[5] + ",extra"
    response = upload(client, "\n".join(lines).encode())
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and "line 6" in body and "nothing" in body
    assert db.session.scalar(select(func.count(Village.id))) == 0


def test_a_non_csv_or_non_utf8_upload_is_refused(client, db, admin):
    assert upload(client, b"hello", name="notes.txt").status_code == 422
    latin = "slug,name_vi\nx,Làng\n".encode("cp1258", errors="replace")
    response = upload(client, latin)
    assert response.status_code == 422 and "UTF-8" in response.get_data(as_text=True)


def test_change_a_users_role_and_refuse_self_demotion(client, db, admin):
    host = make_user(email="host@example.com", villages=[make_village()])
    db.session.commit()
    assert "host@example.com" in client.get("/admin/users?q=HOST@").get_data(as_text=True)
    client.post(f"/admin/users/{host.id}/role", data={"role": "visitor"})
    db.session.expire_all()
    demoted = db.session.get(User, host.id)
    assert demoted.role == "visitor" and demoted.hostings == []
    refused = client.post(
        f"/admin/users/{admin.id}/role", data={"role": "visitor"}, follow_redirects=True
    )
    assert "cannot remove your own admin role" in refused.get_data(as_text=True)
    assert db.session.get(User, admin.id).role == "admin"


def test_admin_sees_every_booking(client, db, admin):
    from datetime import timedelta

    from app.timeutil import utcnow
    from tests.factories import make_experience, make_slot

    slot = make_slot(
        experience=make_experience(title_en="Lacquer panel"), starts_at=utcnow() + timedelta(days=5)
    )
    db.session.commit()
    client.post(
        f"/bookings/new?slot_id={slot.id}",
        data={
            "name": "Mai",
            "email": "mai@example.com",
            "phone": "0901234567",
            "adults": 2,
            "children": 0,
            "form_token": "y" * 24,
        },
    )
    assert "All bookings" in client.get("/admin/").get_data(as_text=True)
    page = client.get("/host/bookings/?status=all").get_data(as_text=True)
    assert "Lacquer panel" in page and "Mai" in page

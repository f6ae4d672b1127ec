"""Small visible defects, each seen in a screenshot: raw wiki markup in the location note, a
"Previous" link to page 0, no favicon. (The stop form's help that lost its <number> went with
the workshop-id field: stops now choose a workshop by name.)"""

import re

from tests.factories import make_village

NOTE = ("https://en.wikipedia.org/wiki/B%C3%A1t_Tr%C3%A0ng (infobox {{coord|20|59|N|105|55|E}};"
        " <b>about</b> +/-1 km)")  # fmt: skip


def test_location_note_shows_degrees_and_a_readable_link_not_wiki_markup(client, db):
    make_village(slug="bat-trang", coord_source=NOTE)
    db.session.commit()
    html = client.get("/villages/bat-trang").get_data(as_text=True)
    assert "{{coord" not in html and "20°59′N 105°55′E" in html
    link = re.search(r'<a href="(https://en\.wikipedia[^"]+)"[^>]*>([^<]+)</a>', html)
    assert link.groups() == ("https://en.wikipedia.org/wiki/B%C3%A1t_Tr%C3%A0ng",
                             "en.wikipedia.org/wiki/Bát_Tràng")  # fmt: skip
    assert "&lt;b&gt;about&lt;/b&gt;" in html  # the note's own text stays escaped


def test_first_and_last_pages_link_to_no_page_outside_the_list(client, db):
    for _ in range(13):
        make_village()
    db.session.commit()
    first = client.get("/villages/?per_page=12").get_data(as_text=True)
    last = client.get("/villages/?per_page=12&page=2").get_data(as_text=True)
    assert "page=0" not in first and "page=3" not in last
    assert 'aria-disabled="true">Previous' in first and 'aria-disabled="true">Next' in last
    assert 'rel="next"' in first and 'rel="prev"' in last


def test_favicon_is_linked_from_every_page_and_served(client, db):
    html = client.get("/").get_data(as_text=True)
    icon = re.search(r'<link rel="icon" type="image/svg\+xml" href="([^"]+)"', html).group(1)
    with client.get(icon) as linked, client.get("/favicon.ico") as fallback:
        assert linked.status_code == 200 and linked.get_data(as_text=True).startswith("<svg")
        assert fallback.status_code == 200 and fallback.mimetype == "image/svg+xml"
        assert fallback.get_data() == linked.get_data()

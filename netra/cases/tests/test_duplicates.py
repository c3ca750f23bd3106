"""Possible duplicates: realistic pairs of reports from Balikpapan, and what must never be proposed."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from netra.cases.models import EventKind
from netra.cases.selectors.duplicates import THRESHOLD, duplicate_candidates, post_url_key
from netra.cases.services.opening import case_open_for_report
from netra.cases.tests.fixtures import NOW, make_submission
from netra.core.testing import login
from netra.evidence.tests.fixtures import jpeg_bytes
from netra.intake.submission import PersonIn, report_submit

NIP = "198001012005011001"
PEMKOT = "Pemerintah Kota Balikpapan"

# An unrelated report from the same kecamatan, the same week, about the same kind of conduct (a
# campaign for the mayoral race): in a Pilkada this is every other report, not a duplicate.
UNRELATED = {
    "description": (
        "Camat Balikpapan Selatan berfoto dengan gestur dua jari bersama calon wali kota saat "
        "deklarasi relawan di gedung serbaguna, lalu fotonya diunggah akun kampanye."
    ),
    "incident_date": dt.date(2024, 10, 8),
    "persons": [PersonIn(name="Camat Balikpapan Selatan", agency_name=PEMKOT)],
    "links": ["https://www.instagram.com/p/C9xYzAbCdEf/"],
}


def open_case(**changes):
    """A reporter submits a laporan and its case opens (as the task does on the real path)."""
    if changes.get("incident_date"):
        changes.setdefault("known_date", changes["incident_date"])
    result = report_submit(submission=make_submission(**changes), now=NOW)
    return case_open_for_report(report=result.report)


def duplicate_events(case):
    return list(case.events.filter(kind=EventKind.MERGE, text__startswith="Kemungkinan duplikat"))


@pytest.fixture
def officer(case_world):
    return case_world["users"]["bpp_officer"]


@pytest.mark.django_db
def test_same_post_shared_by_two_reporters_one_link_with_fbclid(case_world, officer):
    first = case_world["case"]  # links https://www.facebook.com/groups/warga/posts/123
    second = open_case(
        description="Ada pegawai kelurahan menyebarkan postingan paslon nomor 2 di grup Facebook warga.",
        persons=[PersonIn(name="Pegawai kelurahan (nama belum diketahui)")],
        links=["https://m.facebook.com/groups/warga/posts/123/?fbclid=IwAR0a8Zk3LqT_bx"],
    )
    found = duplicate_candidates(case=second, user=officer)
    assert [c.case for c in found] == [first]
    assert "url" in found[0].signals
    assert "tautan unggahan yang sama" in found[0].reasons
    assert found[0].score >= THRESHOLD
    # On arrival the system wrote one Bawaslu-only note naming the earlier case.
    [event] = duplicate_events(second)
    assert first.reference in event.text
    assert event.visible_to == "bawaslu"
    assert event.data["duplicate_candidates"][0]["case_id"] == first.pk


def test_post_url_key_ignores_tracking_host_prefix_and_trailing_slash():
    assert post_url_key("https://m.facebook.com/groups/warga/posts/123/?fbclid=IwAR0&utm_source=wa") == (
        post_url_key("http://www.facebook.com/groups/warga/posts/123")
    )
    assert post_url_key("https://www.facebook.com/permalink.php?story_fbid=1&id=9") == post_url_key(
        "https://facebook.com/permalink.php?id=9&story_fbid=1"
    )
    assert post_url_key("https://www.facebook.com/groups/warga/posts/123") != post_url_key(
        "https://www.facebook.com/groups/warga/posts/124"
    )


@pytest.mark.django_db
def test_same_nip_is_proposed_with_the_nip_in_the_reason(case_world, officer):
    first = open_case(
        persons=[PersonIn(name="Ahmad Yani", nip=NIP, agency_name=PEMKOT)],
        links=["https://www.tiktok.com/@warga_bpp/video/7420000000000000001"],
    )
    second = open_case(
        description="Kepala dinas ikut rapat tim pemenangan pasangan calon di rumah makan.",
        incident_date=dt.date(2024, 9, 20),
        persons=[PersonIn(name="Drs. H. Ahmad Yani, M.Si.", nip=NIP)],
        links=[],
    )
    found = duplicate_candidates(case=second, user=officer)
    assert [c.case for c in found] == [first]
    assert found[0].signals[0] == "nip"
    assert found[0].reasons[0] == "NIP terlapor sama (19800101…)"


@pytest.mark.django_db
def test_same_terlapor_name_and_identical_text_a_minute_apart_is_flagged(case_world, officer):
    """The reporter knows only "Lurah Manggar" (no NIP, no agency) and sends the same report twice:
    two Person records, so no shared subject; the name and the identical text must still propose it."""
    sent = {"persons": [PersonIn(name="Lurah Manggar")], "links": []}
    first = case_open_for_report(report=report_submit(submission=make_submission(**sent), now=NOW).report)
    again = report_submit(submission=make_submission(**sent), now=NOW + dt.timedelta(minutes=1)).report
    second = case_open_for_report(report=again)
    assert first.subjects.get().person != second.subjects.get().person

    found = duplicate_candidates(case=second, user=officer)
    assert first in [c.case for c in found]
    [candidate] = [c for c in found if c.case == first]
    assert {"name", "date", "text"} <= set(candidate.signals)
    assert "nama terlapor sama" in candidate.reasons
    assert first.reference in duplicate_events(second)[0].text  # flagged on arrival


@pytest.mark.django_db
def test_same_name_alone_in_the_same_week_is_not_proposed(case_world, officer):
    first = open_case(persons=[PersonIn(name="Lurah Manggar")], links=[], incident_date=dt.date(2024, 10, 7))
    other = open_case(
        description="Lurah Manggar memakai mobil dinas untuk mengangkut spanduk partai ke posko relawan.",
        persons=[PersonIn(name="Lurah Manggar")],
        links=[],
        incident_date=dt.date(2024, 10, 8),
    )
    assert first not in [c.case for c in duplicate_candidates(case=other, user=officer)]
    # Two known, different agencies: two people who share a name (case_world's is Pemkot Balikpapan's).
    elsewhere = open_case(persons=[PersonIn(name="Lurah Manggar", agency_name="Pemkab Paser")], links=[])
    assert case_world["case"] not in [c.case for c in duplicate_candidates(case=elsewhere, user=officer)]


@pytest.mark.django_db
def test_never_proposed_into_a_closed_case_or_across_elections(case_world, officer):
    """Same NIP and same post (strong signals), but the earlier case is closed, or of another election:
    a merge would reopen a finished record or put a report on another election's clocks."""
    from netra.cases.models import Case, CaseState
    from netra.elections.tests.factories import ElectionFactory

    same = {"persons": [PersonIn(name="Ahmad Yani", nip=NIP)], "links": ["https://www.facebook.com/p/777"]}
    closed = open_case(**same)
    other_election = open_case(**same)
    stopped = open_case(**same)
    still_open = open_case(**same)
    Case.objects.filter(pk=closed.pk).update(state=CaseState.CLOSED)
    Case.objects.filter(pk=stopped.pk).update(state=CaseState.STOPPED)
    Case.objects.filter(pk=other_election.pk).update(election=ElectionFactory(code="pemilu-lain"))
    new = open_case(**same)
    assert new.election_id == still_open.election_id

    proposed = [c.case for c in duplicate_candidates(case=new, user=officer, limit=10)]
    assert still_open in proposed
    assert closed not in proposed
    assert stopped not in proposed
    assert other_election not in proposed
    # Nor the other way round: the other election's case is not offered the current one.
    other_election.refresh_from_db()
    assert new not in [c.case for c in duplicate_candidates(case=other_election, user=officer, limit=10)]


@pytest.mark.django_db
def test_name_with_titles_and_agency_need_a_second_signal(case_world, officer):
    first = open_case(
        description="Ahmad Yani, kepala bagian di Pemkot, membagikan unggahan kampanye calon wali kota.",
        incident_date=dt.date(2024, 10, 7),
        persons=[PersonIn(name="Drs. H. Ahmad Yani, M.Si.", agency_name=PEMKOT)],
        links=["https://www.facebook.com/ahmad.yani.bpp/posts/555"],
    )
    close = open_case(
        description="Pak Ahmad Yani share postingan kampanye calon walikota di Facebook-nya.",
        incident_date=dt.date(2024, 10, 9),
        persons=[PersonIn(name="Ahmad Yani", agency_name=PEMKOT)],
        links=[],
    )
    found = duplicate_candidates(case=close, user=officer)
    assert [c.case for c in found] == [first]
    assert {"name_agency", "date"} <= set(found[0].signals)
    assert "nama dan instansi terlapor sama" in found[0].reasons
    assert "tanggal kejadian berdekatan (±3 hari)" in found[0].reasons

    # The same name at the same agency weeks apart, about something else: two incidents, not one.
    later = open_case(
        description="Ahmad Yani memakai kendaraan dinas untuk mengangkut logistik partai ke posko.",
        incident_date=dt.date(2024, 9, 1),
        persons=[PersonIn(name="AHMAD YANI", agency_name=PEMKOT)],
        links=[],
    )
    assert first not in [c.case for c in duplicate_candidates(case=later, user=officer)]


@pytest.mark.django_db
def test_identical_photo_is_proposed(case_world, officer, settings, tmp_path):
    settings.NETRA_EVIDENCE_ROOT = tmp_path / "bukti"
    photo = jpeg_bytes(color="navy")
    first = open_case(
        persons=[PersonIn(name="Guru SMPN 5", agency_name=PEMKOT)],
        links=[],
    )
    result = report_submit(
        submission=make_submission(persons=[PersonIn(name="Guru SMP Negeri 5")], links=[]),
        files=[SimpleUploadedFile("IMG_2024.jpg", photo, content_type="image/jpeg")],
        now=NOW,
    )
    second = case_open_for_report(report=result.report)
    third = case_open_for_report(
        report=report_submit(
            submission=make_submission(persons=[PersonIn(name="Seorang guru")], links=[]),
            files=[SimpleUploadedFile("kiriman-wa.jpg", photo, content_type="image/jpeg")],
            now=NOW,
        ).report
    )
    found = duplicate_candidates(case=third, user=officer)
    assert [c.case for c in found] == [second]
    assert "bukti berkas identik (SHA-256)" in found[0].reasons
    assert first not in [c.case for c in found]


@pytest.mark.django_db
def test_unrelated_case_in_the_same_city_is_not_proposed(case_world, officer):
    unrelated = open_case(**UNRELATED)
    assert duplicate_candidates(case=unrelated, user=officer) == []
    assert duplicate_candidates(case=case_world["case"], user=officer) == []
    assert duplicate_events(unrelated) == []


@pytest.mark.django_db
def test_purbalingga_case_is_never_proposed_to_balikpapan(case_world, officer):
    """Same NIP and same post, other jurisdiction: not proposed to Balikpapan's users, and the system's
    check on arrival, done for each handling office, never names the other office's case."""
    same = {
        "persons": [PersonIn(name="Ahmad Yani", nip=NIP)],
        "links": ["https://www.facebook.com/groups/warga/posts/777"],
    }
    purbalingga = open_case(incident_region_code="33.03.01", incident_place="Desa Kutasari", **same)
    balikpapan = open_case(**same)
    assert purbalingga.office == case_world["agencies"]["pbg"]
    assert duplicate_candidates(case=balikpapan, user=officer) == []
    assert duplicate_events(balikpapan) == []
    assert duplicate_candidates(case=purbalingga, user=case_world["users"]["pbg_head"]) == []
    # Bawaslu RI sees both jurisdictions, so it is proposed there.
    ri = case_world["users"]["ri"]
    assert [c.case for c in duplicate_candidates(case=balikpapan, user=ri)] == [purbalingga]


@pytest.mark.django_db
def test_merged_cases_are_not_proposed_and_limit_is_kept(case_world, officer):
    from netra.cases.services.merge import case_merge

    base = {"links": ["https://www.facebook.com/groups/warga/posts/123"]}
    cases = [open_case(persons=[PersonIn(name=f"Terlapor {i}")], **base) for i in range(4)]
    newest = cases[-1]
    assert len(duplicate_candidates(case=newest, user=officer, limit=2)) == 2
    case_merge(
        source_id=cases[0].pk,
        target_id=cases[1].pk,
        user=case_world["users"]["bpp_head"],
        reason="Unggahan yang sama",
    )
    proposed = [c.case.pk for c in duplicate_candidates(case=newest, user=officer, limit=10)]
    assert cases[0].pk not in proposed
    assert cases[1].pk in proposed


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_candidates(case_world, officer, django_assert_max_num_queries):
    from netra.core.scoping import scope_for

    for i in range(12):
        open_case(
            persons=[PersonIn(name=f"Lurah {i}", agency_name=PEMKOT), PersonIn(name="Ahmad Yani", nip=NIP)],
            links=[f"https://www.facebook.com/groups/warga/posts/{1000 + i}"],
        )
    target = open_case(persons=[PersonIn(name="Ahmad Yani", nip=NIP)], links=[])
    scope_for(officer)  # the user's scope is computed once per request, not per query
    with django_assert_max_num_queries(9):
        found = duplicate_candidates(case=target, user=officer, limit=20)
    assert len(found) == 12
    assert all(c.signals[0] == "nip" for c in found)


@pytest.mark.django_db
def test_api_lists_duplicates_with_reasons(case_world, officer):
    second = open_case(
        persons=[PersonIn(name="Oknum lurah")],
        links=["https://www.facebook.com/groups/warga/posts/123?fbclid=IwAR9"],
    )
    response = login(officer).get(f"/api/v1/cases/{second.pk}/duplicates", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    [item] = response.json()
    assert item["case"]["reference"] == case_world["case"].reference
    assert "tautan unggahan yang sama" in item["reasons"]
    assert 0.5 <= item["score"] <= 1
    hidden = login(case_world["users"]["pbg_head"]).get(f"/api/v1/cases/{second.pk}/duplicates")
    assert hidden.status_code == 404

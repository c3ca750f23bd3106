"""Public pages: the rulebook, one catalogue item, and the self-check form (GET, no JavaScript)."""

import pytest
from django.urls import reverse

from netra.rules.models import Level, ViolationType

pytestmark = pytest.mark.django_db


def test_urls_are_where_the_navigation_expects_them():
    assert reverse("rules:rulebook") == "/aturan/"
    assert reverse("rules:self_check") == "/aturan/cek/"
    assert reverse("rules:violation_detail", args=["KE-4"]) == "/aturan/pelanggaran/KE-4/"


def test_rulebook_shows_every_item_sanctions_oversight_body_and_routing(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = client.get(reverse("rules:rulebook"))

    assert response.status_code == 200
    html = response.content.decode()
    for code in ViolationType.objects.values_list("code", flat=True):
        assert f'href="/aturan/pelanggaran/{code}/"' in html, code
    assert "kompas.com" not in html  # sources and confidence marks are for officers (issue 14)
    assert "[SECONDARY" not in html
    assert "Pemotongan tunjangan kinerja 25% selama 6 bulan" in html
    assert "Pemutusan hubungan perjanjian kerja tidak dengan hormat" in html  # PPPK sanctions too
    assert response.context["book"].oversight_body.code == "bkn"
    assert "Badan Kepegawaian Negara" in html
    assert "Polisi Militer TNI" in html
    assert "Sentra Gakkumdu" in html
    assert "DKPP" in html
    assert "rules/rules.css" in html


def test_rulebook_puts_ethics_and_discipline_side_by_side():
    from netra.rules.selectors import rulebook

    group = next(g for g in rulebook().groups if g.conduct.code == "alat-peraga")
    assert [v.code for v in group.ethics] == ["KE-1"]
    assert [v.code for v in group.discipline] == ["D-1"]


def test_violation_detail_shows_text_level_basis_and_sanctions(client):
    response = client.get(reverse("rules:violation_detail", args=["D-6"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Membuat posting, comment, share, like" in html
    assert "Pasal 5 huruf n angka 5" in html
    assert "Penurunan jabatan setingkat lebih rendah selama 12 bulan" in html
    assert "KE-4" in html  # the sibling item of the same conduct
    assert "diubah administrator" not in html


def test_violation_detail_says_when_an_administrator_changed_the_level(client):
    ViolationType.objects.filter(code="D-8").update(level=Level.SEDANG)

    html = client.get(reverse("rules:violation_detail", args=["d-8"])).content.decode()

    assert "diubah administrator; rekomendasi katalog: Hukuman disiplin berat" in html
    assert "Pemotongan tunjangan kinerja 25% selama 6 bulan" in html


def test_unknown_violation_is_404(client):
    assert client.get(reverse("rules:violation_detail", args=["X-1"])).status_code == 404


def test_self_check_page_without_a_question_shows_only_the_form(client):
    response = client.get(reverse("rules:self_check"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ceritakan kegiatan Anda" in html
    assert 'method="get"' in html
    assert response.context["result"] is None
    assert 'class="result"' not in html


def test_research_notes_are_shown_to_signed_in_officers_only(client):
    from netra.agencies.tests.factories import UserFactory, bawaslu

    officer = UserFactory(agency=bawaslu(""))
    client.force_login(officer)

    html = client.get(reverse("rules:rulebook")).content.decode()
    assert "Catatan riset (hanya petugas)" in html
    assert "kompas.com 06-11-2023" in html  # D-8 level positions
    assert "Catatan PEERS" in html  # the KASN end-date note, for whoever may change it
    detail = client.get(reverse("rules:violation_detail", args=["D-6"])).content.decode()
    assert "Sumber berbeda pendapat" not in detail
    assert "infosemarang.com" in detail


def test_self_check_answers_first_with_item_sanction_range_and_basis(client):
    response = client.get(reverse("rules:self_check"), {"q": "nge-share status IG paslon"})

    html = response.content.decode()
    assert response.context["result"].verdict == "tidak_boleh"
    answer = html[html.index('id="jawaban"') : html.index('id="hasil"')]
    assert "Tidak boleh" in answer
    assert "KE-4" in answer
    assert "D-6" in answer
    assert "Sanksi moral" in answer
    assert "Hukuman disiplin berat" in answer
    assert "Pasal 5 huruf n angka 5" in answer
    assert "“nge-share”" in answer  # the user's words, not internal tokens
    assert "“paslon”" in answer
    assert "medsos" not in answer


def test_self_check_knows_voting_is_a_right(client):
    response = client.get(reverse("rules:self_check"), {"q": "mencoblos di TPS"})

    html = response.content.decode()
    assert response.context["result"].verdict == "boleh"
    answer = html[html.index('id="jawaban"') : html.index('id="hasil"')]
    assert "Boleh" in answer
    assert "UU 7/2017 Pasal 198 ayat (1)" in answer
    assert "[UNVERIFIED" not in html


def test_self_check_says_it_depends_when_a_condition_decides(client):
    response = client.get(
        reverse("rules:self_check"), {"q": "istri saya nyalon bupati, boleh saya dampingi?"}
    )

    assert response.context["result"].verdict == "tergantung"
    assert "cuti di luar tanggungan negara (CLTN)" in response.content.decode()


def test_english_pages_show_the_catalogue_in_english(client):
    client.cookies["django_language"] = "en"

    html = client.get(reverse("rules:rulebook"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Liking, commenting on, sharing or following" in html
    assert "Written reprimand" in html
    assert "The oversight body depends on the date" in html  # routing notes are data too
    assert "Badan pengawas ditentukan menurut tanggal" not in html
    check = client.get(reverse("rules:self_check"), {"q": "mencoblos di TPS"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Voting (casting your ballot) at the polling station" in check.content.decode()
    crime = client.get(reverse("rules:self_check"), {"q": "jadi timses caleg"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "taking part as an executor or member of an election campaign team is forbidden" in (
        crime.content.decode()
    )


def test_self_check_shows_both_stages_when_no_election_is_chosen(client):
    response = client.get(reverse("rules:self_check"), {"q": "boleh tidak saya like postingan calon bupati?"})

    html = response.content.decode()
    assert response.context["result"].matches[0].conduct.code == "medsos-interaksi"
    assert "KE-4" in html
    assert "D-6" in html
    assert "Pernyataan secara tertutup" in html  # moral sanction before determination
    assert "Penurunan jabatan setingkat lebih rendah selama 12 bulan" in html  # after determination
    assert "Pilih pemilihan" in html


def test_self_check_with_election_and_date_shows_the_applicable_stage(client, pilkada_2024):
    response = client.get(
        reverse("rules:self_check"),
        {
            "q": "boleh tidak saya like postingan calon bupati?",
            "election": pilkada_2024.code,
            "date": "2024-09-01",
            "employment_type": "pns",
        },
    )

    classification = response.context["result"].matches[0].classification
    assert classification.applicable.codes == ("KE-4",)
    html = response.content.decode()
    assert "sebelum penetapan calon (22 Sep 2024)" in html
    assert "Bagaimana bila tahapnya berbeda?" in html  # the other stage, folded (no JavaScript needed)
    assert f'<option value="{pilkada_2024.code}" selected>' in html  # the form keeps the choice


def test_self_check_pppk_gets_pppk_sanctions(client):
    response = client.get(
        reverse("rules:self_check"), {"q": "saya jadi anggota partai", "employment_type": "pppk"}
    )
    assert "Pemutusan hubungan perjanjian kerja tidak dengan hormat" in response.content.decode()


@pytest.mark.parametrize(
    ("q", "message"), [("", "Ceritakan kegiatan Anda terlebih dahulu"), ("a", "Uraian terlalu pendek")]
)
def test_self_check_empty_or_short_text_shows_an_indonesian_error(client, q, message):
    html = client.get(reverse("rules:self_check"), {"q": q}).content.decode()

    assert message in html
    assert 'role="alert"' in html
    assert 'class="result"' not in html


def test_self_check_without_a_match_says_so_and_links_the_rulebook(client):
    html = client.get(reverse("rules:self_check"), {"q": "saya makan siang"}).content.decode()

    assert "Tidak ditemukan bentuk pelanggaran netralitas" in html
    assert 'href="/aturan/"' in html
    assert 'class="result"' not in html


def test_self_check_bad_date_is_a_form_error_not_a_crash(client):
    response = client.get(reverse("rules:self_check"), {"q": "like postingan calon", "date": "kemarin"})

    assert response.status_code == 200
    assert response.context["result"] is None
    assert response.context["form"].errors["date"]

"""What happens next, in plain words with dates in the office's zone: shown on the receipt (page, PDF and
API) and on the status page. One place, so the three never disagree (issue 14 item 4).

The law behind each step (docs/domain/reporting.md, /shared/domain/REGULATIONS.md §3):
- a laporan is filed ≤ 7 days after the violation became known (UU 7/2017 Ps. 454 ayat (6), UU 10/2016
  Ps. 134 ayat (4)); the window is statutory and nobody can extend it;
- kajian awal, then the reporter is told what is missing 1 day after it and has the completion window
  to complete, else the report is not registered (Perbawaslu 7/2022);
- a registered report is decided within the follow-up clock (UU 7/2017 Ps. 454 ayat (7)–(8));
- an informasi awal has no reporter's name and address, so it is never registered as a laporan
  (Ps. 454 ayat (4)); supervisors may make it a temuan ≤ 7 days after discovery (Ps. 454 ayat (5)).
"""

import copy
import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from netra.agencies.models import Agency
from netra.clocks.selectors import RuleNotFoundError, deadline_for, deadline_rule_get
from netra.intake.models import Report, ReportKind, ReportStatus
from netra.regions.timezones import WIB, in_office_tz

FIXABLE_LATER = {"late", "deadline_unknown"}  # not something the reporter can complete


@dataclass(frozen=True)
class NextStep:
    title: str
    text: str
    basis: str = ""
    done: bool = False


def _due(kind: str, start: dt.datetime | None, report: Report) -> dt.datetime | None:
    if start is None:
        return None
    try:
        return deadline_for(kind, start, report.election, report.office).due_at
    except RuleNotFoundError:
        return None


def _amount(kind: str, report: Report) -> int | None:
    try:
        return deadline_rule_get(
            kind=kind, election_kind=report.election.kind if report.election else ""
        ).amount
    except RuleNotFoundError:
        return None


def _when(value: dt.datetime | None, report: Report) -> str:
    return in_office_tz(value, getattr(report.office, "timezone", None) or WIB)


def _office(report: Report) -> str:
    return report.office.name if report.office else _("Bawaslu")


def _review_step(report: Report, review_due: dt.datetime | None) -> NextStep:
    text = _("%(office)s memeriksa apakah laporan memenuhi syarat formal dan materiel (kajian awal).") % {
        "office": _office(report)
    }
    if review_due:
        text += " " + _("Paling lambat %(when)s.") % {"when": _when(review_due, report)}
    return NextStep(
        _("Kajian awal"),
        text,
        "Perbawaslu 7/2022",
        done=report.status != ReportStatus.RECEIVED and report.status != ReportStatus.INCOMPLETE,
    )


def _completion_step(report: Report, review_due: dt.datetime | None) -> NextStep | None:
    fixable = [m for m in report.missing if m.get("code") not in FIXABLE_LATER]
    if not fixable:
        return None
    notice_due = _due("completion_notice", review_due, report)
    days = _amount("completion_window", report)
    text = _(
        "Ada %(n)s syarat yang belum lengkap (lihat daftar). Lengkapi sekarang juga di halaman Cek laporan: "
        "kirim pesan atau tambah bukti."
    ) % {"n": len(fixable)}
    if notice_due:
        text += " " + _("Petugas memberi tahu kekurangan yang tersisa paling lambat %(when)s.") % {
            "when": _when(notice_due, report)
        }
    if days:
        text += " " + _(
            "Sejak pemberitahuan itu Anda punya %(days)s hari untuk melengkapinya; bila tidak dilengkapi, "
            "laporan tidak diregistrasi."
        ) % {"days": days}
    return NextStep(_("Melengkapi syarat"), text, "Perbawaslu 7/2022")


def _late_step(report: Report) -> NextStep | None:
    if report.is_timely is not False:
        return None
    text = _(
        "Batas penyampaian laporan berakhir %(due)s. Batas ini ditetapkan undang-undang dan tidak dapat "
        "diperpanjang; melengkapi syarat lain tidak mengubahnya. Laporan Anda tetap tersimpan dan dibaca "
        "pengawas, yang dapat menjadikannya informasi awal untuk temuan. Anda tidak perlu mengirim ulang."
    ) % {"due": _when(report.filing_deadline, report)}
    return NextStep(
        _("Terlambat disampaikan"), text, "UU 7/2017 Pasal 454 ayat (5)–(6); UU 10/2016 Pasal 134"
    )


def _no_election_step(report: Report) -> NextStep | None:
    """Issue 10 item 7: a report about a region and day with no election running in Netra's election data
    is told so, not silently routed (the office still reads it and decides where it belongs).

    Basis: election supervisors receive reports "pada setiap tahapan penyelenggaraan Pemilihan" (UU 1/2015
    Pasal 134 ayat (1), read in the validated text of Perpu 1/2014) and supervise the stages of the Pemilu
    (UU 7/2017 Pasal 93); outside any stage the matter is the civil-service oversight's alone."""
    if report.election_id is not None or report.incident_region_id is None:
        return None
    tz = zoneinfo.ZoneInfo(getattr(report.office, "timezone", None) or WIB)
    on = report.incident_date or report.known_date or report.received_at.astimezone(tz).date()
    text = _(
        "Menurut data pemilihan Netra, tidak ada Pemilu atau Pilkada yang tahapannya berlangsung di %(region)s "
        "pada %(date)s. Laporan Anda tetap diterima dan dibaca %(office)s. Bila kejadiannya tidak terkait "
        "pemilihan, pengawas pemilu tidak berwenang memutusnya: pelanggaran netralitas ASN di luar tahapan "
        "pemilihan dapat Anda sampaikan kepada BKN atau instansi tempat ASN tersebut bekerja."
    ) % {
        "region": report.incident_region.name,
        "date": date_format(on, "j F Y"),
        "office": _office(report),
    }
    return NextStep(
        _("Tidak ada pemilihan di wilayah dan tanggal ini"),
        text,
        "UU 7/2017 Pasal 93; UU 1/2015 Pasal 134 ayat (1)",
    )


def _decision_step(report: Report) -> NextStep:
    days, extended = _amount("follow_up", report), _amount("follow_up_extended", report)
    if days and extended:
        text = _(
            "Laporan yang diregistrasi ditangani: Anda, terlapor dan saksi dapat diundang klarifikasi, lalu "
            "pengawas memutuskan dalam rapat pleno paling lama %(days)s hari setelah registrasi (paling lama "
            "%(extended)s hari bila perlu keterangan tambahan)."
        ) % {"days": days, "extended": extended}
    else:
        text = _(
            "Laporan yang diregistrasi ditangani: Anda, terlapor dan saksi dapat diundang klarifikasi, lalu "
            "pengawas memutuskan dalam rapat pleno."
        )
    done = report.status in (ReportStatus.FORWARDED, ReportStatus.CLOSED)
    return NextStep(_("Registrasi, klarifikasi dan putusan"), text, "UU 7/2017 Pasal 454 ayat (7)–(8)", done)


def _tip_steps(report: Report) -> list[NextStep]:
    received = report.counted_received_at or report.received_at
    finding_due = _due("finding_window", received, report)
    assess = _(
        "Informasi awal tidak diregistrasi sebagai laporan, karena laporan resmi wajib memuat nama dan alamat "
        "pelapor. %(office)s menilainya dan dapat menjadikannya temuan pengawas."
    ) % {"office": _office(report)}
    if finding_due:
        assess += " " + _(
            "Temuan ditetapkan paling lama 7 hari sejak ditemukan; dihitung sejak informasi ini diterima, paling lambat %(when)s."
        ) % {"when": _when(finding_due, report)}
    steps = [
        NextStep(_("Penilaian oleh pengawas"), assess, "UU 7/2017 Pasal 454 ayat (4)–(5)"),
        NextStep(
            _("Tidak ada yang wajib Anda lengkapi"),
            _(
                "Anda tidak perlu melengkapi apa pun. Bila petugas bertanya, pertanyaannya muncul di halaman "
                "Cek laporan; di sana Anda juga dapat menambah bukti. Anda tidak diberi tahu hasilnya secara "
                "pribadi karena pengirimnya anonim."
            ),
        ),
    ]
    filing_due = None
    if report.known_date and report.election:
        tz = zoneinfo.ZoneInfo(getattr(report.office, "timezone", None) or WIB)
        start = dt.datetime.combine(report.known_date, dt.time(12, 0), tzinfo=tz)
        filing_due = _due("filing_window", start, report)
    formal = _(
        "Bila Anda bersedia menyebutkan nama dan alamat (tetap dirahasiakan), kirim laporan resmi paling lambat "
        "7 hari sejak Anda mengetahui kejadiannya."
    )
    if filing_due:
        formal += " " + _("Untuk kejadian ini: paling lambat %(when)s.") % {"when": _when(filing_due, report)}
    steps.append(NextStep(_("Ingin menjadi pelapor resmi?"), formal, "UU 7/2017 Pasal 454 ayat (6)"))
    return steps


def next_steps_for(*, report: Report, office: Agency | None = None) -> list[NextStep]:
    """The steps ahead for this report or tip, in order, each with its date when the law gives one.
    `office`: the office handling it now (the case's, once there is one); default the receiving one."""
    if office is not None and office != report.office:
        report = copy.copy(report)  # the steps speak of (and count in the zone of) the handling office
        report.office = office
    if report.kind == ReportKind.TIP:
        return _tip_steps(report)
    received = report.counted_received_at or report.received_at
    review_due = _due("initial_review", received, report)
    steps = [s for s in (_no_election_step(report), _late_step(report)) if s]
    steps.append(_review_step(report, review_due))
    completion = _completion_step(report, review_due)
    if completion:
        steps.append(completion)
    steps.append(_decision_step(report))
    steps.append(
        NextStep(
            _("Mengikuti laporan"),
            _(
                "Setiap perubahan status dan setiap pesan petugas muncul di halaman Cek laporan dengan kode tanda terima."
            ),
        )
    )
    return steps

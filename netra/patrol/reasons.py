"""What each kind of screening reason means, in the reviewer's language.

The engine (`netra.patrol.screening`) is pure Python and speaks in stable codes ("stance", "question",
…) that are stored with every item and returned by the API; the review page shows these words instead,
with the code kept beside them for whoever compares with the API. An unknown code (a newer engine)
shows as itself rather than failing.
"""

from django.utils.translation import gettext_lazy as _

REASON_KIND_LABELS = {
    # Who the post is about (a contestant's term found in the text)
    "name": _("nama calon"),
    "nickname": _("nama panggilan calon"),
    "party": _("partai pengusung"),
    "tagline": _("tagline atau slogan kampanye"),
    "gesture": _("gestur atau simbol kampanye"),
    "hashtag": _("tagar kampanye"),
    "handle": _("akun calon atau tim kampanye"),
    "number": _("nomor urut dalam konteks pemilihan"),
    # What the post says about them
    "call_to_vote": _("ajakan memilih"),
    "stance": _("pernyataan dukungan"),
    "criticism": _("kritik"),
    "sarcasm": _("sindiran"),
    "news": _("gaya pemberitaan"),
    "negation": _("penyangkalan"),
    "except": _("pengecualian"),
    "idiom": _("ungkapan sehari-hari (bukan dukungan)"),
    "question": _("pertanyaan"),
    "neutrality": _("pernyataan netral"),
    "model": _("penilaian model bahasa"),
}


def reasons_for_display(reasons: list[dict]) -> list[dict]:
    """The stored reasons with their label added (the stored list is not changed)."""
    return [{**r, "label": REASON_KIND_LABELS.get(r.get("kind", ""), r.get("kind", ""))} for r in reasons]

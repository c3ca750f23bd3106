"""The forms after submission: the reporter opens the report with the receipt, writes to the office and
adds evidence; an officer states why a reporter's identity is opened. The submission forms themselves
are in `netra.intake.forms`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from netra.intake.form_fields import LinksMixin, MultipleFileField


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=_("Kode tanda terima"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "placeholder": "XXXX-XXXX-XXXX-XXXX-XXXX",
            }
        ),
        error_messages={"required": _("Masukkan kode tanda terima Anda.")},
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Pesan"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Pesan tidak boleh kosong.")},
    )


class EvidenceForm(LinksMixin, forms.Form):
    files = MultipleFileField(label=_("Berkas bukti"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_link_fields()


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan membuka identitas"),
        max_length=2000,
        help_text=_(
            "Wajib. Alasan ini dicatat dalam jejak audit, dan pelapor diberi tahu bahwa identitasnya dibuka."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tuliskan alasan membuka identitas.")},
    )

"""Forms of the patrol pages: they check shape; the services apply the rules (errors land on fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from netra.evidence.models import Platform
from netra.patrol.models import CaptureSource, EstablishedHow

LINES_HELP = _("Satu per baris.")


class CaptureForm(forms.Form):
    url = forms.CharField(label=_("Tautan unggahan"), max_length=2000)
    region_code = forms.CharField(label=_("Kode wilayah"), max_length=13, help_text=_("Mis. 64.71"))
    election_code = forms.CharField(label=_("Kode pemilihan"), max_length=60, required=False)
    source = forms.ChoiceField(
        label=_("Sumber"), choices=CaptureSource.choices, initial=CaptureSource.OFFICER
    )
    author_handle = forms.CharField(label=_("Akun pengunggah"), max_length=100, required=False)
    text = forms.CharField(label=_("Teks unggahan"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    posted_at = forms.DateTimeField(label=_("Diunggah pada"), required=False)
    file = forms.FileField(label=_("Tangkapan layar atau halaman tersimpan"), required=False)


class LoadForm(forms.Form):
    file = forms.FileField(label=_("Berkas ekspor (.csv atau .jsonl)"))
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    region_code = forms.CharField(label=_("Kode wilayah"), max_length=13)
    election_code = forms.CharField(label=_("Kode pemilihan"), max_length=60, required=False)


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("Alasan diabaikan"), widget=forms.Textarea(attrs={"rows": 2}))


class FindingForm(forms.Form):
    description = forms.CharField(label=_("Uraian temuan"), widget=forms.Textarea(attrs={"rows": 4}))
    found_date = forms.DateField(label=_("Tanggal diketahui"), required=False)


class AsnAccountForm(forms.Form):
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    handle = forms.CharField(label=_("Nama akun"), max_length=100)
    url = forms.URLField(label=_("Tautan profil"), max_length=500, required=False, assume_scheme="https")
    name = forms.CharField(label=_("Nama ASN"), max_length=200)
    nip = forms.CharField(label=_("NIP"), max_length=18, required=False)
    agency_name = forms.CharField(label=_("Instansi"), max_length=200, required=False)
    position = forms.CharField(label=_("Jabatan"), max_length=200, required=False)
    established_how = forms.ChoiceField(label=_("Cara diketahui"), choices=EstablishedHow.choices)
    basis = forms.CharField(label=_("Dasar"), widget=forms.Textarea(attrs={"rows": 2}))
    region_code = forms.CharField(label=_("Kode wilayah"), max_length=13)


class ProfileForm(forms.Form):
    nicknames = forms.CharField(
        label=_("Nama panggilan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=LINES_HELP,
    )
    taglines = forms.CharField(
        label=_("Tagline"), widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text=LINES_HELP
    )
    slogans = forms.CharField(
        label=_("Slogan"), widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text=LINES_HELP
    )
    hashtags = forms.CharField(
        label=_("Tagar"), widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text=LINES_HELP
    )
    gestures = forms.CharField(
        label=_("Kode gestur"), widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text=LINES_HELP
    )

    def lines(self, name: str) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.cleaned_data[name].splitlines() if line.strip())


class ContestantAccountForm(forms.Form):
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    handle = forms.CharField(label=_("Nama akun"), max_length=100)
    url = forms.URLField(label=_("Tautan profil"), max_length=500, required=False, assume_scheme="https")
    role = forms.ChoiceField(
        label=_("Jenis akun"), choices=[("official", _("Akun resmi")), ("campaign", _("Akun tim kampanye"))]
    )


class RegistryFileForm(forms.Form):
    file = forms.FileField(label=_("Berkas registri (.json, .yaml)"))

"""The dashboard's filter form: checks the shape of what was typed in the address bar or the form;
the selectors apply it (an invalid value is shown as a field error, never a 500)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from netra.analytics.models import Stage
from netra.analytics.selectors import StatsFilter

REGION_CODE = r"^(\d{2}(\.\d{2}(\.\d{2})?)?)?$"


class StatsFilterForm(forms.Form):
    election_code = forms.CharField(label=_("Pemilihan"), required=False, max_length=60)
    date_from = forms.DateField(label=_("Diterima sejak"), required=False)
    date_to = forms.DateField(label=_("Diterima sampai"), required=False)
    region_code = forms.RegexField(
        label=_("Kode wilayah (provinsi/kab/kota)"),
        regex=REGION_CODE,
        required=False,
        error_messages={"invalid": _("Kode wilayah seperti 64 atau 64.71.")},
    )
    agency_id = forms.IntegerField(label=_("Instansi"), required=False, min_value=1)
    violation_code = forms.CharField(label=_("Kode pelanggaran"), required=False, max_length=12)
    position_category = forms.CharField(label=_("Jabatan"), required=False, max_length=20)
    employment_type = forms.CharField(label=_("Jenis kepegawaian"), required=False, max_length=20)
    stage = forms.ChoiceField(label=_("Tahap"), required=False, choices=[("", "—"), *Stage.choices])

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data

    def filters(self) -> StatsFilter:
        """The valid filters (an invalid form filters nothing)."""
        if not self.is_valid():
            return StatsFilter()
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        return StatsFilter(**data)

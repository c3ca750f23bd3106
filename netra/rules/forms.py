"""The self-check form (GET, works without JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from netra.elections.selectors import election_list
from netra.rules.models import EmploymentType


class SelfCheckForm(forms.Form):
    q = forms.CharField(
        label=_("Ceritakan kegiatan Anda"),
        required=False,  # an empty text gets the self-check's own, friendlier message
        max_length=2000,
        widget=forms.Textarea(
            attrs={
                "rows": 4,
                "placeholder": _("Contoh: boleh tidak saya menyukai unggahan calon bupati di Instagram?"),
            }
        ),
    )
    election = forms.ModelChoiceField(
        label=_("Pemilihan (opsional)"),
        queryset=election_list(),
        to_field_name="code",
        required=False,
        empty_label=_("— tidak tahu / tidak dipilih —"),
    )
    date = forms.DateField(
        label=_("Tanggal kegiatan (opsional)"),
        required=False,
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    employment_type = forms.ChoiceField(
        label=_("Status kepegawaian"),
        choices=EmploymentType.choices,
        required=False,
        initial=EmploymentType.PNS,
        widget=forms.RadioSelect,
    )

    def clean_employment_type(self) -> str:
        return self.cleaned_data.get("employment_type") or EmploymentType.PNS

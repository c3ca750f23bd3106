"""The public reporting forms: Formulir Model B.1 (laporan) and the anonymous informasi awal, with their
repeated parts (terlapor, saksi). All work without JavaScript. The follow-up forms (receipt, message,
evidence, reveal) are in `netra.intake.forms_followup`; the shared inputs in `netra.intake.form_fields`.

Forms only parse and check the *shape* of the input (a NIK has 16 digits, a link is a URL). Whether a
report meets the legal requirements is decided by `intake_submission.report_submit`, which stores incomplete
reports and lists what is missing instead of refusing them; so almost nothing here is required.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from netra.core.exceptions import ApplicationError
from netra.core.identifiers import nip_digits, nip_is_valid
from netra.elections.selectors import election_list
from netra.intake import submission as intake_submission
from netra.intake import validation
from netra.intake.form_fields import LinksMixin, MultipleFileField, date_field
from netra.intake.models import EMPLOYMENT_TYPE_CHOICES, ReportKind
from netra.regions.selectors import region_list

MAX_PERSONS_ON_FORM = 3
MAX_WITNESSES_ON_FORM = 3

_DIGITS = re.compile(r"\D")
_PHONE = re.compile(r"^\+?[\d\s().-]{6,20}$")

# Service error keys (ApplicationError.extra["errors"]) → the form field that shows them.
_SERVICE_FIELDS = {
    "description": "description",
    "incident_region_code": "district",
    "incident_date": "incident_date",
    "known_date": "known_date",
    "election_code": "election",
    "birth_date": "reporter_birth_date",
    "files": "files",
}
# Service error keys shown next to a group of inputs rather than one field.
_SERVICE_GROUPS = {"persons": "persons", "witnesses": "witnesses", "links": "links", "identity": "identity"}


class IncidentForm(LinksMixin, forms.Form):
    """What is common to a laporan and an informasi awal: what, where, when, evidence, links."""

    description = forms.CharField(
        label=_("Uraian kejadian"),
        max_length=20000,
        help_text=_(
            "Ceritakan siapa melakukan apa, kapan dan di mana, dan bagaimana Anda mengetahuinya. "
            "Contoh: Camat X membagikan unggahan kampanye pasangan calon nomor 1 di Facebook."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Ceritakan apa yang terjadi.")},
    )
    province = forms.ChoiceField(label=_("Provinsi"), required=False)
    regency = forms.ChoiceField(
        label=_("Kabupaten/kota"),
        required=False,
        error_messages={
            "invalid_choice": _(
                "Kabupaten/kota ini tidak berada di provinsi yang dipilih. Pilih lagi setelah menekan "
                "“Perbarui pilihan wilayah”."
            )
        },
    )
    district = forms.ChoiceField(
        label=_("Kecamatan"),
        required=False,
        error_messages={
            "invalid_choice": _(
                "Kecamatan ini tidak berada di kabupaten/kota yang dipilih. Pilih lagi setelah menekan "
                "“Perbarui pilihan wilayah”."
            )
        },
    )
    incident_place = forms.CharField(
        label=_("Tempat kejadian"),
        required=False,
        max_length=300,
        help_text=_("Nama tempat, alamat, atau akun/grup media sosial tempat kejadian."),
    )
    incident_date = date_field(_("Tanggal kejadian"))
    known_date = date_field(
        _("Tanggal Anda mengetahuinya"),
        _("Laporan resmi harus disampaikan paling lambat 7 hari sejak kejadian diketahui."),
    )
    election = forms.ModelChoiceField(
        label=_("Pemilu/Pilkada yang terkait (jika tahu)"),
        queryset=election_list(),
        to_field_name="code",
        required=False,
        empty_label=_("— tidak tahu —"),
    )
    files = MultipleFileField(
        label=_("Berkas bukti"),
        help_text=_("Foto, tangkapan layar, video, rekaman suara atau dokumen. Boleh lebih dari satu."),
    )
    # Spam trap: hidden from people (off-screen, not focusable); bots fill every input.
    website = forms.CharField(
        label=_("Jangan diisi"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_link_fields()
        self._region_choices()

    def _value(self, name: str) -> str:
        source = self.data if self.is_bound else self.initial
        return (source.get(self.add_prefix(name) if self.is_bound else name) or "").strip()

    def _region_choices(self) -> None:
        """Kab/kota options follow the chosen province and kecamatan options the chosen kab/kota, so the
        picker works without JavaScript ("Perbarui pilihan wilayah" re-renders it)."""
        empty = [("", _("— pilih —"))]
        province = self._value("province")
        regency = self._value("regency")
        self.fields["province"].choices = empty + [(r.code, r.name) for r in region_list(level=1)]
        regencies = region_list(parent_code=province) if province else []
        self.fields["regency"].choices = empty + [(r.code, r.name) for r in regencies]
        districts = region_list(parent_code=regency) if regency.startswith(f"{province}.") else []
        self.fields["district"].choices = empty + [(r.code, r.name) for r in districts]

    def clean(self):
        data = super().clean()
        if data.get("regency") and not data.get("province"):
            self.add_error("province", _("Pilih provinsinya juga."))
        return data

    def region_code(self) -> str:
        """The most precise region chosen: kecamatan, else kab/kota, else province."""
        data = self.cleaned_data
        return data.get("district") or data.get("regency") or data.get("province") or ""

    def incident_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "description": data["description"],
            "incident_region_code": self.region_code(),
            "incident_place": data.get("incident_place", ""),
            "incident_date": data.get("incident_date"),
            "known_date": data.get("known_date"),
            "election_code": data["election"].code if data.get("election") else "",
            "links": self.cleaned_links(),
        }


class ReportForm(IncidentForm):
    """Formulir Model B.1 (Perbawaslu 7/2022): a formal laporan, identity confidential by default."""

    reporter_name = forms.CharField(label=_("Nama lengkap"), required=False, max_length=200)
    reporter_nik = forms.CharField(
        label=_("NIK (nomor induk kependudukan)"),
        required=False,
        max_length=32,
        help_text=_("16 angka, tertera di KTP."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    reporter_address = forms.CharField(
        label=_("Alamat"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    reporter_phone = forms.CharField(
        label=_("Nomor telepon/WhatsApp"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    reporter_email = forms.EmailField(
        label=_("Surel (e-mail)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    reporter_birth_place = forms.CharField(label=_("Tempat lahir"), required=False, max_length=100)
    reporter_birth_date = date_field(_("Tanggal lahir"))
    reporter_gender = forms.ChoiceField(
        label=_("Jenis kelamin"),
        required=False,
        choices=[("", _("— tidak diisi —")), ("laki-laki", _("Laki-laki")), ("perempuan", _("Perempuan"))],
    )
    reporter_occupation = forms.CharField(label=_("Pekerjaan"), required=False, max_length=100)
    reporter_nationality = forms.CharField(
        label=_("Kewarganegaraan"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"placeholder": _("Indonesia")}),
    )
    identity_confidential = forms.BooleanField(
        label=_("Rahasiakan identitas saya"), required=False, initial=True
    )
    statement_of_truth = forms.BooleanField(
        label=_(
            "Saya menyatakan bahwa laporan ini benar dan saya bersedia dimintai keterangan oleh pengawas."
        ),
        required=False,
    )
    notify_by_email = forms.BooleanField(
        label=_("Kabari saya lewat surel bila ada pembaruan"),
        help_text=_(
            "Surel hanya berbunyi “ada pembaruan pada laporan Anda” dengan nama kantor Bawaslu, tanpa isi "
            "laporan. Tidak wajib."
        ),
        required=False,
        initial=False,
    )

    IDENTITY_FIELDS = (
        "reporter_name",
        "reporter_nik",
        "reporter_address",
        "reporter_phone",
        "reporter_email",
    )
    OPTIONAL_IDENTITY_FIELDS = (
        "reporter_birth_place",
        "reporter_birth_date",
        "reporter_gender",
        "reporter_occupation",
        "reporter_nationality",
    )

    def clean(self):
        data = super().clean()
        if data.get("notify_by_email") and not (data.get("reporter_email") or "").strip():
            self.add_error("notify_by_email", _("Isi alamat surel Anda agar kami dapat mengabari Anda."))
        return data

    def clean_reporter_nik(self) -> str:
        nik = _DIGITS.sub("", self.cleaned_data["reporter_nik"])
        if nik and len(nik) != 16:
            raise forms.ValidationError(_("NIK terdiri atas 16 angka."))
        return nik

    def clean_reporter_phone(self) -> str:
        phone = self.cleaned_data["reporter_phone"].strip()
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(_("Tulis nomor telepon dengan angka saja, misalnya 0812 3456 7890."))
        return phone

    def identity(self) -> intake_submission.IdentityIn:
        data = self.cleaned_data
        birth = data.get("reporter_birth_date")
        return intake_submission.IdentityIn(
            name=data["reporter_name"].strip(),
            nik=data["reporter_nik"],
            address=data["reporter_address"].strip(),
            phone=data["reporter_phone"],
            email=data["reporter_email"].strip(),
            birth_place=data["reporter_birth_place"].strip(),
            birth_date=birth.isoformat() if birth else "",
            gender=data["reporter_gender"],
            occupation=data["reporter_occupation"].strip(),
            nationality=data["reporter_nationality"].strip(),
        )

    @property
    def identity_fields(self):
        return [self[name] for name in self.IDENTITY_FIELDS]

    @property
    def optional_identity_fields(self):
        return [self[name] for name in self.OPTIONAL_IDENTITY_FIELDS]

    @property
    def optional_identity_has_errors(self) -> bool:
        return any(self[name].errors for name in self.OPTIONAL_IDENTITY_FIELDS)


class TipForm(IncidentForm):
    """Informasi awal: anonymous, so no identity, no witnesses, no statement of truth."""


class PersonForm(forms.Form):
    """A terlapor as a citizen knows them: a name or a description is enough."""

    name = forms.CharField(
        label=_("Nama atau ciri-ciri"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("Misalnya: Camat Balikpapan Selatan")}),
    )
    nip = forms.CharField(
        label=_("NIP (jika tahu)"),
        required=False,
        max_length=18,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    agency_name = forms.CharField(
        label=_("Instansi/tempat kerja (jika tahu)"), required=False, max_length=200
    )
    position = forms.CharField(label=_("Jabatan (jika tahu)"), required=False, max_length=200)
    employment_type = forms.ChoiceField(
        label=_("Status kepegawaian (jika tahu)"), required=False, choices=EMPLOYMENT_TYPE_CHOICES
    )

    def clean_nip(self) -> str:
        nip = nip_digits(self.cleaned_data["nip"])
        if nip and not nip_is_valid(nip):
            raise forms.ValidationError(_("NIP terdiri atas 18 angka. Kosongkan bila tidak tahu."))
        return nip

    def clean(self):
        data = super().clean()
        filled = any(data.get(f) for f in ("nip", "agency_name", "position", "employment_type"))
        if filled and not (data.get("name") or "").strip():
            self.add_error("name", _("Tuliskan nama atau ciri-ciri orang ini."))
        return data

    def person(self) -> intake_submission.PersonIn | None:
        data = self.cleaned_data
        if not data.get("name", "").strip():
            return None
        return intake_submission.PersonIn(
            name=data["name"].strip(),
            nip=data["nip"],
            agency_name=data["agency_name"].strip(),
            position=data["position"].strip(),
            employment_type=data["employment_type"],
        )


class WitnessForm(forms.Form):
    name = forms.CharField(label=_("Nama saksi"), required=False, max_length=200)
    contact = forms.CharField(label=_("Alamat atau nomor telepon saksi"), required=False, max_length=300)

    def clean(self):
        data = super().clean()
        if (data.get("contact") or "").strip() and not (data.get("name") or "").strip():
            self.add_error("name", _("Tuliskan nama saksi."))
        return data

    def witness(self) -> intake_submission.WitnessIn | None:
        data = self.cleaned_data
        if not data.get("name", "").strip():
            return None
        return intake_submission.WitnessIn(name=data["name"].strip(), contact=data["contact"].strip())


def _unbound_copy(form_class, data, prefix=None):
    """The same form, unbound, showing what was typed (files excepted) without any error messages."""
    bound = form_class(data, prefix=prefix)
    initial = {bf.name: bf.data for bf in bound if not isinstance(bf.field, forms.FileField)}
    return form_class(initial=initial, prefix=prefix)


class SubmissionForms:
    """The main form plus its repeated parts (terlapor, saksi), validated and converted together.

    `refresh=True` re-renders what was typed without validating it (the region picker without
    JavaScript). Files can never be re-rendered: `files_were_sent` lets the page say so.
    """

    def __init__(self, kind: str, data=None, files=None, *, refresh: bool = False):
        self.kind = kind
        self.is_report = kind == ReportKind.LAPORAN
        self.files_were_sent = bool(files and files.getlist("files"))
        self.group_errors: dict[str, str] = {}
        main_class = ReportForm if self.is_report else TipForm
        parts = [(PersonForm, f"terlapor{i}") for i in range(1, MAX_PERSONS_ON_FORM + 1)]
        if self.is_report:
            parts += [(WitnessForm, f"saksi{i}") for i in range(1, MAX_WITNESSES_ON_FORM + 1)]
        if refresh:
            self.main = _unbound_copy(main_class, data)
            built = [_unbound_copy(cls, data, prefix) for cls, prefix in parts]
        else:
            self.main = main_class(data, files)
            built = [cls(data, prefix=prefix) for cls, prefix in parts]
        self.persons = [f for f in built if isinstance(f, PersonForm)]
        self.witnesses = [f for f in built if isinstance(f, WitnessForm)]
        self.honeypot_filled = bool(data and data.get("website", "").strip())

    def is_valid(self) -> bool:
        results = [f.is_valid() for f in (self.main, *self.persons, *self.witnesses)]
        return all(results)

    def submission(self) -> intake_submission.Submission:
        persons = [p for p in (f.person() for f in self.persons) if p]
        fields = self.main.incident_fields()
        if not self.is_report:
            return intake_submission.Submission(kind=ReportKind.TIP, persons=persons, identity=None, **fields)
        return intake_submission.Submission(
            kind=ReportKind.LAPORAN,
            persons=persons,
            witnesses=[w for w in (f.witness() for f in self.witnesses) if w],
            identity=self.main.identity(),
            identity_confidential=self.main.cleaned_data["identity_confidential"],
            statement_of_truth=self.main.cleaned_data["statement_of_truth"],
            notify_by_email=self.main.cleaned_data["notify_by_email"],
            **fields,
        )

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(anchor id, label, message) of every error, in the form's order, for the summary at the top
        of the page that links to each field (without JavaScript, too)."""
        items = [("", "", str(e)) for e in self.main.non_field_errors()]
        for form in (self.main, *self.persons, *self.witnesses):
            for bound in form:
                items += [
                    (bound.id_for_label or bound.auto_id, str(bound.label), str(e)) for e in bound.errors
                ]
        items += [(f"group-{name}", "", message) for name, message in self.group_errors.items()]
        return items

    def check_files(self) -> None:
        """Check the evidence files even when other fields have errors, so that every error shows at once."""
        if self.is_valid() or self.main.has_error("files"):
            return
        problem = validation.files_problem(self.main.files.getlist("files"))
        if problem:
            self.main.add_error("files", problem)

    def files(self) -> list:
        return self.main.cleaned_data.get("files") or []

    def add_service_error(self, exc: ApplicationError) -> None:
        """Show a service's refusal next to the input it is about."""
        errors = exc.extra.get("errors") or {}
        for key, message in errors.items():
            if key in _SERVICE_FIELDS:
                self.main.add_error(_SERVICE_FIELDS[key], message)
            elif key in _SERVICE_GROUPS:
                self.group_errors[_SERVICE_GROUPS[key]] = message
            else:
                self.main.add_error(None, message)
        if errors:
            return
        if exc.code == "invalid-link":
            self.group_errors["links"] = exc.message
        elif self.files_were_sent and exc.code != "retry":
            # evidence_check refuses a file with its own message (type, size, content).
            self.main.add_error("files", exc.message)
        else:
            self.main.add_error(None, exc.message)

"""Inputs the public forms share (`netra.intake.forms`, `netra.intake.forms_followup`): a forgiving date
field, several files in one input, and the separate link inputs. All work without JavaScript."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

MAX_LINKS_ON_FORM = 5
# A hint only: the server sniffs every file (netra.evidence) whatever the browser says.
ACCEPT = "image/*,video/*,audio/*,application/pdf,.doc,.docx,.xls,.xlsx,.odt"

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


def date_field(label, help_text=""):
    return forms.DateField(
        label=label,
        required=False,
        help_text=help_text,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern). Returns a list, possibly empty."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in items]
        if len(cleaned) > settings.NETRA_UPLOAD_MAX_FILES:
            raise forms.ValidationError(
                _("Terlalu banyak berkas (maksimal %(n)s).") % {"n": settings.NETRA_UPLOAD_MAX_FILES}
            )
        return cleaned


class LinksMixin:
    """Up to five links to social-media posts, as separate inputs (easy to paste into on a phone)."""

    def _add_link_fields(self) -> None:
        for i in range(1, MAX_LINKS_ON_FORM + 1):
            self.fields[f"link_{i}"] = forms.URLField(
                label=_("Tautan %(n)s") % {"n": i},
                required=False,
                max_length=2000,
                assume_scheme="https",
                widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
            )

    @property
    def link_fields(self):
        return [self[f"link_{i}"] for i in range(1, MAX_LINKS_ON_FORM + 1)]

    @property
    def extra_links_open(self) -> bool:
        """Show links 2–5 opened when something was typed there (or is wrong)."""
        return any(bf.value() or bf.errors for bf in self.link_fields[1:])

    def cleaned_links(self) -> list[str]:
        return [
            self.cleaned_data[f"link_{i}"]
            for i in range(1, MAX_LINKS_ON_FORM + 1)
            if self.cleaned_data.get(f"link_{i}")
        ]

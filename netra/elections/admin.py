"""Admin for the election reference data. Edits are audited like service writes: the election itself by
`AuditedAdminMixin`, its inline stages, parties and contestants by `save_formset` below. Contestant
inlines are checked with the same rules as `contestant_create` (one race = one office in one region).
"""

from collections import defaultdict

from django import forms
from django.contrib import admin
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin

from netra.audit.admin_mixins import AuditedAdminMixin
from netra.audit.services import audit_record
from netra.core.serialization import instance_snapshot
from netra.elections.models import Contestant, Election, ElectionParty, ElectionStage, Party
from netra.elections.services import ContestantSpec, contestant_problems, race_problems


class ElectionStageInline(admin.TabularInline):
    model = ElectionStage
    extra = 0
    fields = ("kind", "contest", "region", "starts_on", "ends_on", "legal_basis")
    raw_id_fields = ("region",)


class ElectionPartyInline(admin.TabularInline):
    model = ElectionParty
    extra = 0
    autocomplete_fields = ("party",)
    fields = ("ballot_number", "party")


class ContestantFormSet(forms.models.BaseInlineFormSet):
    """Checks each contestant and each race as a whole, as the formset will leave them."""

    def clean(self):
        super().clean()
        election = self.instance
        if election.pk is None or any(self.errors):
            return
        races: dict[tuple, list[ContestantSpec]] = defaultdict(list)
        problems: list[str] = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or (not form.has_changed() and form.instance.pk is None):
                continue
            spec = ContestantSpec(
                office=data.get("office", ""),
                region=data.get("region"),
                ballot_number=data.get("ballot_number"),
                candidate_name=(data.get("candidate_name") or "").strip(),
                running_mate_name=(data.get("running_mate_name") or "").strip(),
                is_empty_box=bool(data.get("is_empty_box")),
            )
            problems += contestant_problems(election=election, spec=spec)
            races[(spec.office, spec.region.code if spec.region else None)].append(spec)
        for specs in races.values():
            problems += race_problems(contestants=specs)
        if problems:
            raise forms.ValidationError(sorted(set(problems)))


class ContestantInline(admin.TabularInline):
    model = Contestant
    formset = ContestantFormSet
    extra = 0
    autocomplete_fields = ("region",)
    fields = ("office", "region", "ballot_number", "candidate_name", "running_mate_name", "is_empty_box")


@admin.register(Election)
class ElectionAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "code", "kind", "voting_day", "is_nationwide", "is_tentative")
    list_filter = ("kind", "is_nationwide", "is_tentative")
    search_fields = ("name", "code")
    autocomplete_fields = ("regions",)
    inlines = (ElectionStageInline, ElectionPartyInline, ContestantInline)

    def save_formset(self, request, form, formset, change):
        """Save inline rows and leave one change-log row per created, changed or deleted row."""
        with transaction.atomic():
            befores = {
                f.instance.pk: instance_snapshot(type(f.instance).objects.get(pk=f.instance.pk))
                for f in formset.forms
                if f.instance.pk and f.has_changed()
            }
            instances = formset.save(commit=False)
            for obj in formset.deleted_objects:
                audit_record(
                    actor=request.user,
                    action=f"{obj._meta.model_name}.delete.admin",
                    instance=obj,
                    before=instance_snapshot(obj),
                )
                obj.delete()
            for obj in instances:
                is_new = obj.pk is None
                obj.save()
                after = instance_snapshot(obj)
                before = befores.get(obj.pk, {})
                changed = {k: v for k, v in after.items() if before.get(k) != v}
                audit_record(
                    actor=request.user,
                    action=f"{obj._meta.model_name}.{'create' if is_new else 'update'}.admin",
                    instance=obj,
                    before={} if is_new else {k: before.get(k) for k in changed},
                    after=after if is_new else changed,
                )
            formset.save_m2m()


@admin.register(Party)
class PartyAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("abbreviation", "name", "code", "is_local")
    list_filter = ("is_local",)
    search_fields = ("name", "abbreviation", "code")

"""Fill the search text of the cases that exist (new changes keep it current: netra.cases.receivers_search)."""

from django.db import migrations


def backfill(apps, schema_editor):
    from netra.cases.services.search import case_search_refresh

    Case = apps.get_model("cases", "Case")
    case_search_refresh(
        case_ids=list(Case.objects.values_list("pk", flat=True)),
        case_model=Case,
        subject_model=apps.get_model("cases", "CaseSubject"),
        link_model=apps.get_model("cases", "CaseReport"),
        person_model=apps.get_model("intake", "ReportedPerson"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_case_search_text"),
        ("intake", "0004_report_status_stages"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]

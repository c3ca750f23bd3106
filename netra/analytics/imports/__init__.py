"""Historical import (issue 11): cases handled before Netra, from CSV/XLSX files, as imported
`SubjectFact` rows (never cases, never clocks).

- `columns`: the one table of columns (name, required, accepted values, parser);
- `reading`: CSV/XLSX → `Table`, the limits, the template;
- `references`: what cells resolve against (regions, elections, the catalogue), loaded once per run;
- `rows`: one row → one fact's values (stage, waiting_since, row_key) or its problems;
- `service`: `import_start` (upload → stored file → task), `import_run` (check all, write all or
  nothing), `import_file` (the command), `import_batches_for` (scoped reads).
A package rather than one module: together they pass the ~500-line mark (CONVENTIONS 1).
"""

from netra.analytics.imports.columns import COLUMNS
from netra.analytics.imports.reading import ImportFileError, Table, table_read, template_bytes
from netra.analytics.imports.service import (
    ImportCheck,
    import_batches_for,
    import_check,
    import_existing,
    import_file,
    import_refusal,
    import_run,
    import_run_stored,
    import_start,
)

__all__ = [
    "COLUMNS",
    "ImportCheck",
    "ImportFileError",
    "Table",
    "import_batches_for",
    "import_check",
    "import_existing",
    "import_file",
    "import_refusal",
    "import_run",
    "import_run_stored",
    "import_start",
    "table_read",
    "template_bytes",
]

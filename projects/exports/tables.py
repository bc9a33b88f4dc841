"""Exports of any django-tables2 table, as shown (filters and sort included), made safe for
spreadsheets: use `SafeTableExport` wherever `django_tables2.export.TableExport` would be used.

    exporter = SafeTableExport("xlsx", table, dataset_kwargs={"title": "Projets"})
    return exporter.response("projets.xlsx")
"""

from django_tables2.export import TableExport

from projects.exports.cells import safe


class SafeTableExport(TableExport):
    """TableExport whose text cells can never start a formula (CSV injection guard)."""

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        rows = [[safe(value) for value in row] for row in dataset]
        del dataset[:]  # keeps the headers
        for row in rows:
            dataset.append(row)
        return dataset

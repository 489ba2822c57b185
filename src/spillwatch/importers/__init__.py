"""Importers of hand-coded event data sets (UCDP GED, ACLED) into ``records.Event``."""

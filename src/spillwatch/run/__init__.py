"""The run around the stages: the stage table per document (``pipeline``), time budgets, executors, and
the phases (``phases.ingest``) every way of running shares."""

"""The run around the stages: time budgets, executors and the phases every runner shares."""

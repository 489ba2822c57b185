"""spillwatch: from raw news to where an armed group's violence is spreading."""

__version__ = "0.1.0"

"""coding stage package."""

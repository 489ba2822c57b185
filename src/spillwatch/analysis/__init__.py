"""analysis stage package."""

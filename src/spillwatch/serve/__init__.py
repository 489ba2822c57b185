"""serve stage package."""

"""Geoparsing: gazetteer, place recognition and resolution, event places, neighbours, map data."""

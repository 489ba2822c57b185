"""Spark: the pipeline over web archives on a cluster (job.py) and the Parquet loader (loader.py)."""

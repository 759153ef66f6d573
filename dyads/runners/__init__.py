"""Runners map the coder over batches of articles (local processes here; Dask later)."""

"""Sources turn inputs into `Article` records, reporting unreadable items as `Problem`s."""
from dyads.sources.files import read_paths
from dyads.sources.problem import Problem

__all__ = ["Problem", "read_paths"]

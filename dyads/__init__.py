"""dyads: offline political event coding (PLOVER 2.0) from news text."""
from dyads.schema import Article, Entity, Event, Location

__all__ = ["Article", "Entity", "Event", "Location"]
__version__ = "0.1.0"

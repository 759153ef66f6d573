"""The NLP pipeline: spaCy model plus dyads components that turn a Doc into event records."""

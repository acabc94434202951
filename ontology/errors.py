"""Domain errors. Library code raises these; the CLI turns them into one clean message."""


class DiplomapError(Exception):
    """Base of every error diplomap reports to a user as a message, not a traceback."""


class InputError(DiplomapError):
    """A document or option that cannot be read as given."""


class StoreError(DiplomapError):
    """The graph store cannot be opened, read or written."""


class QueryError(DiplomapError):
    """A SPARQL query that is malformed or refused."""

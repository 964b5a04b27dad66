"""The one error a document's reading raises."""


class DocumentError(Exception):
    """The file cannot be read as a document; the message says why, in Vietnamese."""

"""Typed errors of the model. The edges (GUI dialogs, CLI stderr) turn them into messages.

Every message is written in Chinese for the end user, so the edge can show ``str(error)`` as is.
"""


class NianbaoError(Exception):
    """Base of every error the model raises on purpose."""


class TemplateError(NianbaoError):
    """A template definition is missing or inconsistent."""


class UnknownTemplate(TemplateError):
    """A template id that this version of Nianbao does not know."""


class InvalidValue(NianbaoError):
    """A value typed or imported does not fit its cell (kind, sign, decimals, size)."""


class NotEditable(NianbaoError):
    """An edit addressed a computed total, a label or a cell that does not exist."""


class ReportFileError(NianbaoError):
    """A report file cannot be read or written."""


class ImportFailed(NianbaoError):
    """An imported file could not be turned into a report; nothing was imported."""


class MissingTitle(ImportFailed):
    """The tables were found but not the agency and year; the caller may ask for them and retry."""

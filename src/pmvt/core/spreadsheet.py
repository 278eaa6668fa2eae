"""CSV cells that a spreadsheet opens safely (CSV/formula injection, OWASP).

A cell starting with = + - @, a tab or a carriage return is run as a formula by Excel and
LibreOffice. Exports prefix such cells with a quote; imports of our own files remove it.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The text of a cell, neutralised if a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return f"'{text}"
    return text


def unquote_cell(text: str) -> str:
    """Undo safe_cell(): a quote followed by a formula start comes back without the quote."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text

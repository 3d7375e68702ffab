"""The pdf probe: accessibility facts of a PDF's bytes (pypdf), for `document-accessible`.

`inspect_pdf(data)` is pure and never raises: a file that is not a PDF, is cut off, is
corrupt or needs a password gives {"error": ...}, which the engine records as a failed probe
(no finding is made from a PDF that could not be read). A PDF that is only encrypted to
restrict permissions opens with the empty password and is inspected as usual.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from pypdf import PdfReader
from pypdf.generic import BooleanObject, DictionaryObject, PdfObject

# Pages read for text: a scanned PDF has no text on its first pages either.
TEXT_PAGES = 3
# "%%EOF" must be near the end; without it the body was cut off (e.g. by a size cap) and
# objects such as the structure tree may be missing, which would be a false finding.
EOF_WINDOW = 2048
# pypdf logs a warning for every repaired cross-reference table; the result says enough.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def inspect_pdf(data: bytes) -> dict[str, Any]:
    """Facts about a PDF: pages, tagged, struct_tree, lang, title, display_doc_title,
    has_text; or {"error": reason} when it cannot be read."""
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        return {"error": "not a PDF (no %PDF- header)"}
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        return {"error": "truncated PDF (no %%EOF at the end)"}
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return {"error": "encrypted PDF that needs a password"}
        return _facts(reader)
    except Exception as exc:  # pypdf raises many types on damaged files
        return {"error": f"unreadable PDF: {type(exc).__name__}: {exc}"[:300]}


def _facts(reader: PdfReader) -> dict[str, Any]:
    catalog = reader.trailer["/Root"].get_object()
    pages = len(reader.pages)
    if pages == 0:
        return {"error": "PDF without pages"}
    struct_root = _dict(catalog, "/StructTreeRoot")
    lang = _text(catalog.get("/Lang"))
    title = _text((reader.metadata or {}).get("/Title"))
    return {
        "pages": pages,
        "tagged": _true(_dict(catalog, "/MarkInfo"), "/Marked"),
        "struct_tree": struct_root is not None and struct_root.get("/K") is not None,
        "lang": lang or None,
        "title": title or None,
        "display_doc_title": _true(_dict(catalog, "/ViewerPreferences"), "/DisplayDocTitle"),
        "has_text": _has_text(reader, min(pages, TEXT_PAGES)),
    }


def _resolve(value: Any) -> Any:
    return value.get_object() if isinstance(value, PdfObject) else value


def _dict(parent: DictionaryObject, key: str) -> DictionaryObject | None:
    value = _resolve(parent.get(key))
    return value if isinstance(value, DictionaryObject) else None


def _true(parent: DictionaryObject | None, key: str) -> bool:
    """A PDF boolean that is true (pypdf's BooleanObject(False) is truthy itself)."""
    value = _resolve(parent.get(key)) if parent is not None else None
    return isinstance(value, BooleanObject) and value.value


def _text(value: Any) -> str:
    value = _resolve(value)
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return str(value or "").strip()


def _has_text(reader: PdfReader, pages: int) -> bool:
    """Any letter or digit in the text of the first `pages` pages."""
    return any(
        any(ch.isalnum() for ch in reader.pages[i].extract_text() or "") for i in range(pages)
    )

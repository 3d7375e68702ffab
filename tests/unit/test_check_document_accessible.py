import io
import random

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    TextStringObject,
)

from auditor.model import PageSnapshot
from auditor.probes.pdf import inspect_pdf
from auditor.testing import make_page
from checks.accessibility.document_accessible import CHECK

URL = "https://voorbeeld.nl/docs/tarieven.pdf"


def _name_dict(**entries: object) -> DictionaryObject:
    return DictionaryObject({NameObject(f"/{k}"): v for k, v in entries.items()})


def make_pdf(
    *,
    text: str = "Tarieven 2026",
    tagged: bool = False,
    struct_tree: bool | None = None,
    lang: str | None = None,
    title: str | None = None,
) -> bytes:
    """A one-page PDF with Helvetica text (or only a line when `text` is empty)."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = _name_dict(
        Type=NameObject("/Font"), Subtype=NameObject("/Type1"), BaseFont=NameObject("/Helvetica")
    )
    page[NameObject("/Resources")] = _name_dict(Font=_name_dict(F1=font))
    content = DecodedStreamObject()
    content.set_data(
        f"BT /F1 12 Tf 72 770 Td ({text}) Tj ET".encode() if text else b"0 0 m 9 9 l S"
    )
    page.replace_contents(content)
    root = writer.root_object
    if tagged:
        root[NameObject("/MarkInfo")] = _name_dict(Marked=BooleanObject(True))
    if struct_tree if struct_tree is not None else tagged:
        document = _name_dict(Type=NameObject("/StructElem"), S=NameObject("/Document"))
        root[NameObject("/StructTreeRoot")] = _name_dict(
            Type=NameObject("/StructTreeRoot"), K=document
        )
    if lang:
        root[NameObject("/Lang")] = TextStringObject(lang)
    if title:
        writer.add_metadata({"/Title": title})
    return _write(writer)


def _write(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _encrypted(data: bytes, user_password: str, algorithm: str = "RC4-128") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    return _write(writer)


def document(facts: dict) -> PageSnapshot:
    return PageSnapshot(
        url=URL, status=200, content_type="application/pdf", kind="document", probes={"pdf": facts}
    )


ACCESSIBLE = make_pdf(tagged=True, lang="nl-NL", title="Tarieven 2026")


# --- the probe ---------------------------------------------------------------------------


def test_inspect_tagged_pdf():
    assert inspect_pdf(ACCESSIBLE) == {
        "pages": 1,
        "tagged": True,
        "struct_tree": True,
        "lang": "nl-NL",
        "title": "Tarieven 2026",
        "display_doc_title": False,
        "has_text": True,
    }


def test_inspect_untagged_pdf_and_a_scan_without_text():
    facts = inspect_pdf(make_pdf())
    assert facts["tagged"] is False
    assert facts["struct_tree"] is False
    assert facts["lang"] is None
    assert facts["title"] is None
    assert facts["has_text"] is True
    assert inspect_pdf(make_pdf(text=""))["has_text"] is False


def test_marked_false_is_not_tagged():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(ACCESSIBLE)))
    writer.root_object[NameObject("/MarkInfo")] = _name_dict(Marked=BooleanObject(False))
    assert inspect_pdf(_write(writer))["tagged"] is False


def test_unreadable_input_gives_an_error_and_never_raises():
    assert "error" in inspect_pdf(b"")
    assert "error" in inspect_pdf(b"<html>not a pdf</html>")
    assert "truncated" in inspect_pdf(ACCESSIBLE[: len(ACCESSIBLE) // 2])["error"]
    assert "error" in inspect_pdf(b"%PDF-1.7\n" + b"garbage " * 100 + b"\n%%EOF\n")
    noise = random.Random(7)
    for _ in range(50):
        data = bytearray(ACCESSIBLE)
        for _ in range(20):
            data[noise.randrange(len(data))] = noise.randrange(256)
        assert isinstance(inspect_pdf(bytes(data)), dict)


def test_password_protected_pdf_is_an_error_but_permission_only_encryption_is_read():
    assert "password" in inspect_pdf(_encrypted(ACCESSIBLE, "secret"))["error"]
    assert inspect_pdf(_encrypted(ACCESSIBLE, ""))["tagged"] is True


def test_aes_permission_only_encryption_is_read():
    pytest.importorskip("cryptography")
    assert inspect_pdf(_encrypted(ACCESSIBLE, "", "AES-256"))["lang"] == "nl-NL"


# --- the check ---------------------------------------------------------------------------


def test_accessible_pdf_passes():
    assert CHECK.execute(document(inspect_pdf(ACCESSIBLE))) == []


def test_untagged_pdf_without_language_is_one_finding_with_exact_clauses():
    [finding] = CHECK.execute(document(inspect_pdf(make_pdf(title="Folder"))))
    assert finding.url == URL
    assert finding.wcag == ("1.3.1", "3.1.1")
    assert finding.en301549 == ("10.1.3.1", "10.3.1.1")
    assert finding.severity.value == "serious"
    assert finding.legal is True
    assert not finding.needs_review
    assert "not tagged" in finding.message
    assert "no document language" in finding.message
    assert finding.signature == "pdf|untagged,no-lang"


def test_only_missing_language_maps_to_3_1_1():
    facts = inspect_pdf(make_pdf(tagged=True, title="Tarieven"))
    [finding] = CHECK.execute(document(facts))
    assert (finding.wcag, finding.en301549) == (("3.1.1",), ("10.3.1.1",))


def test_invalid_language_tag_is_reported():
    facts = inspect_pdf(make_pdf(tagged=True, title="Tarieven", lang="Nederlands (NL)"))
    [finding] = CHECK.execute(document(facts))
    assert "invalid document language" in finding.message


def test_missing_title_maps_to_document_titled():
    [finding] = CHECK.execute(document(inspect_pdf(make_pdf(tagged=True, lang="nl"))))
    assert (finding.wcag, finding.en301549) == (("2.4.2",), ("10.2.4.2",))
    assert finding.severity.value == "moderate"


def test_scanned_pdf_is_critical_with_non_text_content():
    [finding] = CHECK.execute(document(inspect_pdf(make_pdf(text="", lang="nl", title="Scan"))))
    assert finding.severity.value == "critical"
    assert finding.wcag == ("1.1.1", "1.3.1")
    assert finding.en301549 == ("10.1.1.1", "10.1.3.1")
    assert finding.message.index("no extractable text") < finding.message.index("not tagged")


def test_tagged_scan_without_text_needs_review():
    facts = inspect_pdf(make_pdf(text="", tagged=True, lang="nl", title="Scan"))
    [finding] = CHECK.execute(document(facts))
    assert finding.needs_review
    assert finding.wcag == ("1.1.1",)


def test_structure_tree_without_marked_flag_is_minor_and_claims_no_criterion():
    facts = inspect_pdf(make_pdf(struct_tree=True, lang="nl", title="Tarieven"))
    [finding] = CHECK.execute(document(facts))
    assert finding.wcag == ()
    assert finding.en301549 == ()
    assert finding.severity.value == "moderate"
    assert finding.legal is False


def test_probe_error_or_missing_probe_gives_no_finding():
    assert CHECK.execute(document({"error": "encrypted PDF that needs a password"})) == []
    assert CHECK.execute(document({})) == []
    no_probe = PageSnapshot(url=URL, content_type="application/pdf", kind="document")
    assert CHECK.execute(no_probe) == []


def test_applies_to_documents_only_and_needs_the_pdf_probe():
    assert CHECK.applies(document({}))
    assert not CHECK.applies(make_page("<html lang='nl'><body><p>Hallo</p></body></html>"))
    assert CHECK.needs == ("pdf",)


def test_fingerprint_differs_per_pdf_but_issue_groups_by_problem():
    facts = inspect_pdf(make_pdf())
    [a] = CHECK.execute(document(facts))
    other = PageSnapshot(
        url="https://voorbeeld.nl/docs/folder.pdf",
        kind="document",
        content_type="application/pdf",
        probes={"pdf": facts},
    )
    [b] = CHECK.execute(other)
    assert a.fingerprint != b.fingerprint
    assert a.group_key == b.group_key

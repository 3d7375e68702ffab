"""auditor/terminal.py: page data made harmless for the terminal."""

from __future__ import annotations

import io
import logging

from rich.console import Console
from rich.progress import Progress, TextColumn
from rich.text import Text

from auditor.terminal import SafeFormatter, safe_text


def test_plain_text_and_rich_markup_are_kept_as_they_are() -> None:
    assert safe_text("https://help.example.nl/café") == "https://help.example.nl/café"
    for markup in ("/help/[/]", "[link=http://evil/]x[/link]", "[blink]y[/blink]", "[bold"):
        assert safe_text(markup) == markup


def test_control_characters_become_visible_escapes() -> None:
    assert safe_text("a\x1b[31mred\x1b]8;;http://evil/\x1b\\x") == (
        "a\\x1b[31mred\\x1b]8;;http://evil/\\x1b\\x"
    )
    assert safe_text("csi\x9b31m") == "csi\\x9b31m"
    assert safe_text("del\x7f nul\x00 bell\x07 cr\r nl\n tab\t") == (
        "del\\x7f nul\\x00 bell\\x07 cr\\x0d nl\\x0a tab\\x09"
    )
    assert safe_text("line\u2028para\u2029") == "line\\u2028para\\u2029"
    assert safe_text("lone \ud800") == "lone \\ud800"


def test_bidi_controls_become_visible_escapes() -> None:
    bidi = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    escaped = safe_text(f"/invoice{bidi}fdp.exe")
    assert escaped == "/invoice" + "".join(f"\\u{ord(c):04x}" for c in bidi) + "fdp.exe"
    assert escaped.isascii()


def test_long_text_is_capped_without_cutting_an_escape() -> None:
    assert safe_text("x" * 1000) == "x" * 299 + "…"
    assert len(safe_text("x" * 1000, 60)) == 60
    tail = safe_text("/start/" + "y" * 100 + "/end", 20, keep_end=True)
    assert tail == "…" + "y" * 15 + "/end"
    cut = safe_text("ab" + "\u202e" * 10, 10)  # each escape is 6 characters: one fits
    assert cut == "ab\\u202e…"
    assert safe_text("\u202e" * 10, 10, keep_end=True) == "…\\u202e"
    assert safe_text(42) == "42"


def test_rich_prints_the_result_literally() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system=None, width=200)
    hostile = "/help/[/] [link=http://evil/]x[/link] [blink]b[/blink] \x1b[5m \x9b \u202e"
    console.print(Text(safe_text(hostile)))
    printed = out.getvalue()
    assert "\x1b" not in printed and "\x9b" not in printed and "\u202e" not in printed
    assert "[link=http://evil/]x[/link]" in printed and "/help/[/]" in printed


def test_a_progress_column_without_markup_takes_any_url() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=200)
    with Progress(TextColumn("{task.description}", markup=False), console=console) as bar:
        task = bar.add_task(safe_text("/help/[/]", 60, keep_end=True))
        bar.update(task, description=safe_text("[link=http://evil/]x", 60, keep_end=True))
        bar.refresh()
    assert "\x1b]8;" not in out.getvalue()  # no OSC 8 hyperlink
    assert "[link=http://evil/]x" in out.getvalue()


def test_log_records_are_formatted_safely() -> None:
    record = logging.LogRecord(
        "pypdf", logging.ERROR, __file__, 1, "bad %s", ("\x1b]0;t\x07",), None
    )
    assert SafeFormatter().format(record) == "bad \\x1b]0;t\\x07"

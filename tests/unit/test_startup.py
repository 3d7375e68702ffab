"""The CLI starts lean: what a small audit would pay at every start is loaded on first use."""

from __future__ import annotations

import subprocess
import sys

from checks.language import detect, textstats, warm_up, words


def test_importing_the_cli_loads_neither_nltk_nor_wordfreq() -> None:
    # NLTK: textstat imports it only to find the CMU dictionary, which we supply. wordfreq:
    # imported on first use, off the CLI's deep import stack (its inspect.stack() is slow).
    code = "import sys, auditor.cli; print(sorted({'nltk', 'wordfreq'} & set(sys.modules)))"
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert run.stdout.strip() == "[]"


def test_syllables_still_come_from_the_cmu_dictionary() -> None:
    # by hyphenation rules (pyphen) "area" is one syllable and "real" two; by the CMU
    # dictionary three (EH1 R IY0 AH0) and one (R IY1 L)
    assert textstats.count_syllables("area", "en_US") == 3
    assert textstats.count_syllables("real", "en_US") == 1


def test_warm_up_loads_the_language_data() -> None:
    warm_up()
    assert words.frequencies.cache_info().currsize >= 2  # nl and en
    assert textstats._cmu.cache_info().currsize == 1
    assert detect._detector is not None

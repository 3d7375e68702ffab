"""Pure readability scoring shared by `readability-level` and `hard-sentence`.

Splits text into sentences and words, counts syllables (textstat, cached per word), looks up
word frequencies (wordfreq Zipf values, cached per word), detects passive voice with word
patterns, and scores text with two models:

- **Dutch**: a LiNT-like model. LiNT (Pander Maat, Kleijn & Frissen 2023, *Tijdschrift voor
  Taalbeheersing* 45(1)) predicts comprehension from the mean word frequency of content words,
  the longest syntactic dependency, content words per clause and the share of concrete nouns.
  We keep LiNT's published weights and replace the parser-based features by cheap proxies
  (see `_lint_difficulty`), so a sentence scores in microseconds and without a language model.
- **English**: Flesch reading ease of the whole text with a vocabulary term: every content
  word rarer than `RARE_ZIPF` costs extra, because plain-language rewrites replace rare words
  (remit, arrears, forthwith) that are short and so invisible to syllable counts.

Both give `reading_ease`, higher is easier: for Dutch `100 - LiNT difficulty`, for English the
adjusted Flesch score. Word lists and frequency data are loaded once per process.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from statistics import fmean

from checks.common import sentences
from checks.language import textstats
from checks.language.textstats import count_syllables

SUPPORTED = ("nl", "en")
LOCALES = textstats.TEXTSTAT_LOCALES
RARE_ZIPF = 3.5  # below this a word is rare (wordfreq: restitutie 2.74, fiscaal 3.65)
UNSEEN_ZIPF = 1.36  # what LiNT gives a word its corpus never saw (one count per billion)
LONG_COMPOUND = 15  # Dutch words longer than this (letters) that are also rare
LONG_SENTENCE = {"nl": 20, "en": 25}

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d+(?:[.,:]\d+)*")
_CODE = re.compile(
    r"[{}]|</?\w+[^>]*>|=>|==|!=|\w\(\S*\)|;\s*$|^\s*(?:\$|>>>|#!|//|import\s|def\s)"
)
_NUMBERISH = re.compile(r"[\d€$£%]|^[-–—+x×/]+$")

# fmt: off
_FUNCTION_WORDS = {
    "nl": frozenset((
        "de", "het", "een", "en", "of", "maar", "want", "dus", "dat", "die", "dit", "deze", "wat",
        "wie", "waar", "wanneer", "hoe", "als", "dan", "omdat", "doordat", "zodat", "terwijl",
        "hoewel", "indien", "tenzij", "mits", "om", "te", "tot", "van", "voor", "na", "naar",
        "in", "op", "aan", "bij", "met", "door", "over", "onder", "uit", "tegen", "tussen",
        "zonder", "binnen", "buiten", "langs", "per", "sinds", "vanaf", "tijdens", "rond", "ik",
        "jij", "je", "u", "hij", "zij", "ze", "wij", "we", "jullie", "mij", "me", "hem", "haar",
        "ons", "hen", "hun", "uw", "mijn", "jouw", "zijn", "is", "was", "waren", "ben", "bent",
        "wordt", "worden", "werd", "werden", "word", "heb", "hebt", "heeft", "hebben", "had",
        "hadden", "kan", "kunt", "kunnen", "kon", "konden", "moet", "moeten", "moest", "moesten",
        "mag", "mogen", "mocht", "wil", "wilt", "willen", "wilde", "zal", "zult", "zullen", "zou",
        "zouden", "niet", "geen", "wel", "ook", "nog", "al", "er", "hier", "daar", "zo", "toen",
        "nu", "ja", "nee", "heel", "erg", "meer", "minder", "veel", "weinig", "elke", "ieder",
        "alle", "iets", "niets", "iemand", "niemand", "men", "zich", "zelf", "welke", "waarin",
        "waarbij", "waarvan", "waarop", "waardoor", "hierbij", "hiervan", "daarvan", "daarom",
        "daarna", "eerst", "even", "toch", "alleen", "nooit", "altijd", "vaak", "soms"
    )),
    "en": frozenset((
        "a", "an", "the", "and", "or", "but", "so", "if", "then", "than", "that", "this", "these",
        "those", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "as",
        "because", "while", "although", "though", "unless", "until", "since", "for", "to", "of",
        "in", "on", "at", "by", "with", "from", "into", "onto", "about", "over", "under", "after",
        "before", "between", "without", "within", "through", "during", "against", "per", "i",
        "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "my", "your",
        "his", "its", "our", "their", "mine", "yours", "is", "am", "are", "was", "were", "be",
        "been", "being", "do", "does", "did", "have", "has", "had", "can", "could", "will",
        "would", "shall", "should", "may", "might", "must", "not", "no", "yes", "also", "too",
        "very", "just", "only", "all", "any", "some", "each", "every", "more", "most", "less",
        "many", "much", "other", "such", "there", "here", "now", "up", "down", "out", "off",
        "again", "once", "both", "either", "neither", "nor", "own", "same", "few", "please"
    )),
}
_NL_CLAUSE_WORDS = frozenset((
        "dat", "die", "omdat", "doordat", "zodat", "terwijl", "hoewel", "indien", "tenzij",
        "mits", "als", "wanneer", "nadat", "voordat", "totdat", "zodra", "waardoor", "waarbij",
        "waarin", "waarvan", "waarop", "waarna", "welke", "hetgeen", "en", "maar", "want", "of"
))
# fmt: on
_NL_ABSTRACT_SUFFIXES = ("ing", "heid", "tie", "sie", "isme", "teit", "schap", "nis", "ment")
_PASSIVE_AUX = {
    "nl": frozenset(["wordt", "worden", "werd", "werden", "is", "zijn", "was", "waren"]),
    "en": frozenset(["be", "is", "are", "was", "were", "been", "being", "am"]),
}
_NL_PARTICIPLE = re.compile(r"^(?:\w*ge\w{2,}[dt]|(?:be|ver|ont|her|er)\w{3,}[dt]|\w*ge\w{2,}en)$")
_NL_NOT_PARTICIPLE = re.compile(r"(?:heid|raad|bied|biet|nt|gemeente\w*)$")
_EN_PARTICIPLE = re.compile(
    r"^(?:\w{3,}ed|given|taken|sent|paid|made|held|done|seen|known|told|found|kept|left|"
    r"sold|brought|bought|built|shown|written|chosen|spent|put|set|cut|met|read|withheld)$"
)
_EN_BETWEEN = re.compile(r"^(?:not|also|then|\w+ly)$")


@dataclasses.dataclass(frozen=True)
class Sentence:
    """One sentence with what the models and `hard-sentence` need."""

    text: str
    words: int
    syllables: int
    difficulty: float  # this language's model, 0 (easy) … 100 (hard)
    rarity: float  # summed Zipf shortfall of the rare content words
    rare_words: tuple[str, ...]
    long_compounds: tuple[str, ...]
    passive: bool


@dataclasses.dataclass(frozen=True)
class Analysis:
    """A text scored in one supported language."""

    lang: str
    sentences: tuple[Sentence, ...]
    reading_ease: float  # the language's best measure, higher is easier
    flesch: float  # Flesch reading ease (en) or Flesch-Douma (nl)
    fk_grade: float  # Flesch-Kincaid grade (meaningful for English only)

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sentences)


def scoring_lines(text: str) -> list[str]:
    """The lines worth scoring: no code-like lines, no lines that are mostly numbers."""
    return [line.strip() for line in text.splitlines() if _is_prose(line)]


def _is_prose(line: str) -> bool:
    tokens = line.split()
    if not tokens or _CODE.search(line):
        return False
    numeric = sum(1 for t in tokens if _NUMBERISH.search(t))
    return numeric * 2 < len(tokens) and any(c.isalpha() for c in line)


def split_sentences(text: str) -> list[str]:
    """Sentences of the prose lines; every line (heading, list item, cell) ends one."""
    return sentences("\n".join(scoring_lines(text)))


def tokens(sentence: str) -> list[str]:
    return _WORD.findall(sentence)


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf value (log10 per billion words), cached; unseen words get
    `UNSEEN_ZIPF`; a word with a possessive "'s" as its word. wordfreq is imported on first
    use: importing it walks the import stack (`inspect.stack()`), 0.3-0.5 s under the CLI's
    imports, and nothing on the thread that warms the language data
    (`checks.language.warm_up`)."""
    from wordfreq import zipf_frequency

    if word.endswith(("'s", "’s")):  # a possessive is as common as its word ("Medicare’s")
        word = word[:-2]
    return zipf_frequency(word, lang) or UNSEEN_ZIPF


@lru_cache(maxsize=200_000)
def syllables(word: str, lang: str) -> int:
    return max(1, count_syllables(word, LOCALES[lang]))


def content_words(words: list[str], lang: str) -> list[str]:
    """Lower-cased words that carry meaning: no function words, numbers or names (a
    capitalised word that is not the first, or an acronym)."""
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if word[0].isdigit() or lower in _FUNCTION_WORDS[lang]:
            continue
        if (i > 0 and word[0].isupper()) or (len(word) > 1 and word.isupper()):
            continue
        out.append(lower)
    return out


def is_passive(words: list[str], lang: str) -> bool:
    """Dutch: a form of worden/zijn with a (ge)…d/t or ge…en participle in the sentence.
    English: a form of be followed (at most one adverb between) by a past participle."""
    lower = [w.lower() for w in words]
    aux = [i for i, w in enumerate(lower) if w in _PASSIVE_AUX[lang]]
    if not aux:
        return False
    if lang == "nl":
        return any(
            _NL_PARTICIPLE.match(w) and not _NL_NOT_PARTICIPLE.search(w)
            for i, w in enumerate(lower)
            if i not in aux
        )
    for i in aux:
        rest = lower[i + 1 : i + 3]
        if len(rest) > 1 and _EN_BETWEEN.match(rest[0]):
            rest = rest[1:]
        if rest and _EN_PARTICIPLE.match(rest[0]):
            return True
    return False


def analyse_sentence(text: str, lang: str) -> Sentence | None:
    words = tokens(text)
    if not words:
        return None
    content = content_words(words, lang)
    rare = tuple(dict.fromkeys(w for w in content if zipf(w, lang) < RARE_ZIPF))
    passive = is_passive(words, lang)
    return Sentence(
        text=text,
        words=len(words),
        syllables=sum(syllables(w.lower(), lang) for w in words if not w[0].isdigit())
        + sum(1 for w in words if w[0].isdigit()),
        difficulty=_difficulty(text, words, content, lang),
        rarity=_rarity(content, lang),
        rare_words=rare,
        long_compounds=tuple(w for w in rare if lang == "nl" and len(w) > LONG_COMPOUND),
        passive=passive,
    )


def _difficulty(text: str, words: list[str], content: list[str], lang: str) -> float:
    if lang == "nl":
        return _lint_difficulty(text, words, content)
    return min(100.0, max(0.0, 100.0 - _flesch_plus(words, content)))


def _lint_difficulty(text: str, words: list[str], content: list[str]) -> float:
    """LiNT's formula with its published weights, on proxies for its parser features:

    - word frequency: mean Zipf of the content words (wordfreq; LiNT uses SUBTLEX-NL on the
      same log10-per-billion scale, with the same floor for unseen words);
    - longest dependency: half the sentence length (dependencies grow with length; in
      LiNT-II's sample texts the longest one is about 0.4–0.7 × the words of the sentence);
    - clauses: one plus the conjunctions, relative pronouns and commas that start one;
    - concrete nouns: one minus twice the share of abstract-looking content words
      (-ing, -heid, -tie… nominalisations).
    """
    freq = fmean(zipf(w, "nl") for w in content) if content else 6.0
    lower = [w.lower() for w in words]
    clauses = 1 + sum(1 for w in lower[1:] if w in _NL_CLAUSE_WORDS)
    clauses += 0.5 * len(re.findall(r"[,;]", text))
    abstract = sum(1 for w in content if len(w) > 5 and w.endswith(_NL_ABSTRACT_SUFFIXES))
    concrete = max(0.0, 1.0 - 2.0 * abstract / len(content)) if content else 1.0
    score = (
        3.204
        + 15.845 * freq
        - 1.331 * (0.5 * len(words))
        - 3.829 * (len(content) / clauses)
        + 13.096 * concrete
    )
    return min(100.0, max(0.0, 100.0 - score))


def _flesch_plus(words: list[str], content: list[str]) -> float:
    """Flesch reading ease minus a vocabulary penalty: 15 points per rare content word per
    ten words, scaled by how far below `RARE_ZIPF` it is."""
    n = len(words)
    syll = sum(syllables(w.lower(), "en") for w in words if not w[0].isdigit())
    flesch = 206.835 - 1.015 * n - 84.6 * syll / n
    return flesch - 150.0 * _rarity(content, "en") / max(n, 10)


def _rarity(content: list[str], lang: str) -> float:
    return sum(max(0.0, RARE_ZIPF - zipf(w, lang)) for w in content)


def analyse(text: str, lang: str) -> Analysis | None:
    """Score `text` in `lang`; None when the language is not supported or there is no text."""
    if lang not in SUPPORTED:
        return None
    parsed = tuple(s for s in (analyse_sentence(t, lang) for t in split_sentences(text)) if s)
    if not parsed:
        return None
    words = sum(s.words for s in parsed)
    asl = words / len(parsed)
    asw = sum(s.syllables for s in parsed) / words
    if lang == "nl":
        ease = 100.0 - fmean(s.difficulty for s in parsed)
        flesch = 206.835 - 0.93 * asl - 77.0 * asw
    else:
        flesch = 206.835 - 1.015 * asl - 84.6 * asw
        ease = flesch - 150.0 * sum(s.rarity for s in parsed) / max(words, 10)
    return Analysis(
        lang=lang,
        sentences=parsed,
        reading_ease=round(ease, 1),
        flesch=round(flesch, 1),
        fk_grade=round(0.39 * asl + 11.8 * asw - 15.59, 1),
    )

"""Checks that need more than one field or more than one file.

References to cities and practices (a file's own source keys are checked as it loads); dates in order; the Markdown of
descriptions (no raw HTML, only http(s) links).
"""

import datetime as dt
import difflib
from collections.abc import Iterator

from generator import parallel
from generator.problems import Problem
from generator.reading.load import Corpus, Loaded, LoadedPractice, LoadedTranslation
from generator.schema import evidence, markdown, translated
from generator.schema.model import City, Practice, PracticeTranslation, Source


def _unknown(kind: str, value: str, corpus: Corpus) -> str:
    noun = "city" if kind == "cities" else "practice"
    if (kind, value) in corpus.broken:
        return f"{noun} '{value}' has problems of its own; fix its file first"
    known = sorted(corpus.cities if kind == "cities" else corpus.practices)
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    if close:
        return f"unknown {noun} '{value}'; did you mean '{close[0]}'?"
    if kind == "cities":
        return f"unknown city '{value}'; add practices/cities/{value}.yaml first, or fix the id"
    return f"unknown practice '{value}'; no practice has that id"


def _year(value: dt.date | int) -> float:
    return value if isinstance(value, int) else value.year + (value.timetuple().tm_yday - 0.5) / 366


def _practice(entry: LoadedPractice, corpus: Corpus) -> Iterator[Problem]:
    p: Practice = entry.data

    def at(*loc: str | int) -> tuple[str, int, str]:
        return entry.path, entry.line(loc), ".".join(map(str, loc))

    if p.city not in corpus.cities:
        yield Problem(*at("city"), _unknown("cities", p.city, corpus))
    for i, city in enumerate(p.other_cities):
        if city not in corpus.cities:
            yield Problem(*at("other_cities", i), _unknown("cities", city, corpus))
    for i, city in enumerate(p.transferability.replicated_in):
        if city not in corpus.cities:
            yield Problem(*at("transferability", "replicated_in", i), _unknown("cities", city, corpus))
    for i, other in enumerate(p.related):
        if other == entry.id:
            yield Problem(*at("related", i), "a practice cannot be related to itself; remove it")
        elif other not in corpus.practices:
            yield Problem(*at("related", i), _unknown("practices", other, corpus))
    if p.ended is not None and _year(p.ended) < _year(p.started):
        yield Problem(*at("ended"), f"ends before it started ({p.started}); check both dates")
    for i, funding in enumerate(p.finance.funding if p.finance else []):
        if funding.amount is not None and (funding.currency is None or funding.source is None):
            yield Problem(*at("finance", "funding", i), "an amount needs its currency and source")
    yield from _lineage(entry, corpus)


def _lineage(entry: LoadedPractice, corpus: Corpus) -> Iterator[Problem]:
    """What a case study learned from exists, and a next-wave city's case study names it."""
    p = entry.data
    learned = p.transferability.learned_from
    city = corpus.cities.get(p.city)
    if not learned and city is not None and city.data.membership == "next-wave":
        message = (
            f"{city.data.name} is a next-wave city: say what practice this one copied or adapted, under"
            " transferability.learned_from (practice: <id of a case study here>, or name: <its name>), with the"
            " source and its words that say so"
        )
        yield Problem(entry.path, entry.line(("transferability",)), "transferability.learned_from", message)
    for i, lineage in enumerate(learned):
        loc: tuple[str | int, ...] = ("transferability", "learned_from", i)
        if lineage.practice == entry.id:
            yield Problem(entry.path, entry.line((*loc, "practice")), _dotted(*loc, "practice"),
                          "a practice cannot learn from itself; name the one it copied")  # fmt: skip
        elif lineage.practice is not None and lineage.practice not in corpus.practices:
            message = _unknown("practices", lineage.practice, corpus)
            message += "" if "did you mean" in message else "; or give its name with `name:` instead"
            yield Problem(entry.path, entry.line((*loc, "practice")), _dotted(*loc, "practice"), message)
        if lineage.city is not None and lineage.city not in corpus.cities:
            yield Problem(entry.path, entry.line((*loc, "city")), _dotted(*loc, "city"),
                          _unknown("cities", lineage.city, corpus))  # fmt: skip


def _dotted(*loc: str | int) -> str:
    return ".".join(map(str, loc))


def _gloss_needed(source: Source | None) -> bool:
    return source is not None and source.language is not None and source.language.split("-")[0] != "en"


def _evidence(entry: Loaded[Practice] | Loaded[City]) -> Iterator[Problem]:
    """Each figure's quote states it (unless `derived` says how it is computed), a quote from a source in another
    language has its English gloss, and notes cite sources that exist with `[@key]`, never by a bare key."""
    data = entry.data
    sources = data.sources

    def problem(loc: tuple[str | int, ...], message: str) -> Problem:
        return Problem(entry.path, entry.line(loc), _dotted(*loc), message)

    for figure in evidence.figures(data):
        quote = figure.evidence.quote
        if quote is None:
            yield problem((*figure.loc, "amount"), "an amount needs `quote`: the source's words that state it,"
                          " word for word")  # fmt: skip
            continue
        if figure.evidence.derived is None:
            for name, value in figure.values:
                if not evidence.states(quote, value):
                    found = evidence.written(quote)
                    in_it = f"the numbers in it are {', '.join(found)}" if found else "it has no number"
                    yield problem(
                        (*figure.loc, "quote"),
                        f"does not state the {name} {evidence.shown(value)} ({in_it}); copy the source's words that"
                        f" state it, word for word, or say in `derived` how the figure is computed from them",
                    )
        if figure.evidence.quote_en is None and _gloss_needed(sources.get(figure.source or "")):
            language = sources[figure.source or ""].language
            yield problem((*figure.loc, "quote"), f"the source is in '{language}': add `quote_en`, a short English"
                          " gloss of the quote (the quote itself stays as the source wrote it)")  # fmt: skip
    if isinstance(data, Practice):
        for i, lineage in enumerate(data.transferability.learned_from):
            if lineage.quote_en is None and _gloss_needed(sources.get(lineage.source)):
                yield problem(("transferability", "learned_from", i, "quote"), "the source is not in English: add"
                              " `quote_en`, a short English gloss of the quote")  # fmt: skip
    keys = list(sources)
    for loc, note in evidence.notes(data):
        for key in evidence.cited(note):
            if key not in sources:
                close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
                hint = f"did you mean [@{close[0]}]?" if close else "add it under sources, or fix the key"
                yield problem((*loc, "note"), f"cites [@{key}], which is not under sources; {hint}")
        for key in evidence.bare_keys(note, keys):
            yield problem((*loc, "note"), f"names the source '{key}' as plain text, which readers would see as"
                          f" it is; cite it as [@{key}] (the page shows its number and link)")  # fmt: skip


def _markdown(entry: LoadedPractice | LoadedTranslation, findings: tuple[markdown.Finding, ...]) -> Iterator[Problem]:
    loc = ("description",)
    start = entry.literal_starts.get(loc)
    for finding in findings:
        # inside a literal block (|) lines match the file; otherwise point at the field
        line = start + finding.line if start is not None else entry.line(loc)
        yield Problem(entry.path, line, "description", finding.message)


_checked: dict[str, tuple[markdown.Finding, ...]] = {}
"""Findings by description text: a long-running process (`mkdocs serve`) checks only what changed."""


_evidenced: dict[tuple[str, str], tuple[Problem, ...]] = {}
"""What `_evidence` found in each file, by path and digest of its bytes: `make serve` checks again only the
files that changed (the check depends on the file alone)."""


def _evidence_once(entry: Loaded[Practice] | Loaded[City]) -> tuple[Problem, ...]:
    if not entry.digest:
        return tuple(_evidence(entry))
    key = (entry.path, entry.digest)
    if key not in _evidenced:
        if len(_evidenced) > 100_000:
            _evidenced.clear()
        _evidenced[key] = tuple(_evidence(entry))
    return _evidenced[key]


def _descriptions(corpus: Corpus, jobs: int) -> Iterator[Problem]:
    texts = sorted({p.data.description for p in corpus.practices.values()} - _checked.keys())
    if len(_checked) > 100_000:
        _checked.clear()
    _checked.update(zip(texts, parallel.map_items(lambda t: tuple(markdown.check(t)), texts, jobs), strict=True))
    for practice in corpus.practices.values():
        yield from _markdown(practice, _checked[practice.data.description])


def _translation(entry: LoadedTranslation, corpus: Corpus) -> Iterator[Problem]:
    """A translation against its English file: the file exists beside it and loaded, the translation says
    nothing the English does not, and it was made from the English text as it is now (else: a warning)."""
    english_path = f"practices/{entry.folder}/{entry.id}.yaml"
    english: Practice | City | None
    if entry.kind == "cities":
        city = corpus.cities.get(entry.id)
        english = city.data if city else None
    else:
        practice = corpus.practices.get(entry.id)
        english = practice.data if practice and practice.path == english_path else None
    if english is None:
        if (entry.kind, entry.id) in corpus.broken:
            return  # its English file's own problems are reported: they are the ones to fix
        else:
            elsewhere = corpus.practices.get(entry.id) if entry.kind == "practices" else None
            message = f"no English file {english_path} beside it; a translation sits beside the file it translates"
            if elsewhere is not None:
                message += f": move it beside {elsewhere.path}"
            yield Problem(entry.path, 0, "", message)
        return
    if translated.stale(entry.data, english):
        message = (
            f"stale: {english_path} has changed since this translation was made; update the translation and set"
            f' translation.made_from to "{translated.fingerprint(english)}" (the page shows it with a notice)'
        )
        yield Problem(entry.path, entry.line(("translation", "made_from")), "translation.made_from", message, True)
        return  # what no longer matches the English is expected of a stale translation: shown as English
    for loc, message in translated.mismatches(entry.data, english):
        yield Problem(entry.path, entry.line(loc), ".".join(map(str, loc)), message)


def check(corpus: Corpus, jobs: int = 1) -> list[Problem]:
    """Every cross-field and cross-file problem in the corpus."""
    problems: list[Problem] = list(_descriptions(corpus, jobs))
    every = [*(t for by_lang in corpus.translations.values() for t in by_lang.values()), *corpus.orphans]
    for entry in every:
        problems += _translation(entry, corpus)
        if isinstance(entry.data, PracticeTranslation) and entry.data.description is not None:
            problems += _markdown(entry, tuple(markdown.check(entry.data.description)))
    for city in corpus.cities.values():
        problems += _evidence_once(city)
        for i, target in enumerate(city.data.targets):
            if target.baseline_year is not None and target.baseline_year >= target.target_year:
                problems.append(
                    Problem(
                        city.path, city.line(("targets", i)), f"targets.{i}", "baseline_year must be before target_year"
                    )
                )
    for practice in corpus.practices.values():
        problems += _practice(practice, corpus)
        problems += _evidence_once(practice)
    return problems

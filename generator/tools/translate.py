"""A new translation: `<id>.<lang>.yaml` beside a case study or city profile, with the English text above each
field as a comment and a TODO placeholder to replace (validation refuses a TODO left in).

Only reader-facing text is translated; figures, units, dates, ids and sources stay in the English file.
"""

import json

from generator.schema import translated
from generator.schema.model import City, Practice

TODO = "TODO: translate"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _english(text: str, indent: str = "") -> list[str]:
    lines = text.splitlines() or [""]
    return [f"{indent}# English: {lines[0]}".rstrip(), *(f"{indent}#   {line}".rstrip() for line in lines[1:])]


def _entry(key: str) -> str:
    """One "English": "translation" line; a long key as an explicit key (`? "..."`), which YAML allows past the
    1,024 characters of a plain one."""
    quoted = _q(key)
    return f"  {quoted}: {_q(TODO)}" if len(quoted) < 1000 else f"  ? {quoted}\n  : {_q(TODO)}"


def template(model: Practice | City, english_rel: str, lang: str, language_name: str) -> str:
    """The scaffold of a translation of `model` (the English file `english_rel`) into `lang`."""
    folder_depth = "../.."
    schema = "city-translation" if isinstance(model, City) else "practice-translation"
    out = [
        f"# yaml-language-server: $schema={folder_depth}/schema/{schema}.schema.json",
        f"# {language_name} translation of {english_rel}. Replace each TODO with the translation of the English",
        "# in the comment above it. Translate only: keep every figure, name, date and claim, add none. Figures, units,",
        "# dates and sources come from the English file and are not repeated here.",
        "translation:",
        f'  made_from: "{translated.fingerprint(model)}"  # the English text this translates (see CONTRIBUTING)',
        "  by: TODO  # human (a person translated it) or machine (software did; the page says so)",
        "  # translator: your name or GitHub handle",
        "  # reviewed_by: who checked it against the English",
    ]
    text = translated.english_text(model)
    if isinstance(model, City):
        out += [*_english(model.name), f"name: {_q(TODO)}"]
    else:
        out += [*_english(model.title), f"title: {_q(TODO)}", *_english(model.summary), f"summary: {_q(TODO)}"]
        out += ["# Markdown, as in the English: keep each link's address, translate its text."]
        out += [*_english(model.description), "description: |", f"  {TODO}"]
        for name in ("lessons", "barriers", "preconditions"):
            if text[name]:
                out.append(f"{name}:")
                for item in text[name]:
                    out += [*_english(item, "  "), f"  - {_q(TODO)}"]
        if text["advocacy_ask"]:
            out += [*_english(text["advocacy_ask"]), f"advocacy_ask: {_q(TODO)}"]
        if text["metrics"]:
            out.append('metrics:  # each figure\'s metric: "English": "translation"')
            out += [_entry(metric) for metric in text["metrics"]]
    if text["notes"]:
        out.append('notes:  # each note: "English": "translation"')
        out += [_entry(note) for note in text["notes"]]
    return "\n".join(out) + "\n"

"""Keep the gettext catalogues in step with the code.

``python -m tools.catalogues`` extracts every ``_()``/``N_()`` string from ``src/jejaring``,
adds new ones to ``locale/{id,en}/LC_MESSAGES/jejaring.po`` (English entries translate to
themselves), drops strings the code no longer has, and lists the Indonesian entries still
untranslated. ``--check`` changes nothing and exits 1 when anything is missing or stale.
``--id FILE.json`` first writes the Indonesian translations of a JSON object ``{msgid: msgstr}``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "jejaring"
LOCALE = SOURCE / "locale"
KEYWORDS = {"_": None, "N_": None}


def extracted() -> dict[str, list[tuple[str, int]]]:
    """msgid -> places in the code (file, line)."""
    found: dict[str, list[tuple[str, int]]] = {}
    method_map = [("**.py", "python")]
    for filename, lineno, text, _comments, _context in extract_from_dir(
        str(SOURCE), method_map, keywords=KEYWORDS
    ):
        if isinstance(text, str) and text:
            found.setdefault(text, []).append((filename, lineno))
    return found


def _path(locale: str) -> Path:
    return LOCALE / locale / "LC_MESSAGES" / "jejaring.po"


def load(locale: str) -> Catalog:
    path = _path(locale)
    if not path.exists():
        return Catalog(locale=locale, domain="jejaring", project="Jejaring")
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def problems(messages: dict[str, list[tuple[str, int]]]) -> list[str]:
    """What is wrong with the catalogues for these messages, one line each."""
    found = []
    for locale in ("id", "en"):
        catalog = load(locale)
        known = {m.id: m for m in catalog if m.id}
        for text, places in sorted(messages.items()):
            entry = known.get(text)
            if entry is None or not entry.string or entry.fuzzy:
                file, line = places[0]
                found.append(f"{locale}: untranslated {text!r} ({file}:{line})")
        for stale in sorted(set(known) - set(messages)):
            found.append(f"{locale}: stale {stale!r}")
    return found


def update(
    messages: dict[str, list[tuple[str, int]]], translations: dict[str, str] | None = None
) -> None:
    for locale in ("id", "en"):
        old = {m.id: m.string for m in load(locale) if m.id}
        if locale == "id":
            old |= translations or {}
        catalog = Catalog(locale=locale, domain="jejaring", project="Jejaring", fuzzy=False)
        for text in sorted(messages):
            string = old.get(text) or (text if locale == "en" else "")
            catalog.add(text, string)
        path = _path(locale)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(
                handle, catalog, width=100, omit_header=False, no_location=True, sort_output=True
            )


def main(argv: list[str]) -> int:
    messages = extracted()
    translations = None
    if "--id" in argv:
        translations = json.loads(Path(argv[argv.index("--id") + 1]).read_text("utf-8"))
    if "--check" not in argv:
        update(messages, translations)
    found = problems(messages)
    for line in found:
        print(line)
    print(f"{len(messages)} messages, {len(found)} problems")
    return 1 if found and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

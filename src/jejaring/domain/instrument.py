"""A capability instrument: its version, answer scale, components and items, in two languages.

An instrument is read from a parsed TOML document (``data/instruments/*.toml``) by
``parse_instrument``; the reading of files is done elsewhere, so this module stays pure.
Answers keep the version they were given under: a changed instrument is a new version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from jejaring.domain.errors import N_, InvalidValue

__all__ = ["Component", "Instrument", "Item", "Scale", "parse_instrument"]


@dataclass(frozen=True, slots=True)
class Scale:
    """Answers are the integers ``low..high``, each with a label in both languages."""

    low: int
    high: int
    labels_en: tuple[str, ...]
    labels_id: tuple[str, ...]

    def holds(self, answer: int) -> bool:
        return self.low <= answer <= self.high


@dataclass(frozen=True, slots=True)
class Component:
    """One of the instrument's components (first-order constructs)."""

    key: str
    name_en: str
    name_id: str
    about_en: str
    about_id: str

    def name(self, locale: str) -> str:
        return self.name_id if locale == "id" else self.name_en


@dataclass(frozen=True, slots=True)
class Item:
    """A statement the respondent rates on the scale."""

    id: str
    component: str
    text_en: str
    text_id: str

    def text(self, locale: str) -> str:
        return self.text_id if locale == "id" else self.text_en


@dataclass(frozen=True, slots=True)
class Instrument:
    """A versioned instrument; ``min_answered_share`` is exact (a fraction, not a float)."""

    version: str
    scale: Scale
    components: tuple[Component, ...]
    items: tuple[Item, ...]
    min_answered_share: Fraction

    @property
    def component_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.components)

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.items)

    def items_of(self, component: str) -> tuple[str, ...]:
        return tuple(i.id for i in self.items if i.component == component)

    def component(self, key: str) -> Component:
        for c in self.components:
            if c.key == key:
                return c
        raise InvalidValue(N_("component '{key}' is not in the instrument"), key=key)


def _text(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(N_("instrument: {where}: '{key}' must be a text"), where=where, key=key)
    return value


def parse_instrument(data: Mapping[str, Any]) -> Instrument:
    """The instrument described by a parsed TOML document; InvalidValue names what is wrong."""
    version = _text(data, "version", "header")
    scale = data.get("scale", {})
    low, high = scale.get("min"), scale.get("max")
    if not isinstance(low, int) or not isinstance(high, int) or low >= high:
        raise InvalidValue(N_("instrument: scale: 'min' and 'max' must be integers, min < max"))
    labels = (tuple(scale.get("labels_en", ())), tuple(scale.get("labels_id", ())))
    if any(len(ls) != high - low + 1 for ls in labels):
        raise InvalidValue(N_("instrument: scale: a label is needed for every answer"))
    components = tuple(
        Component(
            _text(c, "key", "components"),
            _text(c, "name_en", "components"),
            _text(c, "name_id", "components"),
            _text(c, "about_en", "components"),
            _text(c, "about_id", "components"),
        )
        for c in data.get("components", ())
    )
    keys = [c.key for c in components]
    items = tuple(
        Item(
            _text(i, "id", "items"),
            _text(i, "component", "items"),
            _text(i, "en", "items"),
            _text(i, "id_text", "items"),
        )
        for i in data.get("items", ())
    )
    ids = [i.id for i in items]
    if not components or len(set(keys)) != len(keys) or len(set(ids)) != len(ids):
        raise InvalidValue(N_("instrument: component keys and item ids must be unique"))
    for item in items:
        if item.component not in keys:
            raise InvalidValue(
                N_("instrument: item '{item}' names an unknown component '{component}'"),
                item=item.id,
                component=item.component,
            )
    if any(not any(i.component == k for i in items) for k in keys):
        raise InvalidValue(N_("instrument: every component needs at least one item"))
    # The share is written as a decimal (0.75); its exact value keeps 3 of 4 items "enough".
    share = Fraction(str(data.get("min_answered_share", 1)))
    if not 0 < share <= 1:
        raise InvalidValue(N_("instrument: 'min_answered_share' must be in (0, 1]"))
    return Instrument(version, Scale(low, high, labels[0], labels[1]), components, items, share)

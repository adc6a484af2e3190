"""Reply rendering: the decided reaction, said in the subject's voice.

A :class:`Renderer` only says what the dynamics decided (what is disclosed, agreed or
refused); it never changes the state. The built-in ``bank`` renderer picks lines from the
scenario's reply bank; a later renderer (a local language model rephrasing the decided
reply in the persona's voice) plugs in through the same protocol.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection
from typing import Protocol

from parley.errors import InputError
from parley.scenario import Lines, Scenario
from parley.subject._dynamics import Decision
from parley.subject._state import SubjectState

_FALLBACK: dict[str, tuple[str, ...]] = {
    "heard": ("vent",),
    "deny": ("blame", "vent"),
    "blame": ("deny", "vent"),
    "test": ("deny", "vent"),
    "demand": ("blame", "vent"),
    "doubt": ("heard", "vent"),
    "bargain": ("doubt", "heard", "vent"),
    "accept_influence": ("doubt", "heard", "vent"),
    "resist_influence": ("deny", "vent"),
    "robotic": ("test", "deny", "vent"),
    "silence": ("heard", "vent"),
    "threatened": ("argued", "blame", "vent"),
    "argued": ("blame", "vent"),
    "why_asked": ("argued", "blame", "vent"),
    "minimized": ("argued", "vent"),
    "judged": ("argued", "vent"),
    "refused": ("demand", "argued", "vent"),
    "promise_heard": ("doubt", "vent"),
    "promise_broken": ("argued", "vent"),
    "hang_up": ("violence",),
    "call_back": ("vent",),
    "release": ("accept_influence", "heard", "vent"),
    "tactical": ("violence",),
    "gain": ("accept_influence", "release", "heard", "vent"),
    "intermediary": ("argued", "threatened", "vent"),
}


_WARM = frozenset({"heard", "accept_influence", "release", "gain", "surrender", "doubt",
                   "bargain", "silence"})
"""Situations a hostile trigger line would contradict."""
_COLD = frozenset({"threatened", "argued", "why_asked", "minimized", "judged", "refused",
                   "promise_broken", "hang_up", "violence", "robotic", "resist_influence",
                   "tactical", "intermediary"})
"""Situations a softening hook line would contradict."""


def band(arousal: float) -> str:
    """Arousal band of the reply bank: ``high`` (65-100), ``mid`` (35-64), ``low`` (0-34)."""
    return "high" if arousal >= 65 else "mid" if arousal >= 35 else "low"


_BAND_ORDER = {"high": ("high", "mid", "low"), "mid": ("mid", "low", "high"),
               "low": ("low", "mid", "high")}


def _candidates(lines: Lines, wanted: str) -> list[str]:
    for b in _BAND_ORDER[wanted]:
        found: list[str] = getattr(lines, b)
        if found:
            return found
    return []


class Renderer(Protocol):
    """Turns a decision into the subject's words."""

    name: str
    """Identifier recorded in sessions, e.g. ``bank``."""

    def __call__(
        self, scenario: Scenario, state: SubjectState, decision: Decision, *,
        rng: random.Random, used: Collection[str],
    ) -> str:
        """Return the reply for ``decision``, given the new ``state``.

        ``used`` holds the replies already said this session, to avoid repeats; ``rng`` is
        seeded by the session so that a seed replays identically.
        """
        ...


class BankRenderer:
    """Picks lines from the scenario's reply bank, by situation and arousal band."""

    name = "bank"

    def _pick(self, options: list[str], rng: random.Random, used: Collection[str]) -> str:
        fresh = [o for o in options if all(o not in said for said in used)]
        return rng.choice(fresh or options)

    def _main(
        self, scenario: Scenario, situation: str, arousal: float, rng: random.Random,
        used: Collection[str],
    ) -> str:
        for name in (situation, *_FALLBACK.get(situation, ("vent",))):
            lines = scenario.replies.get(name)  # type: ignore[call-overload]
            if lines is not None:
                options = _candidates(lines, band(arousal))
                if options:
                    return self._pick(options, rng, used)
        return "[Silence.]"

    def _topic_line(self, scenario: Scenario, decision: Decision, rng: random.Random,
                    used: Collection[str]) -> list[str]:
        """A fresh hook or trigger line that agrees with the reply's mood, if any."""
        if decision.triggers and decision.situation not in _WARM:
            effect = next(t for t in scenario.triggers if t.topic == decision.triggers[0])
        elif decision.hooks and decision.situation not in _COLD:
            effect = next(h for h in scenario.hooks if h.topic == decision.hooks[0])
        else:
            return []
        fresh = [line for line in effect.lines if all(line not in said for said in used)]
        return [rng.choice(fresh)] if fresh else []

    def __call__(
        self, scenario: Scenario, state: SubjectState, decision: Decision, *,
        rng: random.Random, used: Collection[str],
    ) -> str:
        """Compose the reply: event lines, a trigger or hook line, the main line, facts."""
        parts = [e.line for e in decision.events if e.line]
        parts += self._topic_line(scenario, decision, rng, used)
        parts.append(self._main(scenario, decision.situation, state.arousal, rng, used))
        if decision.deadline_set >= 0:
            parts.append(scenario.deadlines[decision.deadline_set].text)
        if decision.gain:
            parts.append(next(g.line for g in scenario.gains if g.id == decision.gain))
        facts = {f.id: f for f in scenario.facts}
        parts.extend(facts[f].line for f in decision.facts)
        return " ".join(p.strip() for p in parts if p.strip())


RENDERERS: dict[str, Callable[[], Renderer]] = {"bank": BankRenderer}
"""The closed set of reply renderers, by name."""


def get_renderer(name: str = "bank") -> Renderer:
    """Return a renderer by name.

    Raises:
        InputError: If ``name`` is not a known renderer.
    """
    try:
        return RENDERERS[name]()
    except KeyError:
        raise InputError(f"unknown renderer '{name}' (known: {', '.join(RENDERERS)})") from None

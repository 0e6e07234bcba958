"""Hypothesis strategies for whole journey maps, as the Python data a YAML file holds.

:func:`journey_maps` draws maps that the model accepts and that use every part of
format 1.0: the format version, teams, touchpoints (on built-in channels and a
workspace's own), evidence with its strength, inline and shared personas, stages with
KPIs (baselines, dates, periods), pain points of a stage and pain points spanning steps,
branches and optional steps, steps with per-persona emotions and detail, every blueprint
lane, durations, fail points and moments of truth, opportunities as work items with
links, and ``x-`` extension keys here and there. Most references point at ids the map
defines, some do not (lint findings, not load errors).
Text comes from the tricky values of the ``cjm fmt`` tests, from a list of hostile
strings, and from arbitrary unicode including control characters.

:func:`to_yaml` writes such data as YAML text; data shared between two places is written
once with an anchor and then as an alias.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

from cjm.lint.registry import RULES
from tests.fmt.test_fmt_properties import texts as fmt_texts

# -- text -------------------------------------------------------------------------------------

HOSTILE_TEXTS = [
    '"',
    "'",
    "\"double\" and 'single' quotes",
    "<script>alert(1)</script>",
    "</textarea><img src=x onerror=alert(1)>",
    "<b>bold</b> &amp; &lt;",
    "]]>",
    "<!-- comment -->",
    "{}",
    "{{ jinja }}",
    "{% raw %}",
    "${HOME} $1 %s %(name)s {0}",
    "|",
    "a | b || c",
    ":",
    "a: b",
    "key: value: more",
    ";",
    "#",
    "# not a comment",
    "a #hash",
    "\\",
    "\\N \\G \\l \\r \\n",
    "<<table>x</table>>",
    "[link](javascript:alert(1))",
    "*emphasis* _under_ `code` ~~strike~~",
    "section evil\n    section evil",
    "title x\njourney",
    "\u202eevil\u202c reversed",
    "مرحبا بالعالم",
    "שלום עולם",
    "日本語のテキストとカタカナ",
    "中文字符 한국어",
    "🚀🔥👩‍👩‍👧‍👦🏳️‍🌈",
    "e\u0301\u0301\u0301 combining",
    "\u200b\u200c\u200d zero width",
    "\x00",
    "nul\x00inside",
    "bell\x07 escape\x1b[31m red",
    "\r\n",
    "line\rreturn",
    "\t",
    "\u2028\u2029",
    "\ufeff",
    "\x7f\x85\x9f",
    "x" * 3000,
    "supercalifragilistic" * 40,
    " ".join(["word"] * 400),
    "-",
    "---",
    "...",
    "null",
    "NaN",
    "-.inf",
    "1e309",
]

# Every character but lone surrogates (which no UTF-8 text can hold).
ANY_CHARACTER = st.characters(exclude_categories=["Cs"])

texts = st.one_of(
    fmt_texts,
    st.sampled_from(HOSTILE_TEXTS),
    st.text(ANY_CHARACTER, min_size=1, max_size=40),
)
"""Non-empty text of every kind: ordinary, tricky for YAML, hostile for the outputs."""

slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)

dates = st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 12, 31))

finite_numbers = st.one_of(
    st.integers(-10_000, 1_000_000),
    st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False),
)

scores = st.integers(-2, 2)

web_links = st.builds(
    lambda scheme, host, path: f"{scheme}://{host}.example.com/{path}",
    st.sampled_from(["http", "https"]),
    slugs,
    slugs,
)

extension_values = st.one_of(
    texts, finite_numbers, st.booleans(), st.none(), st.lists(slugs, max_size=2), dates
)
"""What a team writes under its own ``x-`` keys: anything."""


@st.composite
def periods(draw: st.DrawFn) -> dict[str, Any]:
    """Two days in order (the models refuse a period that ends before it starts)."""
    start, end = sorted([draw(dates), draw(dates)])
    return {"start": start, "end": end}


MAP_TYPES = ["current-state", "future-state", "day-in-the-life", "service-blueprint"]
CHANNELS = [
    "web", "app", "email", "sms", "push", "chat", "phone", "video", "social", "ads", "search",
    "in-store", "in-person", "event", "mail", "print", "packaging", "product", "partner",
    "word-of-mouth", "atm", "kiosk", "branch", "other",
]  # fmt: skip
WORKSPACE_CHANNELS = ["video-call", "courier"]
"""Channels a workspace adds (the model takes any id; resolution checks it)."""
WORKSPACE_SEVERITIES = ["blocker", "annoyance"]
SAMPLE_UNITS = [
    "people", "sessions", "tickets", "responses", "reviews", "accounts", "events", "visits",
]  # fmt: skip
DURATIONS = ["10 min", "10min", "2 h", "1.5 hours", "3 days", "1 day", "2 weeks", "30 s", "45 sec"]
FORMATS = ["1.0", 1.0, 1]
"""How a file may say it is in format 1.0 (as text, or as a number YAML reads)."""
EVIDENCE_KINDS = [
    "interview", "survey", "analytics", "support-tickets", "reviews", "usability-test",
    "observation", "assumption",
]  # fmt: skip
LEVELS = ["low", "medium", "high"]
SEVERITIES = ["low", "medium", "high", "critical"]
OPPORTUNITY_STATUSES = ["idea", "planned", "in-progress", "done", "dropped"]


def compact(**fields: Any) -> dict[str, Any]:
    """The fields that have a value: ``None`` means "leave the key out"."""
    return {key: value for key, value in fields.items() if value is not None}


class Ids:
    """Hands out ids that are unique within one map, and remembers them by kind."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.by_kind: dict[str, list[str]] = {}
        self.count = 0

    def new(self, kind: str) -> str:
        self.count += 1
        made = f"{self.draw(slugs)}-{self.count}"
        self.by_kind.setdefault(kind, []).append(made)
        return made

    def some(self, kind: str, max_size: int = 2) -> list[str]:
        """Ids of ``kind`` defined so far, now and then one that is not (a dangling one)."""
        known = self.by_kind.get(kind, [])
        pool = st.sampled_from(known) if known else slugs
        if self.draw(st.integers(0, 9)) == 0:
            pool = slugs
        return self.draw(st.lists(pool, max_size=max_size, unique=True))

    def one(self, kind: str) -> str | None:
        chosen = self.some(kind, max_size=1)
        return chosen[0] if chosen and self.draw(st.booleans()) else None


class MapDrawer:
    """Draws the parts of one map, sharing one pool of ids among them."""

    def __init__(self, draw: st.DrawFn, loadable: bool = True) -> None:
        self.draw = draw
        self.ids = Ids(draw)
        # A loadable map loads on its own with no error: no channel or severity that only
        # a workspace's vocabulary defines, no persona picture (no file holds one).
        self.channels = CHANNELS if loadable else CHANNELS + WORKSPACE_CHANNELS
        self.severities = SEVERITIES if loadable else SEVERITIES + WORKSPACE_SEVERITIES
        self.images = [] if loadable else ["ann.png", "people/bob.jpg", "missing.svg"]

    def maybe(self, strategy: st.SearchStrategy[Any]) -> Any:
        return self.draw(strategy) if self.draw(st.booleans()) else None

    def extended(self, mapping: dict[str, Any]) -> dict[str, Any]:
        """``mapping``, now and then with a team's own ``x-`` key."""
        if self.draw(st.integers(0, 5)) == 0:
            mapping[f"x-{self.draw(slugs)}"] = self.draw(extension_values)
        return mapping

    def flag(self) -> bool | str | None:
        """A fail point or moment of truth: true, false, text saying why, or none."""
        return self.maybe(st.one_of(st.booleans(), texts))

    def text_list(self, max_size: int = 2) -> list[str] | None:
        return self.draw(st.lists(texts, max_size=max_size)) or None

    def team(self) -> dict[str, Any]:
        return self.extended(
            compact(
                id=self.ids.new("team"),
                name=self.draw(texts),
                description=self.maybe(texts),
                contact=self.maybe(texts),
            )
        )

    def touchpoint(self) -> dict[str, Any]:
        return compact(
            id=self.ids.new("touchpoint"),
            name=self.draw(texts),
            channel=self.draw(st.sampled_from(self.channels)),
            mode=self.maybe(st.sampled_from(["online", "offline"])),
            owner=self.ids.one("team"),
            description=self.maybe(texts),
        )

    def evidence(self) -> dict[str, Any]:
        return compact(
            id=self.ids.new("evidence"),
            kind=self.draw(st.sampled_from(EVIDENCE_KINDS)),
            title=self.draw(texts),
            date=self.maybe(dates),
            period=self.maybe(periods()),
            sample_size=self.maybe(st.integers(1, 100_000)),
            sample_unit=self.maybe(st.sampled_from(SAMPLE_UNITS)),
            confidence=self.maybe(st.sampled_from(LEVELS)),
            quotes=self.text_list(),
            link=self.maybe(texts),
            summary=self.maybe(texts),
        )

    def persona(self) -> str | dict[str, Any]:
        persona_id = self.ids.new("persona")
        if self.draw(st.integers(0, 4)) == 0:
            return persona_id  # a shared persona, defined in no file here
        demographics = self.draw(
            st.dictionaries(st.one_of(slugs, texts), st.one_of(texts, finite_numbers), max_size=3)
        )
        return compact(
            id=persona_id,
            name=self.draw(texts),
            role=self.maybe(texts),
            image=self.maybe(st.sampled_from(self.images)) if self.images else None,
            segment=self.maybe(texts),
            quote=self.maybe(texts),
            demographics=demographics or None,
            goals=self.text_list(),
            frustrations=self.text_list(),
            behaviours=self.text_list(1),
            motivations=self.text_list(1),
            churn_risks=self.text_list(1),
            evidence=self.ids.some("evidence") or None,
        )

    def emotion(self) -> int | dict[str, Any]:
        if self.draw(st.booleans()):
            return self.draw(scores)
        return compact(score=self.draw(scores), label=self.maybe(texts), note=self.maybe(texts))

    def kpi(self) -> dict[str, Any]:
        return self.extended(
            compact(
                id=self.ids.new("kpi"),
                name=self.draw(texts),
                baseline=self.maybe(finite_numbers),
                baseline_date=self.maybe(dates),
                target=self.maybe(finite_numbers),
                target_date=self.maybe(dates),
                actual=self.maybe(finite_numbers),
                actual_date=self.maybe(dates),
                actual_period=self.maybe(periods()),
                unit=self.maybe(texts),
                better=self.maybe(st.sampled_from(["higher", "lower"])),
                source=self.maybe(st.one_of(texts, web_links)),
                evidence=self.ids.some("evidence") or None,
            )
        )

    def pain_point(self) -> dict[str, Any]:
        return compact(
            id=self.ids.new("pain-point"),
            summary=self.draw(texts),
            description=self.maybe(texts),
            severity=self.draw(st.sampled_from(self.severities)),
            owner=self.ids.one("team"),
            status=self.maybe(st.sampled_from(["open", "mitigated", "resolved"])),
            personas=self.ids.some("persona") or None,
            evidence=self.ids.some("evidence") or None,
            # Steps drawn so far, or a dangling id (a lint finding).
            spans=self.ids.some("step") or None,
        )

    def activity(self) -> str | dict[str, Any]:
        if self.draw(st.booleans()):
            return self.draw(texts)
        return compact(action=self.draw(texts), owner=self.ids.one("team"))

    def activities(self) -> list[Any] | None:
        return [self.activity() for _ in range(self.draw(st.integers(0, 2)))] or None

    def persona_detail(self) -> dict[str, Any]:
        return self.extended(
            compact(
                thoughts=self.text_list(1), questions=self.text_list(1), quotes=self.text_list(1)
            )
        )

    def step(self) -> dict[str, Any]:
        personas = self.ids.by_kind.get("persona", [])
        emotions = {
            persona: self.emotion()
            for persona in self.draw(st.lists(st.sampled_from(personas), max_size=2, unique=True))
        }
        by_persona = {
            persona: self.persona_detail()
            for persona in self.draw(st.lists(st.sampled_from(personas), max_size=2, unique=True))
        }
        step = compact(
            id=self.ids.new("step"),
            action=self.draw(texts),
            description=self.maybe(texts),
            personas=self.ids.some("persona", max_size=1) or None,
            optional=self.maybe(st.booleans()),
            touchpoints=self.ids.some("touchpoint") or None,
            thoughts=self.text_list(),
            questions=self.text_list(1),
            quotes=self.text_list(1),
            by_persona=by_persona or None,
            emotion=self.emotion() if self.draw(st.integers(0, 3)) else None,
            emotions=emotions or None,
            actors=self.text_list(1),
            owner=self.ids.one("team"),
            handoff=self.maybe(texts),
            frontstage=self.activities(),
            backstage=self.activities(),
            support=self.activities(),
            artifacts=self.text_list(1),
            policies=self.text_list(1),
            duration=self.maybe(st.sampled_from(DURATIONS)),
            wait=self.maybe(st.sampled_from(DURATIONS)),
            fail_point=self.flag(),
            moment_of_truth=self.flag(),
            pain_points=[self.pain_point() for _ in range(self.draw(st.integers(0, 2)))] or None,
            kpis=[self.kpi() for _ in range(self.draw(st.integers(0, 1)))] or None,
            evidence=self.ids.some("evidence") or None,
        )
        return self.extended(step)

    def branch(self, main_line: list[str]) -> dict[str, Any]:
        """An alternative path leaving the stage's main line (now and then from a step
        that is not on it: a lint finding, not a load error)."""
        around = st.sampled_from(main_line) if main_line else slugs
        return self.extended(
            compact(
                id=self.ids.new("branch"),
                condition=self.maybe(texts),
                after=self.maybe(around),
                rejoin=self.maybe(around),
                steps=[self.step() for _ in range(self.draw(st.integers(0, 2)))] or None,
            )
        )

    def stage(self) -> dict[str, Any]:
        stage_id = self.ids.new("stage")
        steps = [self.step() for _ in range(self.draw(st.integers(0, 3)))]
        main_line = [step["id"] for step in steps]
        branches = [self.branch(main_line) for _ in range(self.draw(st.integers(0, 1)))]
        return self.extended(
            compact(
                id=stage_id,
                name=self.draw(texts),
                description=self.maybe(texts),
                customer_goal=self.maybe(texts),
                business_goal=self.maybe(texts),
                kpis=[self.kpi() for _ in range(self.draw(st.integers(0, 1)))] or None,
                pain_points=[self.pain_point() for _ in range(self.draw(st.integers(0, 1)))]
                or None,
                steps=steps or None,
                branches=branches or None,
            )
        )

    def work_link(self) -> dict[str, Any]:
        return self.extended(
            compact(
                url=self.draw(web_links),
                key=self.maybe(st.from_regex(r"[A-Z]{2,5}-[1-9][0-9]{0,4}", fullmatch=True)),
                title=self.maybe(texts),
            )
        )

    def opportunity(self) -> dict[str, Any]:
        return compact(
            id=self.ids.new("opportunity"),
            summary=self.draw(texts),
            description=self.maybe(texts),
            addresses=self.ids.some("pain-point") or None,
            stage=self.ids.one("stage"),
            owner=self.ids.one("team"),
            impact=self.maybe(st.sampled_from(LEVELS)),
            effort=self.maybe(st.sampled_from(LEVELS)),
            status=self.maybe(st.sampled_from(OPPORTUNITY_STATUSES)),
            evidence=self.ids.some("evidence") or None,
            kpis=self.ids.some("kpi") or None,
            due=self.maybe(dates),
            release=self.maybe(texts),
            links=[self.work_link() for _ in range(self.draw(st.integers(0, 2)))] or None,
        )

    def journey_map(self) -> dict[str, Any]:
        draw = self.draw
        map_type = draw(st.sampled_from(MAP_TYPES))
        teams = [self.team() for _ in range(draw(st.integers(0, 3)))]
        touchpoints = [self.touchpoint() for _ in range(draw(st.integers(0, 3)))]
        evidence = [self.evidence() for _ in range(draw(st.integers(0, 2)))]
        personas = [self.persona() for _ in range(draw(st.integers(1, 3)))]
        stages = [self.stage() for _ in range(draw(st.integers(1, 3)))]
        opportunities = [self.opportunity() for _ in range(draw(st.integers(0, 2)))]
        journey = compact(
            format=self.maybe(st.sampled_from(FORMATS)),
            id=self.ids.new("map"),
            title=draw(texts),
            type=map_type,
            owner=self.ids.one("team") or draw(slugs),
            reviewed=draw(dates),
            review_cadence=self.maybe(
                st.sampled_from(["monthly", "quarterly", "half-yearly", "yearly"])
            ),
            current_state=self.maybe(slugs) if map_type == "future-state" else None,
            description=self.maybe(texts),
            tags=self.text_list(3),
            personas=personas,
            teams=teams or None,
            touchpoints=touchpoints or None,
            evidence=evidence or None,
            stages=stages,
            opportunities=opportunities or None,
        )
        return self.extended(journey)


@st.composite
def journey_maps(draw: st.DrawFn, loadable: bool = True) -> dict[str, Any]:
    """A map that the model accepts, using every part of the format. A ``loadable`` one
    also loads on its own with no error; otherwise it may use a workspace's channels and
    severities and name persona pictures, which only resolution checks."""
    return MapDrawer(draw, loadable).journey_map()


RULE_NAMES = [rule.name for rule in RULES] + [rule.code for rule in RULES] + ["ALL", "no-such-rule"]
RULE_OPTIONS = {
    "emotion-dip-unexplained": st.fixed_dictionaries({"threshold": st.integers(-3, 2)}),
    "lifecycle-gap": st.fixed_dictionaries({"keywords": st.lists(texts, max_size=3)}),
    "pain-point-without-evidence": st.fixed_dictionaries({"allow_assumptions": st.booleans()}),
    "pain-point-without-opportunity": st.fixed_dictionaries(
        {"min_severity": st.sampled_from(SEVERITIES)}
    ),
    "persona-incomplete": st.fixed_dictionaries(
        {"required": st.lists(st.sampled_from(["goals", "frustrations", "motivations"]))}
    ),
    "stale-map": st.fixed_dictionaries({"default_cadence": st.sampled_from(["monthly", "yearly"])}),
}
levels = st.sampled_from(["error", "warning", "info"])
rule_names = st.sampled_from(RULE_NAMES)


@st.composite
def workspace_configs(draw: st.DrawFn) -> dict[str, Any]:
    """A ``cjm.yaml`` with teams and lint settings: selections, severities, rule options
    (some out of range) and per-file overrides."""
    options = draw(st.sets(st.sampled_from(sorted(RULE_OPTIONS))))
    lint = compact(
        select=draw(st.one_of(st.none(), st.lists(rule_names, min_size=1, max_size=3))),
        ignore=draw(st.lists(rule_names, max_size=2)) or None,
        severity=draw(st.dictionaries(rule_names, levels, max_size=2)) or None,
        fail_on=draw(st.one_of(st.none(), levels)),
        options={name: draw(RULE_OPTIONS[name]) for name in sorted(options)} or None,
        overrides=[
            compact(files=["maps/*.yaml"], ignore=draw(st.lists(rule_names, max_size=2)) or None)
        ]
        if draw(st.booleans())
        else None,
    )
    drawer = MapDrawer(draw)
    channels = [
        drawer.extended(
            compact(
                id=channel,
                name=drawer.maybe(texts),
                mode=draw(st.sampled_from(["online", "offline"])),
                description=drawer.maybe(texts),
            )
        )
        for channel in draw(st.lists(st.sampled_from(WORKSPACE_CHANNELS), unique=True))
    ]
    severities = [
        compact(
            id=severity,
            counts_as=draw(st.sampled_from(SEVERITIES)),
            description=drawer.maybe(texts),
        )
        for severity in draw(st.lists(st.sampled_from(WORKSPACE_SEVERITIES), unique=True))
    ]
    vocabulary = compact(channels=channels or None, severities=severities or None)
    return drawer.extended(
        compact(
            format=drawer.maybe(st.sampled_from(FORMATS)),
            name=drawer.maybe(texts),
            maps=["maps/*.yaml"],
            definitions=["shared/*.yaml"],
            teams=[drawer.team() for _ in range(draw(st.integers(0, 2)))] or None,
            vocabulary=vocabulary or None,
            lint=drawer.extended(lint) if lint else None,
        )
    )


def to_yaml(data: Any) -> str:
    """``data`` as block-style YAML text; shared objects become anchors and aliases."""
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 4096
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()

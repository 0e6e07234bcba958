"""Synthetic cjm workspaces and maps for the benchmarks, written to a folder.

``write_workspace`` writes a workspace as teams keep one: ``cjm.yaml`` with the teams,
shared personas, touchpoints and evidence under ``shared/``, and the maps under
``maps/``. ``write_single_map`` writes one self-contained map of about a given size, for
measuring how validation grows with file size and for tools that read a single file.

The maps are meant to pass every lint rule: each persona has an emotion at each step,
every dip is explained by a pain point with an owner and research behind it, every open
high-severity pain point has an opportunity, stages have KPIs with targets, handoffs
between teams are described, the journey goes on past purchase, and only definitions
that something uses are written. Everything is drawn from a seeded random generator, so
the same options give the same files. ``revision=1`` gives the same workspace after an
edit round (emotions improved, pain points resolved, KPIs moved, a step added in a third
of the maps), which is what `cjm diff` is measured on.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalogue import (
    ACTORS,
    ARCHETYPES,
    DOMAINS,
    EMOTION_LABELS,
    EMOTION_NOTES,
    EVIDENCE,
    RESEARCH,
    STAGES,
    TEAMS,
    TOUCHPOINTS,
    StageVocabulary,
)
from yamlout import Block, Flow, dump

SCORES = (-2, -1, 0, 1, 2)
SCORE_WEIGHTS = (1, 3, 3, 4, 2)
SEVERE = ("high", "critical")
FORMAT = "1.0"
BASELINE_DATE = datetime.date(2026, 1, 5)
TOUCHPOINT_OWNERS = {tid: owner for pool in TOUCHPOINTS.values() for tid, _, _, owner in pool}
TEAM_NAMES = {tid: name for tid, name, _ in TEAMS}
OPPORTUNITY_TEMPLATES = (
    "Fix the root cause: {pain}",
    "Test a quick fix with ten customers: {pain}",
    "Redesign the step so this stops happening: {pain}",
)


@dataclass(frozen=True)
class WorkspaceSpec:
    """How big a synthetic workspace is."""

    maps: int = 50
    steps: int = 30
    personas: int = 4
    seed: int = 1
    revision: int = 0


@dataclass(frozen=True)
class Workspace:
    """A generated workspace: its folder, its map files and every file cjm reads."""

    root: Path
    maps: list[Path]
    files: list[Path]

    @property
    def bytes(self) -> int:
        return sum(path.stat().st_size for path in self.files)


@dataclass
class Uses:
    """Ids that the generated maps refer to: only these definitions are written."""

    teams: set[str] = field(default_factory=set)
    touchpoints: set[str] = field(default_factory=set)
    evidence: set[str] = field(default_factory=set)
    personas: set[str] = field(default_factory=set)


@dataclass
class _Journey:
    """State carried from step to step while one map is written."""

    personas: list[str]
    rng: random.Random
    uses: Uses
    needs_backstage: bool = False  # a service blueprint gets lanes on its first step
    # The team that owned each persona's last step: a change of owner on a persona's path
    # needs a handoff (steps some personas skip make the paths differ).
    previous_owners: dict[str, str] = field(default_factory=dict)
    pains: list[dict[str, Any]] = field(default_factory=list)
    # The stage KPI an opportunity for each pain point should move, by pain point id.
    pain_kpis: dict[str, str] = field(default_factory=dict)
    steps: int = 0  # steps written so far, and how many of them cite research
    backed: int = 0


def _slug(text: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return "-".join(words)[:40].strip("-")


def _split(total: int, parts: int) -> list[int]:
    """``total`` spread over ``parts`` as evenly as possible, the larger parts first."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _emotion(score: int, rng: random.Random, detailed: bool) -> Any:
    if not detailed:
        return score
    return Flow(score=score, label=rng.choice(EMOTION_LABELS[score]), note=EMOTION_NOTES[score])


def _emotion_fields(journey: _Journey, scores: dict[str, int]) -> dict[str, Any]:
    """``emotion`` when every persona feels the same, else ``emotions`` by persona."""
    rng = journey.rng
    values = set(scores.values())
    if len(values) == 1 and len(scores) == len(journey.personas):
        return {"emotion": _emotion(values.pop(), rng, detailed=True)}
    return {
        "emotions": {p: _emotion(s, rng, detailed=rng.random() < 0.8) for p, s in scores.items()}
    }


def _pain_point(
    journey: _Journey, stage: StageVocabulary, step_id: str, dips: dict[str, int], owner: str
) -> dict[str, Any]:
    rng = journey.rng
    worst = min(dips.values(), default=0)
    severity = rng.choice(SEVERE) if worst <= -2 else rng.choice(("low", "medium", "high"))
    status = rng.choices(("open", "mitigated"), (4, 1))[0]
    evidence = rng.sample(RESEARCH, 2 if rng.random() < 0.4 else 1)
    if rng.random() < 0.1:
        evidence.append("renewal-assumption")
    pain: dict[str, Any] = {"id": f"pain-{step_id}", "summary": rng.choice(stage.pains)}
    if rng.random() < 0.3:
        pain["description"] = (
            "Mentioned unprompted in a third of the interviews; support sees it weekly "
            "and the workaround is a manual ticket."
        )
    pain |= {"severity": severity, "owner": owner, "status": status}
    if dips and set(dips) != set(journey.personas):
        pain["personas"] = sorted(dips)
    pain["evidence"] = evidence
    journey.uses.teams.add(owner)
    journey.uses.evidence.update(evidence)
    journey.pains.append(pain)
    journey.pain_kpis[pain["id"]] = stage_kpi_id(stage.id, stage.kpis[0][0])
    return pain


def _blueprint_lanes(touchpoint: str, owner: str) -> dict[str, Any]:
    name = TEAM_NAMES[owner]
    return {
        "frontstage": Block([f"{name} answers through the {touchpoint.replace('-', ' ')}"]),
        "backstage": [{"action": "Checks the account history in the CRM", "owner": owner}],
        "support": Block(["CRM and billing system"]),
    }


def _step_kpi(stage: StageVocabulary, step_id: str) -> dict[str, Any]:
    name, target, actual, unit, better = stage.kpis[0]
    kpi: dict[str, Any] = {"id": f"{step_id}-kpi", "name": name}
    kpi |= _measured(target, actual)
    kpi |= {"unit": unit, "better": better}
    return kpi | {"source": "Product analytics dashboard"}


def _measured(target: float, actual: float) -> dict[str, Any]:
    """A KPI's baseline (the value before the work started, its date), target and actual."""
    return {"baseline": actual, "baseline_date": BASELINE_DATE, "target": target, "actual": actual}


def stage_kpi_id(stage_id: str, name: str) -> str:
    return f"{stage_id}-{_slug(name)}"


def _step(journey: _Journey, stage: StageVocabulary, number: int) -> dict[str, Any]:
    """One step of ``stage``, with its emotions, pain points and ownership."""
    rng = journey.rng
    step_id = f"{stage.id}-{number + 1}"
    touchpoints = rng.sample([t[0] for t in TOUCHPOINTS[stage.id]], rng.choice((1, 1, 2)))
    owner = TOUCHPOINT_OWNERS[touchpoints[0]]
    involved = journey.personas
    only_first = len(involved) > 1 and rng.random() < 0.12
    if only_first:
        involved = involved[:1]
    step: dict[str, Any] = {
        "id": step_id,
        "action": f"{rng.choice(stage.verbs)} {rng.choice(stage.objects)}",
    }
    if only_first:
        step["personas"] = involved
    step["touchpoints"] = touchpoints
    step["thoughts"] = Block(rng.sample(stage.thoughts, rng.choice((1, 2))))
    scores = {p: rng.choices(SCORES, SCORE_WEIGHTS)[0] for p in involved}
    step |= _emotion_fields(journey, scores)
    if rng.random() < 0.2:
        step["actors"] = [rng.choice(ACTORS)]
    step["owner"] = owner
    passing = sorted({journey.previous_owners.get(p, owner) for p in involved} - {owner})
    if passing:
        step["handoff"] = (
            f"{TEAM_NAMES[passing[0]]} passes the customer to "
            f"{TEAM_NAMES[owner]} with the conversation so far attached in the CRM."
        )
    lanes = rng.random() < 0.25
    if lanes or journey.needs_backstage:
        step |= _blueprint_lanes(touchpoints[0], owner)
        journey.needs_backstage = False
    dips = {p: s for p, s in scores.items() if s <= -1}
    if dips or rng.random() < 0.1:
        step["pain_points"] = [_pain_point(journey, stage, step_id, dips, owner)]
    if rng.random() < 0.15:
        step["kpis"] = [_step_kpi(stage, step_id)]
    # Research backs a quarter of the steps, and more where the map would otherwise fall
    # below cjm's default coverage (half of the steps; steps with pain points are backed).
    behind = journey.backed < 0.6 * (journey.steps + 1)
    if rng.random() < 0.25 or ("pain_points" not in step and behind):
        step["evidence"] = [rng.choice(RESEARCH)]
        journey.uses.evidence.update(step["evidence"])
    journey.steps += 1
    journey.backed += "evidence" in step or "pain_points" in step
    journey.uses.touchpoints.update(touchpoints)
    journey.uses.teams.add(owner)
    journey.previous_owners.update(dict.fromkeys(involved, owner))
    return step


def _raised(emotion: Any) -> Any:
    """``emotion`` one point better, in the same form (a score or a mapping)."""
    if isinstance(emotion, int):
        return min(2, emotion + 1)
    if emotion["score"] >= 2:
        return emotion
    score = emotion["score"] + 1
    return Flow(score=score, label=EMOTION_LABELS[score][0], note=EMOTION_NOTES[score])


def _revise_step(step: dict[str, Any]) -> None:
    """What an edit round does to a step: feelings improve, its pain points get resolved."""
    if "emotion" in step:
        step["emotion"] = _raised(step["emotion"])
    if "emotions" in step:
        step["emotions"] = {p: _raised(e) for p, e in step["emotions"].items()}
    for pain in step.get("pain_points", []):
        pain["status"] = "resolved"
    for kpi in step.get("kpis", []):
        kpi["actual"] = kpi["target"]


def _added_step(stage: dict[str, Any], personas: list[str], uses: Uses) -> dict[str, Any]:
    """The step an edit round adds, owned by the team of the stage's last step; where a
    persona's own last step had another owner, it says how the customer is passed on."""
    owner = stage["steps"][-1]["owner"]
    last = {p: step["owner"] for step in stage["steps"] for p in step.get("personas", personas)}
    passing = sorted(set(last.values()) - {owner})
    touchpoint = TOUCHPOINTS[stage["id"]][0][0]
    uses.touchpoints.add(touchpoint)
    step = {
        "id": f"{stage['id']}-added",
        "action": "Asks for a walkthrough of the new reporting features",
        "touchpoints": [touchpoint],
        "thoughts": Block(["This is what I asked for at the last review."]),
        "emotion": Flow(score=1, label="pleased", note="Their request made it in."),
        "owner": owner,
    }
    if passing:
        step["handoff"] = (
            f"{TEAM_NAMES[passing[0]]} passes the customer to {TEAM_NAMES[owner]} "
            "with the request attached."
        )
    return step


def _revise(document: dict[str, Any], today: datetime.date, uses: Uses) -> None:
    """The map after an edit round: reviewed today, every fifth step better, KPIs moved,
    and a step added to the retention stage."""
    document["reviewed"] = today
    for stage in document["stages"]:
        for kpi in stage["kpis"]:
            kpi["actual"] = round((kpi["actual"] + kpi["target"]) / 2, 1)
        for number, step in enumerate(stage["steps"]):
            if number % 5 == 0:
                _revise_step(step)
        if stage["id"] == "retention":
            stage["steps"].append(_added_step(stage, document["personas"], uses))


def _stage_kpis(stage: StageVocabulary) -> list[dict[str, Any]]:
    kpis = []
    for name, target, actual, unit, better in stage.kpis:
        kpi: dict[str, Any] = {"id": stage_kpi_id(stage.id, name), "name": name}
        kpi |= _measured(target, actual)
        kpi |= {"unit": unit, "better": better}
        kpis.append(kpi | {"source": "Weekly business dashboard"})
    return kpis


def _stage(journey: _Journey, stage: StageVocabulary, steps: int) -> dict[str, Any]:
    body: dict[str, Any] = {"id": stage.id, "name": stage.name}
    body["customer_goal"] = stage.customer_goal
    body["business_goal"] = stage.business_goal
    body["kpis"] = _stage_kpis(stage)
    body["steps"] = [_step(journey, stage, number) for number in range(steps)]
    return body


def _opportunities(journey: _Journey) -> list[dict[str, Any]]:
    """An opportunity for every open severe pain point, and for some of the others."""
    rng = journey.rng
    opportunities = []
    for pain in journey.pains:
        severe_and_open = pain["severity"] in SEVERE and pain["status"] == "open"
        if not severe_and_open and rng.random() >= 0.3:
            continue
        template = rng.choice(OPPORTUNITY_TEMPLATES)
        summary = template.format(pain=pain["summary"][0].lower() + pain["summary"][1:])
        opportunity: dict[str, Any] = {"id": f"fix-{pain['id']}", "summary": summary}
        opportunity |= {"addresses": [pain["id"]], "owner": pain["owner"]}
        opportunity["impact"] = rng.choice(("low", "medium", "high"))
        opportunity["effort"] = rng.choice(("low", "medium", "high"))
        opportunity["status"] = rng.choice(("idea", "planned", "in-progress"))
        opportunity["kpis"] = [journey.pain_kpis[pain["id"]]]
        opportunities.append(opportunity)
    return opportunities


def _map_personas(index: int, pool: int) -> list[str]:
    """Two neighbouring personas of the pool (one when the pool has one)."""
    ids = [persona_id(k) for k in range(pool)]
    if pool == 1:
        return ids
    return [ids[index % pool], ids[(index + 1) % pool]]


def journey_map(
    index: int,
    steps: int,
    personas: list[str],
    today: datetime.date,
    uses: Uses,
    *,
    seed: int = 1,
    revision: int = 0,
) -> dict[str, Any]:
    """The content of map number ``index`` (from 0), as dicts in cjm's key order."""
    rng = random.Random(seed * 1_000_003 + index)
    blueprint = index % 7 == 6
    journey = _Journey(personas, rng, uses, needs_backstage=blueprint)
    domain = DOMAINS[index % len(DOMAINS)]
    owner = ("growth", "marketing", "customer-success")[index % 3]
    document: dict[str, Any] = {
        "format": FORMAT,
        "id": f"journey-{index + 1:04d}",
        "title": f"{domain.capitalize()}, from first search to referral ({index + 1})",
        "type": "service-blueprint" if blueprint else "current-state",
        "owner": owner,
        "reviewed": today - datetime.timedelta(days=index * 7 % 80),
        "review_cadence": "quarterly",
        "description": (
            f"How a customer of our {domain} finds us, buys, gets started, stays and "
            "recommends us, with the teams that own each moment."
        ),
        "tags": [_slug(domain), "lifecycle"],
        "personas": personas,
    }
    stage_steps = _split(steps, len(STAGES))
    document["stages"] = [
        _stage(journey, stage, count) for stage, count in zip(STAGES, stage_steps, strict=True)
    ]
    opportunities = _opportunities(journey)
    if opportunities:
        document["opportunities"] = opportunities
    uses.teams.add(owner)
    uses.teams.update(o["owner"] for o in opportunities)
    uses.personas.update(personas)
    if revision > 0 and index % 3 == 0:
        _revise(document, today, uses)
    return document


def persona_id(number: int) -> str:
    archetype = ARCHETYPES[number % len(ARCHETYPES)]
    round_ = number // len(ARCHETYPES)
    return archetype.id if round_ == 0 else f"{archetype.id}-{round_ + 1}"


def _persona(number: int) -> dict[str, Any]:
    archetype = ARCHETYPES[number % len(ARCHETYPES)]
    round_ = number // len(ARCHETYPES)
    suffix = "" if round_ == 0 else f" {round_ + 1}"
    return {
        "id": persona_id(number),
        "name": archetype.name + suffix,
        "segment": archetype.segment,
        "quote": archetype.quote,
        "demographics": {"role": archetype.role, "location": "UK, Germany, Netherlands"},
        "goals": Block(archetype.goals),
        "frustrations": Block(archetype.frustrations),
        "evidence": ["customer-interviews", RESEARCH[1 + number % (len(RESEARCH) - 1)]],
    }


def _definitions(uses: Uses, persona_pool: int) -> dict[str, list[dict[str, Any]]]:
    """Personas, touchpoints, teams and evidence that ``uses`` names, in catalogue order."""
    personas = [_persona(k) for k in range(persona_pool) if persona_id(k) in uses.personas]
    for persona in personas:
        uses.evidence.update(persona["evidence"])
    touchpoints = []
    for pool in TOUCHPOINTS.values():
        for tid, name, channel, owner in pool:
            if tid in uses.touchpoints:
                touchpoints.append({"id": tid, "name": name, "channel": channel, "owner": owner})
                uses.teams.add(owner)
    evidence = []
    for eid, kind, title, sample_size, summary in EVIDENCE:
        if eid in uses.evidence:
            entry: dict[str, Any] = {"id": eid, "kind": kind, "title": title}
            entry["date"] = datetime.date(2026, 9, 1)
            if sample_size:
                entry["sample_size"] = sample_size
            if summary:
                entry["summary"] = summary
            evidence.append(entry)
    teams = [
        {"id": tid, "name": name, "description": about}
        for tid, name, about in TEAMS
        if tid in uses.teams
    ]
    return {"personas": personas, "teams": teams, "touchpoints": touchpoints, "evidence": evidence}


def write_workspace(
    root: Path, spec: WorkspaceSpec, today: datetime.date | None = None
) -> Workspace:
    """Write the workspace ``spec`` describes into ``root`` (created if missing)."""
    today = today or datetime.date.today()
    (root / "maps").mkdir(parents=True, exist_ok=True)
    (root / "shared").mkdir(exist_ok=True)
    uses = Uses()
    maps = []
    for index in range(spec.maps):
        personas = _map_personas(index, spec.personas)
        document = journey_map(
            index, spec.steps, personas, today, uses, seed=spec.seed, revision=spec.revision
        )
        path = root / "maps" / f"{document['id']}.yaml"
        path.write_text(dump(document), encoding="utf-8")
        maps.append(path)
    definitions = _definitions(uses, spec.personas)
    shared = []
    for key in ("personas", "touchpoints", "evidence"):
        path = root / "shared" / f"{key}.yaml"
        path.write_text(dump({"format": FORMAT, key: definitions[key]}), encoding="utf-8")
        shared.append(path)
    config = root / "cjm.yaml"
    workspace = {
        "format": FORMAT,
        "name": f"Synthetic workspace, {spec.maps} maps of {spec.steps} steps",
        "maps": ["maps/*.yaml"],
        "definitions": ["shared/*.yaml"],
        "teams": definitions["teams"],
    }
    config.write_text(dump(workspace), encoding="utf-8")
    return Workspace(root, maps, [config, *shared, *maps])


def single_map_text(steps: int, personas: int = 3, today: datetime.date | None = None) -> str:
    """A self-contained map of ``steps`` steps: its definitions are written inline."""
    today = today or datetime.date.today()
    uses = Uses()
    ids = [persona_id(k) for k in range(personas)]
    document = journey_map(0, steps, ids, today, uses)
    definitions = _definitions(uses, personas)
    document["personas"] = definitions["personas"]
    inline = {key: definitions[key] for key in ("teams", "touchpoints", "evidence")}
    ordered: dict[str, Any] = {}
    for key, value in document.items():
        ordered[key] = value
        if key == "personas":
            ordered |= inline
    return dump(ordered)


def write_single_map(path: Path, target_bytes: int, personas: int = 3) -> int:
    """Write a self-contained map of about ``target_bytes`` to ``path``; its step count.

    The size is a fixed part (definitions, opportunities aside) plus a part per step, so
    two small samples give the step count for any size."""
    small, large = 60, 120
    small_bytes = len(single_map_text(small, personas).encode())
    per_step = (len(single_map_text(large, personas).encode()) - small_bytes) / (large - small)
    fixed = small_bytes - per_step * small
    steps = max(len(STAGES), round((target_bytes - fixed) / per_step))
    text = single_map_text(steps, personas)
    # Steps differ in length (random pain points, KPIs, lanes): correct once for that.
    ratio = target_bytes / len(text.encode())
    if abs(ratio - 1) > 0.02:
        steps = max(len(STAGES), round(steps * ratio))
        text = single_map_text(steps, personas)
    path.write_text(text, encoding="utf-8")
    return steps

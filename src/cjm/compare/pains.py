"""What becomes of each pain point in the future state.

A pain point of the current map is **resolved** when an opportunity of the future map
addresses it (an opportunity that was dropped does not count), when the future map marks
it ``resolved``, or when the future map no longer has it; each reason is kept. It is
**still present** when the future map still has it open or mitigated, even if an
opportunity addresses it: the future map says it is not gone. A pain point the current
map already marks resolved is said to be so. A pain point only the future map has is
**new**. Pain points are matched by id.
"""

from __future__ import annotations

from dataclasses import replace

from cjm.compare.model import OpportunityRef, PainFate, PainOutcome, ResolvedBecause
from cjm.model import JourneyMap, OpportunityStatus, PainPoint, PainPointStatus


def _by_id(journey: JourneyMap) -> dict[str, PainPoint]:
    found: dict[str, PainPoint] = {}
    for pain in journey.pain_points():
        found.setdefault(pain.id, pain)
    return found


def _where(journey: JourneyMap, pain: PainPoint) -> str:
    covered = journey.covered_steps(pain)
    return covered[0].action if covered else ""


def pain_outcomes(current: JourneyMap, future: JourneyMap) -> list[PainOutcome]:
    """The current map's pain points in its order, then those new in the future map."""
    before, after = _by_id(current), _by_id(future)
    addressing: dict[str, list[OpportunityRef]] = {}
    for opportunity in future.opportunities:
        if opportunity.status is OpportunityStatus.DROPPED:
            continue
        ref = OpportunityRef(opportunity.id, opportunity.summary, opportunity.status.value)
        for pain_id in dict.fromkeys(opportunity.addresses):
            addressing.setdefault(pain_id, []).append(ref)
    found = []
    for pain_id, pain in before.items():
        later = after.get(pain_id)
        by = tuple(addressing.get(pain_id, []))
        base = PainOutcome(
            pain_id=pain_id,
            summary=pain.summary,
            severity=pain.severity,
            rank=pain.level.rank,
            fate=PainFate.RESOLVED,
            where=_where(current, pain),
            by=by,
        )
        if pain.status is PainPointStatus.RESOLVED:
            found.append(replace(base, fate=PainFate.ALREADY_RESOLVED))
        elif later is not None and later.status is not PainPointStatus.RESOLVED:
            found.append(
                replace(base, fate=PainFate.STILL_PRESENT, future_status=later.status.value)
            )
        else:
            because = [ResolvedBecause.ADDRESSED] if by else []
            gone = ResolvedBecause.ABSENT if later is None else ResolvedBecause.MARKED_RESOLVED
            found.append(replace(base, because=(*because, gone)))
    for pain_id, pain in after.items():
        if pain_id in before:
            continue
        found.append(
            PainOutcome(
                pain_id=pain_id,
                summary=pain.summary,
                severity=pain.severity,
                rank=pain.level.rank,
                fate=PainFate.NEW,
                where=_where(future, pain),
                future_status=pain.status.value,
                by=tuple(addressing.get(pain_id, [])),
            )
        )
    return found

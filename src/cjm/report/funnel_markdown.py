"""The funnel section of the Markdown report: the facts of :mod:`cjm.report.funnel` as
tables, one set for everyone and one for each persona's customers."""

from __future__ import annotations

from cjm.render.style import EMOTION_WORD, score_label
from cjm.report.facts import EmotionMark
from cjm.report.funnel_views import FeedbackFigures, FunnelFacts, SegmentFigures
from cjm.report.markdown_text import md, table


def _step(number: int | None, step_id: str, action: str) -> str:
    if number is None:
        return f"`{md(step_id)}` (not a step of this map)"
    return f"{number}. {md(action)}"


def _emotion(mark: EmotionMark) -> str:
    if mark.score is None:
        return f"{md(mark.initials)} no score"
    words = md(mark.label) if mark.label else EMOTION_WORD[mark.score]
    return f"{md(mark.initials)} **{score_label(mark.score)}** {words}"


def _feedback_row(group: FeedbackFigures) -> list[str]:
    emotions = " · ".join(_emotion(mark) for mark in group.emotions) or "none mapped"
    quotes = " · ".join(f"\u201c{md(quote)}\u201d" for quote in group.quotes)
    step = _step(group.number, group.step, group.action)
    if group.suppressed:
        return [step, emotions, group.withheld or "", "", "", "", quotes]
    answers = group.responses_text
    if group.from_text:
        answers += f" ({group.from_text} from comments)"
    return [
        step,
        emotions,
        answers,
        group.positive_text,
        group.neutral_text,
        group.negative_text,
        quotes,
    ]


def _segment(segment: SegmentFigures) -> list[str]:
    lines = [f"### {md(segment.name)}: {segment.entered_text} entered", ""]
    rows = []
    for stage in segment.stages:
        rows.append(
            [
                f"**Stage {md(stage.name)}**",
                f"**{stage.reach_text}**",
                f"**{stage.share_text}**",
                f"**{stage.conversion_text}**",
                f"**{stage.drop_text}**",
                "",
            ]
        )
        rows.extend(
            [
                _step(step.number, step.id, step.action),
                step.reach_text,
                step.share_text,
                step.conversion_text,
                step.drop_text,
                step.time_text,
            ]
            for step in stage.steps
        )
    if rows:
        headers = ["Step", "Reached", "Of entrants", "On to next", "Drop-off", "Time to next"]
        lines += table(headers, rows)
        lines += [
            "A stage's row counts it at its first funnel step; its drop-off is the share lost "
            "before the next stage.",
            "",
        ]
    else:
        lines += ["No funnel steps were measured.", ""]
    if segment.side_steps:
        lines += [
            f"Counted on the side (of the {segment.entered_text} who entered; nobody is lost "
            "at these steps):",
            "",
        ]
        lines += table(
            ["Step", "Stage", "Reached", "Of entrants", "Why on the side"],
            [
                [
                    _step(side.number, side.id, side.action),
                    md(side.stage),
                    side.reach_text,
                    side.share_text,
                    side.reason,
                ]
                for side in segment.side_steps
            ],
        )
    if segment.feedback:
        lines += ["Feedback about each step, beside the emotion the map gives it:", ""]
        lines += table(
            ["Step", "Mapped emotion", "Answers", "Positive", "Neutral", "Negative", "Quotes"],
            [_feedback_row(group) for group in segment.feedback],
        )
    return lines


def funnel_section(facts: FunnelFacts | None) -> list[str]:
    """``## Funnel`` with its tables; nothing for a map neither bound nor measured."""
    if facts is None:
        return []
    lines = ["## Funnel", ""]
    if facts.notice:
        lines += [f"> **\u26a0 {md(facts.notice)}**", ""]
    if not facts.measured:
        return lines
    lines += [
        f"How many {facts.unit}s reached each step of the map in the data, as `cjm measure` "
        "counted them; shares are of those who entered at the first step, and drop-off is "
        "the share lost before the next step of the funnel.",
        "",
    ]
    lines += [md(facts.summary), ""]
    lines += [f"- **{label}:** {md(words)}" for label, words in facts.definition]
    lines.append("")
    for segment in facts.segments:
        lines += _segment(segment)
    if facts.kpis:
        lines += ["### KPIs measured", ""]
        lines += table(
            ["KPI", "What was computed", "For", "Value"],
            [
                [
                    md(kpi.name) if kpi.known else f"`{md(kpi.id)}` (no KPI of this map)",
                    md(kpi.what),
                    md(kpi.persona) if kpi.persona else "Everyone",
                    md(kpi.shown),
                ]
                for kpi in facts.kpis
            ],
        )
    if facts.feedback_definition:
        lines += ["How feedback was read:", ""]
        lines += [f"- **{label}:** {md(words)}" for label, words in facts.feedback_definition]
        lines += [f"- {md(note)}" for note in facts.feedback_notes]
        lines.append("")
    return lines

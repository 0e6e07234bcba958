"""Carry an edited workbook onto a map's plain data.

Every cell is compared with what the export writes for the map as it is
(:func:`cjm.sheets.layout.render`); only a cell that differs changes the map, so an
unchanged workbook changes nothing. Steps are matched by the id in row 2 of the Journey
sheet, table rows by the id in column A. New keys go where the format's field order puts
them. What cannot be placed is a :class:`Problem` at its sheet and cell; the caller
writes nothing when there is one.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from cjm.model import JourneyMap
from cjm.model.definitions import Persona
from cjm.model.journey import Kpi, Opportunity, PainPoint, Stage, Step
from cjm.sheets.cells import CellError, cell_string, make_id, parse
from cjm.sheets.layout import (
    ACTION_ROW,
    HEADER_ROWS,
    ID_ROW,
    JOURNEY,
    LANE_COLUMN,
    PERSONA_EMOTION,
    STAGE_ROW,
    TABLES,
    Context,
    Field,
    TableSpec,
    all_steps,
    comparable,
    journey_lanes,
    located,
    render,
    same,
    scalar,
    stages,
    table_rows,
)
from cjm.sheets.read import Sheet

ORDER = {
    "step": list(Step.model_fields),
    "stage": list(Stage.model_fields),
    "map": list(JourneyMap.model_fields),
    "pain_points": list(PainPoint.model_fields),
    "kpis": list(Kpi.model_fields),
    "opportunities": list(Opportunity.model_fields),
    "personas": list(Persona.model_fields),
}


@dataclass(frozen=True)
class Problem:
    """A cell that cannot be placed in the map."""

    sheet: str
    cell: str
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}: {self.message}"


@dataclass
class Outcome:
    """The map's new data and what changed, or the problems that stop the import."""

    data: Any
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth knowing, nothing stops
    renamed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    cells: int = 0  # cells whose change was carried over


def apply_book(
    old: Any, book: dict[str, Sheet], context: Context, *, allow_deletes: bool = False
) -> Outcome:
    """The map ``old`` with the changes of ``book`` (sheet name to cells) carried over."""
    outcome = Outcome(copy.deepcopy(old))
    taken = set(_all_ids(old))
    journey = book.get(JOURNEY)
    if journey is not None:
        _Journey(outcome, old, journey, context, taken, allow_deletes).apply()
    for spec in TABLES:
        sheet = book.get(spec.name)
        if sheet is not None:
            _Table(outcome, old, sheet, spec, context, taken, allow_deletes).apply()
    return outcome


def _cell(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


def _all_ids(data: Any) -> list[str]:
    """Every id written anywhere in ``data``: new ids are unique among them all."""
    found: list[str] = []
    if isinstance(data, dict):
        if isinstance(data.get("id"), str):
            found.append(data["id"])
        for value in data.values():
            found.extend(_all_ids(value))
    elif isinstance(data, list):
        for item in data:
            found.extend(_all_ids(item))
    return found


def set_key(holder: dict[str, Any], key: str, value: Any, order: list[str]) -> None:
    """Set (or, for None or an empty list, remove) ``key`` of ``holder`` in place; a new
    key goes after the keys that come before it in ``order``."""
    if value is None or value == []:
        holder.pop(key, None)
        return
    if key in holder or key not in order:
        holder[key] = value
        return
    rank = order.index(key)
    items = list(holder.items())
    place = len(items)
    for index, (existing, _) in enumerate(items):
        if existing in order and order.index(existing) > rank:
            place = index
            break
    items.insert(place, (key, value))
    holder.clear()
    holder.update(items)


def _remove(container: list[Any], item: Any) -> None:
    for index, candidate in enumerate(container):
        if candidate is item:
            del container[index]
            return


class _Editor:
    def __init__(self, outcome: Outcome, sheet: Sheet, context: Context, taken: set[str]) -> None:
        self.outcome = outcome
        self.sheet = sheet
        self.context = context
        self.taken = taken

    def problem(self, row: int, column: int, message: str) -> None:
        self.outcome.problems.append(Problem(self.sheet.name, _cell(row, column), message))

    def choices(self, spec: Field) -> list[str] | None:
        if spec.choices is None or spec.key == "id":
            return None
        return self.context.choices(spec.choices, self.outcome.data)

    def edit(
        self,
        spec: Field,
        holder: dict[str, Any],
        value: Any,
        row: int,
        column: int,
        order: list[str],
    ) -> bool:
        """Carry the cell ``value`` into ``holder``; whether it could."""
        old = holder.get(spec.key)
        if spec.persona is not None:
            emotions = holder.get("emotions")
            old = emotions.get(spec.persona) if isinstance(emotions, dict) else None
        try:
            new = parse(spec, value, self.choices(spec), old)
        except CellError as problem:
            self.problem(row, column, str(problem))
            return False
        if new == old or (new == [] and old is None):
            return True  # written another way (`positive` for `positive (+1)`)
        if spec.persona is not None:
            emotions = dict(holder.get("emotions") or {})
            if new is None:
                emotions.pop(spec.persona, None)
            else:
                emotions[spec.persona] = new
            set_key(holder, "emotions", emotions or None, order)
        else:
            set_key(holder, spec.key, new, order)
        self.outcome.cells += 1
        return True


class _Journey(_Editor):
    def __init__(
        self,
        outcome: Outcome,
        old: Any,
        sheet: Sheet,
        context: Context,
        taken: set[str],
        allow_deletes: bool,
    ) -> None:
        super().__init__(outcome, sheet, context, taken)
        self.old = old
        self.allow_deletes = allow_deletes
        self.old_steps = {step.get("id"): step for _, step in all_steps(old)}
        self.steps = {step.get("id"): (stage, step) for stage, step in all_steps(outcome.data)}

    def apply(self) -> None:
        lanes = self.lanes()
        columns = self.columns()
        seen = {step_id for _, step_id in columns if step_id is not None}
        placed = self.place_new(columns)
        for column, step_id in columns:
            if step_id is None:
                step = placed.get(column)
                if step is not None:
                    self.fill(step, {}, column, lanes)
            else:
                self.update(step_id, column, lanes)
        for step_id, (stage, step) in self.steps.items():
            if step_id not in seen:
                self.gone(stage, step)
        self.stage_names(columns)

    def stage_names(self, columns: list[tuple[int, str | None]]) -> None:
        """Stage names are read only: a changed one is named, not carried over."""
        for index, (column, _) in enumerate(columns):
            header = self.sheet.get(STAGE_ROW, column)
            if header is None:
                continue
            block: list[str] = []
            for c, step_id in columns[index:]:
                if c != column and self.sheet.get(STAGE_ROW, c) is not None:
                    break
                block.extend([step_id] if step_id is not None else [])
            stage = self.steps[block[0]][0] if block else None
            if stage is not None and not same(header, scalar(stage.get("name"))):
                self.outcome.notes.append(
                    f"{self.sheet.name}!{_cell(STAGE_ROW, column)}: stage names are changed "
                    "in the YAML (this change is not carried over)"
                )

    def lanes(self) -> dict[int, Field]:
        """Row to lane, by the lane names in column A."""
        known = {comparable(lane.title): lane for lane in journey_lanes(self.context)}
        found: dict[int, Field] = {}
        for row in range(HEADER_ROWS + 1, self.sheet.rows + 1):
            title = cell_string(self.sheet.get(row, LANE_COLUMN))
            filled = any(
                self.sheet.get(row, c) is not None for c in range(2, self.sheet.columns + 1)
            )
            if title in known:
                found[row] = known[title]
            elif title is not None and title.startswith(PERSONA_EMOTION):
                ids = ", ".join(pid for pid, _ in self.context.personas)
                self.problem(
                    row, LANE_COLUMN, f"unknown persona in `{title}`; the map's personas: {ids}"
                )
            elif filled:
                what = f"unknown lane `{title}`" if title else "a row without a lane name"
                self.problem(row, LANE_COLUMN, f"{what}; its cells cannot be placed")
        return found

    def columns(self) -> list[tuple[int, str | None]]:
        """Each step column with its step id (None for a new step); empty columns left out."""
        found: list[tuple[int, str | None]] = []
        seen: dict[str, int] = {}
        for column in range(LANE_COLUMN + 1, self.sheet.columns + 1):
            step_id = cell_string(self.sheet.get(ID_ROW, column))
            used = any(
                self.sheet.get(row, column) is not None
                for row in range(ID_ROW, self.sheet.rows + 1)
            )
            if step_id is None:
                if used:
                    found.append((column, None))
            elif step_id not in self.steps:
                self.problem(
                    ID_ROW,
                    column,
                    f"unknown step id `{step_id}`; leave the id empty for a new step",
                )
            elif step_id in seen:
                first = _cell(ID_ROW, seen[step_id])
                self.problem(
                    ID_ROW,
                    column,
                    f"step `{step_id}` has a column already ({first}); each step has one",
                )
            else:
                seen[step_id] = column
                found.append((column, step_id))
        return found

    def stage_of(self, columns: list[tuple[int, str | None]], index: int) -> dict[str, Any] | None:
        """The stage of a new step's column: that of the nearest known step of the same
        stage header, left first; else the stage the header names."""
        column = columns[index][0]
        start = max(
            (c for c in range(LANE_COLUMN + 1, column + 1) if self.sheet.get(STAGE_ROW, c)),
            default=None,
        )
        end = min(
            (c for c in range(column + 1, self.sheet.columns + 2) if self.sheet.get(STAGE_ROW, c)),
            default=self.sheet.columns + 1,
        )
        near = [
            step_id
            for c, step_id in [*reversed(columns[:index]), *columns[index + 1 :]]
            if step_id is not None and (start or 0) <= c < end
        ]
        if near:
            return self.steps[near[0]][0]
        header = cell_string(self.sheet.get(STAGE_ROW, start)) if start else None
        return next(
            (s for s in stages(self.outcome.data) if comparable(s.get("name")) == header), None
        )

    def place_new(self, columns: list[tuple[int, str | None]]) -> dict[int, dict[str, Any]]:
        """New steps, each in its stage's main line after the step to its left."""
        placed: dict[int, dict[str, Any]] = {}
        for index, (column, step_id) in enumerate(columns):
            if step_id is not None:
                continue
            action = cell_string(self.sheet.get(ACTION_ROW, column))
            if action is None:
                self.problem(
                    ACTION_ROW, column, "a new step needs what the customer does, in row 3"
                )
                continue
            stage = self.stage_of(columns, index)
            if stage is None:
                self.problem(
                    STAGE_ROW,
                    column,
                    "a new step must stand under a stage of the map; new stages are added "
                    "in the YAML",
                )
                continue
            step = {"id": make_id(action, self.taken, "step"), "action": action}
            main = stage.get("steps")
            if not isinstance(main, list):
                main = []
                set_key(stage, "steps", main, ORDER["stage"])
                stage["steps"] = main
            position = 0
            for left, left_id in reversed(columns[:index]):
                left_step = placed.get(left) if left_id is None else self.steps[left_id][1]
                if any(candidate is left_step for candidate in main):
                    position = next(i for i, c in enumerate(main) if c is left_step) + 1
                    break
            main.insert(position, step)
            placed[column] = step
            self.outcome.added.append(
                f"step `{step['id']}` ({action}) in stage `{stage.get('id')}`"
            )
        return placed

    def update(self, step_id: str, column: int, lanes: dict[int, Field]) -> None:
        _, step = self.steps[step_id]
        before = self.old_steps[step_id]
        action = self.sheet.get(ACTION_ROW, column)
        if not same(action, scalar(before.get("action"))):
            text = cell_string(action)
            if text is None:
                self.problem(
                    ACTION_ROW,
                    column,
                    f"step `{step_id}` needs what the customer does; delete its column to "
                    "delete it",
                )
            else:
                set_key(step, "action", text, ORDER["step"])
                self.outcome.renamed.append(f"`{step_id}`: {before.get('action')} \u2192 {text}")
                self.outcome.cells += 1
        self.fill(step, before, column, lanes)

    def fill(
        self, step: dict[str, Any], before: dict[str, Any], column: int, lanes: dict[int, Field]
    ) -> None:
        for row, lane in lanes.items():
            value = self.sheet.get(row, column)
            if same(value, render(lane, before, self.old) if before else None):
                continue
            if not lane.editable:
                self.outcome.notes.append(
                    f"{self.sheet.name}!{_cell(row, column)}: the {lane.title} lane is for "
                    "reference; edit them in their own sheet (this change is not carried over)"
                )
                continue
            self.edit(lane, step, value, row, column, ORDER["step"])

    def gone(self, stage: dict[str, Any], step: dict[str, Any]) -> None:
        shown = f"step `{step.get('id')}` ({step.get('action')})"
        if not self.allow_deletes:
            self.outcome.notes.append(
                f"{JOURNEY}: {shown} has no column; it is kept (import with "
                "--allow-deletes to delete it)"
            )
            return
        containers = [
            stage.get("steps"),
            *(b.get("steps") for b in stage.get("branches") or [] if isinstance(b, dict)),
        ]
        for container in containers:
            if isinstance(container, list):
                _remove(container, step)
        self.outcome.removed.append(shown)


class _Table(_Editor):
    def __init__(
        self,
        outcome: Outcome,
        old: Any,
        sheet: Sheet,
        spec: TableSpec,
        context: Context,
        taken: set[str],
        allow_deletes: bool,
    ) -> None:
        super().__init__(outcome, sheet, context, taken)
        self.spec = spec
        self.old = {item.get("id"): values for item, values in table_rows(spec, old)}
        self.allow_deletes = allow_deletes
        self.order = ORDER[spec.collection]
        self.noun = spec.name.lower().rstrip("s") if spec.name != "KPIs" else "KPI"

    def items(self) -> dict[Any, tuple[dict[str, Any], dict[str, Any]]]:
        if self.spec.collection == "personas":
            return {
                (entry if isinstance(entry, str) else entry.get("id")): (self.outcome.data, entry)
                for entry in self.outcome.data.get("personas") or []
            }
        return {
            item.get("id"): (holder, item)
            for holder, item in located(self.outcome.data, self.spec.collection)
        }

    def apply(self) -> None:
        headers: dict[int, tuple[int, Field]] = {}
        titles = {spec.title: (index, spec) for index, spec in enumerate(self.spec.fields)}
        for column in range(1, self.sheet.columns + 1):
            title = cell_string(self.sheet.get(1, column))
            if title in titles:
                headers[column] = titles[title]
            elif title is not None:
                self.outcome.notes.append(
                    f"{self.sheet.name}!{_cell(1, column)}: column `{title}` is not read"
                )
        if not any(spec.key == "id" for _, spec in headers.values()):
            self.problem(
                1,
                1,
                "the sheet has no `Id` column; the rows cannot be matched to "
                f"{self.spec.name.lower()}",
            )
            return
        id_column = next(c for c, (_, spec) in headers.items() if spec.key == "id")
        items = self.items()
        seen: dict[str, int] = {}
        for row in range(2, self.sheet.rows + 1):
            cells = {column: self.sheet.get(row, column) for column in headers}
            if all(value is None for value in cells.values()):
                continue
            item_id = cell_string(cells[id_column])
            if item_id is None:
                self.add(row, headers, cells)
            elif item_id in seen:
                self.problem(row, id_column, f"`{item_id}` has a row already (row {seen[item_id]})")
            elif item_id in self.old and item_id not in items:
                seen[item_id] = row  # deleted with its step
            elif item_id not in items or item_id not in self.old:
                self.problem(
                    row,
                    id_column,
                    f"unknown {self.noun} id `{item_id}`; leave the id empty for a new {self.noun}",
                )
            else:
                seen[item_id] = row
                self.update(item_id, items[item_id], row, headers, cells)
        for item_id, (holder, item) in items.items():
            if item_id not in seen and item_id in self.old:
                self.gone(item_id, holder, item)

    def update(
        self,
        item_id: str,
        place: tuple[dict[str, Any], Any],
        row: int,
        headers: dict[int, tuple[int, Field]],
        cells: dict[int, Any],
    ) -> None:
        item = place[1]
        before = self.old[item_id]
        for column, (index, spec) in headers.items():
            if spec.key == "id" or same(cells[column], before[index]):
                continue
            if spec.key == "@at":
                self.problem(
                    row, column, f"a {self.noun} is moved to another step in the YAML, not here"
                )
            elif not spec.editable:
                self.outcome.notes.append(
                    f"{self.sheet.name}!{_cell(row, column)}: the {spec.title} column is for "
                    "reference (not carried over)"
                )
            elif not isinstance(item, dict):
                self.problem(
                    row,
                    column,
                    f"persona `{item_id}` is defined in the workspace's shared definitions; "
                    "edit it there",
                )
            else:
                self.edit(spec, item, cells[column], row, column, self.order)

    def add(self, row: int, headers: dict[int, tuple[int, Field]], cells: dict[int, Any]) -> None:
        by_key = {spec.key: column for column, (_, spec) in headers.items()}
        made_from = by_key.get(self.spec.made_from)
        text = cell_string(cells[made_from]) if made_from is not None else None
        if text is None:
            column = made_from or 1
            self.problem(row, column, f"a new {self.noun} needs its {self.spec.made_from}")
            return
        holder: dict[str, Any] = self.outcome.data
        if self.spec.nested:
            at_column = by_key.get("@at")
            at = cell_string(cells[at_column]) if at_column is not None else None
            steps = {step.get("id"): step for _, step in all_steps(self.outcome.data)}
            stage_ids = {stage.get("id"): stage for stage in stages(self.outcome.data)}
            found = steps.get(at) or stage_ids.get(at)
            if found is None:
                where = "empty" if at is None else f"`{at}`, which is no step or stage of the map"
                self.problem(
                    row,
                    at_column or 1,
                    f"a new {self.noun} needs the step or stage it is at ({where})",
                )
                return
            holder = found
        item: dict[str, Any] = {"id": make_id(text, self.taken, self.noun.replace(" ", "-"))}
        ok = True
        for column, (_, spec) in headers.items():
            if spec.key not in ("id", "@at") and spec.editable and cells[column] is not None:
                ok = self.edit(spec, item, cells[column], row, column, self.order) and ok
        if not ok:
            return
        container = holder.get(self.spec.collection)
        if not isinstance(container, list):
            container = []
        container.append(item)
        if holder is self.outcome.data:
            holder_order = ORDER["map"]
        elif any(holder is stage for stage in stages(self.outcome.data)):
            holder_order = ORDER["stage"]
        else:
            holder_order = ORDER["step"]
        set_key(holder, self.spec.collection, container, holder_order)
        self.outcome.added.append(f"{self.noun} `{item['id']}` ({text})")

    def gone(self, item_id: str, holder: dict[str, Any], item: Any) -> None:
        shown = f"{self.noun} `{item_id}`"
        if not self.allow_deletes:
            self.outcome.notes.append(
                f"{self.sheet.name}: {shown} has no row; it is kept (import with "
                "--allow-deletes to delete it)"
            )
            return
        container = holder.get(self.spec.collection)
        if isinstance(container, list):
            _remove(container, item)
            if not container:
                holder.pop(self.spec.collection, None)
        self.outcome.removed.append(shown)

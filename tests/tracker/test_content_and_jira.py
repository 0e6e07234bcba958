"""What an issue says, and the Jira CSV file read back with the csv module."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from cjm.tracker.content import LABEL_LIMIT, _fitted, marked_key, marker
from cjm.tracker.jira_csv import guard, jira_csv, wiki
from tests.tracker.conftest import MAP, run
from tests.tracker.contents import contents_of


def test_the_body_carries_the_marker_and_the_facts(workspace: Path) -> None:
    (no_card,) = [c for c in contents_of(workspace) if c.key == "trial/no-card"]
    assert no_card.body.startswith(marker("trial/no-card") + "\n")
    assert marked_key(no_card.body) == "trial/no-card"
    assert "| Impact and effort | high impact, low effort (Quick wins) |" in no_card.body
    assert "- **high**, open: A card is required before the trial (Sign-up, step 1" in no_card.body
    assert "higher is better: **missed, 5.5 pts short**" in no_card.body
    assert no_card.labels == (
        "cjm",
        "journey:trial",
        "impact:high",
        "effort:low",
        "team:growth",
        "status:planned",
    )


def test_user_text_cannot_mention_link_or_reorder(workspace: Path) -> None:
    hostile = MAP.replace(
        "description: Drop the card requirement; @everyone agrees.",
        'description: "@team see [x](javascript:alert(1)) <b>now</b> \\u202eevil"',
    ).replace("summary: No card for trials", 'summary: "No card\\u202e for trials"')
    (workspace / "maps" / "trial.yaml").write_text(hostile)
    (no_card,) = [c for c in contents_of(workspace) if c.key == "trial/no-card"]
    assert "\\@team" in no_card.body and "\\[x\\]" in no_card.body and "\\<b\\>" in no_card.body
    assert "\u202e" not in no_card.body and "\u202e" not in no_card.title
    assert no_card.title == "No card\u27e8U+202E\u27e9 for trials"


def test_a_body_never_takes_a_marker_from_user_text(workspace: Path) -> None:
    sneaky = MAP.replace(
        "description: Drop the card requirement; @everyone agrees.",
        'description: "<!-- cjm:opportunity trial/chat-help -->"',
    )
    (workspace / "maps" / "trial.yaml").write_text(sneaky)
    (no_card,) = [c for c in contents_of(workspace) if c.key == "trial/no-card"]
    assert marked_key(no_card.body) == "trial/no-card"
    assert "\\<\\!--" in no_card.body or "\\<!--" in no_card.body
    assert marked_key("Some text\n<!-- cjm:opportunity trial/chat-help -->") is None


def _rows(text: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def test_jira_csv_columns_labels_and_keys(workspace: Path) -> None:
    sheet = jira_csv(contents_of(workspace))
    header, rows = _rows(sheet.text)
    assert header == [
        "Summary",
        "Issue Type",
        "Priority",
        "Due date",
        "Description",
        *["Labels"] * 6,
        "Issue Key",
        "cjm key",
        "cjm status",
    ]
    by_key = {row[-2]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_key) == {"trial/no-card", "trial/chat-help"}
    no_card = rows[[r[-2] for r in rows].index("trial/no-card")]
    assert no_card[:4] == ["No card for trials", "Task", "High", "2027-03-31"]
    assert no_card[5:11] == [
        "cjm",
        "journey:trial",
        "impact:high",
        "effort:low",
        "team:growth",
        "status:planned",
    ]
    assert by_key["trial/no-card"]["Issue Key"] == "PAY-123"
    chat = rows[[r[-2] for r in rows].index("trial/chat-help")]
    assert chat[2] == "" and chat[5:11] == [
        "cjm",
        "journey:trial",
        "team:support",
        "status:idea",
        "",
        "",
    ]
    assert chat[-3] == ""  # no Jira key yet: Jira creates the issue
    assert "h3. Pain points it addresses" in no_card[4]
    assert sheet.left_out == [("trial/old-banner", "it is done and has no Jira key")]


def test_jira_keeps_a_settled_opportunity_it_already_tracks(workspace: Path) -> None:
    (no_card,) = [c for c in contents_of(workspace) if c.key == "trial/no-card"]
    sheet = jira_csv([replace(no_card, status="done")], issue_type="Story")
    _, rows = _rows(sheet.text)
    assert rows[0][1] == "Story" and rows[0][-3:] == ["PAY-123", "trial/no-card", "done"]


def test_cells_that_look_like_formulas_are_defused(workspace: Path) -> None:
    _, rows = _rows(jira_csv(contents_of(workspace)).text)
    assert "'=Help in a chat window" in [row[0] for row in rows]
    assert [guard(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "ok")] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "ok",
    ]


def test_wiki_markup_in_user_text_shows_literally() -> None:
    assert wiki("{color:red}x{color} [link|http://a] *b* -strike- self-serve") == (
        "\\{color:red\\}x\\{color\\} \\[link\\|http://a\\] \\*b\\* \\-strike\\- self-serve"
    )


def test_the_command_writes_the_jira_file(workspace: Path) -> None:
    result = run(["--to", "jira", "--out", "issues.csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Wrote 2 issues to issues.csv for Jira's CSV import.\n"
    assert "trial/old-banner is not in the file: it is done and has no Jira key" in result.stderr
    header, rows = _rows((workspace / "issues.csv").read_text(encoding="utf-8"))
    assert header[0] == "Summary" and len(rows) == 2


def test_a_label_too_long_for_github_is_cut_visibly_and_stays_distinct() -> None:
    first = "journey:" + "a" * 40 + "-first-of-two-long-ones"
    second = "journey:" + "a" * 40 + "-second-of-two-long-ones"
    fitted = [_fitted(first), _fitted(second)]
    assert all(len(label) == LABEL_LIMIT for label in fitted)
    assert all(label.startswith("journey:" + "a" * 35) for label in fitted)
    assert all(label[-7] == "~" for label in fitted)
    assert fitted[0] != fitted[1]
    assert _fitted("journey:short") == "journey:short"

#!/usr/bin/env python3
"""Write the Tessera example's product events and survey answers.

    python examples/b2b-saas-trial/data/generate.py            # rewrite the files beside it
    python examples/b2b-saas-trial/data/generate.py --out DIR  # write them into DIR

The data is invented and tells the map's story: October 2026 trial sign-ups of a
resource-planning tool, most of them lost where the map has its pain points (the import
that fails on European dates, the trial that locks during the security review), and
survey answers that agree with the mapped emotions except at sign-up, where the
September fix to the early sales call shows. It is deterministic (a seeded generator,
the standard library only), so running it again writes the same bytes.

``events.jsonl``, one event a line, in the generic shape: ``user_id``, ``anonymous_id``,
``session_id``, ``event``, ``timestamp`` (ISO 8601; browser events with the visitor's
offset, server events in UTC) and ``properties`` (a JSON object). It holds what real logs
hold: visitors who browse anonymously and identify later (some sign up before they are
identified), a browser shared by two colleagues, double submits in the same second,
repeated imports and visits, steps done out of order, late order forms after the
conversion window, and trials that start just before or after the period.

``feedback.csv``: in-app and post-call survey answers, one a row: ``step`` (a step id, or
the id of the touchpoint the survey sat on), ``segment`` (the respondent's role),
``rating`` (CSAT 1 to 5, blank when only a comment was left), ``comment`` and
``created_at``. Two comments carry a made-up e-mail address or phone number, so the
redaction of quotes shows.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

SEED = 20261031
HERE = Path(__file__).resolve().parent
EVENTS_FILE = "events.jsonl"
FEEDBACK_FILE = "feedback.csv"

# The funnel's steps in map order, and how many October trials reach each one (within the
# binding's 21-day window, in order). Olivia's group is the persona's segment: operations
# or delivery roles at firms of 200 to 999 people. Her trials lose more at the import
# (European dates) and at the security review (mid-market IT); small firms skip the review.
STEPS = ("signup", "import", "invite", "capacity", "call", "review", "order")
OLIVIA_REACH = (60, 42, 20, 15, 12, 11, 6)
OTHERS_REACH = (40, 30, 18, 13, 10, 9, 7)
WINDOW = timedelta(days=21)
TRIAL_LENGTH = timedelta(days=14)

# Europe's clocks went back on 25 October 2026 at 01:00 UTC.
CLOCKS_BACK = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
SUMMER_OFFSET = {"GB": 1, "DE": 2, "NL": 2}  # hours east of UTC before the change, one less after


def offset_of(country: str, moment: datetime) -> timedelta:
    hours = SUMMER_OFFSET[country] - (0 if moment < CLOCKS_BACK else 1)
    return timedelta(hours=hours)


def local_to_utc(country: str, local: datetime) -> datetime:
    """A wall-clock time in ``country`` (naive) as UTC; the night the clocks change is ignored."""
    guess = local.replace(tzinfo=UTC) - offset_of(country, local.replace(tzinfo=UTC))
    return local.replace(tzinfo=UTC) - offset_of(country, guess)


def stamp(moment: datetime, country: str | None) -> str:
    """ISO 8601: with the visitor's offset for browser events, ``Z`` for server events."""
    if country is None:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.astimezone(timezone(offset_of(country, moment))).isoformat(timespec="seconds")


@dataclass
class Log:
    """The events written so far, kept in the order they were made for same-second ties."""

    rows: list[tuple[datetime, int, dict[str, Any]]] = field(default_factory=list)

    def add(
        self,
        moment: datetime,
        event: str,
        *,
        user: str | None,
        anon: str | None,
        session: str,
        clock: str | None,
        **properties: Any,
    ) -> None:
        row = {
            "user_id": user,
            "anonymous_id": anon,
            "session_id": session,
            "event": event,
            "timestamp": stamp(moment, clock),
            "properties": properties,
        }
        self.rows.append((moment.replace(microsecond=0), len(self.rows), row))

    def lines(self) -> list[str]:
        ordered = sorted(self.rows, key=lambda entry: (entry[0], entry[1]))
        return [json.dumps(row, separators=(",", ":")) for _, _, row in ordered]


@dataclass
class Trial:
    user: str
    anon: str
    country: str
    role: str
    size: str
    depth: int  # index in STEPS of the last step reached within the window
    start: datetime  # UTC
    signup: str = "both"  # both ids on trial_started, "anon" first then signed_in, or "server"


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.log = Log()
        self.user_count = 0

    # -- identifiers ---------------------------------------------------------------------

    def new_user(self) -> str:
        self.user_count += 1
        return f"u{1000 + self.user_count}"

    def new_anon(self) -> str:
        return f"a{self.rng.getrandbits(24):06x}"

    def new_session(self) -> str:
        return f"s{self.rng.getrandbits(24):06x}"

    # -- who signs up, and when ----------------------------------------------------------

    def olivia_profile(self) -> tuple[str, str, str]:
        country = self.rng.choice(("GB", "GB", "DE", "NL"))
        return country, self.rng.choice(("operations", "operations", "delivery")), "200-999"

    def other_profile(self) -> tuple[str, str, str]:
        country = self.rng.choice(("GB", "GB", "DE", "NL"))
        role, size = self.rng.choice(
            (
                ("founder", "1-49"),
                ("founder", "50-199"),
                ("operations", "50-199"),
                ("operations", "1000+"),
                ("project-manager", "200-999"),
                ("project-manager", "1000+"),
                ("finance", "50-199"),
                ("it", "1000+"),
            )
        )
        return country, role, size

    def start_time(self, country: str, role: str, first: int, last: int) -> datetime:
        """A sign-up on an October day; operations people mostly sign up after 6 pm."""
        day = self.rng.randint(first, last)
        evening = role in ("operations", "delivery") and self.rng.random() < 0.7
        hour = self.rng.randint(18, 22) if evening else self.rng.randint(8, 17)
        local = datetime(2026, 10, 1) + timedelta(
            days=day - 1,
            hours=hour,
            minutes=self.rng.randint(0, 59),
            seconds=self.rng.randint(0, 59),
        )
        return local_to_utc(country, local)

    def trials(self) -> list[Trial]:
        made: list[Trial] = []
        for reach, profile in (
            (OLIVIA_REACH, self.olivia_profile),
            (OTHERS_REACH, self.other_profile),
        ):
            depths = [
                d
                for d in range(len(STEPS))
                for _ in range(reach[d] - (reach[d + 1] if d + 1 < len(reach) else 0))
            ]
            self.rng.shuffle(depths)
            for depth in depths:
                country, role, size = profile()
                # Up to 30 October: every sign-up is on an October day in Berlin too.
                start = self.start_time(country, role, 1, 30)
                made.append(
                    Trial(self.new_user(), self.new_anon(), country, role, size, depth, start)
                )
        for trial in made:
            draw = self.rng.random()
            trial.signup = "anon" if draw < 0.3 else "server" if draw < 0.42 else "both"
        # The period's edges in Europe/Berlin: 00:40 on 1 October and 23:50 on 31 October.
        made[3].start = datetime(2026, 9, 30, 22, 40, 12, tzinfo=UTC)
        made[80].start = datetime(2026, 10, 31, 22, 50, 3, tzinfo=UTC)
        # Two colleagues sharing a laptop: the second signs up from the first one's browser.
        for first, second in ((10, 11), (90, 91)):
            made[first].signup = made[second].signup = "both"
            made[second].anon = made[first].anon
        return made

    # -- one trial's events --------------------------------------------------------------

    def later(self, moment: datetime, low: timedelta, high: timedelta) -> datetime:
        span = int((high - low).total_seconds())
        return moment + low + timedelta(seconds=self.rng.randint(0, max(span, 0)))

    def browse_before(self, trial: Trial) -> None:
        """Anonymous pricing and product page views in the days before signing up."""
        if trial.signup == "server":
            return
        for _ in range(self.rng.choice((0, 0, 1, 1, 2))):
            moment = trial.start - timedelta(minutes=self.rng.randint(5, 60 * 24 * 6))
            page = self.rng.choice(("/pricing", "/pricing", "/features/capacity", "/"))
            self.log.add(
                moment,
                "page_viewed",
                user=None,
                anon=trial.anon,
                session=self.new_session(),
                clock=trial.country,
                path=page,
            )

    def sign_up(self, trial: Trial) -> str:
        session = self.new_session()
        traits = {"role": trial.role, "company_size": trial.size, "country": trial.country}
        if trial.signup == "server":
            user, anon, country = trial.user, None, None
        elif trial.signup == "anon":
            user, anon, country = None, trial.anon, trial.country
        else:
            user, anon, country = trial.user, trial.anon, trial.country
        self.log.add(
            trial.start,
            "trial_started",
            user=user,
            anon=anon,
            session=session,
            clock=country,
            **traits,
        )
        if self.rng.random() < 0.04:  # a double submit, in the same second
            self.log.add(
                trial.start,
                "trial_started",
                user=user,
                anon=anon,
                session=session,
                clock=country,
                **traits,
            )
        if trial.signup == "anon":  # identified a little later, when the e-mail link is clicked
            self.log.add(
                self.later(trial.start, timedelta(minutes=2), timedelta(minutes=40)),
                "signed_in",
                user=trial.user,
                anon=trial.anon,
                session=session,
                clock=trial.country,
            )
        return session

    def client(
        self, trial: Trial, moment: datetime, event: str, session: str, **properties: Any
    ) -> None:
        self.log.add(
            moment,
            event,
            user=trial.user,
            anon=None,
            session=session,
            clock=trial.country,
            **properties,
        )

    def server(self, trial: Trial, moment: datetime, event: str, **properties: Any) -> None:
        self.log.add(
            moment,
            event,
            user=trial.user,
            anon=None,
            session=self.new_session(),
            clock=None,
            **properties,
        )

    def monday_call(self, after: datetime, country: str) -> datetime:
        """The first Monday planning call (09:00 to 10:30 local) after ``after``."""
        local = (after + offset_of(country, after)).replace(tzinfo=None)
        day = local.date() + timedelta(days=1)
        while day.weekday() != 0:
            day += timedelta(days=1)
        wall = datetime(day.year, day.month, day.day, 9) + timedelta(
            seconds=self.rng.randint(0, 5400)
        )
        return local_to_utc(country, wall)

    def run_trial(self, trial: Trial) -> None:
        rng = self.rng
        olivia = trial.size == "200-999" and trial.role in ("operations", "delivery")
        self.browse_before(trial)
        session = self.sign_up(trial)
        end = trial.start + WINDOW - timedelta(minutes=5)
        if trial.depth == 0:
            return

        # Imports: European dates and merged cells fail the whole file; some try again at once.
        moment = self.later(trial.start, timedelta(minutes=15), timedelta(hours=30))
        session = self.new_session()
        if rng.random() < 0.15:  # the sample project's capacity view, before any import
            self.client(
                trial, moment - timedelta(minutes=8), "screen_viewed", session, screen="capacity"
            )
        failures = (
            rng.choice((1, 2, 2, 3))
            if trial.depth == 1
            else rng.choice((0, 1, 1, 2) if olivia else (0, 0, 1))
        )
        for _ in range(failures):
            error = (
                rng.choice(("date_format", "date_format", "merged_cells"))
                if olivia
                else "merged_cells"
            )
            self.client(trial, moment, "import_finished", session, status="failed", error=error)
            moment = (
                moment
                if rng.random() < 0.1
                else self.later(moment, timedelta(minutes=1), timedelta(minutes=15))
            )
        if trial.depth > 1 or rng.random() < 0.2:
            self.client(
                trial, moment, "import_finished", session, status="ok", rows=rng.randint(20, 90)
            )
        if trial.depth == 1:
            if rng.random() < 0.3:  # only the finance director, as a viewer: not the step
                viewer = self.later(moment, timedelta(hours=1), timedelta(days=2))
                self.client(trial, viewer, "invite_sent", self.new_session(), invitee_role="viewer")
            return

        # Invites: project leads in one go (same second), sometimes the finance director as viewer.
        moment = self.later(moment, timedelta(minutes=10), timedelta(days=2))
        session = self.new_session()
        for _ in range(rng.randint(1, 4)):
            self.client(trial, moment, "invite_sent", session, invitee_role="editor")
        if rng.random() < 0.25:
            self.client(
                trial,
                self.later(moment, timedelta(minutes=1), timedelta(hours=3)),
                "invite_sent",
                session,
                invitee_role="viewer",
            )
        if trial.depth == 2:
            return

        # The capacity view, at the next Monday planning call, and again on later days.
        moment = self.monday_call(moment + timedelta(hours=12), trial.country)
        assert moment <= end, trial
        session = self.new_session()
        self.client(trial, moment, "screen_viewed", session, screen="capacity")
        for _ in range(rng.choice((0, 1, 1, 2))):
            again = self.later(moment, timedelta(hours=20), timedelta(days=4))
            self.client(trial, again, "screen_viewed", self.new_session(), screen="capacity")
        if trial.depth == 3:
            return

        # The pricing call, booked by the champion; the security review; the order form.
        moment = self.later(moment, timedelta(hours=4), timedelta(days=2))
        self.server(trial, moment, "pricing_call_booked")
        if trial.depth == 4:
            return
        small = trial.size in ("1-49", "50-199")
        if small:
            moment = self.later(moment, timedelta(hours=1), timedelta(hours=20))
            self.server(trial, moment, "security_review_waived")
        else:
            moment = self.later(moment, timedelta(days=1), timedelta(days=3))
            self.server(trial, moment, "security_review_started", questionnaire="standard")
        assert moment <= end, trial
        locked = trial.start + TRIAL_LENGTH
        signed: datetime | None = None
        if trial.depth == 6:
            signed = self.later(
                moment,
                timedelta(hours=2),
                max(end - moment, timedelta(hours=3)) - timedelta(hours=1),
            )
            assert signed <= end, trial
        elif not small and rng.random() < 0.35:  # signed after the window: not a conversion here
            signed = (
                trial.start + WINDOW + timedelta(days=rng.randint(2, 6), hours=rng.randint(0, 8))
            )
        if not small and (signed is None or signed > locked):
            self.server(trial, locked, "trial_locked", reason="trial_ended")
            if rng.random() < 0.4:
                extended = self.later(locked, timedelta(hours=3), timedelta(days=2))
                self.server(trial, extended, "trial_extended", days=14, via="chat")
        if signed is not None:
            self.server(
                trial,
                signed,
                "order_form_signed",
                billing="annual",
                seats=rng.choice((40, 60, 80, 120, 300)),
            )

    # -- everything ----------------------------------------------------------------------

    def visitors(self, count: int) -> None:
        """Anonymous visitors who never sign up."""
        for _ in range(count):
            anon, country = self.new_anon(), self.rng.choice(("GB", "DE", "NL", "GB"))
            moment = local_to_utc(
                country, datetime(2026, 10, 1) + timedelta(seconds=self.rng.randint(0, 30 * 86400))
            )
            for _ in range(self.rng.choice((1, 1, 2))):
                page = self.rng.choice(("/pricing", "/features/capacity", "/", "/customers"))
                self.log.add(
                    moment,
                    "page_viewed",
                    user=None,
                    anon=anon,
                    session=self.new_session(),
                    clock=country,
                    path=page,
                )
                moment += timedelta(minutes=self.rng.randint(1, 90))

    def outside_period(self) -> None:
        """Trials that start before or after October: in the log, but not in the funnel."""
        for day, hour in (
            (18, 19),
            (21, 10),
            (23, 20),
            (25, 9),
            (27, 21),
            (28, 14),
            (29, 18),
            (29, 11),
        ):
            country, role, size = self.olivia_profile()
            start = local_to_utc(
                country,
                datetime(2026, 9, day, hour, self.rng.randint(0, 59), self.rng.randint(0, 59)),
            )
            self.run_trial(
                Trial(
                    self.new_user(),
                    self.new_anon(),
                    country,
                    role,
                    size,
                    self.rng.randint(1, 6),
                    start,
                )
            )
        for start in (
            datetime(2026, 10, 31, 23, 15, 40, tzinfo=UTC),  # 00:15 on 1 November in Berlin
            datetime(2026, 11, 2, 9, 5, 0, tzinfo=UTC),
            datetime(2026, 11, 3, 19, 44, 9, tzinfo=UTC),
        ):
            country, role, size = self.olivia_profile()
            self.run_trial(
                Trial(
                    self.new_user(),
                    self.new_anon(),
                    country,
                    role,
                    size,
                    self.rng.randint(0, 3),
                    start,
                )
            )

    def events(self) -> list[str]:
        trials = self.trials()
        for trial in trials:
            self.run_trial(trial)
        self.visitors(50)
        self.outside_period()
        return self.log.lines()


# -- feedback ----------------------------------------------------------------------------

COMMENTS: dict[tuple[str, str], tuple[str, ...]] = {
    ("signup", "pos"): (
        "No credit card needed, I was in the app in two minutes.",
        "Sign-up was quick and the welcome email was useful.",
        "Easy start. Nobody called me on day one, which I liked.",
        "Straightforward: work email, password, done.",
        "Clear what the 14 days include.",
        "Smooth, the checklist told me what to do first.",
    ),
    ("signup", "neu"): (
        "Fine. Not sure yet if we need Business or Pro.",
        "It worked. The role question was a bit odd.",
    ),
    ("signup", "neg"): (
        "A sales rep called on day three, before I had imported anything.",
        "Too many emails in the first week.",
        "Why do you need my phone number to start a trial?",
    ),
    ("import", "neg"): (
        "Import failed twice with 'invalid file' and no hint why.",
        "It read 03/04 as the 4th of March. All our dates are wrong.",
        "Merged cells broke the whole import, I cleaned the sheet by hand.",
        "One bad row and the entire file is rejected. Give me a preview!",
        "Spent my evening retyping projects.",
        "The error message says nothing useful.",
        "Gave up on the importer and typed in 12 projects.",
    ),
    ("import", "neu"): (
        "Worked on the second try after I made the date column text.",
        "OK once I removed the merged header row.",
        "Took a while but it's in.",
    ),
    ("import", "pos"): (
        "Imported 60 projects in one go, impressed.",
        "The importer handled our sheet fine.",
    ),
    ("invite", "pos"): (
        "Three of my four leads accepted the same day.",
        "Inviting the team was easy.",
        "Leads got a clear email and logged straight in.",
        "Simple, and I could pick editor or viewer.",
    ),
    ("invite", "neu"): ("Fine, though one invite went to spam.",),
    ("invite", "neg"): (
        "One lead never got the invite email.",
        "Could only invite people one by one.",
    ),
    ("capacity", "pos"): (
        "First time we saw the over-booking before it happened.",
        "The capacity view is exactly what our Monday call needed.",
        "This is why we'll buy it. Utilisation at a glance.",
        "My leads finally see their own load.",
        "It showed two people booked at 140%. Brilliant.",
    ),
    ("capacity", "neu"): (
        "Useful, would like to filter by client.",
        "Good view, a bit slow with every project loaded.",
    ),
    ("capacity", "neg"): ("Numbers looked off until I fixed the imported dates.",),
    ("call", "pos"): (
        "Got the total for 40 editors and 260 viewers, finally.",
        "Clear answer: viewers are free.",
    ),
    ("call", "neu"): (
        "Fine call, mostly for our finance director.",
        "Standard pricing call.",
        "I had to explain our set-up again.",
    ),
    ("call", "neg"): ("The rep pushed for a three-year deal.",),
    ("call-finance", "pos"): (
        "A total price and an annual discount. That's what I needed.",
        "Clear numbers and a 60-day exit clause. Good.",
        "Finally a vendor that gives the full annual figure.",
    ),
    ("call-finance", "neu"): ("Reasonable. Still need IT sign-off.",),
    ("call-finance", "neg"): ("Had to ask twice for a written quote.",),
    ("review", "neg"): (
        "The trial locked while IT was still reviewing. My leads went back to the spreadsheet.",
        "We lost a week waiting for the pen-test summary.",
        "Why does the workspace go read-only in the middle of procurement?",
        "IT had to book a call just to get a document.",
        "Had to ask in chat for an extension.",
    ),
    ("review", "neu"): ("Slow, but we got there.",),
    ("review", "pos"): ("The pre-filled questionnaire saved IT a lot of time.",),
    ("review-finance", "neg"): (
        "I'm chasing a vendor for security papers. Not my job.",
        "The sub-processor list is not on the trust centre.",
        "Three weeks of emails for one questionnaire.",
    ),
    ("review-finance", "neu"): ("Standard review, took longer than it should.",),
    ("review-finance", "pos"): ("The new questionnaire came pre-filled. Helpful.",),
    ("order", "pos"): (
        "Clean order form, signed in five minutes.",
        "Annual discount and a clear exit. Fine.",
    ),
    ("order", "neu"): ("No field for our PO number.",),
    ("invoice", "neg"): (
        "Invoice had no PO number and bounced twice.",
        "Addressed to our holding company, not the operating entity.",
        "I can't change the billing entity in the portal.",
        "AP rejected it and we had to ask for a reissue.",
        "Finance asked me why the vendor got the invoice wrong.",
    ),
    ("invoice", "neu"): ("Paid eventually.",),
    ("mobile", "neu"): (
        "Is there a mobile app for project leads?",
        "Would love a phone app for checking the week.",
    ),
}

# (step column, segment, comment pool, ratings 1..5 counted, comment-only answers).
# The step column is a step id, or the touchpoint id the survey sat on (csv-importer is on
# one step only); mobile-app is neither, so those answers cannot be placed on the map.
SURVEYS: tuple[tuple[str, str, str, tuple[int, int, int, int, int], int], ...] = (
    ("signs-up-for-trial", "operations", "signup", (2, 4, 7, 13, 14), 0),
    ("signs-up-for-trial", "other", "signup", (0, 1, 2, 5, 6), 0),
    ("imports-existing-plan", "operations", "import", (15, 14, 6, 5, 2), 4),
    ("imports-existing-plan", "other", "import", (3, 4, 3, 3, 1), 0),
    ("csv-importer", "operations", "import", (3, 2, 0, 1, 0), 1),
    ("invites-project-leads", "operations", "invite", (0, 2, 3, 8, 7), 0),
    ("sees-capacity-view", "operations", "capacity", (0, 1, 3, 10, 18), 1),
    ("sees-capacity-view", "other", "capacity", (0, 0, 2, 4, 4), 0),
    ("books-pricing-call", "operations", "call", (0, 2, 6, 4, 2), 0),
    ("books-pricing-call", "finance", "call-finance", (0, 1, 2, 6, 3), 0),
    ("passes-security-review", "operations", "review", (7, 6, 3, 2, 0), 1),
    ("passes-security-review", "finance", "review-finance", (2, 5, 3, 1, 0), 0),
    ("signs-order-form", "finance", "order", (0, 0, 1, 3, 2), 0),
    ("receives-first-invoice", "finance", "invoice", (4, 4, 2, 0, 0), 0),
    ("receives-first-invoice", "operations", "invoice", (1, 2, 1, 0, 0), 0),
    ("mobile-app", "other", "mobile", (0, 0, 2, 1, 0), 0),
)


def tone(rating: int) -> str:
    return "neg" if rating <= 2 else "neu" if rating == 3 else "pos"


def pick_comment(rng: random.Random, pool: str, wanted: str) -> str:
    for candidate in (wanted, "neu", "neg", "pos"):
        if (pool, candidate) in COMMENTS:
            return rng.choice(COMMENTS[(pool, candidate)])
    raise KeyError(pool)


def feedback(seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    rows: list[tuple[datetime, list[str]]] = []

    def answered() -> datetime:
        draw = rng.random()
        # A few answers fall just outside October.
        day = rng.randint(1, 31) if draw < 0.96 else rng.choice((-2, -1, 32, 33))
        return datetime(2026, 9, 30, tzinfo=UTC) + timedelta(
            days=day, seconds=rng.randint(8 * 3600, 21 * 3600)
        )

    for step, segment, pool, counts, comment_only in SURVEYS:
        ratings = [
            value for value, count in zip(range(1, 6), counts, strict=True) for _ in range(count)
        ]
        rng.shuffle(ratings)
        for rating in ratings:
            comment = pick_comment(rng, pool, tone(rating)) if rng.random() < 0.5 else ""
            rows.append((answered(), [step, segment, str(rating), comment]))
        for _ in range(comment_only):
            rows.append((answered(), [step, segment, "", pick_comment(rng, pool, "neg")]))
    # Answers a survey tool lets through: contact details left in a comment (made up: a
    # drama-range phone number and an example.org address), an off-scale rating and an
    # answer with no segment.
    phone = "Import failed again. Call me back on +44 20 7946 0321."
    rows.append((answered(), ["imports-existing-plan", "operations", "1", phone]))
    email = "IT is still waiting. Send the pen-test summary to farid.k@example.org."
    rows.append((answered(), ["passes-security-review", "finance", "2", email]))
    rows.append(
        (answered(), ["sees-capacity-view", "operations", "6", "Best planning tool we tried"])
    )
    rows.append((answered(), ["imports-existing-plan", "", "0", ""]))
    rows.sort(key=lambda entry: (entry[0], entry[1]))
    return [[*row, moment.strftime("%Y-%m-%dT%H:%M:%SZ")] for moment, row in rows]


# -- writing -----------------------------------------------------------------------------


def write(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    events_path, feedback_path = out / EVENTS_FILE, out / FEEDBACK_FILE
    lines = Generator(SEED).events()
    events_path.write_text("".join(line + "\n" for line in lines), encoding="utf-8", newline="\n")
    with feedback_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["step", "segment", "rating", "comment", "created_at"])
        writer.writerows(feedback(SEED + 1))
    return [events_path, feedback_path]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--out",
        type=Path,
        default=HERE,
        help="the folder to write into (default: beside this script)",
    )
    options = parser.parse_args(argv)
    for path in write(options.out):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

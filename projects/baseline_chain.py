"""The baseline chain of each milestone, as the project page shows it.

The original baseline is the date first published (`Milestone.baseline_on`); every accepted
move is a published MilestoneChange carrying a forecast date (date, author, reason). Drift is
measured against the original baseline (as DINUM's Panorama does) and against the latest
accepted baseline (the forecast in force).
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Chain:
    milestone: object
    moves: list = field(default_factory=list)

    @property
    def drift_from_original(self) -> int | None:
        """Days between the actual (or forecast) date and the original baseline."""
        return self.milestone.slippage_days

    @property
    def drift_from_latest(self) -> int | None:
        """Days between the actual date and the latest accepted baseline; for a milestone not
        done, the days it is late by (0 when on time)."""
        milestone = self.milestone
        latest = milestone.forecast_on
        if latest is None:
            return None
        if milestone.actual_on is not None:
            return (milestone.actual_on - latest).days
        return max((self.today - latest).days, 0)

    today: date = field(default_factory=date.today)


def chains(milestones, published_moves, today: date) -> list[Chain]:
    """One Chain per milestone (in the given order), its moves oldest first.

    `published_moves` are the project's published MilestoneChanges with a forecast date,
    fetched in one query by the caller.
    """
    by_milestone = {milestone.pk: Chain(milestone, today=today) for milestone in milestones}
    for move in sorted(published_moves, key=lambda m: (m.published_on, m.pk)):
        if move.milestone_id in by_milestone:
            by_milestone[move.milestone_id].moves.append(move)
    return list(by_milestone.values())

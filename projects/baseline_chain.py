"""The baseline chain of each milestone, as the project page shows it.

The original baseline is the date first published (`Milestone.baseline_on`); every accepted
move is a published MilestoneChange carrying a forecast date (date, author, reason). The two
drifts — against the original baseline (as DINUM's Panorama measures it) and against the latest
accepted baseline — are the milestone's annotations (`projects.rules`), never computed here.
"""

from dataclasses import dataclass, field


@dataclass
class Chain:
    milestone: object
    moves: list = field(default_factory=list)


def chains(milestones, published_moves) -> list[Chain]:
    """One Chain per milestone (in the given order), its moves oldest first.

    `published_moves` are the project's published MilestoneChanges with a forecast date,
    fetched in one query by the caller.
    """
    by_milestone = {milestone.pk: Chain(milestone) for milestone in milestones}
    for move in sorted(published_moves, key=lambda m: (m.published_on, m.pk)):
        if move.milestone_id in by_milestone:
            by_milestone[move.milestone_id].moves.append(move)
    return list(by_milestone.values())

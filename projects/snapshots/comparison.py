"""The full difference between two frozen states of the portfolio (pure functions, no query).

Projects are matched by their id; a project's milestones by their title (and rank among
milestones of the same title), which never changes between two freezes of the same milestone.
"""

from collections import Counter
from dataclasses import dataclass, field
from statistics import mean

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.enums import Meteo, Phase
from projects.formats import number
from projects.fuzzydates import long_date
from projects.models.milestone import MilestoneState
from projects.snapshots.state import FrozenMilestone, FrozenProject, FrozenState

# Pipeline order of the phases; ARRETE is an ending, neither progress nor regression.
PHASE_RANK = {
    Phase.CADRAGE: 0,
    Phase.CONCEPTION: 1,
    Phase.EXPERIMENTATION: 2,
    Phase.DEPLOIEMENT: 3,
    Phase.ACHEVE: 4,
}
ABSENT = "ABSENT"  # not in the portfolio at that date (transitions of entered / left projects)


@dataclass(frozen=True)
class ProjectMove:
    """A project present at both dates whose météo or phase changed."""

    before: FrozenProject
    after: FrozenProject
    steps: int = 0  # phases gained (negative: lost); 0 when not comparable


@dataclass(frozen=True)
class MilestoneMove:
    project: FrozenProject
    before: FrozenMilestone | None
    after: FrozenMilestone | None
    days: int | None = None  # for a slip (> 0) or an advance (< 0)

    @property
    def milestone(self) -> FrozenMilestone:
        return self.after or self.before


@dataclass
class Comparison:
    a: FrozenState
    b: FrozenState
    entered: list[FrozenProject] = field(default_factory=list)
    left: list[FrozenProject] = field(default_factory=list)
    kept: int = 0
    meteo_better: list[ProjectMove] = field(default_factory=list)
    meteo_worse: list[ProjectMove] = field(default_factory=list)
    meteo_declared: list[ProjectMove] = field(default_factory=list)  # first météo given
    meteo_withdrawn: list[ProjectMove] = field(default_factory=list)  # météo no longer given
    phase_forward: list[ProjectMove] = field(default_factory=list)
    phase_backward: list[ProjectMove] = field(default_factory=list)
    phase_stopped: list[ProjectMove] = field(default_factory=list)
    phase_known: list[ProjectMove] = field(default_factory=list)  # phase given for the first time
    transitions: Counter = field(default_factory=Counter)  # (phase at a, phase at b) -> n
    delivered: list[MilestoneMove] = field(default_factory=list)
    slipped: list[MilestoneMove] = field(default_factory=list)
    advanced: list[MilestoneMove] = field(default_factory=list)
    added: list[MilestoneMove] = field(default_factory=list)
    removed: list[MilestoneMove] = field(default_factory=list)
    late_after: list[FrozenMilestone] = field(default_factory=list)

    @property
    def completed(self) -> list[ProjectMove]:
        return [move for move in self.phase_forward if move.after.phase == Phase.ACHEVE]

    @property
    def meteo_changes(self) -> list[ProjectMove]:
        return self.meteo_worse + self.meteo_better + self.meteo_declared + self.meteo_withdrawn

    @property
    def phase_changes(self) -> list[ProjectMove]:
        return self.phase_forward + self.phase_backward + self.phase_stopped + self.phase_known

    @property
    def mean_slip(self) -> int:
        return round(mean(move.days for move in self.slipped)) if self.slipped else 0

    @property
    def summary(self) -> str:
        return summary(self)


def compare(a: FrozenState, b: FrozenState) -> Comparison:
    """Everything that changed from state `a` to state `b`."""
    result = Comparison(a, b)
    before = {project.id: project for project in a.projects}
    after = {project.id: project for project in b.projects}
    result.entered = [project for project in b.projects if project.id not in before]
    result.left = [project for project in a.projects if project.id not in after]
    for project in result.entered:
        result.transitions[(ABSENT, project.phase)] += 1
    for project in result.left:
        result.transitions[(project.phase, ABSENT)] += 1
    for new in b.projects:
        old = before.get(new.id)
        if old is None:
            continue
        result.kept += 1
        result.transitions[(old.phase, new.phase)] += 1
        _compare_meteo(result, old, new)
        _compare_phase(result, old, new)
    _compare_milestones(result, before, after)
    result.late_after = [m for m in b.milestones if m.state == MilestoneState.LATE]
    return result


def _compare_meteo(result: Comparison, old: FrozenProject, new: FrozenProject) -> None:
    if old.meteo == new.meteo:
        return
    old_rank, new_rank = Meteo(old.meteo).rank, Meteo(new.meteo).rank
    move = ProjectMove(old, new)
    if old_rank < 0:
        result.meteo_declared.append(move)
    elif new_rank < 0:
        result.meteo_withdrawn.append(move)
    elif new_rank > old_rank:
        result.meteo_better.append(move)
    else:
        result.meteo_worse.append(move)


def _compare_phase(result: Comparison, old: FrozenProject, new: FrozenProject) -> None:
    if old.phase == new.phase:
        return
    if not old.phase:
        result.phase_known.append(ProjectMove(old, new))
    elif new.phase == Phase.ARRETE:
        result.phase_stopped.append(ProjectMove(old, new))
    elif old.phase in PHASE_RANK and new.phase in PHASE_RANK:
        steps = PHASE_RANK[new.phase] - PHASE_RANK[old.phase]
        target = result.phase_forward if steps > 0 else result.phase_backward
        target.append(ProjectMove(old, new, steps))
    else:  # from ARRETE back into the pipeline, or a phase withdrawn: shown, not counted
        result.phase_known.append(ProjectMove(old, new))


def _keyed(milestones: list[FrozenMilestone]) -> dict[tuple, FrozenMilestone]:
    seen: Counter = Counter()
    keyed = {}
    for milestone in milestones:
        seen[milestone.title] += 1
        keyed[(milestone.title, seen[milestone.title])] = milestone
    return keyed


def _compare_milestones(result: Comparison, before: dict, after: dict) -> None:
    day_a = result.a.day
    for project_id in [*after, *(pid for pid in before if pid not in after)]:
        new_project, old_project = after.get(project_id), before.get(project_id)
        olds = _keyed(old_project.milestones if old_project else [])
        news = _keyed(new_project.milestones if new_project else [])
        for key, new in news.items():
            old = olds.get(key)
            if old is None:
                result.added.append(MilestoneMove(new_project, None, new))
                if new.actual and new.actual.end > day_a:
                    result.delivered.append(MilestoneMove(new_project, None, new))
                continue
            if new.actual and not old.actual:
                result.delivered.append(MilestoneMove(new_project, old, new))
            if old.actual or old.forecast is None:
                continue
            target = new.actual or new.forecast
            if target is None:
                continue
            days = (target.end - old.forecast.end).days
            if days > 0:
                result.slipped.append(MilestoneMove(new_project, old, new, days))
            elif days < 0:
                result.advanced.append(MilestoneMove(new_project, old, new, days))
        for key, old in olds.items():
            if key not in news:
                result.removed.append(MilestoneMove(old_project or new_project, old, None))


# --- The one-paragraph summary ----------------------------------------------------------------


def _n(value: int) -> dict:
    return {"n": number(value)}


def _projects_sentence(c: Comparison) -> str:
    if c.entered:
        entered = ngettext(
            "%(n)s projet est entré dans le programme",
            "%(n)s projets sont entrés dans le programme",
            len(c.entered),
        ) % _n(len(c.entered))
    else:
        entered = _("aucun projet n'est entré dans le programme")
    if c.left:
        left = ngettext("%(n)s en est sorti", "%(n)s en sont sortis", len(c.left)) % _n(len(c.left))
    else:
        left = _("aucun n'en est sorti")
    return _("Entre le %(a)s et le %(b)s, %(entered)s et %(left)s.") % {
        "a": long_date(c.a.day),
        "b": long_date(c.b.day),
        "entered": entered,
        "left": left,
    }


def _phases_sentence(c: Comparison) -> str:
    if not c.kept:
        return ""
    forward = len(c.phase_forward)
    if not forward:
        clauses = [_("aucun n'a progressé d'une phase")]
    elif all(move.steps == 1 for move in c.phase_forward):
        clauses = [
            ngettext("%(n)s a progressé d'une phase", "%(n)s ont progressé d'une phase", forward)
            % _n(forward)
        ]
    else:
        clauses = [
            ngettext(
                "%(n)s a progressé d'au moins une phase",
                "%(n)s ont progressé d'au moins une phase",
                forward,
            )
            % _n(forward)
        ]
    if c.completed:
        clauses.append(
            ngettext(
                "dont %(n)s désormais achevé", "dont %(n)s désormais achevés", len(c.completed)
            )
            % _n(len(c.completed))
        )
    if c.phase_backward:
        clauses.append(
            ngettext("%(n)s a reculé", "%(n)s ont reculé", len(c.phase_backward))
            % _n(len(c.phase_backward))
        )
    if c.phase_stopped:
        clauses.append(
            ngettext("%(n)s a été arrêté", "%(n)s ont été arrêtés", len(c.phase_stopped))
            % _n(len(c.phase_stopped))
        )
    if c.phase_known:
        clauses.append(
            ngettext(
                "la phase de %(n)s projet est désormais connue",
                "la phase de %(n)s projets est désormais connue",
                len(c.phase_known),
            )
            % _n(len(c.phase_known))
        )
    intro = ngettext(
        "Sur le seul projet présent aux deux dates",
        "Parmi les %(n)s projets présents aux deux dates",
        c.kept,
    ) % _n(c.kept)
    return f"{intro}, {_join(clauses)}."


def meteo_sentence(c: Comparison) -> str:
    better, worse = len(c.meteo_better), len(c.meteo_worse)
    if not better and not worse:
        sentence = _("Aucune météo ne s'est améliorée ni dégradée")
    else:
        parts = []
        if better:
            parts.append(
                ngettext(
                    "s'est améliorée pour %(n)s projet",
                    "s'est améliorée pour %(n)s projets",
                    better,
                )
                % _n(better)
            )
        if worse:
            parts.append(
                ngettext(
                    "s'est dégradée pour %(n)s projet", "s'est dégradée pour %(n)s projets", worse
                )
                % _n(worse)
            )
        sentence = _("La météo %(changes)s") % {"changes": _join(parts)}
    if c.meteo_declared:
        sentence += ngettext(
            " ; %(n)s projet a reçu sa première météo",
            " ; %(n)s projets ont reçu leur première météo",
            len(c.meteo_declared),
        ) % _n(len(c.meteo_declared))
    return sentence + "."


def _milestones_sentence(c: Comparison) -> str:
    delivered, slipped, added = len(c.delivered), len(c.slipped), len(c.added)
    if delivered:
        parts = [
            ngettext("%(n)s jalon a été réalisé", "%(n)s jalons ont été réalisés", delivered)
            % _n(delivered)
        ]
    else:
        parts = [_("aucun jalon n'a été réalisé")]
    if slipped == 1:
        parts.append(_("1 a glissé de %(days)s jours") % {"days": number(c.slipped[0].days)})
    elif slipped:
        parts.append(
            _("%(n)s ont glissé (de %(days)s jours en moyenne)")
            % {"n": number(slipped), "days": number(c.mean_slip)}
        )
    else:
        parts.append(_("aucun n'a glissé"))
    if added:
        parts.append(ngettext("%(n)s a été ajouté", "%(n)s ont été ajoutés", added) % _n(added))
    sentence = _("Côté jalons, %(parts)s.") % {"parts": _join(parts)}
    late = len(c.late_after)
    if late:
        sentence += " " + ngettext(
            "Au %(date)s, %(n)s jalon est en retard.",
            "Au %(date)s, %(n)s jalons sont en retard.",
            late,
        ) % {"date": long_date(c.b.day), "n": number(late)}
    else:
        sentence += " " + _("Au %(date)s, aucun jalon n'est en retard.") % {
            "date": long_date(c.b.day)
        }
    return sentence


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(first)s et %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def summary(c: Comparison) -> str:
    """One French paragraph computed from the figures, singular and plural as they fall."""
    sentences = [
        _projects_sentence(c),
        _phases_sentence(c),
        meteo_sentence(c),
        _milestones_sentence(c),
    ]
    return " ".join(sentence for sentence in sentences if sentence)

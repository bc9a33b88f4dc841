"""The full difference between two states of the portfolio (`compare`: a pure function).

Projects are matched by their id; a project's milestones by their title (and rank among
milestones of the same title), which never changes between two freezes of the same milestone.
What the sources do not say is never turned into a fact: a phase unknown at either date is not
« no progress », a project DINUM says it completed but the sources do not name is not « no exit ».
"""

from collections import Counter
from dataclasses import dataclass, field
from statistics import mean

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.coverage import Coverage, coverage_of
from projects.enums import PHASE_RANK, Meteo, MilestoneState, Phase
from projects.formats import number
from projects.fuzzydates import long_date
from projects.portfolio import Portfolio
from projects.snapshots.state import FrozenMilestone, FrozenProject, FrozenState, read

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
    coverage_a: Coverage
    coverage_b: Coverage
    entered: list[FrozenProject] = field(default_factory=list)
    left: list[FrozenProject] = field(default_factory=list)
    kept: int = 0
    phase_compared: int = 0  # kept projects whose phase is known at both dates
    meteo_better: list[ProjectMove] = field(default_factory=list)
    meteo_worse: list[ProjectMove] = field(default_factory=list)
    meteo_declared: list[ProjectMove] = field(default_factory=list)  # first météo given
    meteo_withdrawn: list[ProjectMove] = field(default_factory=list)  # météo no longer given
    phase_forward: list[ProjectMove] = field(default_factory=list)
    phase_backward: list[ProjectMove] = field(default_factory=list)
    phase_stopped: list[ProjectMove] = field(default_factory=list)
    phase_known: list[ProjectMove] = field(default_factory=list)  # phase given for the first time
    phase_other: list[ProjectMove] = field(default_factory=list)  # withdrawn, or out of ARRETE
    transitions: Counter = field(default_factory=Counter)  # (phase at a, phase at b) -> n
    delivered: list[MilestoneMove] = field(default_factory=list)
    slipped: list[MilestoneMove] = field(default_factory=list)
    advanced: list[MilestoneMove] = field(default_factory=list)
    added: list[MilestoneMove] = field(default_factory=list)
    removed: list[MilestoneMove] = field(default_factory=list)
    entered_milestones: int = 0  # milestones that came with the projects that entered

    @property
    def same_day(self) -> bool:
        return self.a.day == self.b.day

    @property
    def completed(self) -> list[ProjectMove]:
        return [move for move in self.phase_forward if move.after.phase == Phase.ACHEVE]

    @property
    def meteo_changes(self) -> list[ProjectMove]:
        return self.meteo_worse + self.meteo_better + self.meteo_declared + self.meteo_withdrawn

    @property
    def phase_changes(self) -> list[ProjectMove]:
        return (
            self.phase_forward
            + self.phase_backward
            + self.phase_stopped
            + self.phase_known
            + self.phase_other
        )

    @property
    def announced_completed(self) -> int:
        """Projects DINUM counted as completed (« dont 9 achevés ») in the edition in force at
        the second date, when it was published between the two dates; 0 otherwise."""
        edition = self.coverage_b.edition
        if edition is None or edition == self.coverage_a.edition:
            return 0
        return edition.announced_completed or 0

    @property
    def late_after(self) -> list[FrozenMilestone]:
        return [m for m in self.b.milestones if m.state == MilestoneState.LATE]

    @property
    def unreported_after(self) -> list[FrozenMilestone]:
        return [m for m in self.b.milestones if m.state == MilestoneState.UNREPORTED]

    @property
    def mean_slip(self) -> int:
        return round(mean(move.days for move in self.slipped)) if self.slipped else 0

    @property
    def summary(self) -> str:
        return summary(self)


def comparison_of(a: Portfolio, b: Portfolio) -> Comparison:
    """The comparison of two portfolios (two snapshots, or the history on two days), with what
    DINUM announced at each date (a fixed number of queries)."""
    return compare(read(a), read(b), coverage_of(a), coverage_of(b))


def compare(a: FrozenState, b: FrozenState, coverage_a: Coverage, coverage_b: Coverage):
    """Everything that changed from state `a` to state `b` (`a` the earlier)."""
    result = Comparison(a, b, coverage_a, coverage_b)
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
    if old.phase and new.phase:
        result.phase_compared += 1
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
    else:  # from ARRETE back into the pipeline, or a phase no longer given: shown, not counted
        result.phase_other.append(ProjectMove(old, new))


def _keyed(milestones: list[FrozenMilestone]) -> dict[tuple, FrozenMilestone]:
    seen: Counter = Counter()
    keyed = {}
    for milestone in milestones:
        seen[milestone.title] += 1
        keyed[(milestone.title, seen[milestone.title])] = milestone
    return keyed


def _done_between(milestone: FrozenMilestone, result: Comparison) -> bool:
    """Done strictly after the first date and on or before the second: the whole period of its
    actual date (« 10/2019 », « 2020 ») between them, never a period that may begin before."""
    actual = milestone.actual
    return actual is not None and result.a.day < actual.start and actual.end <= result.b.day


def _compare_milestones(result: Comparison, before: dict, after: dict) -> None:
    for project_id, new_project in after.items():
        old_project = before.get(project_id)
        olds = _keyed(old_project.milestones if old_project else [])
        for key, new in _keyed(new_project.milestones).items():
            old = olds.get(key)
            if _done_between(new, result):
                result.delivered.append(MilestoneMove(new_project, old, new))
            elif old is None and old_project is not None:
                result.added.append(MilestoneMove(new_project, None, new))
            if old_project is None:
                result.entered_milestones += 1
            if old is None or old.actual or old.forecast is None:
                continue
            target = new.actual or new.forecast
            if target is None:
                continue
            days = (target.end - old.forecast.end).days
            if days > 0:
                result.slipped.append(MilestoneMove(new_project, old, new, days))
            elif days < 0:
                result.advanced.append(MilestoneMove(new_project, old, new, days))
        news = _keyed(new_project.milestones)
        for key, old in olds.items():
            if key not in news:
                result.removed.append(MilestoneMove(new_project, old, None))


# --- The one-paragraph summary ----------------------------------------------------------------


def _n(value: int) -> dict:
    return {"n": number(value)}


def _coverage_sentence(c: Comparison) -> str:
    if c.same_day:
        return _("Au %(a)s : %(counts)s.") % {
            "a": long_date(c.a.day),
            "counts": c.coverage_a.counts(),
        }
    return _("Au %(a)s : %(counts_a)s ; au %(b)s : %(counts_b)s.") % {
        "a": long_date(c.a.day),
        "counts_a": c.coverage_a.counts(),
        "b": long_date(c.b.day),
        "counts_b": c.coverage_b.counts(),
    }


def _between(c: Comparison) -> str:
    return _("Entre le %(a)s et le %(b)s") % {"a": long_date(c.a.day), "b": long_date(c.b.day)}


def _projects_sentence(c: Comparison) -> str:
    if c.entered:
        entered = ngettext(
            "%(n)s projet identifié est entré dans le programme",
            "%(n)s projets identifiés sont entrés dans le programme",
            len(c.entered),
        ) % _n(len(c.entered))
        if c.entered_milestones:
            entered += ngettext(
                " (avec %(n)s jalon)", " (avec %(n)s jalons)", c.entered_milestones
            ) % _n(c.entered_milestones)
    else:
        entered = _("aucun projet identifié n'est entré dans le programme")
    if c.left:
        left = ngettext(
            "%(n)s projet identifié en est sorti",
            "%(n)s projets identifiés en sont sortis",
            len(c.left),
        ) % _n(len(c.left))
    else:
        left = _("aucun projet identifié n'en est sorti")
    sentence = _("%(between)s, %(entered)s et %(left)s.") % {
        "between": _between(c),
        "entered": entered,
        "left": left,
    }
    completed = c.announced_completed
    if completed:
        sentence += " " + ngettext(
            "Au %(date)s, la DINUM comptait %(n)s projet achevé parmi ses %(total)s ; les "
            "sources lues ne le nomment pas.",
            "Au %(date)s, la DINUM comptait %(n)s projets achevés parmi ses %(total)s ; les "
            "sources lues ne les nomment pas.",
            completed,
        ) % {
            "date": long_date(c.coverage_b.edition.taken_on),
            "n": number(completed),
            "total": number(c.coverage_b.announced),
        }
    return sentence


def _phases_sentence(c: Comparison) -> str:
    if not c.kept:
        return ""
    intro = ngettext(
        "Sur le seul projet présent aux deux dates",
        "Parmi les %(n)s projets présents aux deux dates",
        c.kept,
    ) % _n(c.kept)
    if not c.phase_compared:
        clauses = [_("la phase d'aucun n'est connue aux deux dates")]
    else:
        clauses = [
            ngettext(
                "la phase de %(n)s est connue aux deux dates",
                "la phase de %(n)s est connue aux deux dates",
                c.phase_compared,
            )
            % _n(c.phase_compared)
        ]
        forward = len(c.phase_forward)
        if not forward:
            clauses.append(_("aucun de ceux-là n'a progressé d'une phase"))
        elif all(move.steps == 1 for move in c.phase_forward):
            clauses.append(
                ngettext(
                    "%(n)s a progressé d'une phase", "%(n)s ont progressé d'une phase", forward
                )
                % _n(forward)
            )
        else:
            clauses.append(
                ngettext(
                    "%(n)s a progressé d'au moins une phase",
                    "%(n)s ont progressé d'au moins une phase",
                    forward,
                )
                % _n(forward)
            )
        if c.completed:
            clauses.append(
                ngettext(
                    "dont %(n)s désormais achevé",
                    "dont %(n)s désormais achevés",
                    len(c.completed),
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
    return f"{intro}, {_join(clauses)}."


def meteo_sentence(c: Comparison) -> str:
    better, worse = len(c.meteo_better), len(c.meteo_worse)
    if not better and not worse:
        sentence = _("Aucune météo déclarée ne s'est améliorée ni dégradée")
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
        parts.append(
            ngettext(
                "%(n)s a été ajouté aux projets déjà présents",
                "%(n)s ont été ajoutés aux projets déjà présents",
                added,
            )
            % _n(added)
        )
    return _("%(between)s, côté jalons, %(parts)s.") % {
        "between": _between(c),
        "parts": _join(parts),
    }


def _status_sentence(c: Comparison) -> str:
    late, unreported = len(c.late_after), len(c.unreported_after)
    status = [
        ngettext("%(n)s jalon est en retard", "%(n)s jalons sont en retard", late) % _n(late)
        if late
        else _("aucun jalon n'est en retard"),
    ]
    if unreported:
        status.append(
            ngettext(
                "%(n)s échéance est passée sans réalisation renseignée",
                "%(n)s échéances sont passées sans réalisation renseignée",
                unreported,
            )
            % _n(unreported)
        )
    return _("Au %(date)s, %(status)s.") % {"date": long_date(c.b.day), "status": _join(status)}


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(first)s et %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def summary(c: Comparison) -> str:
    """One French paragraph computed from the figures, singular and plural as they fall: first
    what DINUM announced against what the sources identify at both dates."""
    sentences = [_coverage_sentence(c)]
    if c.same_day:
        sentences.append(_("Les deux états décrivent le même jour."))
    else:
        sentences += [
            _projects_sentence(c),
            _phases_sentence(c),
            meteo_sentence(c),
            _milestones_sentence(c),
        ]
    sentences.append(_status_sentence(c))
    return " ".join(sentence for sentence in sentences if sentence)

from projects.models.announcement import Announcement
from projects.models.audit import AuditEvent
from projects.models.indicator import Indicator, Measurement
from projects.models.milestone import Milestone, MilestoneChange
from projects.models.notifications import Preferences, ReminderSent
from projects.models.project import Project
from projects.models.snapshot import Snapshot, SnapshotEntry, SnapshotMilestone
from projects.models.status import NewMilestone, StatusUpdate

__all__ = [
    "Announcement",
    "AuditEvent",
    "Indicator",
    "Measurement",
    "Milestone",
    "MilestoneChange",
    "NewMilestone",
    "Preferences",
    "Project",
    "ReminderSent",
    "Snapshot",
    "SnapshotEntry",
    "SnapshotMilestone",
    "StatusUpdate",
]

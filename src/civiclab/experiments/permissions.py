"""What each role may do on an experiment. The one place where roles map to capabilities."""

from enum import StrEnum

from civiclab.experiments.models import Membership

Role = Membership.Role


class Capability(StrEnum):
    VIEW = "view"  # see the experiment, its team and partners
    VIEW_PROTOCOL = "view_protocol"
    EDIT = "edit"  # change the registry entry (title, dates, methods, partners...)
    CHANGE_STATUS = "change_status"
    MANAGE_TEAM = "manage_team"
    EDIT_PROTOCOL = "edit_protocol"
    VALIDATE_PROTOCOL = "validate_protocol"  # record a COPIL validation
    VIEW_AUDIT = "view_audit"  # lab staff only


C = Capability
_READER = {C.VIEW, C.VIEW_PROTOCOL}
_AUTHOR = _READER | {C.EDIT_PROTOCOL}

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.COORDINATOR: frozenset(
        _AUTHOR | {C.EDIT, C.CHANGE_STATUS, C.MANAGE_TEAM, C.VALIDATE_PROTOCOL}
    ),
    Role.TEAM_MEMBER: frozenset(_AUTHOR),
    Role.IMPACT_ANALYST: frozenset(_AUTHOR),
    Role.RESEARCHER: frozenset(_READER),
    Role.PARTNER: frozenset(_READER),
    Role.INNOVATOR: frozenset(_READER),
    Role.COMMUNICATOR: frozenset(_READER),
    Role.OBSERVER: frozenset({C.VIEW}),
}

LAB_STAFF_CAPABILITIES = frozenset(Capability)


def capabilities_for(user, role: str | None) -> frozenset[Capability]:
    """Everything `user` may do on an experiment where they hold `role` (None: no role)."""
    if user.is_authenticated and user.is_lab_staff:
        return LAB_STAFF_CAPABILITIES
    if role is None:
        return frozenset()
    return ROLE_CAPABILITIES[role]


def may_create_experiment(user) -> bool:
    """Lab staff, and coordinators (who start new proposals), may register an experiment."""
    if not user.is_authenticated:
        return False
    if user.is_lab_staff:
        return True
    return Membership.objects.filter(person__user=user, role=Role.COORDINATOR).exists()

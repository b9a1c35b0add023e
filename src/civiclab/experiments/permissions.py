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
    VIEW_PLANNING = "view_planning"
    EDIT_PLANNING = "edit_planning"
    VIEW_BUDGET = "view_budget"  # partner roles: only if the experiment allows it
    EDIT_BUDGET = "edit_budget"
    VIEW_MEETINGS = "view_meetings"
    EDIT_MEETINGS = "edit_meetings"
    VIEW_QUESTIONNAIRES = "view_questionnaires"
    EDIT_QUESTIONNAIRES = "edit_questionnaires"
    COMMENT_QUESTIONNAIRES = "comment_questionnaires"  # co-construction threads
    APPROVE_QUESTIONNAIRES = "approve_questionnaires"
    MANAGE_CAMPAIGNS = "manage_campaigns"  # waves, quotas, links, opening and closing
    COLLECT_ANSWERS = "collect_answers"  # face-to-face, paper entry, imports
    VIEW_ANSWERS = "view_answers"  # pseudonymous answers, never personal data
    MANAGE_PERSONAL_DATA = "manage_personal_data"  # see and erase respondents' personal data
    VIEW_DOCUMENTS = "view_documents"
    EDIT_DOCUMENTS = "edit_documents"
    VIEW_IMPACT = "view_impact"  # the impact framework, indicators and their values
    EDIT_IMPACT = "edit_impact"
    VIEW_QUALITATIVE = "view_qualitative"  # transcripts, field notes, codings, verbatims
    CODE_QUALITATIVE = "code_qualitative"  # code passages, write memos, mark verbatims
    MANAGE_QUALITATIVE = "manage_qualitative"  # sources, codebook, suggested themes
    VIEW_REPORTS = "view_reports"  # decks and reports built for the experiment
    EDIT_REPORTS = "edit_reports"


C = Capability
_READER = {
    C.VIEW,
    C.VIEW_PROTOCOL,
    C.VIEW_PLANNING,
    C.VIEW_MEETINGS,
    C.VIEW_QUESTIONNAIRES,
    C.VIEW_DOCUMENTS,
    C.VIEW_BUDGET,
    C.VIEW_IMPACT,
    C.VIEW_REPORTS,
}
_AUTHOR = _READER | {
    C.EDIT_PROTOCOL,
    C.EDIT_PLANNING,
    C.EDIT_MEETINGS,
    C.EDIT_QUESTIONNAIRES,
    C.COMMENT_QUESTIONNAIRES,
    C.EDIT_DOCUMENTS,
    C.MANAGE_CAMPAIGNS,
    C.COLLECT_ANSWERS,
    C.VIEW_ANSWERS,
    C.VIEW_QUALITATIVE,
    C.CODE_QUALITATIVE,
    C.EDIT_REPORTS,
}
# Partners co-construct questionnaires: they comment, and the authority approves.
_PARTNER = _READER | {C.COMMENT_QUESTIONNAIRES, C.APPROVE_QUESTIONNAIRES}
_ANALYST = _AUTHOR | {C.MANAGE_PERSONAL_DATA, C.EDIT_IMPACT, C.MANAGE_QUALITATIVE}

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.COORDINATOR: frozenset(
        _ANALYST
        | {
            C.EDIT,
            C.CHANGE_STATUS,
            C.MANAGE_TEAM,
            C.VALIDATE_PROTOCOL,
            C.EDIT_BUDGET,
            C.APPROVE_QUESTIONNAIRES,
        }
    ),
    Role.TEAM_MEMBER: frozenset(_AUTHOR),
    Role.IMPACT_ANALYST: frozenset(_ANALYST),
    # Researchers read pseudonymous answers (never personal data), comment on questions and
    # code qualitative material: they are often the second coder.
    Role.RESEARCHER: frozenset(
        _READER | {C.VIEW_ANSWERS, C.COMMENT_QUESTIONNAIRES, C.VIEW_QUALITATIVE, C.CODE_QUALITATIVE}
    ),
    Role.PARTNER: frozenset(_PARTNER),
    Role.INNOVATOR: frozenset((_READER - {C.VIEW_BUDGET}) | {C.COMMENT_QUESTIONNAIRES}),
    Role.COMMUNICATOR: frozenset(_READER | {C.EDIT_DOCUMENTS, C.EDIT_REPORTS}),
    Role.OBSERVER: frozenset({C.VIEW, C.VIEW_PLANNING}),
}

# Roles from outside the lab, who see budget details only where the experiment says so.
BUDGET_RESTRICTED_ROLES = {Role.PARTNER, Role.RESEARCHER}

LAB_STAFF_CAPABILITIES = frozenset(Capability)


def capabilities_for(user, role: str | None, experiment=None) -> frozenset[Capability]:
    """Everything `user` may do on `experiment`, where they hold `role` (None: no role)."""
    if user.is_authenticated and user.is_lab_staff:
        return LAB_STAFF_CAPABILITIES
    if role is None:
        return frozenset()
    capabilities = ROLE_CAPABILITIES[role]
    hides_budget = experiment is None or not experiment.budget_visible_to_partners
    if role in BUDGET_RESTRICTED_ROLES and hides_budget:
        capabilities = capabilities - {C.VIEW_BUDGET}
    return capabilities


def may_create_experiment(user) -> bool:
    """Lab staff, and coordinators (who start new proposals), may register an experiment."""
    if not user.is_authenticated:
        return False
    if user.is_lab_staff:
        return True
    return Membership.objects.filter(person__user=user, role=Role.COORDINATOR).exists()

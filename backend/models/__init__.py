"""SQL models of the authoring database, one module per concept."""

from backend.models.account import ROLES, Membership, User
from backend.models.audit import AuditEntry
from backend.models.content import (
    STATUSES,
    Application,
    ContentItem,
    ContentTag,
    ContentVersion,
)
from backend.models.credentials import ApiToken, ClientKey, Invitation, LoginThrottle
from backend.models.erasures import ErasureRequest
from backend.models.feedback import FEEDBACK_STATUSES, FeedbackItem
from backend.models.images import StoredImage
from backend.models.notifications import (
    ALERT_STATES,
    Alert,
    AlertRule,
    DigestSubscription,
    OutgoingMail,
    ScheduleLease,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookMessage,
)
from backend.models.people import Person
from backend.models.progress import (
    ChecklistProgress,
    FeatureUse,
    PersonActivity,
    SurveyProgress,
    WalkthroughProgress,
)
from backend.models.repairs import RepairProposal, RepairSighting
from backend.models.scim import ScimGroup, ScimGroupMember, ScimToken
from backend.models.segments import Segment
from backend.models.sessions import ConsoleSession
from backend.models.sso import SsoAttempt, SsoConfig
from backend.models.test_releases import TestRelease
from backend.models.workspace import Workspace

__all__ = [
    "ALERT_STATES",
    "FEEDBACK_STATUSES",
    "ROLES",
    "STATUSES",
    "Alert",
    "AlertRule",
    "ApiToken",
    "Application",
    "AuditEntry",
    "ChecklistProgress",
    "ClientKey",
    "ConsoleSession",
    "ContentItem",
    "ContentTag",
    "ContentVersion",
    "DigestSubscription",
    "ErasureRequest",
    "FeatureUse",
    "FeedbackItem",
    "Invitation",
    "LoginThrottle",
    "Membership",
    "OutgoingMail",
    "Person",
    "PersonActivity",
    "RepairProposal",
    "RepairSighting",
    "ScheduleLease",
    "ScimGroup",
    "ScimGroupMember",
    "ScimToken",
    "Segment",
    "SsoAttempt",
    "SsoConfig",
    "StoredImage",
    "SurveyProgress",
    "TestRelease",
    "User",
    "WalkthroughProgress",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookMessage",
    "Workspace",
]

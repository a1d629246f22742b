"""One repository per aggregate; each turns rows into domain objects at the boundary."""

from jejaring.store.repositories.activity import ActivityRepository
from jejaring.store.repositories.actors import ActorRepository
from jejaring.store.repositories.analyses import AnalysisRepository
from jejaring.store.repositories.assessments import AssessmentRepository
from jejaring.store.repositories.audit import AuditRepository
from jejaring.store.repositories.cooperations import CooperationRepository
from jejaring.store.repositories.credentials import CredentialRepository
from jejaring.store.repositories.customers import CustomerRepository
from jejaring.store.repositories.jobs import JobRepository
from jejaring.store.repositories.post_extras import AttachmentRepository, ForwardRepository
from jejaring.store.repositories.post_search import PostSearchRepository
from jejaring.store.repositories.posts import PostRepository
from jejaring.store.repositories.projects import ProjectRepository
from jejaring.store.repositories.referrals import ReferralRepository
from jejaring.store.repositories.resources import BookingRepository, ResourceRepository
from jejaring.store.repositories.territories import TerritoryRepository, TieTypeRepository
from jejaring.store.repositories.ties import TieRepository
from jejaring.store.repositories.users import UserRepository
from jejaring.store.repositories.webhooks import WebhookRepository

__all__ = [
    "ActivityRepository",
    "ActorRepository",
    "AnalysisRepository",
    "AssessmentRepository",
    "AttachmentRepository",
    "AuditRepository",
    "BookingRepository",
    "CooperationRepository",
    "CredentialRepository",
    "CustomerRepository",
    "ForwardRepository",
    "JobRepository",
    "PostRepository",
    "PostSearchRepository",
    "ProjectRepository",
    "ReferralRepository",
    "ResourceRepository",
    "TerritoryRepository",
    "TieRepository",
    "TieTypeRepository",
    "UserRepository",
    "WebhookRepository",
]

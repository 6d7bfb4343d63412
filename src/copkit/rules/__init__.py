"""The governance rules: an explicit registry from code to rule class.

Add a rule by writing a module with one ``Rule`` subclass and listing it here. Codes are
stable and never reused; rules added after 1.0 set ``preview = True``.
"""

from __future__ import annotations

from copkit.rules.approvals import AdoptedApprovalsRule, SelfApprovalRule
from copkit.rules.base import Options, Rule
from copkit.rules.charter_completeness import CharterForeignMetricRule, CharterIncompleteRule
from copkit.rules.community_size import CommunityTooLargeRule, CommunityTooSmallRule
from copkit.rules.context import LintContext
from copkit.rules.deprecation_reason import DeprecationReasonRule
from copkit.rules.engine_rules import (
    ExpiredSuppressionRule,
    HistoryUnavailableRule,
    InvalidLintConfigRule,
    InvalidSuppressionRule,
    UnusedSuppressionRule,
)
from copkit.rules.lead_not_member import LeadNotMemberRule
from copkit.rules.lead_term import LeadTermEndedRule, LeadTermUnboundedRule
from copkit.rules.metric_observations import MetricStaleObservationsRule
from copkit.rules.metric_target import MetricBelowTargetRule, MetricWithoutTargetRule
from copkit.rules.minimum_leads import MinimumLeadsRule
from copkit.rules.owner_not_member import OwnerNotMemberRule
from copkit.rules.promotion import PromoteTrialRule, ReviewUnusedAdoptedRule
from copkit.rules.review_date_missing import ReviewDateMissingRule
from copkit.rules.review_overdue import (
    CharterReviewOverdueRule,
    MetricReviewOverdueRule,
    PracticeReviewOverdueRule,
)
from copkit.rules.self_reference import SelfReferenceRule
from copkit.rules.single_unit import SingleUnitRule
from copkit.rules.stage_gates import ClosedCommunityLivePracticesRule, StageGatesRule
from copkit.rules.stale_in_git import StaleInGitRule
from copkit.rules.successor import MissingSuccessorRule
from copkit.rules.supersession_mismatch import SupersessionMismatchRule
from copkit.rules.transitions import (
    CommunityStageTransitionRule,
    PracticeStatusTransitionRule,
    RetiredPracticeRevivedRule,
)
from copkit.rules.unaffiliated_person import UnaffiliatedPersonRule
from copkit.rules.vocabulary import UnusedTermRule, VocabularyMissingRule

_ALL: tuple[type[Rule], ...] = (
    # the engine's own findings
    InvalidLintConfigRule,
    InvalidSuppressionRule,
    UnusedSuppressionRule,
    ExpiredSuppressionRule,
    HistoryUnavailableRule,
    # references and ids beyond the schema
    SelfReferenceRule,
    SupersessionMismatchRule,
    UnaffiliatedPersonRule,
    # leadership and succession
    MinimumLeadsRule,
    LeadTermEndedRule,
    LeadTermUnboundedRule,
    MissingSuccessorRule,
    LeadNotMemberRule,
    # review
    AdoptedApprovalsRule,
    SelfApprovalRule,
    OwnerNotMemberRule,
    DeprecationReasonRule,
    # freshness
    PracticeReviewOverdueRule,
    CharterReviewOverdueRule,
    MetricReviewOverdueRule,
    StaleInGitRule,
    ReviewDateMissingRule,
    # stage gates
    StageGatesRule,
    ClosedCommunityLivePracticesRule,
    # lifecycle transitions (pull-request mode)
    PracticeStatusTransitionRule,
    CommunityStageTransitionRule,
    RetiredPracticeRevivedRule,
    # size and balance
    CommunityTooSmallRule,
    CommunityTooLargeRule,
    SingleUnitRule,
    # metrics
    MetricWithoutTargetRule,
    MetricStaleObservationsRule,
    MetricBelowTargetRule,
    # taxonomy
    VocabularyMissingRule,
    UnusedTermRule,
    # charter completeness
    CharterIncompleteRule,
    CharterForeignMetricRule,
    # promotion hints
    PromoteTrialRule,
    ReviewUnusedAdoptedRule,
)

RULES: dict[str, type[Rule]] = {rule.code: rule for rule in sorted(_ALL, key=lambda r: r.code)}
"""Every rule, by code, in code order."""

RULES_BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in _ALL}

__all__ = ["RULES", "RULES_BY_NAME", "LintContext", "Options", "Rule"]

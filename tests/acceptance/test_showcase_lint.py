"""The showcase's governance findings are deliberate, documented and stable."""

from __future__ import annotations

import json

from tests.conftest import REPO_ROOT, run_copkit

# Every finding the showcase has on 2026-11-23, as "CODE path:line" (paths under communities/).
# communities/README.md explains the deliberate ones; a change here is a change to the story.
EXPECTED = [
    "COP250 ai-ethics-and-safety/ai-ethics-and-safety.yaml:15",
    "COP222 ai-ethics-and-safety/ai-ethics-and-safety.yaml:26",
    "COP282 ai-ethics-and-safety/metrics/high-risk-reviews-on-time.yaml:35",
    "COP282 ai-ethics-and-safety/metrics/model-card-coverage.yaml:35",
    "COP240 ai-ethics-and-safety/practices/fairness-assessment-before-launch.yaml:64",
    "BWM102 ai-ethics-and-safety/practices/human-review-for-adverse-decisions.yaml:3",
    "BWM101 ai-ethics-and-safety/practices/privacy-impact-assessment-for-new-training-data.yaml:3",
    "COP223 ai-in-customer-service/ai-in-customer-service.yaml:18",
    "COP272 ai-in-customer-service/ai-in-customer-service.yaml:22",
    "COP282 ai-in-customer-service/metrics/ai-conversation-csat.yaml:28",
    "COP282 ai-in-customer-service/metrics/assistant-containment-rate.yaml:29",
    "COP241 data-engineering/data-engineering-charter.yaml:31",
    "BWM103 data-engineering/data-engineering.yaml:3",
    "COP221 data-engineering/data-engineering.yaml:24",
    "COP222 data-engineering/data-engineering.yaml:24",
    "COP222 data-engineering/data-engineering.yaml:29",
    "COP282 data-engineering/metrics/tables-under-data-contract.yaml:35",
    "COP310 data-engineering/practices/change-data-capture-over-nightly-dumps.yaml:8",
    "COP310 data-engineering/practices/dbt-models-with-owners-and-docs.yaml:8",
    "COP240 data-engineering/practices/partition-by-event-date.yaml:44",
    "COP282 ml-engineering/metrics/ml-idea-to-production-days.yaml:38",
    "COP222 ml-engineering/ml-engineering.yaml:22",
    "COP222 ml-engineering/ml-engineering.yaml:27",
    "COP230 ml-engineering/practices/baseline-before-deep-model.yaml:46",
    "COP310 ml-engineering/practices/review-feature-leakage-checklist.yaml:8",
    "COP281 mlops-platform/metrics/deploy-change-failure-rate.yaml:26",
    "COP282 mlops-platform/metrics/models-with-drift-monitoring.yaml:33",
    "COP220 mlops-platform/mlops-platform.yaml:19",
    "COP223 mlops-platform/mlops-platform.yaml:25",
    "COP221 mlops-platform/mlops-platform.yaml:28",
    "COP222 mlops-platform/mlops-platform.yaml:28",
    "COP230 mlops-platform/practices/alert-on-feature-drift-not-just-latency.yaml:35",
    "COP231 mlops-platform/practices/alert-on-feature-drift-not-just-latency.yaml:36",
    "COP233 mlops-platform/practices/gpu-quota-booking-calendar.yaml:8",
    "COP311 mlops-platform/practices/rollback-runbook-per-model.yaml:9",
    "COP282 nlp/metrics/golden-set-coverage.yaml:33",
    "COP280 nlp/metrics/prompt-regression-escapes.yaml:3",
    "COP222 nlp/nlp.yaml:22",
    "COP232 nlp/practices/chunk-documents-by-structure.yaml:7",
]


def test_showcase_lint_findings_are_exactly_the_deliberate_ones() -> None:
    result = run_copkit("lint", "--today", "2026-11-23", "--format", "json", cwd=REPO_ROOT)
    assert result.returncode == 1, result.stderr
    found = [
        f"{item['code']} {item['path'].removeprefix('communities/')}:{item['line']}"
        for item in json.loads(result.stdout)
    ]
    assert found == EXPECTED


def test_showcase_metric_findings_are_warnings_that_do_not_fail_the_run() -> None:
    result = run_copkit("lint", "--today", "2026-11-23", "--select", "COP28", cwd=REPO_ROOT)
    assert result.returncode == 0, result.stdout

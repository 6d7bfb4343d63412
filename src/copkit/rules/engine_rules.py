"""COP200-COP209: findings the lint engine makes about its own inputs.

These rules have no ``check``: the engine reports them while it reads the config,
applies suppressions and reads history. They are registered so that they can be
documented, listed, ignored and re-graded like any other rule.
"""

from __future__ import annotations

from copkit.rules.base import Rule


class InvalidLintConfigRule(Rule):
    """The `lint:` section of copkit.yaml names an unknown rule or gives invalid options.

    Rationale:
        A typo in `ignore: [COP2300]` would otherwise silently ignore nothing, and a
        misspelt option would silently keep its default. Unknown codes get a did-you-mean.

    Fix:
        Use a code listed by `copkit rules`, and options shown by `copkit rules CODE`.

    Passing:
        lint:
          ignore: [COP230]

    Failing:
        lint:
          ignore: [COP2300]
    """

    code = "COP200"
    name = "invalid-lint-config"
    default_severity = "error"
    engine = True


class InvalidSuppressionRule(Rule):
    """An inline suppression has no reason, names no known rule, or has a bad expiry date.

    Rationale:
        `# copkit: ignore[COP230] reason` silences one finding on its line or the line
        below. A reason tells the next reader why the rule does not apply; without one
        the suppression is refused and the finding stays.

    Fix:
        Write the reason after the brackets: `# copkit: ignore[COP230] approved in person`.

    Passing:
        status: adopted  # copkit: ignore[COP230] approved at the 2026-01 meeting

    Failing:
        status: adopted  # copkit: ignore[COP230]
    """

    code = "COP201"
    name = "invalid-suppression"
    default_severity = "error"
    engine = True


class UnusedSuppressionRule(Rule):
    """An inline suppression silences nothing.

    Rationale:
        Once the problem is fixed the comment is noise, and it would silently hide the
        next problem of the same kind on that line.

    Fix:
        Remove the `# copkit: ignore[...]` comment.

    Passing:
        # (no comment where there is no finding)
        status: adopted

    Failing:
        status: trial  # copkit: ignore[COP230] not adopted yet
    """

    code = "COP202"
    name = "unused-suppression"
    default_severity = "warning"
    engine = True


class ExpiredSuppressionRule(Rule):
    """An inline suppression's `until=` date has passed; it no longer suppresses.

    Rationale:
        Suppressions with an expiry are promises to fix something by a date. After the
        date the finding comes back, and this finding says why.

    Fix:
        Fix the finding and remove the comment, or move `until=` with a new reason.

    Passing:
        status: adopted  # copkit: ignore[COP230] until=2099-01-31 second reviewer on leave

    Failing:
        status: adopted  # copkit: ignore[COP230] until=2020-01-31 second reviewer on leave
    """

    code = "COP203"
    name = "expired-suppression"
    default_severity = "warning"
    engine = True


class HistoryUnavailableRule(Rule):
    """Rules that need git history could not run (a shallow clone, or no git repository).

    Rationale:
        Freshness by last change needs the whole history. A shallow clone has only the
        newest commits, so every file would look recently changed; copkit says it could
        not check rather than guessing.

    Fix:
        Fetch full history: set `fetch-depth: 0` on actions/checkout in GitHub Actions,
        or run `git fetch --unshallow`.

    Passing:
        # actions/checkout with fetch-depth: 0

    Failing:
        # actions/checkout with the default fetch-depth: 1
    """

    code = "COP209"
    name = "history-unavailable"
    default_severity = "info"
    engine = True

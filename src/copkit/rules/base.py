"""What every governance rule is: a code, a name, a severity, options and a ``check()``.

A rule's docstring is its documentation. The first line is the summary; then come
sections headed ``Rationale:``, ``Fix:``, ``Passing:`` and ``Failing:`` (the last two
hold YAML examples). ``copkit rules`` and the generated rules page read them from here.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel, ConfigDict

from copkit.findings import Finding, Severity
from copkit.model import Entity

if TYPE_CHECKING:
    from copkit.rules.context import LintContext

SECTIONS = ("Rationale", "Fix", "Passing", "Failing")
_SECTION_RE = re.compile(r"^(Rationale|Fix|Passing|Failing):\s*$")


class Options(BaseModel):
    """A rule's options; each rule that has any subclasses this with defaults."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Rule:
    """Base of every rule. Subclasses set the class attributes and implement ``check``."""

    code: ClassVar[str]
    """Stable id, ``COP2xx``-``COP4xx``; never reused."""
    name: ClassVar[str]
    """Short kebab-case name."""
    default_severity: ClassVar[Severity]
    options_model: ClassVar[type[Options]] = Options
    preview: ClassVar[bool] = False
    """Added after 1.0: runs only when a repository opts in (``lint.preview``)."""
    needs_history: ClassVar[bool] = False
    """Reads git history; reports that it could not run in a shallow clone."""
    needs_base: ClassVar[bool] = False
    """Compares with the base branch; runs only with ``--base``."""
    engine: ClassVar[bool] = False
    """Findings made by the lint engine itself (config, suppressions), not by ``check``."""
    source: ClassVar[str] = "copkit"
    """Where the rule comes from: ``copkit``, ``copkit.yaml`` or a plugin's distribution."""

    def __init__(self, options: Options | None = None, severity: Severity | None = None) -> None:
        self.options = options if options is not None else self.options_model()
        self.severity: Severity = severity or self.default_severity

    def check(self, context: LintContext) -> Iterator[Finding]:
        """Every finding of this rule in the repository."""
        return iter(())

    # -- helpers for subclasses ------------------------------------------------------

    def at(
        self,
        context: LintContext,
        entity: Entity,
        loc: Sequence[str | int],
        message: str,
        *,
        hint: str | None = None,
        key: bool | None = None,
    ) -> Finding:
        """A finding of this rule where ``loc`` is written in ``entity``'s file.

        A field is located at its name (``key``) by default: a list written as a block
        starts on the line below its name, and the name is where a reader looks and where
        a suppression comment goes.
        """
        at_key = key if key is not None else bool(loc) and isinstance(loc[-1], str)
        return context.repository.finding(
            entity,
            loc,
            self.code,
            self.severity,
            message,
            hint=hint or self.short_fix(),
            key=at_key,
        )

    # -- documentation, read from the docstring ----------------------------------------

    @classmethod
    def _sections(cls) -> dict[str, str]:
        doc = inspect.cleandoc(cls.__doc__ or "")
        head, *rest = doc.split("\n", 1)
        sections: dict[str, list[str]] = {"summary": [head], "intro": []}
        current = "intro"
        for line in (rest[0] if rest else "").splitlines():
            match = _SECTION_RE.match(line)
            if match:
                current = match.group(1).lower()
                sections[current] = []
            else:
                sections.setdefault(current, []).append(line)
        return {
            name: textwrap.dedent("\n".join(lines)).strip("\n").rstrip()
            for name, lines in sections.items()
        }

    @classmethod
    def summary(cls) -> str:
        return cls._sections()["summary"].strip()

    @classmethod
    def rationale(cls) -> str:
        sections = cls._sections()
        return "\n\n".join(part for part in (sections["intro"], sections["rationale"]) if part)

    @classmethod
    def fix(cls) -> str:
        return cls._sections().get("fix", "")

    @classmethod
    def short_fix(cls) -> str:
        """The first sentence of the fix text, used as a finding's hint."""
        text = " ".join(cls.fix().split())
        end = text.find(". ")
        return text if end < 0 else text[: end + 1]

    @classmethod
    def examples(cls) -> dict[str, str]:
        """``passing`` and ``failing`` YAML examples."""
        sections = cls._sections()
        return {kind: sections.get(kind, "") for kind in ("passing", "failing")}

    @classmethod
    def option_defaults(cls) -> dict[str, object]:
        return cls.options_model().model_dump()

    @classmethod
    def option_descriptions(cls) -> dict[str, str]:
        return {
            name: field.description or "" for name, field in cls.options_model.model_fields.items()
        }

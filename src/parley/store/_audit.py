"""The audit log: every instructor and admin action, who did it and when."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from parley.store._models import AuditEntry, User


def audit(*, db: DbSession, actor: User, action: str, target: str,
          detail: dict[str, Any] | None = None) -> AuditEntry:
    """Record one action, e.g. ``action="inject_event", target="session:ID"``.

    ``detail`` must hold no secret (no password, no token).
    """
    entry = AuditEntry(actor_id=actor.id, actor=actor.username, action=action[:40],
                       target=target[:120], detail=detail or {})
    db.add(entry)
    db.flush()
    return entry


def audit_entries(*, db: DbSession, limit: int = 200) -> Sequence[AuditEntry]:
    """The newest audit entries first."""
    return db.scalars(select(AuditEntry).order_by(AuditEntry.created_at.desc(),
                                                  AuditEntry.id.desc()).limit(limit)).all()

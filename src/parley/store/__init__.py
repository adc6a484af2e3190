"""Storage. For now: an append-only journal file per session (fsynced per event)."""

from parley.store._journal import Journal, data_dir, list_journals, open_journal

__all__ = ["Journal", "data_dir", "list_journals", "open_journal"]

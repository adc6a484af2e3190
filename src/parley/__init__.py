"""Parley: a training system for crisis and hostage negotiators."""

__version__ = "0.1.0"

"""Parley's benchmarks: ``python -m benchmarks [--quick]``."""

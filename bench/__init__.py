"""Benchmarks: `python -m bench [--quick] [--json PATH]`. Every workload is a ratio to a baseline in the same run."""

"""Benchmarks. Each module runs as `python -m bench.<name>`, prints its figures and ends with
one JSON line; each compares against a baseline measured in the same run."""

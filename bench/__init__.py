"""newsweave benchmarks: a synthetic corpus generator and registered measurements (see run.py)."""

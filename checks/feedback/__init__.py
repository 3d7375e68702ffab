"""Improvement cycle: a "was this helpful?" signal on help articles."""

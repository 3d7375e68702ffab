"""Interactivity: help articles that let customers do the task they explain."""

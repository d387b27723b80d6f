"""Curated lists of people (facts only): ``notable.json`` holds public figures every reader of world news meets."""

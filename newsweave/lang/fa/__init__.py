"""Data for this language lives in the JSON/text files beside this module."""

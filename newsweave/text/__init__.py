"""Text stages: language, normalisation, boilerplate, sentences."""

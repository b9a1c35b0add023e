"""The collection tests' open questionnaire and campaign, reused for the analysis."""

from tests.collection.conftest import campaign, questionnaire  # noqa: F401

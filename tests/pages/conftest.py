"""The pages use the desk of the API tests."""

from ..api.conftest import api, desk  # noqa: F401

"""cx-audit: audits customer self-service websites and says what to fix first."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cx-audit")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"

import pytest

from auditor.config import AuditConfig, default_concurrency


@pytest.mark.parametrize(("cores", "pages"), [(1, 2), (2, 2), (4, 4), (6, 6), (32, 8)])
def test_one_page_per_core_between_two_and_eight(cores, pages):
    assert default_concurrency(cores) == pages


def test_the_default_follows_this_machine(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    assert AuditConfig(start_urls=("https://example.org/",)).concurrency == 4
    monkeypatch.setattr("os.cpu_count", lambda: None)
    assert AuditConfig(start_urls=("https://example.org/",)).concurrency == 2

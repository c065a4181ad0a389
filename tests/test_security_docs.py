"""The documented deployment carries the browser protections SECURITY.md promises."""

from __future__ import annotations

import re

from riskframe.settings import REPO_ROOT


def _nginx_block() -> str:
    text = (REPO_ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    return re.search(r"```nginx\n(.*?)```", text, re.S).group(1)


def test_nginx_configuration_refuses_framing_and_sniffing_and_forces_https():
    block = _nginx_block()
    for header in ('X-Frame-Options "DENY"', "frame-ancestors 'none'", 'X-Content-Type-Options "nosniff"',
                   "Strict-Transport-Security"):
        assert header in block, header
    assert all(line.rstrip().endswith("always;") for line in block.splitlines() if "add_header" in line)


def test_security_page_has_a_threat_model_naming_its_tests():
    text = (REPO_ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert "## Threat model" in text
    for test_file in re.findall(r"`(tests/[\w/]+\.py)`", text):
        assert (REPO_ROOT / test_file).exists(), test_file

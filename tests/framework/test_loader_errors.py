"""One broken copy of indicators/ per kind of error: each is named with file, line and field."""

import shutil
from pathlib import Path

import pytest
import yaml

from riskframe.framework import FrameworkInvalid, check_framework, load_framework
from riskframe.settings import REPO_ROOT


@pytest.fixture
def copy(tmp_path) -> Path:
    dst = tmp_path / "indicators"
    shutil.copytree(REPO_ROOT / "indicators", dst)
    return dst


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def only(issues, **expected):
    matching = [i for i in issues if all(getattr(i, k) == v for k, v in expected.items())]
    assert matching, f"no issue with {expected}; got: {[str(i) for i in issues]}"
    return matching[0]


def test_duplicate_indicator_id(copy):
    edit(copy / "risk/rf02.yaml", lambda d: d["indicators"][1].update(id="2.1"))
    issues = check_framework(copy)
    dup = only(issues, file="risk/rf02.yaml", field="indicators[1].id")
    assert "2.1" in dup.message
    assert dup.line and dup.line > 1


def test_duplicate_id_across_files(copy):
    def to_factor_2(d):
        d["factor"]["id"] = "2"
        for n, ind in enumerate(d["indicators"], 1):
            ind["id"] = f"2.{n}"

    edit(copy / "risk/rf03.yaml", to_factor_2)
    messages = [str(i) for i in check_framework(copy)]
    assert any("duplicate factor id '2'" in m for m in messages)
    assert any("duplicate indicator id" in m for m in messages)


def test_unknown_tag(copy):
    edit(copy / "risk/rf01.yaml", lambda d: d["indicators"][0].update(tags=["hatespeech"]))
    issue = only(check_framework(copy), file="risk/rf01.yaml", field="indicators[0].tags[0]")
    assert "unknown tag 'hatespeech'" in issue.message


def test_missing_english_text(copy):
    edit(copy / "risk/rf05.yaml", lambda d: d["indicators"][2].update(text={"fr": "seulement en français"}))
    issue = only(check_framework(copy), file="risk/rf05.yaml", field="indicators[2].text.en")
    assert "missing 'en'" in issue.message


def test_undeclared_language(copy):
    edit(copy / "risk/rf05.yaml", lambda d: d["factor"]["title"].update(de="Titel"))
    only(check_framework(copy), file="risk/rf05.yaml", field="factor.title.de")


def test_indicator_without_factor(copy):
    edit(copy / "risk/rf06.yaml", lambda d: d.pop("factor"))
    issue = only(check_framework(copy), file="risk/rf06.yaml", field="factor")
    assert "required" in issue.message


def test_bad_number_sequence(copy):
    edit(copy / "risk/rf04.yaml", lambda d: d["indicators"][2].update(id="4.5"))
    issue = only(check_framework(copy), file="risk/rf04.yaml", field="indicators[2].id")
    assert "expected '4.3'" in issue.message


def test_misspelled_field(copy):
    edit(copy / "risk/rf07.yaml", lambda d: d["indicators"][0].update(tagz=[]))
    issue = only(check_framework(copy), file="risk/rf07.yaml", field="indicators[0].tagz")
    assert "unknown field" in issue.message


def test_unknown_group_and_missing_factor_file(copy):
    edit(copy / "risk/rf09.yaml", lambda d: d["factor"].update(group="genocidal"))
    (copy / "risk/rf14.yaml").unlink()
    messages = [str(i) for i in check_framework(copy)]
    assert any("unknown group 'genocidal'" in m and "rf09.yaml" in m for m in messages)
    assert any("risk factors missing: 14" in m for m in messages)


def test_wrong_guidance_levels(copy):
    edit(copy / "resilience/r1.yaml", lambda d: d["indicators"][0]["guidance"]["en"].pop("3"))
    only(check_framework(copy), file="resilience/r1.yaml", field="indicators[0].guidance.en")


def test_invalid_yaml_names_the_line(copy):
    (copy / "risk/rf08.yaml").write_text("factor:\n  id: \"8\"\n  title: [unclosed\n", encoding="utf-8")
    issue = only(check_framework(copy), file="risk/rf08.yaml")
    assert "not valid YAML" in issue.message and issue.line


def test_load_framework_raises_with_every_issue(copy):
    edit(copy / "risk/rf01.yaml", lambda d: d["indicators"][0].update(tags=["nope"]))
    edit(copy / "risk/rf02.yaml", lambda d: d["indicators"][0]["text"].pop("en"))
    with pytest.raises(FrameworkInvalid) as exc:
        load_framework(copy)
    assert len(exc.value.issues) >= 2

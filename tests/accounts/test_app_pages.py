"""In the app, as signed-in accounts: the Admin page, scoping on the pages (both engines), and
user text (<script> in evidence or a group's name) shown as text, never as HTML."""

from __future__ import annotations

from riskframe.domain import EntryIn
from riskframe.store import VulnerableGroupIn
from tests.accounts.conftest import ADMIN, ANALYST_XA, FOCAL_XA, SECRET
from tests.accounts.test_app_auth import SQLITE, app_env, no_exception, open_app  # noqa: F401 (fixture)

SCRIPT = "<script>alert(1)</script>"


def walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


def rendered(at) -> str:
    """Everything the page sent to the browser (widgets, markdown, table data), as text."""
    return "\n".join(repr(getattr(n, "proto", "")) for n in walk(at._tree))


@SQLITE
def test_admin_page_adds_disables_resets_and_filters_the_audit_log(app_env, store, people):
    at = open_app(ADMIN.username, page="admin")
    no_exception(at)
    assert set(at.dataframe[0].value["username"]) >= {ADMIN.username, FOCAL_XA.username}
    at.text_input(key="admin_add_username").input("new.viewer")
    at.selectbox(key="admin_add_role").set_value("viewer")
    at.text_input(key="admin_add_countries").input("XA, ke")
    at.text_input(key="admin_add_password").input("a fresh long password")
    at.text_input(key="admin_add_repeat").input("a fresh long password")
    at.button(key="FormSubmitter:admin_add-Add account").click().run()
    no_exception(at)
    assert "new.viewer (viewer) created" in at.success[0].value
    assert people.get(ADMIN, "new.viewer").countries == ["KE", "XA"]
    at.selectbox(key="admin_pick").set_value("new.viewer").run()
    at.button(key="admin_disable:new.viewer").click().run()
    assert not people.get(ADMIN, "new.viewer").active
    at.selectbox(key="admin_pick").set_value(FOCAL_XA.username).run()
    at.text_input(key=f"admin_pw:{FOCAL_XA.username}").input("reset by the admin 1")
    at.text_input(key=f"admin_pw2:{FOCAL_XA.username}").input("reset by the admin 1")
    at.button(key=f"FormSubmitter:admin_password:{FOCAL_XA.username}-Reset password").click().run()
    no_exception(at)
    assert people.sign_in(FOCAL_XA.username, "reset by the admin 1").username == FOCAL_XA.username
    at.text_input(key="audit_user").input(ADMIN.username)
    at.text_input(key="audit_action").input("account.").run()
    table = at.dataframe[1].value
    assert set(table["action"]) == {"account.create", "account.disable", "account.password"}
    assert set(table["user"]) == {ADMIN.username}
    assert "a fresh long password" not in rendered(at) and "reset by the admin 1" not in rendered(at)


def test_a_focal_point_sees_and_changes_only_their_country_in_the_app(app_env, store, people, two_countries):
    home = open_app(FOCAL_XA.username)
    no_exception(home)
    assert all(c.startswith("XA") for c in home.dataframe[0].value["country"])
    assess = open_app(FOCAL_XA.username, page="assess", country="XB", period="2026-Q1")
    no_exception(assess)
    assert SECRET not in rendered(assess) and "XB (fictional)" not in rendered(assess)
    assess.button(key="assess_create").click().run()
    assert "may not change country XB" in assess.error[0].value
    assert store.find_assessment(ADMIN, "XB", "2026-Q1").id == two_countries["XB"]  # untouched, not duplicated
    for page in ("dashboards.comparison_page", "dashboards.alerts_page", "review", "import_export"):
        at = open_app(FOCAL_XA.username if page != "review" else ANALYST_XA.username, page=page,
                      country="XB", period="2026-Q1")
        no_exception(at)
        assert SECRET not in rendered(at) and "XB (fictional)" not in rendered(at), page
    refusal = store.audit_log(ADMIN, action="access.denied")[0]
    assert (refusal.actor, refusal.detail["country"]) == (FOCAL_XA.username, "XB")


def test_script_in_user_text_is_shown_as_text(app_env, store, people, two_countries):
    xa = two_countries["XA"]
    rev = store.get_assessment(FOCAL_XA, xa).revision
    rev = store.transition(ANALYST_XA, xa, "returned", rev, f"Please check {SCRIPT}").revision
    rev = store.save_entries(FOCAL_XA, xa, rev, {"1.1": EntryIn(score=3, evidence=SCRIPT)}, {"1.1"}).revision
    store.save_vulnerable_groups(FOCAL_XA, xa, rev, [
        VulnerableGroupIn(name=SCRIPT, description="**bold** ![x](http://evil.example/t.png)")])
    at = open_app(FOCAL_XA.username, page="assess", country="XA", period="2026-Q1", section="1")
    no_exception(at)
    evidence = next(t for t in at.text_area if t.key.endswith(":1.1:evidence"))
    assert evidence.value == SCRIPT
    groups = open_app(FOCAL_XA.username, page="assess", country="XA", period="2026-Q1", section="groups")
    no_exception(groups)
    for page in (at, groups):
        # the only HTML on the page is riskframe's own leave guard (app/leave_guard.py), never user text
        for block in page.get("html"):
            assert "rf-leave-guard" in block.proto.body and "alert(1)" not in block.proto.body
        assert all(not m.proto.allow_html for m in page.markdown)
        assert all(not getattr(c.proto, "allow_html", False) for c in page.caption)
    shown = [m.value for m in groups.markdown if "script" in m.value]
    assert shown[0] == ("**\\<script\\>alert\\(1\\)\\</script\\>** (basis not given) — \\*\\*bold\\*\\* "
                        "\\!\\[x\\]\\(http\\://evil\\.example/t\\.png\\)")
    assert all("<script>" not in text for text in shown)  # the item's history lines are escaped too

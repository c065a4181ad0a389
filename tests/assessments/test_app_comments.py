"""In the app, signed in: a reviewer's stored comments reach the focal point on Assess in a new session."""

from __future__ import annotations

from riskframe.app.components import plain
from riskframe.store import open_store
from tests.accounts.conftest import ADMIN, ANALYST_XA, FOCAL_XA, accounts, clock, people, settings, two_countries  # noqa: F401
from tests.accounts.test_app_auth import SQLITE, app_env, no_exception, open_app  # noqa: F401 (fixtures)


def shown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@SQLITE
def test_reviewer_comments_and_returns_then_the_focal_point_sees_and_resolves(app_env, store, people, two_countries):
    aid = two_countries["XA"]
    review = open_app(ANALYST_XA.username, page="review")
    no_exception(review)
    assert review.button(key=f"return:{aid}").disabled  # no comment, no reason yet
    review.text_area(key=f"comment_text:{aid}").input("Overall: please name your sources.")
    review.button(key=f"comment_add:{aid}").click().run()
    no_exception(review)
    review.selectbox(key=f"comment_ind:{aid}").set_value("1.1")
    review.text_area(key=f"comment_text:{aid}").input("Which report shows the militia build-up?")
    review.button(key=f"comment_add:{aid}").click().run()
    no_exception(review)
    assert plain("Which report shows the militia build-up?") in shown(review)
    assert plain(ANALYST_XA.username) in shown(review)
    review.button(key=f"return:{aid}").click().run()
    no_exception(review)
    assert store.get_assessment(ADMIN, aid).status == "returned"

    # A new session (another browser, the next day): the focal point sees both, where they belong.
    assess = open_app(FOCAL_XA.username, page="assess", country="XA", period="2026-Q1", section="1")
    no_exception(assess)
    text = shown(assess)
    assert plain("Overall: please name your sources.") in text
    assert plain("Which report shows the militia build-up?") in text
    assert any("indicator(s) 1.1" in i.value for i in assess.info)
    assert any("Which report" in t.value for t in assess.text)  # the return note lists it too
    indicator_comment = store.list_comments(ADMIN, aid, indicator_id="1.1")[0]
    assess.button(key=f"resolve_comment:{indicator_comment.id}").click().run()
    no_exception(assess)
    with open_store(app_env) as fresh:
        resolved = fresh.list_comments(ADMIN, aid, indicator_id="1.1")[0]
    assert resolved.resolved_by == FOCAL_XA.username
    again = open_app(FOCAL_XA.username, page="assess", country="XA", period="2026-Q1", section="1")
    assert not any(b.key == f"resolve_comment:{indicator_comment.id}" for b in again.button)
    assert plain("Overall: please name your sources.") in shown(again)

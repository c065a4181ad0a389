"""Dashboard pages for st.navigation: country dashboard, comparison and portfolio alerts.

    st.Page(dashboards.country_page, title="Country dashboard", icon=":material/monitoring:", url_path="country")
    st.Page(dashboards.comparison_page, title="Compare countries", icon=":material/compare_arrows:", url_path="compare")
    st.Page(dashboards.alerts_page, title="Alerts", icon=":material/notifications:", url_path="alerts")
"""

from riskframe.app.pages.dash_alerts import page as alerts_page
from riskframe.app.pages.dash_compare import page as comparison_page
from riskframe.app.pages.dash_country import page as country_page

__all__ = ["alerts_page", "comparison_page", "country_page"]

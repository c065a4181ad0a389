"""The floor of the browser benchmark (W8): a Streamlit page that only draws a button and a counter.

Started and driven exactly like the app (same server flags, same browser, same wait), so what a
riskframe action costs above this is riskframe's, not Streamlit's or the harness's.
"""

import streamlit as st

st.title("Floor")
if "clicks" not in st.session_state:
    st.session_state["clicks"] = 0
if st.button("Click me"):
    st.session_state["clicks"] += 1
st.write(f"Clicked {st.session_state['clicks']} time(s)")

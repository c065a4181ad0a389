"""The Streamlit app: pages only lay out what riskframe.store and riskframe.scoring compute."""

"""How text from people, files and the database leaves riskframe safely: CSV cells that cannot run
as formulas (`csv_cells`), and text that either database can store (`storable`). One helper each,
used everywhere; import the submodule you need (the store must not pull in pandas)."""

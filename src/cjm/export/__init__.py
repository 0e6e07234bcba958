"""Exports of the portfolio to the tools where the work happens.

:mod:`cjm.export.tables` lays the pain-point register, the opportunity backlog and the KPI
board out as rows of named columns; :mod:`cjm.export.csv_out` and :mod:`cjm.export.xlsx`
write them; :mod:`cjm.export.files` decides where, refusing to write over an input.
"""

"""A map as a spreadsheet and back: the journey grid of a workshop, the tables of pain
points, opportunities, KPIs and personas, and the import that carries what people changed
in them back into the YAML map.

- :mod:`cjm.sheets.layout` says what every sheet holds: which lanes and columns, which
  cells people may edit, and how each value is written into a cell.
- :mod:`cjm.sheets.write` writes the workbook (.xlsx), :mod:`cjm.sheets.csv` the tables
  as CSV files, :mod:`cjm.sheets.read` reads either back as plain cells.
- :mod:`cjm.sheets.apply` carries the changed cells onto the map's data.

Everything works on the map's plain data (what cjm reads from the YAML), never on the
loaded model: a cell that was not changed gives exactly the value it was made from.
"""

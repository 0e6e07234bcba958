"""Grounding maps in data: funnels from product events, feedback against mapped emotions.

`cjm measure` computes, per map, what its binding file (``<map>.measures.yaml``) asks for,
and writes a snapshot (``<snapshots>/<map-id>.yaml``) that every other command reads.
Only the modules that compute (the engines, the SQL, the feedback scorer) import DuckDB,
sqlglot or a warehouse client, and they do so when called: `cjm validate` and
`cjm --help` load none of them.
"""

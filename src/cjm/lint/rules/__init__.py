"""One module per lint rule; :mod:`cjm.lint.registry` lists them."""

"""Lint rules that encode journey-mapping know-how, and the engine that runs them."""

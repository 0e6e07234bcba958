"""Turning maps into pictures: Graphviz views (journey, blueprint, emotions) and Mermaid."""

"""Compiles the knowledge base (glossary, pages, quizzes) into one MkDocs site per language."""

from __future__ import annotations

__version__ = "0.1.0"

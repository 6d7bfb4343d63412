"""Exports of the repository into other tools' formats."""

"""Turning articles and marks into files for people outside the desk: today, printable PDF worksheets.

Exporters read domain objects (``desktop_app.core``) and write files; they never touch the database or the UI,
so the command line, the desk and the benchmark all call them the same way.
"""

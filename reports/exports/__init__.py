"""Exports of directives and reports: PDF (WeasyPrint) and Excel (openpyxl).

Exporters take plain data from selectors and return bytes; views only set headers.
"""

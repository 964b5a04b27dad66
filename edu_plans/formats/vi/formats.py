"""Vietnamese formats for pages and inputs.

Django's own ``vi`` module defines no input formats, so "05/03/2025" would be read the US
way (3 May). These are the formats a Vietnamese civil servant writes.
"""

DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "H:i d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday

# Day first, with or without leading zeros (01/12/2024, 1/12/2024), and the ISO form
# (2024-12-01), which cannot be read as another day. Nothing else: "01-12-2024",
# "01.12.2024" and two-digit years are refused, in the admin as on the pages.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3

"""English interface, Vietnamese dates: a date is typed day first whatever the language.

Django's own ``en`` formats read "05/03/2025" as 3 May; staff who switch the interface to
English still type dates the Vietnamese way. Display formats stay Django's.
"""

from edu_plans.formats.vi.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

__all__ = ["DATE_INPUT_FORMATS", "DATETIME_INPUT_FORMATS"]

"""The French formats of `projects.formats` as template filters (a builtin library: every template
has them without `{% load %}`)."""

from django import template

from projects import formats

register = template.Library()

register.filter("number", formats.number)
register.filter("percent", formats.percent)
register.filter("longdate", formats.longdate)
register.filter("fuzzydate", formats.fuzzydate)
register.filter("monthyear", formats.monthyear)

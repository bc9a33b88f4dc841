"""Missions and sources are administered with the portfolio, in `projects/admin.py`: the admin
journal they write to (`projects.history`) belongs to that app."""

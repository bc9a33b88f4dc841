"""The three groups of users, created by a migration; names are what the admin shows."""

PROGRAMME_OFFICE = "Bureau du programme"
PROJECT_LEAD = "Chef de projet"
PRESS = "Presse"

ALL = [PROGRAMME_OFFICE, PROJECT_LEAD, PRESS]

# TECH.GOUV dashboard: install, run, test.
#   make run       install (Python + npm), migrate, load the programme, serve on 127.0.0.1:8000
#   make serve     production: collectstatic, then gunicorn on DATABASE_URL (README « Production »)
#   make test      install (+ test tools, Debian's Chromium), run pytest; PYTEST_ARGS="-k x" to filter
#   make lint      ruff check + ruff format --check
#   make fixtures  rebuild the reference fixtures (scripts/build_fixtures.py)
#   make clean     remove .venv, node_modules, staticfiles, db.sqlite3
# A fresh machine needs only Python 3.11, git and make; as root, the rest is installed from
# Debian's packages when missing (nodejs/npm, chromium, gettext).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM := /usr/bin/chromium
PYTEST_ARGS ?=
# settings.py refuses to start without SECRET_KEY unless DEBUG=true; tests run with DEBUG off.
TEST_SECRET_KEY := tests-only-insecure-secret-key-not-for-production

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_NO_INPUT := 1
export DEBIAN_FRONTEND := noninteractive

IS_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo yes)
APT_INSTALL := apt-get -qq -o=Dpkg::Use-Pty=0 install -y

# apt-get and dpkg take a lock: never run two recipes at once.
.NOTPARALLEL:

.PHONY: help run serve test lint fixtures clean install install-test python-deps python-test-deps \
	npm-deps messages chromium java require-npm

help:
	@sed -n '2,9p' Makefile | sed 's/^# \{0,1\}//'

# --- Python ------------------------------------------------------------------------------

$(PY):
	@if ! $(PYTHON) -m venv $(VENV); then \
		rm -rf $(VENV); \
		echo "ERREUR : « $(PYTHON) -m venv » a échoué (sous Debian : apt-get install python3-venv)." >&2; \
		exit 1; \
	fi

# Installs the pinned requirements of pyproject.toml ([project].dependencies + GROUPS) into the
# venv, unless the stamp file already holds exactly the same lines (pyproject unchanged).
define pip_install
	@reqs="$$($(PY) scripts/requirements.py $(1))"; \
	stamp="$(VENV)/.requirements-$(2).txt"; \
	if [ -f "$$stamp" ] && [ "$$reqs" = "$$(cat "$$stamp")" ]; then \
		echo "Dépendances Python ($(2)) à jour."; \
	else \
		echo "Installation des dépendances Python ($(2))…"; \
		printf '%s\n' "$$reqs" | $(PY) -m pip install -q -r /dev/stdin; \
		printf '%s\n' "$$reqs" > "$$stamp"; \
	fi
endef

python-deps: $(PY)
	$(call pip_install,,run)

python-test-deps: $(PY)
	$(call pip_install,test fixtures,test)

# --- Front-end packages (npm) --------------------------------------------------------------

require-npm:
	@if ! command -v npm >/dev/null 2>&1; then \
		if [ "$(IS_ROOT)" = yes ]; then \
			echo "npm absent : installation des paquets Debian nodejs et npm…"; \
			apt-get -qq update && $(APT_INSTALL) nodejs npm >/dev/null; \
		else \
			echo "ERREUR : npm est introuvable. Installez Node.js et npm (sous Debian : sudo apt-get install nodejs npm), puis relancez." >&2; \
			exit 1; \
		fi; \
	fi

node_modules/.installed: package.json package-lock.json
	@$(MAKE) require-npm
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

npm-deps: node_modules/.installed

# --- Debian's Chromium, for the end-to-end tests (Playwright never downloads a browser) ------

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$(IS_ROOT)" = yes ]; then \
			echo "Chromium absent : installation du paquet Debian chromium…"; \
			apt-get -qq update && $(APT_INSTALL) chromium >/dev/null; \
		else \
			echo "ERREUR : $(CHROMIUM) est introuvable ; les tests de bout en bout en ont besoin." >&2; \
			echo "Installez-le en root (sudo apt-get install chromium), puis relancez « make test »." >&2; \
			exit 1; \
		fi; \
	fi

# --- Java, for the Nu HTML Checker (npm vnu-jar) used by the HTML validity test ------------

java:
	@if ! command -v java >/dev/null 2>&1; then \
		if [ "$(IS_ROOT)" = yes ]; then \
			echo "Java absent : installation du paquet Debian default-jre-headless…"; \
			apt-get -qq update && $(APT_INSTALL) default-jre-headless >/dev/null; \
		else \
			echo "ERREUR : java est introuvable ; le test de validité HTML en a besoin." >&2; \
			echo "Installez-le en root (sudo apt-get install default-jre-headless)." >&2; \
			exit 1; \
		fi; \
	fi

# --- Translations: only when the project has a locale/ folder ------------------------------

messages: $(PY)
	@if [ -d locale ]; then \
		if ! command -v msgfmt >/dev/null 2>&1; then \
			if [ "$(IS_ROOT)" = yes ]; then \
				apt-get -qq update && $(APT_INSTALL) gettext >/dev/null; \
			else \
				echo "ERREUR : msgfmt est introuvable (sudo apt-get install gettext)." >&2; exit 1; \
			fi; \
		fi; \
		DEBUG=true $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules \
			--ignore=staticfiles -v 0; \
	fi

# --- Targets -------------------------------------------------------------------------------

install: python-deps npm-deps

install-test: python-test-deps npm-deps chromium java

run: install messages
	DEBUG=true $(PY) manage.py migrate --no-input
	DEBUG=true $(PY) manage.py load_programme
	DEBUG=true $(PY) manage.py create_demo_accounts
	DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

# Production server. Workers: WEB_CONCURRENCY (read by gunicorn; default 2 × CPUs + 1);
# address: BIND (default 127.0.0.1:8000, behind the reverse proxy). Migrations are a separate
# step of a deployment (README « Production »), run once, not by every machine that starts.
BIND ?= 127.0.0.1:8000
ifndef WEB_CONCURRENCY  # computed once, not each time a recipe reads it
WEB_CONCURRENCY := $(shell echo $$(( $$(nproc) * 2 + 1 )))
endif
export WEB_CONCURRENCY BIND

serve: install messages
	@if [ "$${DEBUG:-false}" != true ]; then \
		for name in SECRET_KEY DATABASE_URL SITE_URL; do \
			if [ -z "$${!name:-}" ]; then \
				echo "ERREUR : $$name doit être défini pour servir en production (voir README, « Production »)." >&2; \
				exit 1; \
			fi; \
		done; \
	fi
	$(PY) manage.py collectstatic --no-input -v 0
	$(VENV)/bin/gunicorn techgouv.wsgi:application -c python:techgouv.gunicorn

test: install-test messages
	@echo "$(PY) -m pytest $(PYTEST_ARGS)"
	@SECRET_KEY="$${SECRET_KEY:-$(TEST_SECRET_KEY)}" $(PY) -m pytest $(PYTEST_ARGS) || { \
		status=$$?; \
		if [ $$status = 5 ]; then echo "ERREUR : pytest n'a exécuté aucun test (code 5)." >&2; fi; \
		exit $$status; \
	}

lint: python-test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fixtures: python-test-deps
	DEBUG=true $(PY) scripts/build_fixtures.py

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3

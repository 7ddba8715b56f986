# Two commands on a fresh machine: `make site` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PYBABEL := $(VENV)/bin/pybabel
# Asked of the builder when needed (after the venv exists): project.yml is the one source.
LANGS = $(shell $(PY) -m builder languages)

.PHONY: site test serve check lint i18n schemas bench clean chromium print-libs node-deps export pack

site: $(VENV)/.installed print-libs  ## Build every language into site/
	$(PY) -m builder build

serve: $(VENV)/.installed print-libs  ## Live preview on http://127.0.0.1:8000/
	$(PY) -m builder serve

export: $(VENV)/.installed  ## The quizzes and the glossary for other tools, into dist/exports/
	$(PY) -m builder export

pack: $(VENV)/.installed print-libs  ## Build, then zip the site for a USB stick into dist/
	$(PY) -m builder pack

check: $(VENV)/.installed  ## Validate the sources and print the translation coverage
	$(PY) -m builder check

test: $(VENV)/.installed-test chromium print-libs node-deps  ## Install test needs and run every test
	$(VENV)/bin/ruff check builder tests scripts
	$(PY) -m pytest -n auto --dist loadscope

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check builder tests scripts

# Refresh the catalogue template and every language's catalogue after changing interface strings.
i18n: $(VENV)/.installed
	$(PYBABEL) extract -F babel.cfg --no-location --sort-output --omit-header \
	    -k _ -k N_ -k gettext -k ngettext:1,2 -o locales/messages.pot .
	@for lang in $(LANGS); do \
	  if [ -f locales/$$lang/LC_MESSAGES/messages.po ]; then \
	    $(PYBABEL) update -D messages -i locales/messages.pot -d locales -l $$lang --no-fuzzy-matching --ignore-obsolete; \
	  else \
	    $(PYBABEL) init -D messages -i locales/messages.pot -d locales -l $$lang; \
	  fi; \
	done

schemas: $(VENV)/.installed  ## Regenerate the JSON Schemas from the field declarations
	$(PY) -m builder schemas

# The test extra brings Zensical and what the hostile-input figures reuse from the tests; the
# peer installs itself into .bench/peer-venv (pinned, scripts/peer.py).
bench: $(VENV)/.installed-test print-libs  ## Benchmarks: the real project, then 100 to 5,000 concepts beside the peer
	$(PY) scripts/benchmark.py $(BENCH_ARGS)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# Browser tests drive Debian's Chromium; Playwright's own browser download does not work here.
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "Browser tests need /usr/bin/chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

# Independent parsers the export tests check against (gift-pegjs), pinned in tests/node.
node-deps: tests/node/node_modules/.package-lock.json
tests/node/node_modules/.package-lock.json: tests/node/package.json tests/node/package-lock.json
	@command -v npm >/dev/null || { echo "The export tests need Node.js and npm: sudo apt-get install nodejs npm" >&2; exit 1; }
	npm ci --prefix tests/node --no-audit --no-fund --silent

# The handouts' PDF engine, WeasyPrint, loads Pango and fontconfig; DejaVu Sans has every letter
# of the four languages. Without them the builder says what to install (or `handouts: false`).
PRINT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
print-libs:
	@{ ldconfig -p | grep -q 'libpangoft2-1.0.so.0' && test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf; } || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PRINT_PACKAGES); \
	  else echo "The handouts need $(PRINT_PACKAGES): sudo apt-get install $(PRINT_PACKAGES)" >&2; fi; }

clean:
	rm -rf site dist .build-* .site-old .site.lock .kb-cache .bench $(VENV)

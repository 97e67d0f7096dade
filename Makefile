# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup lint bench clean graphviz diagrams docs relock package screenshots xvfb a11y-deps a11y translations lupdate

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# What the accessibility-tree test needs (Xvfb, openbox, AT-SPI, pyatspi, xdotool): apt-get only if missing
a11y-deps:
	bash .ci/a11y.sh

# The app walked from the outside as a screen reader sees it (AT-SPI under Xvfb); also part of `make test`
a11y: $(STAMP) a11y-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/gui/test_atspi_tree.py tests/gui/test_accessibility.py

# Graphviz (dot) and poppler-utils: apt-get only if missing (like .ci/postgres.sh for PostgreSQL)
graphviz:
	bash .ci/graphviz.sh

# Xvfb, openbox and the xcb libraries for the real-window test (tests/gui/test_fit_xvfb.py): apt-get only if missing
xvfb:
	bash .ci/xvfb.sh

# The flow diagrams Help > Flows shows, pre-rendered into the package data (the installed app needs no Graphviz)
diagrams: $(STAMP) graphviz
	$(PY) -m triage_desktop.cli flows diagrams

# The flow book (one flow per page, legend, footer with id/version/hash) and the entry_triage diagram for the README
docs: diagrams
	$(PY) -m triage_desktop.cli flows render --all --out build/docs/flow-book.pdf
	$(PY) -m triage_desktop.cli flows render entry_triage --format svg --out docs/flows/entry_triage.svg
	$(PY) -m triage_desktop.cli flows render entry_triage --format png --out build/docs/entry_triage.png

# After merging branches that changed the bundled flows (each with its version bumped): re-date the bundled
# EXAMPLE sign-off to the new versions and record them in resources/flows/flows.lock
relock: $(STAMP)
	$(PY) -m triage_desktop.cli flows signoff --refresh-example resources/flows
	$(PY) -m triage_desktop.cli flows lock resources/flows

# The interface in Welsh (issue 15): the GUI's strings, extracted by pyside6-lupdate into the .ts (kept in git,
# with the Welsh written in it), compiled by pyside6-lrelease into the .qm the app loads (built, not kept in git).
TS := resources/translations/triage_desktop_cy.ts
QM := resources/translations/triage_desktop_cy.qm
LUPDATE_ARGS := -extensions py -locations none -source-language en_GB -target-language cy_GB

$(QM): $(TS) $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $(TS) -qm $(QM)

translations: $(QM)

# After changing GUI strings: add the new ones to the .ts and drop the vanished ones, then write their Welsh
lupdate: $(STAMP)
	$(VENV)/bin/pyside6-lupdate $(LUPDATE_ARGS) -no-obsolete triage_desktop/gui -ts $(TS)

run: $(STAMP) diagrams translations
	$(PY) -m triage_desktop.cli

# contracts (layers), lint (ruff check: no format check here, the tree is not mass-reformatted), types, then the suite
test: $(STAMP) diagrams translations xvfb a11y-deps lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# A PyInstaller one-folder bundle in build/dist/triage-desktop (docs/deployment.md; Windows: the same spec).
package: $(STAMP) diagrams translations
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/pyinstaller \
		packaging/triage-desktop.spec
	@du -sh build/dist/triage-desktop

# The tests that save screenshots (tests/screenshots.py: screenshot_path). `make test` writes them to a temporary
# folder; `make screenshots` runs these tests with TRIAGE_WRITE_SCREENSHOTS=1 to refresh docs/screenshots/.
SCREENSHOT_TESTS := tests/gui/test_reports_window.py tests/gui/test_screens.py tests/gui/test_callers_gui.py \
	tests/gui/test_training_gui.py tests/gui/test_training_screens.py tests/gui/test_force_pack_gui.py \
	tests/gui/test_fit_screen.py tests/gui/test_fit_xvfb.py \
	tests/sync/test_dashboard_browser.py tests/gui/test_welsh_gui.py tests/gui/test_i18n.py

screenshots: $(STAMP) diagrams translations
	TRIAGE_WRITE_SCREENSHOTS=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not postgres" $(SCREENSHOT_TESTS)

lint: $(STAMP)
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check triage_desktop tests
	$(VENV)/bin/mypy

# starts the throwaway PostgreSQL cluster itself (as .ci/run does), so the PostgreSQL figures are always printed
bench: $(STAMP)
	bash -c 'source .ci/postgres.sh && QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -s tests/bench -o python_files="bench_*.py"'

clean:
	rm -rf $(VENV) build *.egg-info triage_desktop/flowdocs/built

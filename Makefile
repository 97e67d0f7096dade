# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup lint bench clean package

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(PY) -m triage_desktop.cli

test: $(STAMP)
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# A PyInstaller one-folder bundle in build/dist/triage-desktop (docs/deployment.md; Windows: the same spec).
package: $(STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/pyinstaller \
		packaging/triage-desktop.spec
	@du -sh build/dist/triage-desktop

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -s tests/bench -o python_files='bench_*.py'

clean:
	rm -rf $(VENV) build *.egg-info

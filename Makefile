# `make run` and `make test` each set up .venv when it is missing, then run.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
BYTECODE := $(VENV)/.bytecode-stamp

.PHONY: run test lint samples clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

# cchc's own bytecode, compiled here once: where PYTHONDONTWRITEBYTECODE is set (as on many CI
# machines), Python would otherwise compile every cchc module anew in every process (0.15 s of
# each `cchc extract`), while pip compiled the installed packages' bytecode at install time.
$(BYTECODE): $(STAMP) $(shell find cchc -name '*.py')
	$(BIN)/python -m compileall -q cchc
	touch $(BYTECODE)

# The main job on the bundled samples: every report into the warehouse, one JSON record
# each, then the Vietnamese HTML report.  The warehouse is every command's default
# (./cchc.duckdb, or $CCHC_DB when set), so a plain `cchc report` or `cchc export` afterwards
# reads what this wrote.  samples/not_a_report.* have no appendix on purpose: cchc names them
# and exits 1, which `make run` accepts (2 or worse still fails).
run: $(BYTECODE)
	$(BIN)/cchc batch samples -o out/records --log out/run_log.csv || test $$? -eq 1
	$(BIN)/cchc report -o out/report.html
	@echo "Warehouse: $${CCHC_DB:-$(CURDIR)/cchc.duckdb}   Report: $(CURDIR)/out/report.html"
	@echo "Records: $(CURDIR)/out/records/   Run log: $(CURDIR)/out/run_log.csv"

test: $(BYTECODE)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check cchc tests
	$(BIN)/mypy cchc

# Regenerate the sample documents (needs LibreOffice for the PDFs; CI uses the committed files).
samples: $(STAMP)
	$(BIN)/python samples/make_samples.py
	$(BIN)/python samples/make_legacy_samples.py
	$(BIN)/python samples/render_pdfs.py
	$(BIN)/python samples/export_text.py samples/syt_2023_q2.pdf samples/stttt_2023_q3.pdf \
		samples/ubnd_camxuyen_2023.pdf

clean:
	rm -rf $(VENV) out cchc.duckdb cchc.duckdb.wal

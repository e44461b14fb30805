# `make run` and `make test` each set up .venv when it is missing, then run.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint samples clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

# samples/not_a_report.docx has no appendix on purpose: cchc names it and exits 1, which
# `make run` accepts (exit 2 or worse still fails).
run: $(STAMP)
	$(BIN)/cchc extract samples/*.docx samples/*.pdf samples/*.txt -o out --format json,csv,jsonl \
		|| test $$? -eq 1
	@echo "Records written to $(CURDIR)/out/ (one .json, .csv and .jsonl per report)"

test: $(STAMP)
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
	rm -rf $(VENV) out

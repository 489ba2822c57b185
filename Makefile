# Two commands do all set-up from a fresh clone:  `make run`  and  `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= spillwatch.duckdb
# The sample corpus (written for the project) plus the founding document when ../shared is beside the repo.
SOURCES ?= corpus/txt corpus/html corpus/feeds corpus/jsonl $(wildcard ../shared/seed/*.txt)

.PHONY: run test lint eval bench clean-db fuzz train

$(BIN)/spillwatch: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,spark]'
	$(BIN)/python scripts/fetch_tokenizer.py
	touch $(BIN)/spillwatch

# The main job: ingest the sample corpus into the embedded DuckDB file and show what was stored.
run: $(BIN)/spillwatch
	$(BIN)/spillwatch ingest $(SOURCES) --db $(DB)
	$(BIN)/spillwatch articles --db $(DB)
	$(BIN)/spillwatch events --db $(DB) --limit 30
	$(BIN)/spillwatch spread ISL --db $(DB)
	$(BIN)/spillwatch support --db $(DB)
	$(BIN)/spillwatch gaps ISL --db $(DB)

lint: $(BIN)/spillwatch
	$(BIN)/ruff check src tests benchmarks eval
	$(BIN)/mypy src tests benchmarks eval
	$(BIN)/lint-imports --no-cache

test: $(BIN)/spillwatch lint
	$(BIN)/pytest

# Accuracy floors per public data set (needs ../shared); never lower a floor silently.
eval: $(BIN)/spillwatch
	$(BIN)/python eval/gate.py

# Long fuzzing run: each parser on FUZZ_EXAMPLES mutated real samples (random, not the suite's fixed
# ones); prints inputs, refusals, crashes and crash sites per parser, and writes them to artefacts/.
FUZZ_EXAMPLES ?= 5000
fuzz: $(BIN)/spillwatch
	mkdir -p artefacts
	SPILLWATCH_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) SPILLWATCH_FUZZ_REPORT=artefacts/fuzz-report.json \
		$(BIN)/pytest tests/fuzz -p no:cacheprovider --hypothesis-profile explore

# The event detector and relevance gate (src/spillwatch/data/event_detector.npz) from ../shared/data:
# fixed seed, training data's sha256 recorded in the model, figures printed beside the TF-IDF + LR baseline.
train: $(BIN)/spillwatch
	$(BIN)/python -m spillwatch.relevance.train
	$(BIN)/python eval/clauses/train.py --write

clean-db:
	rm -f $(DB) $(DB).wal

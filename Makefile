# neardup — common tasks. `make help` lists them.
GO        ?= go
BIN       := bin/neardup
FUZZTIME  ?= 20s
DEMO_OUT  := out/demo

.PHONY: help build install test race unit lint fuzz bench bench-100k bench-index-100k bench-scale bench-report eval eval-index demo golden screenshot clean

help:
	@echo "make demo    build and group the bundled demo corpus into stories"
	@echo "make test    lint (gofmt, go vet, staticcheck) and all tests with the race detector"
	@echo "make lint    gofmt, go vet and staticcheck (a tool of go.mod), go vet and staticcheck of beam/"
	@echo "make beam-demo  run the Apache Beam pipeline (neardup-beam, on Prism) on the demo into out/beam-demo"
	@echo "make beam-test  the Beam pipeline's tests: byte-identical to dedupe --out"
	@echo "make build   build $(BIN)"
	@echo "make install install neardup into $$(go env GOPATH)/bin (put it on your PATH)"
	@echo "make unit    tests without the race detector (faster)"
	@echo "make fuzz    run every fuzz test for FUZZTIME=$(FUZZTIME)"
	@echo "make bench   Go benchmarks (articles/s, bytes/article)"
	@echo "make eval    score a run on ../shared/eval/dev"
	@echo "make bench-100k  speed, memory and quality on 100,000 generated articles"
	@echo "make bench-index-100k  index articles/s, disk bytes, search and similar latency at 100,000"
	@echo "make eval-index  index ../shared/eval/dev in two parts (80%, then 20%) and score the export"
	@echo "make bench-scale  10k, 20k, 100k and 1M articles (SCALE_SIZES) of the generator and of ../shared/eval/perf's speed corpus, the exact reference and the textbook; writes BENCH.md"
	@echo "make bench-report BENCH.md again from the last bench-scale results"
	@echo "make golden  regenerate golden files (go test -update)"

build:
	$(GO) build -buildvcs=auto -o $(BIN) ./cmd/neardup

install:
	$(GO) install -buildvcs=auto ./cmd/neardup
	@d=$$($(GO) env GOBIN); echo "installed $${d:-$$($(GO) env GOPATH)/bin}/neardup"

test: lint race beam-test

race:
	$(GO) test -race -count=1 ./...

unit:
	$(GO) test -count=1 ./...

lint: beam-lint
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

# The Apache Beam pipeline (beam/, a module of its own: the Beam SDK stays
# out of neardup's build). gofmt at the root covers beam/ too.
beam-lint:
	cd beam && $(GO) vet ./...
	$(GO) build -o bin/staticcheck honnef.co/go/tools/cmd/staticcheck
	cd beam && ../bin/staticcheck ./...

beam-test:
	cd beam && $(GO) test -count=1 -timeout 30m ./...

beam-demo:
	cd beam && $(GO) run ./cmd/neardup-beam --input ../demo/corpus.jsonl --out ../out/beam-demo

fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Speed, memory and quality at 100,000 generated articles (about 300 MB).
TIME := $(shell command -v /usr/bin/time >/dev/null && echo '/usr/bin/time -f "%e s wall, %M KB peak RSS"')
bench-100k: build
	$(BIN) bench gen --articles 100000 --seed 1 --out out/gen100k.jsonl --truth out/gen100k.truth.jsonl
	$(TIME) $(BIN) dedupe --quiet --stats --out out/gen100k out/gen100k.jsonl
	$(BIN) eval --truth out/gen100k.truth.jsonl out/gen100k/articles.jsonl

# The index benchmarks on 100,000 generated articles: the index is built once
# into out/bench-index (remove it to rebuild) and reused by search and similar.
bench-index-100k:
	rm -rf out/bench-index
	NEARDUP_BENCH_INDEX_ARTICLES=100000 NEARDUP_BENCH_INDEX_DIR=$(CURDIR)/out/bench-index \
	  $(GO) test -run '^$$' -bench 'BenchmarkIndex|BenchmarkSearch|BenchmarkSimilar' -benchtime 1x -timeout 60m ./bench

# The dev set indexed in two parts, exported and scored (compare with make eval).
eval-index: build
	rm -rf out/dev-index && mkdir -p out
	head -n 712 ../shared/eval/dev/corpus.jsonl > out/dev-80.jsonl
	tail -n +713 ../shared/eval/dev/corpus.jsonl > out/dev-20.jsonl
	$(BIN) index --index out/dev-index out/dev-80.jsonl
	$(BIN) index --index out/dev-index out/dev-20.jsonl
	$(BIN) check --index out/dev-index
	$(BIN) export --index out/dev-index --out out/dev-index.jsonl
	$(BIN) eval --truth ../shared/eval/dev/truth.jsonl out/dev-index.jsonl

# Speed, memory and quality as the corpus grows, beside the exact all-pairs
# reference and the textbook configuration (see BENCH.md). The 1M corpus is
# about 3 GB of JSONL under out/scale, removed once scored.
SCALE_SIZES   ?= 10000,20000,100000,1000000
# The speed corpus of real text beside the generator's, when ../shared is here.
PERF_DIR      ?= ../shared/eval/perf
SCALE_PERF    := $(if $(wildcard $(PERF_DIR)/perfgen.py),--perf $(PERF_DIR))
SCALE_RESULTS := out/scale/results.json
BENCH_NOTES   := docs/bench-notes.md
bench-scale: build
	$(BIN) bench scale --sizes $(SCALE_SIZES) --dir out/scale --results $(SCALE_RESULTS) --md BENCH.md --notes $(BENCH_NOTES) $(SCALE_PERF)

bench-report: build
	$(BIN) bench report --results $(SCALE_RESULTS) --out BENCH.md --notes $(BENCH_NOTES)

eval: build
	$(BIN) dedupe --quiet --out out/dev ../shared/eval/dev/corpus.jsonl
	$(BIN) eval --truth ../shared/eval/dev/truth.jsonl out/dev/articles.jsonl

demo: build
	$(BIN) dedupe demo/corpus.jsonl
	@$(BIN) dedupe --quiet --out $(DEMO_OUT) demo/corpus.jsonl
	@echo
	@echo "Scored against demo/truth.jsonl:"
	@$(BIN) eval --truth demo/truth.jsonl $(DEMO_OUT)/articles.jsonl

# The README's picture of the report, from the demo corpus (needs chromium).
screenshot: build
	@$(BIN) dedupe --quiet --out $(DEMO_OUT) demo/corpus.jsonl
	chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
	  --disable-background-networking --disable-component-update --disable-sync \
	  --user-data-dir=$$(mktemp -d) --hide-scrollbars --window-size=1366,1400 \
	  --screenshot=docs/report.png "file://$(CURDIR)/$(DEMO_OUT)/report.html#story=s:storm-ritzau"

golden:
	$(GO) test ./text ./bench ./cmd/neardup -run 'Golden|Quality|Hard' -update

clean:
	rm -rf bin out

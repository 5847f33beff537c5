# tandem: the common tasks. `make demo` and `make test` are all a newcomer needs.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# Go lives in /usr/local/go/bin on many machines whose non-login shells lack it.
export PATH := $(PATH):/usr/local/go/bin

GO        ?= go
BIN       := bin/tandem
DEMO_DATA := ./tandem-data
DEMO_ADDR := localhost:8080
# The demo's sender of mail (its mail stays in the outbox), which is also the
# address a Crossref deposit names for Crossref's report: on localhost the
# default, tandem@localhost, could receive none, and the office refuses it.
DEMO_MAIL_FROM := tandem@demo.example
FUZZTIME  ?= 10s

# In a git checkout `tandem version` shows git describe's name for the
# commit, its hash and whether the tree had changes. The go command records
# the last two itself (-buildvcs=true, which some machines turn off in their
# go env), but not in a git worktree, so they are linked in as well. Outside
# a checkout (a tarball) the build records none of them rather than failing.
GIT_DESCRIBE := $(shell git describe --tags --always --dirty 2>/dev/null)
ifneq ($(GIT_DESCRIBE),)
CLI := github.com/tandemforum/tandem/internal/cli
GIT_REVISION := $(shell git rev-parse HEAD)
GIT_MODIFIED := $(if $(shell git status --porcelain 2>/dev/null),true,false)
BUILDFLAGS := -buildvcs=true -ldflags "-X $(CLI).Version=$(GIT_DESCRIBE) -X $(CLI).Revision=$(GIT_REVISION) -X $(CLI).Modified=$(GIT_MODIFIED)"
else
BUILDFLAGS := -buildvcs=false
endif

.PHONY: all build demo test race bench fuzz clean

all: build

## build: bundle the office's npm assets (scripts/assets.sh) and compile bin/tandem
build:
	bash scripts/assets.sh
	$(GO) build $(BUILDFLAGS) -o $(BIN) ./cmd/tandem

## demo: install what is missing, load the demo forum into a fresh ./tandem-data and serve it
demo:
	bash scripts/setup.sh demo
	bash scripts/assets.sh
	$(GO) build $(BUILDFLAGS) -o $(BIN) ./cmd/tandem
	rm -rf $(DEMO_DATA)
	env -u TANDEM_DATABASE $(BIN) demo --data $(DEMO_DATA) --base-url http://$(DEMO_ADDR)
	@echo
	@echo "tandem demo: open http://$(DEMO_ADDR) in a browser; the office is at http://$(DEMO_ADDR)/office/ (Ctrl-C stops the server)"
	@echo
	exec env -u TANDEM_DATABASE $(BIN) serve --addr $(DEMO_ADDR) --data $(DEMO_DATA) --mail-from $(DEMO_MAIL_FROM)

## test: install what is missing, check formatting, vet, and run every test on SQLite (and PostgreSQL when one answers on 127.0.0.1:5432)
test:
	bash scripts/setup.sh test
	bash scripts/assets.sh
	bash scripts/test.sh

## race: the whole suite under the race detector (about 4 minutes)
race:
	bash scripts/setup.sh test
	bash scripts/assets.sh
	RACE=1 bash scripts/test.sh

## bench: the programme page served by tandem against the same bytes served by nginx, alone and while 20 editors save in the office
bench:
	bash bench/site.sh
	bash bench/office.sh

## fuzz: run every Fuzz target for $(FUZZTIME)
fuzz:
	FUZZTIME=$(FUZZTIME) bash scripts/fuzz.sh

## clean: remove the binary and the demo data folder
clean:
	rm -rf bin $(DEMO_DATA)

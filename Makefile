# SINOP's two set-up commands: `make run` (demo on local servers) and `make test` (whole suite).
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(PATH)

.PHONY: run test build bench vet deps

# Settings for a local demo; every one can be overridden from the environment.
export SESSION_KEYS ?= local-demo-session-key-change-me-0123456789
export LISTEN_ADDR ?= 127.0.0.1:8080
export S3_BUCKET ?= sinop

run: deps build
	scripts/services.sh scripts/run-demo.sh

test: deps
	scripts/services.sh scripts/test.sh

build:
	go build -o .tools/bin/sinop ./cmd/sinop

vet:
	go vet ./...
	test -z "$$(gofmt -l $$(git ls-files '*.go'))"

# Benchmarks are heavy, so they stay outside `make test`.
bench: deps
	scripts/services.sh scripts/test.sh -run '^$$' -bench . -benchmem

deps:
	scripts/deps.sh

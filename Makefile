# Option Space. Two commands do everything on a fresh Debian/Ubuntu machine:
#   make run    installs what is missing, builds, opens the app on the sample
#   make test   installs what is missing, vets, runs every test and the smoke test
GO       ?= go
BIN      := bin
TIMEOUT  ?= 30m
export PATH := $(PATH):/usr/local/go/bin

.PHONY: all deps test-deps build run test vet lint fmt-check smoke bench screenshots package clean

all: build

deps: ## C toolchain and X11/GL headers (sudo when not root), Go modules
	@bash .ci/deps.sh build
	@$(GO) mod download

test-deps: ## deps + Xvfb, poppler-utils, ImageMagick
	@bash .ci/deps.sh test
	@$(GO) mod download

build: deps
	$(GO) build -o $(BIN)/optionspace ./cmd/optionspace
	CGO_ENABLED=0 $(GO) build -o $(BIN)/optionspace-cli ./cmd/optionspace-cli

run: build ## open the app (first run loads the SCRM sample portfolio)
	./$(BIN)/optionspace $(ARGS)

vet:
	$(GO) vet ./...

lint: ## staticcheck and the complexity budget (.ci/lint.sh)
	GO=$(GO) bash .ci/lint.sh

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

smoke: build test-deps ## the real window under Xvfb: first frame, then exit 0
	bash .ci/smoke.sh ./$(BIN)/optionspace

# The test suite runs last so that its summary closes the output; it runs
# beside a throwaway PostgreSQL server (.ci/with-pg.sh) for model/store/pgstore.
test: test-deps build fmt-check vet lint smoke
	bash .ci/with-pg.sh $(GO) test -count=1 -timeout $(TIMEOUT) ./...

bench: ## the speed goals of the issues
	$(GO) test -run '^$$' -bench . -benchmem ./...

screenshots: build test-deps ## real windows under Xvfb: every view at 1024x700, 1440x900 and 1920x1080, light and dark, into assets/screenshots/ (VIEWS=, SIZES=, THEMES= narrow it)
	bash .ci/screenshots.sh ./$(BIN)/optionspace assets/screenshots

package: build ## Linux package (dist/); restores FyneApp.toml, whose Build the fyne tool bumps
	@mkdir -p dist
	@cp FyneApp.toml $(BIN)/FyneApp.toml.orig
	$(GO) tool fyne package -os linux --exe $(BIN)/optionspace; \
	  st=$$?; cp $(BIN)/FyneApp.toml.orig FyneApp.toml; \
	  mv -f optionspace.tar.xz "Option Space.tar.xz" dist/ 2>/dev/null; exit $$st

clean:
	rm -rf $(BIN) dist

# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint browser axe xvfb bytecode bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# A Chromium for Playwright: an explicit one, a Playwright-managed one, or the system's.
# As root on Debian/Ubuntu, install Debian's chromium-headless-shell (audits run in it, about
# 1.5x faster than in the full browser) and chromium (the login window) when they are missing
# and no Playwright-managed browser is there; otherwise say what to run when nothing is found.
browser: $(STAMP)
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	    && ! { command -v chromium-headless-shell && command -v chromium; } >/dev/null \
	    && ! $(BIN)/cx-audit browser 2>/dev/null | grep -q '(playwright)$$'; then \
	  echo "Installing Debian's chromium-headless-shell and chromium packages"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq chromium chromium-headless-shell >/dev/null; } \
	  || echo "Could not install them: using the browser that is there, if any"; \
	fi
	@$(BIN)/cx-audit browser || { \
	    echo "Install a browser, then run make again:"; \
	    echo "  $(BIN)/playwright install --with-deps chromium   # Playwright-managed Chromium"; \
	    echo "  sudo apt-get install chromium-headless-shell chromium  # or Debian's"; \
	    echo "  export CX_AUDIT_BROWSER=/path/to/chrome          # or any Chromium/Chrome"; \
	    exit 2; }

# A virtual display (xvfb-run) for the test of `cx-audit login`, which opens a browser window.
# As root on Debian/Ubuntu without one, install Debian's xvfb; otherwise that test is skipped.
xvfb:
	@command -v xvfb-run >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "No xvfb-run found: installing Debian's xvfb package"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb >/dev/null; \
	  else \
	    echo "No xvfb-run: the login-window tests will be skipped (sudo apt-get install xvfb)"; \
	  fi; }

# The pinned axe-core release from npm; without npm the bundled axe-core is used.
axe: $(STAMP)
	@$(BIN)/cx-audit setup >/dev/null || true
	@$(BIN)/cx-audit --version

# Compiled modules for the CLI's many short runs: where PYTHONDONTWRITEBYTECODE is set (CI
# images often set it), every run would compile the project's source again (0.8 s each).
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q auditor checks reports >/dev/null

demo: browser axe bytecode
	$(BIN)/cx-audit demo

lint: $(STAMP)
	$(BIN)/ruff check .

# Two pytest-xdist workers, a test module per worker at a time (its module-scoped audits run
# once); most end-to-end tests wait on a browser or a server part of the time.
test: browser axe xvfb bytecode lint
	$(BIN)/pytest -q -n 2 --dist loadfile

bench: browser
	$(BIN)/python -m bench.throughput

clean:
	rm -rf $(VENV) cx-audit-report .pytest_cache .ruff_cache

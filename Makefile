# Installing Tend like other software. See docs/install.md.
#
#   make install            build the release binary and install it under PREFIX
#   make uninstall          remove what install put there (never the journals)
#   make deb                build .build/tend_<version>_<arch>.deb (dpkg-deb)
#
# PREFIX defaults to ~/.local, or /usr/local when run as root. DESTDIR stages an install
# (the Debian package uses it). SWIFTFLAGS passes extra flags to swift build (CI: -j 2).

ifeq ($(shell id -u),0)
PREFIX ?= /usr/local
else
PREFIX ?= $(HOME)/.local
endif
DESTDIR ?=
SWIFTFLAGS ?=

# Static standard library: measured 13 ms against 20 ms for `tend check` start to exit
# (docs/install.md). Only the `tend` product: the test-support target imports Testing, which
# has no static library, so building everything statically fails.
SWIFT_BUILD = swift build -c release --static-swift-stdlib $(SWIFTFLAGS)
BIN = .build/release/tend
MANUAL = .build/release/generate-manual
STAGE = .build/install
VERSION = $(shell sed -n 's/.*static let program = "\(.*\)".*/\1/p' Sources/TendCore/Catalog/TendVersion.swift)
MANDATE = $(shell git log -1 --format=%cs 2>/dev/null || date +%F)

root = $(DESTDIR)$(PREFIX)
bindir = $(root)/bin
datadir = $(root)/share/tend
mandir = $(root)/share/man/man1
bashdir = $(root)/share/bash-completion/completions
zshdir = $(root)/share/zsh/site-functions
fishdir = $(root)/share/fish/vendor_completions.d

.PHONY: all build install install-files uninstall deb

all: build

# The binary, its manual page (ArgumentParser's generate-manual, run on the built binary) and
# its completion scripts (ArgumentParser's --generate-completion-script), in $(STAGE).
build:
	$(SWIFT_BUILD) --product tend
	$(SWIFT_BUILD) --product generate-manual
	rm -rf $(STAGE) && mkdir -p $(STAGE)
	$(MANUAL) $(BIN) --date $(MANDATE) --output-directory $(STAGE)
	$(BIN) --generate-completion-script bash > $(STAGE)/tend.bash
	$(BIN) --generate-completion-script zsh > $(STAGE)/_tend
	$(BIN) --generate-completion-script fish > $(STAGE)/tend.fish

# Data is replaced whole, so an upgrade leaves no stale file behind (the data digest that
# `tend --version` and every summary show covers every file). In a per-user install,
# share/tend is also where journals live (receivers/): only Routines/ and Locales/ are touched.
install: build
	@$(MAKE) --no-print-directory install-files

# Installs what `build` made, without building (the Debian package stages with this).
install-files:
	install -d $(bindir) $(datadir) $(mandir) $(bashdir) $(zshdir) $(fishdir)
	install -m 755 -s $(BIN) $(bindir)/tend
	rm -rf $(datadir)/Routines $(datadir)/Locales
	cp -R Routines Locales $(datadir)/
	chmod -R u=rwX,go=rX $(datadir)/Routines $(datadir)/Locales
	install -m 644 $(STAGE)/tend.1 $(mandir)/tend.1
	install -m 644 $(STAGE)/tend.bash $(bashdir)/tend
	install -m 644 $(STAGE)/_tend $(zshdir)/_tend
	install -m 644 $(STAGE)/tend.fish $(fishdir)/tend.fish
	@echo "Installed tend $(VERSION) in $(bindir); data in $(datadir)."

uninstall:
	rm -f $(bindir)/tend $(mandir)/tend.1 $(bashdir)/tend $(zshdir)/_tend $(fishdir)/tend.fish
	rm -rf $(datadir)/Routines $(datadir)/Locales
	-rmdir $(datadir) 2>/dev/null
	@echo "Removed tend from $(root). Journals were not touched."

deb: build
	.ci/build-deb $(VERSION)

#!/usr/bin/env bash
# Debian packages the dashboard browser tests and the PDF checks need: chromium, chromium-driver, poppler-utils.
# Installs with apt only what is missing. Source it or run it.
triage_browser_main() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  echo "browser.sh: installing ${missing[*]} (apt-get)" >&2
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "browser.sh: WARNING: could not install ${missing[*]}; the browser and PDF tests will fail under CI" >&2
    return 1
  fi
}
triage_browser_main || true

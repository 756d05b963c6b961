// Package browsertest checks camkit's HTML access-review report in a real
// browser: headless Chromium (Debian's chromium package) driven by chromedp.
// It is a separate module, like benchmarks/, so the library does not depend on
// chromedp. The tests skip when no Chromium is installed; CI installs it.
//
// Run it with:
//
//	cd browsertest && go test ./...
//
// Set CAMKIT_SCREENSHOT to a file path to keep the screenshot the test takes.
package browsertest

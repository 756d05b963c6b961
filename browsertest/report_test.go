package browsertest

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/camfake"
	"github.com/camkit/camkit/review"
)

// chromium returns the path of a Chromium binary, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("CAMKIT_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium found; CI must install Debian's chromium package")
	}
	t.Skip("no Chromium found; install Debian's chromium package to run the browser tests")
	return ""
}

// demoReport reviews the demo account with its audit events.
func demoReport(t *testing.T) *review.Report {
	t.Helper()
	ctx := context.Background()
	fake := camfake.Demo()
	snap, err := cam.Load(ctx, fake, cam.WithClock(func() time.Time { return camfake.DemoTime }))
	if err != nil {
		t.Fatal(err)
	}
	cfg := review.DefaultConfig()
	cfg.Now = camfake.DemoTime
	cfg.OfficeIPs = []string{"10.20.0.0/16"}
	r := review.Assess(snap, cfg)
	events, err := review.Events(ctx, fake, camfake.DemoTime.Add(-29*24*time.Hour), camfake.DemoTime, cfg)
	if err != nil {
		t.Fatal(err)
	}
	r.Add(events...)
	return r
}

func TestHTMLReportInChromium(t *testing.T) {
	bin := chromium(t)
	r := demoReport(t)
	var page bytes.Buffer
	if err := r.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	// The page is served on loopback; the browser has no other network.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page.Bytes())
	}))
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 1600))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	high := r.Counts()[review.High]
	count := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("evaluating %s: %v", js, err)
		}
		return n
	}
	text := func(id string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID(id)))
		if err != nil {
			t.Fatalf("reading #%s: %v", id, err)
		}
		return s
	}
	setSeverity := func(v string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("filter-severity"), v)); err != nil {
			t.Fatalf("choosing severity %q: %v", v, err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('filter-severity').dispatchEvent(new Event('change'))`)); err != nil {
			t.Fatalf("choosing severity %q: %v", v, err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL), chromedp.WaitVisible(chromedp.ID("findings"))); err != nil {
		t.Fatalf("loading the report in Chromium: %v", err)
	}
	rows := count(`document.querySelectorAll('#findings tr.finding').length`)
	heatRows := count(`document.querySelectorAll('#heatmap tr.heat-row').length`)
	keyBars := count(`document.querySelectorAll('#key-timeline g.key').length`)
	bars := count(`document.querySelectorAll('#severity-chart g.bar').length`)
	shown := text("shown-count")
	setSeverity("high")
	shownHigh := text("shown-count")
	setSeverity("")
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("filter-text"), "grace.li")); err != nil {
		t.Fatal(err)
	}
	shownText := text("shown-count")
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if rows != len(r.Findings) || shown != strconv.Itoa(len(r.Findings)) {
		t.Errorf("finding rows %d, shown %q; report has %d", rows, shown, len(r.Findings))
	}
	if heatRows != len(r.Access) || heatRows == 0 {
		t.Errorf("heat map rows %d; report has %d", heatRows, len(r.Access))
	}
	keys := 0
	for _, u := range r.Users {
		keys += len(u.Keys)
	}
	if keyBars != keys || keys == 0 {
		t.Errorf("key timeline bars %d; report has %d keys", keyBars, keys)
	}
	if bars != 5 {
		t.Errorf("severity chart bars %d", bars)
	}
	if shownHigh != strconv.Itoa(high) || high == 0 {
		t.Errorf("severity filter shows %q; report has %d high findings", shownHigh, high)
	}
	grace := 0
	for _, f := range r.Findings {
		if f.Subject == "grace.li" {
			grace++
		}
	}
	if shownText != strconv.Itoa(grace) || grace == 0 {
		t.Errorf("text filter shows %q; report has %d findings about grace.li", shownText, grace)
	}
	if len(shot) < 1000 {
		t.Fatalf("screenshot of %d bytes", len(shot))
	}
	path := os.Getenv("CAMKIT_SCREENSHOT")
	if path == "" {
		path = filepath.Join(t.TempDir(), "report.png")
	}
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", path, len(shot))
}

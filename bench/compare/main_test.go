package main

import (
	"context"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestMissingHugo(t *testing.T) {
	var stdout, stderr strings.Builder
	err := run(context.Background(), []string{"-hugo", "no-such-hugo-for-furusato", "-pages", "5"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "hugo is not installed") || !strings.Contains(err.Error(), "apt-get install hugo") {
		t.Fatalf("got %v, want an error saying hugo is missing and how to install it", err)
	}
	if stdout.Len() > 0 {
		t.Errorf("printed before failing: %s", stdout.String())
	}
}

// needHugo skips a test that builds both sites in -short mode or where
// Debian's hugo is not installed; in CI, a missing hugo fails it.
func needHugo(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds furusato and both sites")
	}
	if _, err := exec.LookPath("hugo"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("hugo not found, and CI must run this test: install Debian's hugo (apt-get install -y hugo)")
		}
		t.Skip("hugo is not installed (Debian: apt-get install hugo)")
	}
}

// TestCompare runs the whole comparison on a small site.
func TestCompare(t *testing.T) {
	needHugo(t)
	var stdout, stderr strings.Builder
	work := t.TempDir()
	err := run(context.Background(), []string{"-pages", "20", "-runs", "2", "-large", "-large-pages", "30", "-from", "../..", "-work", work}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	out := stdout.String()
	t.Log(out)
	for _, want := range []string{
		"run 1 furusato", "run 1 hugo", "run 2 furusato", "run 2 hugo",
		"40 (20/lang)", "60 (30/lang)", "cores", "furusato 60 / 40 pages wall time, in the comparison: ",
		"furusato alone, 40 and 60 pages alternating:", "run 2      60 pages", "furusato 60 / 40 pages wall time, alone: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the output", want)
		}
	}
	// At each size both made the same number of HTML pages, and ratios
	// were printed.
	rows := regexp.MustCompile(`(?m)^.*\b(furusato|hugo)\s+[\d.]+ s\s+[\d.]+ s\s+\d+ MB\s+(\d+)$`).FindAllStringSubmatch(out, -1)
	if len(rows) != 4 || rows[0][2] != rows[1][2] || rows[2][2] != rows[3][2] || rows[0][2] == "0" || rows[0][2] == rows[2][2] {
		t.Errorf("want a row for each at each size with the same page count, got %q", rows)
	}
	if n := len(regexp.MustCompile(`ratio\s+\d+\.\d\d×\s+\d+\.\d\d×\s+\d+\.\d\d×`).FindAllString(out, -1)); n != 2 {
		t.Errorf("%d lines of ratios, want 2", n)
	}
	if entries, _ := os.ReadDir(work); len(entries) != 0 {
		t.Errorf("left %d files in the work folder", len(entries))
	}
}

func TestFormats(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %s, want %s", n, got, want)
		}
	}
	if got := median([]time.Duration{3, 1, 2}); got != 2 {
		t.Errorf("median of 3 = %d", got)
	}
	if got := median([]int64{4, 1, 3, 2}); got != 2 {
		t.Errorf("median of 4 = %d", got)
	}
	if got := ratio(time.Second, 4*time.Second); got != "0.25×" {
		t.Errorf("ratio = %s", got)
	}
}

// TestCompareImages runs the image comparison on a few small photos.
func TestCompareImages(t *testing.T) {
	needHugo(t)
	var stdout, stderr strings.Builder
	work := t.TempDir()
	err := run(context.Background(), []string{"-images", "3", "-photo-size", "640x480", "-runs", "1", "-from", "../..", "-work", work}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	out := stdout.String()
	t.Log(out)
	for _, want := range []string{"3 pages, a 640x480 photo each", "run 1 furusato ", "run 1 hugo ", "run 1 furusato-warm", "run 1 furusato-none"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the output", want)
		}
	}
	// Both publish variants of every photo; the site without photos none.
	rows := map[string]int{}
	for _, m := range regexp.MustCompile(`(?m)^(furusato|hugo|furusato-warm|furusato-none)\s+[\d.]+ s\s+[\d.]+ s\s+\d+ MB\s+(\d+)$`).FindAllStringSubmatch(out, -1) {
		rows[m[1]], _ = strconv.Atoi(m[2])
	}
	if rows["furusato"] < 3*2 || rows["hugo"] < 3*2 || rows["furusato-warm"] != rows["furusato"] || rows["furusato-none"] != 0 {
		t.Errorf("image files per build: %v; want variants of each photo from each but furusato-none", rows)
	}
	if !regexp.MustCompile(`empty cache, furusato / hugo wall: \d+\.\d\d×`).MatchString(out) || !regexp.MustCompile(`warm cache / the same pages without photos: \d+\.\d\d× \([+-]\d+\.\d %\)`).MatchString(out) {
		t.Error("no ratios in the output")
	}
}

// TestCompareImagesExampleTheme runs the image comparison with the
// example site's pages: furusato's builds make its own photos too, and
// two sizes of each of the 2 photos (480 and 640 wide), in two formats.
func TestCompareImagesExampleTheme(t *testing.T) {
	needHugo(t)
	var stdout, stderr strings.Builder
	err := run(context.Background(), []string{"-images", "2", "-photo-size", "640x480", "-runs", "1", "-theme", "example", "-from", "../..", "-work", t.TempDir()}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	out := stdout.String()
	t.Log(out)
	if !strings.Contains(out, "2 pages, a 640x480 photo each, example theme") {
		t.Error("the header does not name the theme")
	}
	rows := map[string]int{}
	for _, m := range regexp.MustCompile(`(?m)^(furusato|furusato-warm|furusato-none)\s+[\d.]+ s\s+[\d.]+ s\s+\d+ MB\s+(\d+)$`).FindAllStringSubmatch(out, -1) {
		rows[m[1]], _ = strconv.Atoi(m[2])
	}
	if rows["furusato-none"] == 0 || rows["furusato"]-rows["furusato-none"] != 2*2*2 || rows["furusato-warm"] != rows["furusato"] {
		t.Errorf("image files per build: %v; want the example's own in each, and 8 more with the photos", rows)
	}
	// The pages without the photos were timed with the example's own
	// photos in their cache: a warm build, not one that makes them.
	if m := regexp.MustCompile(`warm cache / the same pages without photos: (\d+\.\d\d)×`).FindStringSubmatch(out); m == nil {
		t.Error("no warm ratio in the output")
	} else if r, _ := strconv.ParseFloat(m[1], 64); r < 0.5 {
		t.Errorf("warm / without photos = %s: the build without photos made the example's photos", m[1])
	}
}

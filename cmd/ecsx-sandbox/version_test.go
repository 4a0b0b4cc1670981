package main

import (
	"bytes"
	"io"
	"os/exec"
	"path/filepath"
	"testing"
)

// -version prints the version the binary was built with and starts nothing.
func TestVersionFlag(t *testing.T) {
	var out bytes.Buffer
	if err := run(t.Context(), []string{"-version"}, &out, io.Discard); err != nil {
		t.Fatalf("run -version: %v", err)
	}
	if got := out.String(); got != "ecsx-sandbox dev\n" {
		t.Errorf("-version printed %q, want %q", got, "ecsx-sandbox dev\n")
	}
}

// The release stamps the version with -ldflags "-X main.version=...", as it
// does the provider's; the built binary prints it.
func TestVersionFromLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "ecsx-sandbox")
	build := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w -X main.version=1.2.3", "-o", bin, ".")
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	out, err := exec.Command(bin, "-version").Output()
	if err != nil {
		t.Fatalf("ecsx-sandbox -version: %v", err)
	}
	if string(out) != "ecsx-sandbox 1.2.3\n" {
		t.Errorf("-version printed %q, want %q", out, "ecsx-sandbox 1.2.3\n")
	}
}

package acctest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// built holds the programs that Build made in this test binary.
var built struct {
	mu   sync.Mutex
	dir  string
	bins map[string]string // package -> binary
	errs map[string]error
}

// Build builds the main package pkg (a path relative to the module root,
// such as "." or "./cmd/ecsx-sandbox") into a binary called name, once per
// test binary, and returns the binary's path. The binaries go into one
// temporary directory that RemoveBuilt removes: call it from TestMain.
func Build(t testing.TB, name, pkg string) string {
	t.Helper()
	root := ModuleRoot(t)
	built.mu.Lock()
	defer built.mu.Unlock()
	if p, ok := built.bins[pkg]; ok {
		return p
	}
	if err, ok := built.errs[pkg]; ok {
		t.Fatal(err)
	}
	if built.dir == "" {
		dir, err := os.MkdirTemp("", "ecsx-build-") //nolint:usetesting // shared by every test of the binary; RemoveBuilt removes it
		if err != nil {
			t.Fatal(err)
		}
		built.dir, built.bins, built.errs = dir, map[string]string{}, map[string]error{}
	}
	out := filepath.Join(built.dir, name)
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		built.errs[pkg] = fmt.Errorf("go build %s: %v\n%s", pkg, err, b)
		t.Fatal(built.errs[pkg])
	}
	built.bins[pkg] = out
	return out
}

// RemoveBuilt removes what Build made.
func RemoveBuilt() {
	built.mu.Lock()
	defer built.mu.Unlock()
	if built.dir != "" {
		_ = os.RemoveAll(built.dir)
	}
}

package guides

import (
	"bufio"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

// startSandboxProgram starts the ecsx-sandbox program (the binary users
// run) on a free loopback port and returns its URL; the test stops it.
func startSandboxProgram(t *testing.T) string {
	t.Helper()
	_, bin := binaries(t)
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
		}
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("ecsx-sandbox printed no ready line: %v", err)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "ecsx-sandbox listening on ")
	if !ok {
		t.Fatalf("ecsx-sandbox ready line %q", line)
	}
	return url
}

// copyTree copies the directory src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if d.Name() == ".terraform" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasPrefix(d.Name(), "terraform.tfstate") || d.Name() == ".terraform.lock.hcl" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// examples/terraform-test passes terraform test on the newest Terraform
// against the ecsx-sandbox program, run by the "In CI" commands of the
// guide "Testing your modules offline with ecsx-sandbox" as written (the
// sandbox binary in the module's directory, as a user unzips it there; one
// line inserted before the sandbox is stopped saves its call counters).
// Every run block passes, as many as the guide says, and the sandbox saw
// the module's cluster created, its tag changed, the helper's two container
// instances registered, and the destroy at the end drain them
// (force_destroy) and delete the cluster.
func TestExample_terraformTest(t *testing.T) {
	skipShort(t)
	terraform := latestTerraform(t)
	_, sandboxBin := binaries(t)
	sh := newShell(t, terraform)
	copyTree(t, filepath.Join(acctest.ModuleRoot(t), "examples", "terraform-test"), sh.dir)
	if err := os.Symlink(sandboxBin, filepath.Join(sh.dir, "ecsx-sandbox")); err != nil {
		t.Fatal(err)
	}

	guide := readDoc(t, "docs/guides/testing-with-ecsx-sandbox.md")
	ci := only(t, blocks(section(t, guide, "## In CI")), "shell", 1)[0].body
	lines := strings.Split(strings.TrimRight(ci, "\n"), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "kill ") {
		t.Fatalf("the guide's CI commands do not end by stopping the sandbox: %q", last)
	}
	script := "terraform fmt -check -recursive -diff\n" + strings.Join(lines[:len(lines)-1], "\n") +
		"\ncurl -sf \"$TF_VAR_sandbox_endpoint/_sandbox/stats\" > stats.json\n" + last + "\nwait\n"

	runs := regexp.MustCompile(`(?m)^run "`).FindAllString(readDoc(t, "examples/terraform-test/tests/cluster.tftest.hcl"), -1)
	claimed := regexp.MustCompile(`Success! (\d+) passed, 0 failed`).FindStringSubmatch(guide)
	if claimed == nil || claimed[1] != strconv.Itoa(len(runs)) {
		t.Fatalf("the test file has %d run blocks; the guide says %v", len(runs), claimed)
	}
	out, code := sh.run(script)
	out = regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(out, "") // the guide's commands keep Terraform's colours
	if code != 0 {
		t.Fatalf("the guide's CI commands failed (exit %d):\n%s", code, out)
	}
	if m := regexp.MustCompile(`Success! (\d+) passed, 0 failed`).FindStringSubmatch(out); m == nil || m[1] != claimed[1] {
		t.Fatalf("want %s run blocks passed:\n%s", claimed[1], out)
	}
	var stats struct {
		Calls map[string]int `json:"calls"`
	}
	if err := json.Unmarshal([]byte(sh.read("stats.json")), &stats); err != nil {
		t.Fatal(err)
	}
	calls := stats.Calls
	for op, n := range map[string]int{"CreateCluster": 1, "TagResource": 1, "DeregisterContainerInstance": 2} {
		if calls[op] != n {
			t.Errorf("%s calls = %d, want %d (calls %v)", op, calls[op], n, calls)
		}
	}
	if calls["DeleteCluster"] < 1 {
		t.Errorf("the cluster was never deleted (calls %v)", calls)
	}
}

// Package guides runs the documentation as written: the local walkthroughs
// of the guides (extracted from docs/guides/*.md, the pages users read)
// with the real Terraform CLI against the ECS sandbox, the
// examples/terraform-test module with terraform test, and the Permissions
// guide against the operations the provider's code calls.
package guides

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

// TestMain removes the binaries the tests build.
func TestMain(m *testing.M) {
	code := m.Run()
	acctest.RemoveBuilt()
	os.Exit(code)
}

// binaries builds the provider and the ecsx-sandbox program once per test
// binary.
func binaries(t *testing.T) (provider, sandbox string) {
	t.Helper()
	return acctest.Build(t, "terraform-provider-ecsx", "."), acctest.Build(t, "ecsx-sandbox", "./cmd/ecsx-sandbox")
}

// skipShort skips the tests that run the CLI under go test -short.
func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the Terraform CLI")
	}
}

// latestTerraform is ECSX_TERRAFORM_LATEST or bin/terraform-1.15.9; the test
// skips without it.
func latestTerraform(t *testing.T) string {
	t.Helper()
	p := os.Getenv("ECSX_TERRAFORM_LATEST")
	if p == "" {
		p = filepath.Join(acctest.ModuleRoot(t), "bin", "terraform-1.15.9")
	}
	out, err := exec.Command(p, "version").Output()
	if err != nil || !bytes.HasPrefix(out, []byte("Terraform v1.")) {
		t.Skipf("needs Terraform >= 1.6 for terraform test: set ECSX_TERRAFORM_LATEST, or build bin/terraform-1.15.9 (make clis): %v", err)
	}
	return p
}

// shell is a working directory where a guide's commands run as a user
// runs them: bash, with terraform on PATH, the built provider installed
// from a filesystem mirror (so that terraform init runs for real, offline),
// and no AWS or Terraform variables from the test's environment.
type shell struct {
	t   *testing.T
	dir string
	env []string
}

func newShell(t *testing.T, terraform string) *shell {
	t.Helper()
	provider, _ := binaries(t)
	base := t.TempDir()
	target := filepath.Join(base, "mirror", "registry.terraform.io", "ecsx", "ecsx", "0.1.0", runtime.GOOS+"_"+runtime.GOARCH)
	if err := os.MkdirAll(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(provider, filepath.Join(target, "terraform-provider-ecsx_v0.1.0")); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(base, "cli.rc")
	content := fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path = %q\n  }\n}\n", filepath.Join(base, "mirror"))
	if err := os.WriteFile(rc, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(base, "path")
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(terraform, filepath.Join(path, "terraform")); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(base, "work")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "TF_"), strings.HasPrefix(k, "AWS_"):
			continue
		case k == "PATH":
			kv = "PATH=" + path + string(os.PathListSeparator) + v
		}
		env = append(env, kv)
	}
	// No shared AWS files of the machine's user: the walkthroughs bring
	// their own.
	env = append(env, "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"AWS_CONFIG_FILE="+filepath.Join(base, "no-aws-config"),
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(base, "no-aws-credentials"),
		"AWS_EC2_METADATA_DISABLED=true")
	return &shell{t: t, dir: dir, env: env}
}

// write writes a file of the working directory.
func (s *shell) write(name, content string) {
	s.t.Helper()
	p := filepath.Join(s.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		s.t.Fatal(err)
	}
}

// run runs script with bash -e in the working directory and returns its
// output and exit code. The script runs in a process group of its own,
// killed when it ends, so that a program it started in the background (a
// sandbox) never outlives a script that failed before stopping it.
func (s *shell) run(script string) (string, int) {
	s.t.Helper()
	cmd := exec.CommandContext(s.t.Context(), "bash", "-e", "-c", script)
	cmd.Dir = s.dir
	cmd.Env = s.env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("bash: %v", err)
	}
	err := cmd.Wait()
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
	if err != nil {
		exitErr, ok := err.(*exec.ExitError)
		if !ok {
			s.t.Fatalf("bash: %v", err)
		}
		return out.String(), exitErr.ExitCode()
	}
	return out.String(), 0
}

// A block is a fenced code block of a Markdown page.
type block struct {
	lang string
	body string
}

// readDoc reads a page of the repository.
func readDoc(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(acctest.ModuleRoot(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// section returns the part of a Markdown page from the heading line
// (exactly, "## Title") to the next heading of the same or a higher level.
func section(t *testing.T, page, heading string) string {
	t.Helper()
	level := strings.Index(heading, " ")
	lines := strings.Split(page, "\n")
	for i, l := range lines {
		if l != heading {
			continue
		}
		end := len(lines)
		fenced := false
		for j := i + 1; j < len(lines); j++ {
			if strings.HasPrefix(strings.TrimLeft(lines[j], " "), "```") {
				fenced = !fenced
			}
			if n := strings.Index(lines[j], " "); !fenced && n > 0 && n <= level && strings.Trim(lines[j][:n], "#") == "" {
				end = j
				break
			}
		}
		return strings.Join(lines[i:end], "\n")
	}
	t.Fatalf("no heading %q", heading)
	return ""
}

// blocks returns the fenced code blocks of text, indentation removed.
func blocks(text string) []block {
	var out []block
	var cur *block
	indent := ""
	for _, l := range strings.Split(text, "\n") {
		trimmed := strings.TrimLeft(l, " ")
		if cur == nil {
			if rest, ok := strings.CutPrefix(trimmed, "```"); ok {
				indent = l[:len(l)-len(trimmed)]
				cur = &block{lang: strings.TrimSpace(rest)}
			}
			continue
		}
		if strings.TrimSpace(l) == "```" {
			out = append(out, *cur)
			cur = nil
			continue
		}
		cur.body += strings.TrimPrefix(l, indent) + "\n"
	}
	return out
}

// only returns the blocks of one language, failing unless there are n.
func only(t *testing.T, bs []block, lang string, n int) []block {
	t.Helper()
	var out []block
	for _, b := range bs {
		if b.lang == lang {
			out = append(out, b)
		}
	}
	if len(out) != n {
		t.Fatalf("want %d %s blocks, found %d", n, lang, len(out))
	}
	return out
}

// read reads a file of the working directory.
func (s *shell) read(name string) string {
	s.t.Helper()
	b, err := os.ReadFile(filepath.Join(s.dir, name))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(b)
}

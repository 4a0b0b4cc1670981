package harness

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Terraform runs the pinned Terraform CLI with a private CLI configuration
// whose dev_overrides point at the benchmark's provider binaries.
type Terraform struct {
	Bin string
	env []string
}

// NewTerraform writes the CLI configuration into workDir and prepares the
// environment: the caller's, less anything that changes Terraform's
// behaviour (every TF_* variable), plus CHECKPOINT_DISABLE,
// TF_IN_AUTOMATION and the extra KEY=VALUE pairs given.
func NewTerraform(bin, workDir, pluginDir string, extra []string) (*Terraform, error) {
	cli := filepath.Join(workDir, "terraform.tfrc")
	conf := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "ecsx/ecsx" = %[1]q
    "ecsx/noop" = %[1]q
    "ecsx/noopschema" = %[1]q
  }
  direct {}
}
`, pluginDir)
	if err := os.WriteFile(cli, []byte(conf), 0o644); err != nil {
		return nil, err
	}
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_") || strings.HasPrefix(kv, "CHECKPOINT_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"TF_CLI_CONFIG_FILE="+cli,
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
	)
	env = append(env, extra...)
	return &Terraform{Bin: bin, env: env}, nil
}

// Run is the outcome of one Terraform command.
type Run struct {
	Wall     time.Duration
	ExitCode int
	Provider Usage         // the watched provider processes
	TotalCPU time.Duration // Terraform and all its children
	Output   []byte
}

// Run executes terraform in dir and watches the peak RSS of the child
// processes whose executable is named providerExe (none when empty).
func (t *Terraform) Run(dir, providerExe string, args ...string) (Run, error) {
	return t.RunEnv(dir, providerExe, nil, args...)
}

// RunEnv is Run with extra KEY=VALUE pairs in the environment of Terraform
// and its providers.
func (t *Terraform) RunEnv(dir, providerExe string, env []string, args ...string) (Run, error) {
	var out bytes.Buffer
	cmd := exec.Command(t.Bin, args...)
	cmd.Dir = dir
	cmd.Env = append(slices.Clip(t.env), env...)
	cmd.Stdout = &out
	cmd.Stderr = &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Run{}, err
	}
	var w *ChildWatcher
	if providerExe != "" {
		w = WatchChildren(cmd.Process.Pid, providerExe, 10*time.Millisecond)
	}
	err := cmd.Wait()
	r := Run{Wall: time.Since(start), Output: out.Bytes()}
	if w != nil {
		r.Provider = w.Stop()
	}
	if ps := cmd.ProcessState; ps != nil {
		r.TotalCPU = ps.UserTime() + ps.SystemTime()
	}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		r.ExitCode = exit.ExitCode()
	case err != nil:
		return r, err
	}
	return r, nil
}

// Summary is the resource count line Terraform prints at the end of an
// apply or destroy.
type Summary struct {
	Added, Changed, Destroyed int
}

var (
	applyLine   = regexp.MustCompile(`Apply complete! Resources: ([0-9]+) added, ([0-9]+) changed, ([0-9]+) destroyed\.`)
	destroyLine = regexp.MustCompile(`Destroy complete! Resources: ([0-9]+) destroyed\.`)
)

// ParseSummary finds the last apply or destroy summary in Terraform's output.
func ParseSummary(out []byte) (Summary, bool) {
	if m := applyLine.FindAllSubmatch(out, -1); len(m) > 0 {
		last := m[len(m)-1]
		return Summary{atoi(last[1]), atoi(last[2]), atoi(last[3])}, true
	}
	if m := destroyLine.FindAllSubmatch(out, -1); len(m) > 0 {
		return Summary{Destroyed: atoi(m[len(m)-1][1])}, true
	}
	return Summary{}, false
}

func atoi(b []byte) int {
	n, _ := strconv.Atoi(string(b))
	return n
}

// Tail returns the last n lines of out, for error messages.
func Tail(out []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
